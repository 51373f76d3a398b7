"""Base of layers that compute on the host with NumPy: vocabularies and text.

Their inputs (NumPy string arrays, Python lists of strings, integer arrays or
tensors) are turned into NumPy arrays and never into engine tensors; numeric results
become tensors at the end. Such layers cannot run inside a compiled (jit) step, which
``supports_jit = False`` tells the trainer, as in Keras.
"""

import numpy as np

from frontend.layers.layer import Layer
from frontend.layers.preprocessing.adapt_data import to_numpy
from frontend.ops.symbolic import SymbolicTensor


class HostLayer(Layer):
    """A layer whose ``call`` receives NumPy arrays (see ``to_host``)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.supports_jit = False

    def __call__(self, inputs, *args, **kwargs):
        if not isinstance(inputs, SymbolicTensor):
            inputs = self.to_host(inputs)
        return super().__call__(inputs, *args, **kwargs)

    def _prepare_input(self, x):
        return x

    def to_host(self, inputs):
        return to_numpy(inputs)


def as_strings(values, encoding="utf-8"):
    """A NumPy array of Python-str elements; bytes are decoded with ``encoding``."""
    array = to_numpy(values)
    if array.dtype.kind == "U":
        return array
    if array.dtype.kind == "S":
        return np.char.decode(array, encoding)
    flat = [v.decode(encoding) if isinstance(v, bytes) else str(v) for v in array.reshape(-1)]
    return np.array(flat, dtype=str).reshape(array.shape) if flat else np.zeros(array.shape, dtype=str)
