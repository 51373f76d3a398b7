"""Overlap losses for segmentation masks: Dice and its asymmetric generalisation, Tversky."""

from frontend import config, ops
from frontend.losses.inputs import check_broadcastable, float_pair
from frontend.losses.wrapper import BuiltinLoss


def _overlap(name, y_true, y_pred, axis):
    """(y_true, y_pred, sum of y_true * y_pred over ``axis``)."""
    y_true, y_pred = float_pair(y_true, y_pred)
    check_broadcastable(name, y_true, y_pred)
    return y_true, y_pred, ops.sum(ops.multiply(y_true, y_pred), axis=axis)


def dice(y_true, y_pred, axis=None):
    """1 - 2 |y_true . y_pred| / (|y_true| + |y_pred| + epsilon), the sums taken over ``axis`` (None: all)."""
    y_true, y_pred, intersection = _overlap("dice", y_true, y_pred, axis)
    total = ops.add(ops.add(ops.sum(y_true, axis=axis), ops.sum(y_pred, axis=axis)), config.epsilon())
    return ops.subtract(1.0, ops.divide(ops.multiply(intersection, 2.0), total))


def tversky(y_true, y_pred, alpha=0.5, beta=0.5, axis=None):
    """1 - TP / (TP + alpha * sum(y_true (1 - y_pred)) + beta * sum((1 - y_true) y_pred) + epsilon).

    Sums run over ``axis`` (None: everything); alpha = beta = 0.5 gives Dice. The weights
    follow Keras 3's formula: ``alpha`` scales the missed positives, ``beta`` the spurious ones.
    """
    y_true, y_pred, intersection = _overlap("tversky", y_true, y_pred, axis)
    missed = ops.sum(ops.multiply(y_true, ops.subtract(1.0, y_pred)), axis=axis)
    spurious = ops.sum(ops.multiply(ops.subtract(1.0, y_true), y_pred), axis=axis)
    denominator = ops.add(
        ops.add(ops.add(intersection, ops.multiply(missed, alpha)), ops.multiply(spurious, beta)), config.epsilon()
    )
    return ops.subtract(1.0, ops.divide(intersection, denominator))


def _axis(axis):
    """Several axes as a tuple, also when a config read back from JSON gives them as a list."""
    return tuple(axis) if isinstance(axis, list) else axis


class Dice(BuiltinLoss):
    """Dice loss; see ``dice``."""

    def __init__(self, reduction="sum_over_batch_size", name="dice", axis=None, dtype=None):
        super().__init__(dice, name=name, reduction=reduction, dtype=dtype, axis=_axis(axis))


class Tversky(BuiltinLoss):
    """Tversky loss; see ``tversky``."""

    def __init__(self, alpha=0.5, beta=0.5, reduction="sum_over_batch_size", name="tversky", axis=None, dtype=None):
        super().__init__(tversky, name=name, reduction=reduction, dtype=dtype, alpha=alpha, beta=beta,
                         axis=_axis(axis))
