"""Input preparation shared by the loss functions: dtypes and shape checks that name the loss."""

from frontend import ops
from frontend.ops import dtypes


def float_pair(y_true, y_pred):
    """``y_pred`` as a float tensor and ``y_true`` cast to its dtype."""
    y_pred = ops.convert_to_tensor(y_pred)
    y_pred = ops.cast(y_pred, dtypes.float_result(ops.dtype(y_pred)))
    return ops.cast(y_true, ops.dtype(y_pred)), y_pred


def _mismatch(name, y_true, y_pred, rule):
    return ValueError(
        f"{name}: y_true and y_pred {rule}, received y_true.shape={tuple(ops.shape(y_true))} "
        f"and y_pred.shape={tuple(ops.shape(y_pred))}"
    )


def shapes_broadcast(a, b):
    """Two shapes broadcast together, an unknown (None) size matching any size."""
    return all(x is None or y is None or x == y or 1 in (x, y) for x, y in zip(reversed(a), reversed(b)))


def check_broadcastable(name, y_true, y_pred):
    """Raise a ValueError naming the loss unless the two shapes broadcast (unknown sizes match all)."""
    if not shapes_broadcast(ops.shape(y_true), ops.shape(y_pred)):
        raise _mismatch(name, y_true, y_pred, "must have broadcastable shapes")


def dims_match(a, b):
    """Two shapes are equal, an unknown (None) size matching any size."""
    return len(a) == len(b) and all(x is None or y is None or x == y for x, y in zip(a, b))


def check_same_shape(name, y_true, y_pred):
    """Raise a ValueError naming the loss unless the shapes are equal (unknown sizes match all)."""
    if not dims_match(ops.shape(y_true), ops.shape(y_pred)):
        raise _mismatch(name, y_true, y_pred, "must have the same shape")
