"""Projections applied to a weight after each optimizer update: norm limits and non-negativity.

``axis`` names the axes that make up one weight vector: for a Dense kernel
``(input_dim, units)`` the default ``axis=0`` constrains each unit's incoming weights;
for a Conv2D kernel ``(rows, cols, in, out)`` use ``axis=[0, 1, 2]``.
"""

from frontend import config, ops
from frontend.ops import dtypes


def _norms(w, axis):
    return ops.sqrt(ops.sum(ops.square(w), axis=axis, keepdims=True))


def _rescaled(w, norms, desired):
    """``w * desired / (epsilon + norms)``: the epsilon keeps all-zero vectors finite."""
    return ops.multiply(w, ops.divide(desired, ops.add(norms, config.epsilon())))


def _float(w):
    w = ops.convert_to_tensor(w)
    return w if dtypes.is_float(ops.dtype(w)) else ops.cast(w, config.floatx())


class Constraint:
    """Base class: ``__call__(w)`` returns the projected weight (here, unchanged)."""

    def __call__(self, w):
        return w

    def get_config(self):
        return {}

    @classmethod
    def from_config(cls, config):
        return cls(**config)


class MaxNorm(Constraint):
    """Scales down each weight vector whose L2 norm exceeds ``max_value``."""

    def __init__(self, max_value=2, axis=0):
        if max_value < 0:
            raise ValueError(f"MaxNorm: max_value must be >= 0, received max_value={max_value!r}")
        self.max_value = max_value
        self.axis = axis

    def __call__(self, w):
        w = _float(w)
        norms = _norms(w, self.axis)
        return _rescaled(w, norms, ops.clip(norms, 0.0, self.max_value))

    def get_config(self):
        return {"max_value": self.max_value, "axis": self.axis}


class MinMaxNorm(Constraint):
    """Moves each weight vector's L2 norm into ``[min_value, max_value]``.

    ``rate`` is how far it moves per call: the new norm is
    ``rate * clip(norm, min_value, max_value) + (1 - rate) * norm``.
    """

    def __init__(self, min_value=0.0, max_value=1.0, rate=1.0, axis=0):
        if not 0 <= min_value <= max_value:
            raise ValueError(
                f"MinMaxNorm: needs 0 <= min_value <= max_value, received min_value={min_value!r}, "
                f"max_value={max_value!r}"
            )
        self.min_value = min_value
        self.max_value = max_value
        self.rate = rate
        self.axis = axis

    def __call__(self, w):
        w = _float(w)
        norms = _norms(w, self.axis)
        clipped = ops.clip(norms, self.min_value, self.max_value)
        desired = ops.add(ops.multiply(clipped, self.rate), ops.multiply(norms, 1.0 - self.rate))
        return _rescaled(w, norms, desired)

    def get_config(self):
        return {"min_value": self.min_value, "max_value": self.max_value, "rate": self.rate, "axis": self.axis}


class NonNeg(Constraint):
    """Sets negative weights to zero."""

    def __call__(self, w):
        return ops.maximum(ops.convert_to_tensor(w), 0)


class UnitNorm(Constraint):
    """Scales each weight vector to L2 norm 1."""

    def __init__(self, axis=0):
        self.axis = axis

    def __call__(self, w):
        w = _float(w)
        return ops.divide(w, ops.add(_norms(w, self.axis), config.epsilon()))

    def get_config(self):
        return {"axis": self.axis}
