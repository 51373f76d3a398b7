"""Per-sample regression errors and correlations: one value per sample, the last axis reduced.

Written here rather than taken from ``frontend.losses`` so the metrics stand alone; the
formulas are Keras 3's, including where ``epsilon()`` guards a division or a log.
"""

import math

from frontend import config, ops
from frontend.metrics.weighting import match_rank
from frontend.ops import dtypes


def _pair(y_true, y_pred):
    """Both as tensors of y_pred's float dtype, ranks matched."""
    y_pred = ops.convert_to_tensor(y_pred)
    if not dtypes.is_float(ops.dtype(y_pred)):
        y_pred = ops.cast(y_pred, config.floatx())
    y_true = ops.convert_to_tensor(y_true, ops.dtype(y_pred))
    return match_rank(y_true, y_pred)


def _epsilon(like):
    return ops.convert_to_tensor(config.epsilon(), ops.dtype(like))


def mean_squared_error(y_true, y_pred):
    y_true, y_pred = _pair(y_true, y_pred)
    return ops.mean(ops.square(ops.subtract(y_true, y_pred)), axis=-1)


def mean_absolute_error(y_true, y_pred):
    y_true, y_pred = _pair(y_true, y_pred)
    return ops.mean(ops.abs(ops.subtract(y_true, y_pred)), axis=-1)


def mean_absolute_percentage_error(y_true, y_pred):
    """100 * mean(|y_true - y_pred| / max(|y_true|, epsilon))."""
    y_true, y_pred = _pair(y_true, y_pred)
    relative = ops.abs(ops.divide(ops.subtract(y_true, y_pred), ops.maximum(ops.abs(y_true), _epsilon(y_true))))
    return ops.multiply(100.0, ops.mean(relative, axis=-1))


def mean_squared_logarithmic_error(y_true, y_pred):
    """mean((log(1 + max(y_pred, eps)) - log(1 + max(y_true, eps)))^2)."""
    y_true, y_pred = _pair(y_true, y_pred)
    eps = _epsilon(y_pred)
    gap = ops.subtract(ops.log1p(ops.maximum(y_pred, eps)), ops.log1p(ops.maximum(y_true, eps)))
    return ops.mean(ops.square(gap), axis=-1)


def cosine_similarity(y_true, y_pred, axis=-1):
    """The cosine of the angle between the two vectors along ``axis`` (1 when they point the same way)."""
    y_true, y_pred = _pair(y_true, y_pred)
    return ops.sum(ops.multiply(ops.normalize(y_true, axis=axis), ops.normalize(y_pred, axis=axis)), axis=axis)


def log_cosh(y_true, y_pred):
    """mean(log(cosh(y_pred - y_true))), computed as x + softplus(-2x) - log 2 so it cannot overflow."""
    y_true, y_pred = _pair(y_true, y_pred)
    error = ops.subtract(y_pred, y_true)
    values = ops.subtract(ops.add(error, ops.softplus(ops.multiply(error, -2.0))), math.log(2.0))
    return ops.mean(values, axis=-1)


def huber(y_true, y_pred, delta=1.0):
    """Squared error / 2 inside ``delta``, linear (``delta * |e| - delta^2 / 2``) outside."""
    y_true, y_pred = _pair(y_true, y_pred)
    error = ops.abs(ops.subtract(y_pred, y_true))
    quadratic = ops.multiply(0.5, ops.square(error))
    linear = ops.subtract(ops.multiply(delta, error), 0.5 * delta * delta)
    return ops.mean(ops.where(ops.less_equal(error, delta), quadratic, linear), axis=-1)


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
