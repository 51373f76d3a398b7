"""``Reshape``: give each sample a new shape (one ``-1`` may stand for the remaining size)."""

import math

from frontend import ops
from frontend.layers.reshaping.base import ShapeLayer


class Reshape(ShapeLayer):
    """Reshape ``(batch, ...)`` to ``(batch, *target_shape)``."""

    def __init__(self, target_shape, **kwargs):
        super().__init__(**kwargs)
        target_shape = tuple(int(d) for d in target_shape)
        if any(d < -1 for d in target_shape) or target_shape.count(-1) > 1:
            raise ValueError(
                f"Reshape '{self.name}': target_shape needs sizes >= 0 and at most one -1, "
                f"received target_shape={target_shape}"
            )
        self.target_shape = target_shape
        self.built = True

    def _resolve(self, sample_shape):
        """The target shape with its -1 worked out (None while the sample size is unknown)."""
        if any(d is None for d in sample_shape):
            return tuple(None if d == -1 else d for d in self.target_shape)
        size = math.prod(sample_shape)
        known = math.prod(d for d in self.target_shape if d != -1)
        if -1 in self.target_shape:
            fits = known > 0 and size % known == 0
            resolved = tuple(size // known if d == -1 else d for d in self.target_shape) if fits else None
        else:
            resolved = self.target_shape if known == size else None
        if resolved is None:
            raise ValueError(
                f"Reshape '{self.name}': cannot reshape samples of shape {tuple(sample_shape)} ({size} values) "
                f"into target_shape={self.target_shape}"
            )
        return resolved

    def call(self, inputs):
        shape = ops.shape(inputs)
        target = self._resolve(shape[1:])
        if None in target:
            return ops.reshape(inputs, (shape[0], *self.target_shape))
        return ops.reshape(inputs, (-1, *target))

    def compute_output_shape(self, input_shape):
        return (input_shape[0], *self._resolve(input_shape[1:]))

    def get_config(self):
        return {**super().get_config(), "target_shape": self.target_shape}
