"""Turning log values (engine tensors, Variables, NumPy) into Python numbers, on demand.

Reading a tensor's value waits for the device, so the training loop hands callbacks
its logs as they are and each consumer converts only what it shows or compares.
"""

import numpy as np

from frontend.core.variable import Variable
from frontend.ops import tensors

_PLAIN = (str, bool, int, float, type(None))


def to_python(value):
    """A float for any one-element value, a NumPy array for larger ones; other values unchanged."""
    if isinstance(value, _PLAIN):
        return value
    if isinstance(value, Variable) or tensors.is_tensor(value):
        value = tensors.convert_to_numpy(value)
    if isinstance(value, (np.ndarray, np.generic)):
        return float(value.reshape(-1)[0]) if value.size == 1 else value
    try:
        return float(value)
    except (TypeError, ValueError):
        return value


def flat_logs(logs):
    """``logs`` with nested dicts merged in and keys sorted (the order Keras shows them in)."""
    flat = {}
    for key, value in sorted((logs or {}).items()):
        if isinstance(value, dict):
            flat.update(flat_logs(value))
        else:
            flat[key] = value
    return flat


def python_logs(logs):
    """``flat_logs`` with every value passed through ``to_python`` (one device sync per tensor)."""
    return {key: to_python(value) for key, value in flat_logs(logs).items()}
