"""``RepeatVector``: repeat each feature vector ``n`` times along a new time axis."""

from frontend import ops
from frontend.layers.input_spec import InputSpec
from frontend.layers.reshaping.base import ShapeLayer


class RepeatVector(ShapeLayer):
    """``(batch, features)`` to ``(batch, n, features)``."""

    def __init__(self, n, **kwargs):
        super().__init__(**kwargs)
        if not isinstance(n, int) or isinstance(n, bool):
            raise TypeError(f"RepeatVector '{self.name}': n must be an int, received {n!r}")
        if n <= 0:
            raise ValueError(f"RepeatVector '{self.name}': n must be positive, received n={n}")
        self.n = n
        self.input_spec = InputSpec(ndim=2)

    def call(self, inputs):
        return ops.repeat(ops.expand_dims(inputs, 1), self.n, axis=1)

    def compute_output_shape(self, input_shape):
        return (input_shape[0], self.n, input_shape[1])

    def get_config(self):
        return {**super().get_config(), "n": self.n}
