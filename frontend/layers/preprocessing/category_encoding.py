"""``CategoryEncoding``: integer category ids to one-hot, multi-hot or count vectors."""

from frontend.layers.layer import Layer
from frontend.layers.preprocessing.encoding import encode, encoded_shape
from frontend.ops.symbolic import SymbolicTensor

_MODES = ("one_hot", "multi_hot", "count")


class CategoryEncoding(Layer):
    """Encode ids in ``[0, num_tokens)``; "count" may weight each id by ``count_weights``."""

    def __init__(self, num_tokens=None, output_mode="multi_hot", sparse=False, **kwargs):
        super().__init__(**kwargs)
        if output_mode == "binary":
            output_mode = "multi_hot"
        if output_mode not in _MODES:
            raise ValueError(f"CategoryEncoding: output_mode must be one of {_MODES}, received {output_mode!r}")
        if num_tokens is None:
            raise ValueError("CategoryEncoding: num_tokens must be set (use IntegerLookup when it is not known)")
        if num_tokens < 1:
            raise ValueError(f"CategoryEncoding: num_tokens must be >= 1, received num_tokens={num_tokens}")
        if sparse:
            raise ValueError("CategoryEncoding: sparse=True is not supported")
        self.num_tokens = num_tokens
        self.output_mode = output_mode
        self.sparse = sparse

    def call(self, inputs, count_weights=None):
        if count_weights is not None and self.output_mode != "count":
            raise ValueError(f"Layer '{self.name}': count_weights only applies to output_mode='count', "
                             f"received output_mode={self.output_mode!r}")
        return encode(inputs, self.output_mode, self.num_tokens, self.dtype, count_weights)

    def compute_output_shape(self, input_shape):
        return encoded_shape(input_shape, self.output_mode, self.num_tokens)

    def compute_output_spec(self, inputs, count_weights=None):
        return SymbolicTensor(self.compute_output_shape(inputs.shape), self.dtype)

    def get_config(self):
        config = super().get_config()
        config.update({"num_tokens": self.num_tokens, "output_mode": self.output_mode})
        return config
