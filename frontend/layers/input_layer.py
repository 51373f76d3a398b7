"""``Input`` and ``InputLayer``: where a functional graph starts."""

from frontend import config
from frontend.layers.layer import Layer
from frontend.ops.operation import Node
from frontend.ops.symbolic import SymbolicTensor


class InputLayer(Layer):
    """Holds the symbolic tensor a functional model is fed through."""

    def __init__(self, shape=None, batch_size=None, dtype=None, sparse=None, batch_shape=None,
                 input_tensor=None, optional=False, name=None, **kwargs):
        super().__init__(name=name, dtype=kwargs.pop("dtype_policy", None), **kwargs)
        if shape is not None and batch_shape is not None:
            raise ValueError(f"InputLayer '{self.name}': give shape or batch_shape, not both")
        if input_tensor is not None:
            if not isinstance(input_tensor, SymbolicTensor):
                raise ValueError(f"InputLayer '{self.name}': input_tensor must be a symbolic tensor, received {input_tensor!r}")
            batch_shape, dtype = input_tensor.shape, input_tensor.dtype
        if batch_shape is None:
            if shape is None:
                raise ValueError(f"InputLayer '{self.name}': give shape (without the batch size) or batch_shape")
            if isinstance(shape, int):
                shape = (shape,)
            batch_shape = (batch_size,) + tuple(shape)
        self._batch_shape = tuple(batch_shape)
        self._dtype = dtype or config.floatx()
        self.sparse = bool(sparse)
        self.optional = optional
        tensor = SymbolicTensor(self._batch_shape, self._dtype, name=self.name, sparse=self.sparse)
        Node(self, (), {}, tensor)
        self.built = True

    @property
    def batch_shape(self):
        return self._batch_shape

    @property
    def dtype(self):
        return self._dtype

    def call(self):
        raise RuntimeError(f"InputLayer '{self.name}' is fed by its model and is never called")

    def get_config(self):
        return {"batch_shape": self._batch_shape, "dtype": self._dtype, "sparse": self.sparse,
                "optional": self.optional, "name": self.name}


def Input(shape=None, batch_size=None, dtype=None, sparse=None, batch_shape=None, name=None, tensor=None, optional=False):
    """A symbolic tensor to start a functional model from: ``Input(shape=(28, 28, 1))``."""
    layer = InputLayer(shape=shape, batch_size=batch_size, dtype=dtype, sparse=sparse, batch_shape=batch_shape,
                       input_tensor=tensor, optional=optional, name=name)
    return layer.output
