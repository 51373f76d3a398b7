"""Regression losses: squared, absolute, percentage and logarithmic errors, Huber, log-cosh, cosine.

Each function returns one value per sample (the mean over the last axis, or the sum
along ``axis`` for cosine similarity); the class of the same name reduces over samples.
"""

import math

from frontend import config, ops
from frontend.losses.inputs import check_broadcastable, float_pair
from frontend.losses.loss import squeeze_or_expand_to_same_rank
from frontend.losses.wrapper import BuiltinLoss


def _pair(name, y_true, y_pred):
    """Float tensors of equal rank whose shapes broadcast, else an error naming the loss."""
    y_true, y_pred = squeeze_or_expand_to_same_rank(*float_pair(y_true, y_pred))
    check_broadcastable(name, y_true, y_pred)
    return y_true, y_pred


def mean_squared_error(y_true, y_pred):
    """mean((y_true - y_pred)^2) over the last axis."""
    y_true, y_pred = _pair("mean_squared_error", y_true, y_pred)
    return ops.mean(ops.square(ops.subtract(y_true, y_pred)), axis=-1)


def mean_absolute_error(y_true, y_pred):
    """mean(|y_true - y_pred|) over the last axis."""
    y_true, y_pred = _pair("mean_absolute_error", y_true, y_pred)
    return ops.mean(ops.abs(ops.subtract(y_true, y_pred)), axis=-1)


def mean_absolute_percentage_error(y_true, y_pred):
    """100 * mean(|y_true - y_pred| / max(|y_true|, epsilon)) over the last axis."""
    y_true, y_pred = _pair("mean_absolute_percentage_error", y_true, y_pred)
    scale = ops.maximum(ops.abs(y_true), config.epsilon())
    return ops.multiply(ops.mean(ops.abs(ops.divide(ops.subtract(y_true, y_pred), scale)), axis=-1), 100.0)


def mean_squared_logarithmic_error(y_true, y_pred):
    """mean((log(1 + max(y_pred, eps)) - log(1 + max(y_true, eps)))^2) over the last axis."""
    y_true, y_pred = _pair("mean_squared_logarithmic_error", y_true, y_pred)
    eps = config.epsilon()
    difference = ops.subtract(ops.log1p(ops.maximum(y_pred, eps)), ops.log1p(ops.maximum(y_true, eps)))
    return ops.mean(ops.square(difference), axis=-1)


def cosine_similarity(y_true, y_pred, axis=-1):
    """Minus the cosine of the angle between y_true and y_pred along ``axis`` (-1 when aligned)."""
    y_true, y_pred = _pair("cosine_similarity", y_true, y_pred)
    unit_true = ops.nn.normalize(y_true, axis=axis)
    unit_pred = ops.nn.normalize(y_pred, axis=axis)
    return ops.negative(ops.sum(ops.multiply(unit_true, unit_pred), axis=axis))


def huber(y_true, y_pred, delta=1.0):
    """Mean over the last axis of 0.5 e^2 where |e| <= delta, else delta * (|e| - 0.5 delta)."""
    y_true, y_pred = _pair("huber", y_true, y_pred)
    error = ops.subtract(y_pred, y_true)
    size = ops.abs(error)
    quadratic = ops.multiply(ops.square(error), 0.5)
    linear = ops.subtract(ops.multiply(size, float(delta)), 0.5 * float(delta) ** 2)
    return ops.mean(ops.where(ops.less_equal(size, float(delta)), quadratic, linear), axis=-1)


def log_cosh(y_true, y_pred):
    """mean(log(cosh(y_pred - y_true))) over the last axis, computed without overflow."""
    y_true, y_pred = _pair("log_cosh", y_true, y_pred)
    error = ops.subtract(y_pred, y_true)
    # log(cosh(x)) = x + softplus(-2x) - log(2), finite for any x
    value = ops.subtract(ops.add(error, ops.softplus(ops.multiply(error, -2.0))), math.log(2.0))
    return ops.mean(value, axis=-1)


class MeanSquaredError(BuiltinLoss):
    """Mean of squared errors; see ``mean_squared_error``."""

    def __init__(self, reduction="sum_over_batch_size", name="mean_squared_error", dtype=None):
        super().__init__(mean_squared_error, name=name, reduction=reduction, dtype=dtype)


class MeanAbsoluteError(BuiltinLoss):
    """Mean of absolute errors; see ``mean_absolute_error``."""

    def __init__(self, reduction="sum_over_batch_size", name="mean_absolute_error", dtype=None):
        super().__init__(mean_absolute_error, name=name, reduction=reduction, dtype=dtype)


class MeanAbsolutePercentageError(BuiltinLoss):
    """Mean absolute error relative to |y_true|, in percent; see ``mean_absolute_percentage_error``."""

    def __init__(self, reduction="sum_over_batch_size", name="mean_absolute_percentage_error", dtype=None):
        super().__init__(mean_absolute_percentage_error, name=name, reduction=reduction, dtype=dtype)


class MeanSquaredLogarithmicError(BuiltinLoss):
    """Mean squared error of log(1 + y); see ``mean_squared_logarithmic_error``."""

    def __init__(self, reduction="sum_over_batch_size", name="mean_squared_logarithmic_error", dtype=None):
        super().__init__(mean_squared_logarithmic_error, name=name, reduction=reduction, dtype=dtype)


class CosineSimilarity(BuiltinLoss):
    """Negative cosine similarity along ``axis``; see ``cosine_similarity``."""

    def __init__(self, axis=-1, reduction="sum_over_batch_size", name="cosine_similarity", dtype=None):
        super().__init__(cosine_similarity, name=name, reduction=reduction, dtype=dtype, axis=axis)


class Huber(BuiltinLoss):
    """Quadratic for errors up to ``delta``, linear beyond; see ``huber``."""

    def __init__(self, delta=1.0, reduction="sum_over_batch_size", name="huber_loss", dtype=None):
        super().__init__(huber, name=name, reduction=reduction, dtype=dtype, delta=delta)


class LogCosh(BuiltinLoss):
    """Mean log(cosh(error)); see ``log_cosh``."""

    def __init__(self, reduction="sum_over_batch_size", name="log_cosh", dtype=None):
        super().__init__(log_cosh, name=name, reduction=reduction, dtype=dtype)
