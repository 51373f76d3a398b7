"""Turn what ``adapt`` accepts into NumPy batches: an array, a tensor, or an iterable of batches."""

import numpy as np

from frontend import ops
from frontend.backends import active as B


def to_numpy(x):
    """A NumPy array for an array, engine tensor, Variable or nested list."""
    if isinstance(x, np.ndarray):
        return x
    if B.is_tensor(x) or getattr(x, "__frontend_variable__", False):
        return ops.convert_to_numpy(x)
    if hasattr(x, "numpy") and not isinstance(x, (list, tuple)):
        return np.asarray(x.numpy())
    return np.asarray(x)


def _features(batch):
    """The inputs of an ``(x, y)`` or ``(x, y, sample_weight)`` batch."""
    return batch[0] if isinstance(batch, tuple) else batch


def _is_one_array(data):
    if isinstance(data, (np.ndarray, np.generic, str, bytes)) or B.is_tensor(data):
        return True
    if isinstance(data, list):
        return not any(hasattr(item, "shape") for item in data)
    return not hasattr(data, "__iter__")


def batches(data, steps=None):
    """Yield NumPy batches: one for an array (or a list of plain values), else one per item."""
    if _is_one_array(data):
        yield to_numpy(data)
        return
    found = False
    for step, batch in enumerate(data):
        if steps is not None and step >= steps:
            break
        found = True
        yield to_numpy(_features(batch))
    if not found:
        raise ValueError("adapt() received an empty iterable; pass an array or at least one batch")
