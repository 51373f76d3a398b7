"""``Identity``: returns its inputs unchanged; a placeholder where no operation is wanted."""

from frontend import tree
from frontend.layers.layer import Layer
from frontend.ops.symbolic import SymbolicTensor


class Identity(Layer):
    """Passes inputs (any structure) and their masks through."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.supports_masking = True
        self.built = True

    def call(self, inputs):
        return inputs

    def compute_output_spec(self, inputs, **kwargs):
        return tree.map_structure(lambda x: SymbolicTensor(x.shape, x.dtype, sparse=x.sparse), inputs)
