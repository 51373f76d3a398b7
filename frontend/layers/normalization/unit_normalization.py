"""``UnitNormalization``: scale each example to unit L2 norm over ``axis``."""

from frontend import ops
from frontend.layers.layer import Layer
from frontend.layers.normalization.axes import check_axis_argument, resolve_axes

_EPSILON = 1e-12


class UnitNormalization(Layer):
    """``x / max(||x||_2, 1e-12)`` with the norm taken over ``axis`` (an int or a list: the
    Frobenius norm over all of them). No weights."""

    def __init__(self, axis=-1, **kwargs):
        super().__init__(**kwargs)
        self.axis = check_axis_argument("UnitNormalization", axis)
        self.supports_masking = True
        self.built = True

    def call(self, inputs):
        axes = resolve_axes(self, self.axis, ops.shape(inputs))
        x = ops.cast(inputs, self.compute_dtype)
        squares = ops.sum(ops.square(x), axis=axes, keepdims=True)
        return ops.multiply(x, ops.rsqrt(ops.maximum(squares, _EPSILON**2)))

    def compute_output_shape(self, input_shape):
        resolve_axes(self, self.axis, input_shape)
        return tuple(input_shape)

    def get_config(self):
        return {**super().get_config(), "axis": self.axis}
