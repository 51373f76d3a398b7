"""``Permute``: reorder the non-batch axes of each sample."""

from frontend import ops
from frontend.layers.input_spec import InputSpec
from frontend.layers.reshaping.base import ShapeLayer


class Permute(ShapeLayer):
    """Transpose by ``dims``, a permutation of 1..rank-1 (the batch axis stays first)."""

    def __init__(self, dims, **kwargs):
        super().__init__(**kwargs)
        self.dims = tuple(int(d) for d in dims)
        if sorted(self.dims) != list(range(1, len(self.dims) + 1)):
            raise ValueError(
                f"Permute '{self.name}': dims must be a permutation of 1..{len(self.dims)} "
                f"(axis 0 is the batch), received dims={tuple(dims)}"
            )
        self.input_spec = InputSpec(ndim=len(self.dims) + 1)

    def call(self, inputs):
        return ops.transpose(inputs, (0, *self.dims))

    def compute_output_shape(self, input_shape):
        return (input_shape[0], *(input_shape[d] for d in self.dims))

    def get_config(self):
        return {**super().get_config(), "dims": self.dims}
