"""The ``Initializer`` base class and the one road from host values to an engine tensor."""

import numpy as np

from frontend import ops
from frontend.ops import dtypes


class Initializer:
    """Makes the starting value of a weight from its shape and dtype.

    Subclasses implement ``__call__(shape, dtype=None)``; ``get_config`` returns the
    constructor arguments so that ``from_config`` can rebuild an equal initializer.
    """

    def __call__(self, shape, dtype=None):
        raise NotImplementedError(f"{type(self).__name__} must implement __call__(shape, dtype=None)")

    def get_config(self):
        return {}

    @classmethod
    def from_config(cls, config):
        return cls(**config)

    def clone(self):
        """A new initializer with the same config (layers use one per weight)."""
        return type(self).from_config(self.get_config())


def standardize_shape(shape, name):
    """``shape`` as a tuple of non-negative Python ints, or a ValueError naming the initializer."""
    if isinstance(shape, (int, np.integer)):
        shape = (shape,)
    try:
        dims = tuple(int(d) for d in shape)
    except (TypeError, ValueError):
        raise ValueError(f"{name}: shape must be a tuple of ints, received shape={shape!r}") from None
    if any(d < 0 for d in dims) or any(isinstance(d, bool) for d in shape):
        raise ValueError(f"{name}: shape must hold non-negative ints, received shape={shape!r}")
    return dims


def standardize_dtype(dtype, name, float_only=False):
    """A standard dtype name (``None`` means floatx); random draws need a float dtype."""
    dtype = dtypes.standardize_dtype(dtype, name)
    if float_only and not dtypes.is_float(dtype):
        raise ValueError(f"{name}: needs a float dtype ({', '.join(dtypes.FLOAT_TYPES)}), received dtype={dtype!r}")
    return dtype


def host_to_tensor(values, dtype):
    """Cast host values (computed in float64) to ``dtype`` on the host, then hand them to the engine.

    Casting on the host keeps the rounding out of the engines, so every engine gets the
    same bits.
    """
    return ops.convert_to_tensor(np.asarray(values), dtype)
