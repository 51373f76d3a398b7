"""``ShapeLayer``: base of layers that only move values around, so the output dtype is the input's."""

from frontend.layers.layer import Layer
from frontend.ops import dtypes
from frontend.ops.symbolic import SymbolicTensor


class ShapeLayer(Layer):
    """Symbolic outputs keep the input dtype (integer inputs stay integer, as they do eagerly)."""

    def output_dtype(self, input_dtype):
        if self.autocast and dtypes.is_float(input_dtype):
            return self.compute_dtype
        return input_dtype

    def compute_output_spec(self, inputs, **kwargs):
        return SymbolicTensor(self.compute_output_shape(inputs.shape), self.output_dtype(inputs.dtype))
