"""``RMSNormalization``: divide by the root mean square over ``axis``, then scale."""

from frontend import ops
from frontend.layers.layer import Layer
from frontend.layers.normalization.axes import broadcast_shape, check_axis_argument, known_sizes, resolve_axes
from frontend.ops import dtypes


class RMSNormalization(Layer):
    """``x / sqrt(mean(x**2 over axis) + epsilon) * scale``; ``scale`` (ones at first) has the
    sizes of the normalized axes. Computed in at least float32."""

    def __init__(self, axis=-1, epsilon=1e-6, **kwargs):
        super().__init__(**kwargs)
        self.axis = check_axis_argument("RMSNormalization", axis)
        self.epsilon = epsilon

    def build(self, input_shape):
        axes = resolve_axes(self, self.axis, input_shape)
        shape = known_sizes(self, input_shape, axes)
        self.scale = self.add_weight(name="scale", shape=shape, initializer="ones")

    def call(self, x):
        dtype = ops.dtype(x)
        x = ops.cast(x, dtypes.result_type(dtype, "float32"))
        axes = resolve_axes(self, self.axis, ops.shape(x))
        mean_square = ops.mean(ops.square(x), axis=axes, keepdims=True)
        outputs = ops.multiply(x, ops.rsqrt(ops.add(mean_square, self.epsilon)))
        scale = ops.reshape(ops.cast(self.scale, ops.dtype(x)), broadcast_shape(ops.shape(x), axes))
        return ops.cast(ops.multiply(outputs, scale), dtype)

    def compute_output_shape(self, input_shape):
        resolve_axes(self, self.axis, input_shape)
        return tuple(input_shape)

    def get_config(self):
        return {**super().get_config(), "axis": self.axis, "epsilon": self.epsilon}
