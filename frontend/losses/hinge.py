"""Hinge losses for maximum-margin classifiers: hinge, squared hinge, categorical hinge."""

from frontend import ops
from frontend.losses.inputs import check_broadcastable, float_pair
from frontend.losses.wrapper import BuiltinLoss


def _signed_labels(y_true):
    """0/1 labels become -1/+1; labels that are not all 0 or 1 are taken as already signed."""
    is_binary = ops.all(ops.logical_or(ops.equal(y_true, 0.0), ops.equal(y_true, 1.0)))
    return ops.where(is_binary, ops.subtract(ops.multiply(y_true, 2.0), 1.0), y_true)


def _margins(name, y_true, y_pred):
    y_true, y_pred = float_pair(y_true, y_pred)
    check_broadcastable(name, y_true, y_pred)
    return ops.maximum(ops.subtract(1.0, ops.multiply(_signed_labels(y_true), y_pred)), 0.0)


def hinge(y_true, y_pred):
    """mean(max(1 - y_true * y_pred, 0)) over the last axis, labels in {-1, 1} (or {0, 1})."""
    return ops.mean(_margins("hinge", y_true, y_pred), axis=-1)


def squared_hinge(y_true, y_pred):
    """mean(max(1 - y_true * y_pred, 0)^2) over the last axis, labels in {-1, 1} (or {0, 1})."""
    return ops.mean(ops.square(_margins("squared_hinge", y_true, y_pred)), axis=-1)


def categorical_hinge(y_true, y_pred):
    """max(0, 1 + best wrong-class score - true-class score), y_true one-hot on the last axis."""
    y_true, y_pred = float_pair(y_true, y_pred)
    check_broadcastable("categorical_hinge", y_true, y_pred)
    positive = ops.sum(ops.multiply(y_true, y_pred), axis=-1)
    negative = ops.max(ops.multiply(ops.subtract(1.0, y_true), y_pred), axis=-1)
    return ops.maximum(ops.add(ops.subtract(negative, positive), 1.0), 0.0)


class Hinge(BuiltinLoss):
    """Hinge loss; see ``hinge``."""

    def __init__(self, reduction="sum_over_batch_size", name="hinge", dtype=None):
        super().__init__(hinge, name=name, reduction=reduction, dtype=dtype)


class SquaredHinge(BuiltinLoss):
    """Squared hinge loss; see ``squared_hinge``."""

    def __init__(self, reduction="sum_over_batch_size", name="squared_hinge", dtype=None):
        super().__init__(squared_hinge, name=name, reduction=reduction, dtype=dtype)


class CategoricalHinge(BuiltinLoss):
    """Multi-class hinge loss; see ``categorical_hinge``."""

    def __init__(self, reduction="sum_over_batch_size", name="categorical_hinge", dtype=None):
        super().__init__(categorical_hinge, name=name, reduction=reduction, dtype=dtype)
