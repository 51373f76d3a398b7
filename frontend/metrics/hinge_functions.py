"""Per-sample hinge errors for maximum-margin classifiers."""

from frontend import config, ops
from frontend.ops import dtypes


def _pair(y_true, y_pred):
    y_pred = ops.convert_to_tensor(y_pred)
    if not dtypes.is_float(ops.dtype(y_pred)):
        y_pred = ops.cast(y_pred, config.floatx())
    return ops.cast(ops.convert_to_tensor(y_true), ops.dtype(y_pred)), y_pred


def _signed_labels(y_true):
    """Labels that are all 0 or 1 become -1 or 1; any other labels are kept (decided in-graph)."""
    binary = ops.all(ops.logical_or(ops.equal(y_true, 0.0), ops.equal(y_true, 1.0)))
    return ops.where(binary, ops.subtract(ops.multiply(y_true, 2.0), 1.0), y_true)


def hinge(y_true, y_pred):
    """mean(max(1 - y_true * y_pred, 0)) with labels in {-1, 1} (0/1 labels are converted)."""
    y_true, y_pred = _pair(y_true, y_pred)
    margins = ops.subtract(1.0, ops.multiply(_signed_labels(y_true), y_pred))
    return ops.mean(ops.maximum(margins, 0.0), axis=-1)


def squared_hinge(y_true, y_pred):
    """mean(max(1 - y_true * y_pred, 0)^2) with labels in {-1, 1} (0/1 labels are converted)."""
    y_true, y_pred = _pair(y_true, y_pred)
    margins = ops.subtract(1.0, ops.multiply(_signed_labels(y_true), y_pred))
    return ops.mean(ops.square(ops.maximum(margins, 0.0)), axis=-1)


def categorical_hinge(y_true, y_pred):
    """max(0, 1 + best wrong-class score - true-class score) for one-hot labels."""
    y_true, y_pred = _pair(y_true, y_pred)
    positive = ops.sum(ops.multiply(y_true, y_pred), axis=-1)
    negative = ops.max(ops.multiply(ops.subtract(1.0, y_true), y_pred), axis=-1)
    return ops.maximum(ops.add(ops.subtract(negative, positive), 1.0), 0.0)
