"""Per-sample regression errors and correlations: one value per sample, the last axis reduced.

The errors are the losses' own functions (one formula each); cosine similarity (the loss
is its negative) and the correlations live here.
"""

from frontend import config, ops
from frontend.losses.regression import (  # noqa: F401  (re-exported for the metrics)
    huber,
    log_cosh,
    mean_absolute_error,
    mean_absolute_percentage_error,
    mean_squared_error,
    mean_squared_logarithmic_error,
)
from frontend.metrics.weighting import match_rank
from frontend.ops import dtypes


def _pair(y_true, y_pred):
    """Both as tensors of y_pred's float dtype, ranks matched."""
    y_pred = ops.convert_to_tensor(y_pred)
    if not dtypes.is_float(ops.dtype(y_pred)):
        y_pred = ops.cast(y_pred, config.floatx())
    y_true = ops.convert_to_tensor(y_true, ops.dtype(y_pred))
    return match_rank(y_true, y_pred)


def cosine_similarity(y_true, y_pred, axis=-1):
    """The cosine of the angle between the two vectors along ``axis`` (1 when they point the same way)."""
    y_true, y_pred = _pair(y_true, y_pred)
    return ops.sum(ops.multiply(ops.normalize(y_true, axis=axis), ops.normalize(y_pred, axis=axis)), axis=axis)


def pearson_correlation(y_true, y_pred, axis=-1):
    """Pearson's correlation coefficient along ``axis``."""
    y_true, y_pred = _pair(y_true, y_pred)
    centered_true = ops.subtract(y_true, ops.mean(y_true, axis=axis, keepdims=True))
    centered_pred = ops.subtract(y_pred, ops.mean(y_pred, axis=axis, keepdims=True))
    standard_true = ops.divide(centered_true, ops.std(centered_true, axis=axis, keepdims=True))
    standard_pred = ops.divide(centered_pred, ops.std(centered_pred, axis=axis, keepdims=True))
    return ops.mean(ops.multiply(standard_true, standard_pred), axis=axis)


def concordance_correlation(y_true, y_pred, axis=-1):
    """Lin's concordance correlation: 2 cov / (var_true + var_pred + (mean_true - mean_pred)^2)."""
    y_true, y_pred = _pair(y_true, y_pred)
    mean_true = ops.mean(y_true, axis=axis, keepdims=True)
    mean_pred = ops.mean(y_pred, axis=axis, keepdims=True)
    spread = ops.add(
        ops.add(ops.var(y_true, axis=axis, keepdims=True), ops.var(y_pred, axis=axis, keepdims=True)),
        ops.square(ops.subtract(mean_true, mean_pred)),
    )
    products = ops.multiply(ops.subtract(y_true, mean_true), ops.subtract(y_pred, mean_pred))
    return ops.mean(ops.divide(ops.multiply(2.0, products), ops.add(spread, config.epsilon())), axis=axis)
