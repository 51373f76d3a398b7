"""``Softmax``: softmax over one or more axes, with masked positions given zero probability."""

from frontend import ops
from frontend.layers.layer import Layer


def _large_negative(dtype):
    """A logit that vanishes under softmax yet stays finite in ``dtype``."""
    return -3e4 if dtype == "float16" else -1e9


def _check_mask_shape(layer, inputs_shape, mask_shape):
    """The mask must broadcast to the inputs from the right (numpy rules), with no extra axes."""
    fits = len(mask_shape) <= len(inputs_shape) and all(
        m is None or i is None or m in (1, i) for m, i in zip(reversed(mask_shape), reversed(inputs_shape))
    )
    if not fits:
        raise ValueError(
            f"Layer '{layer.name}': the mask must broadcast to the inputs; received inputs of shape "
            f"{tuple(inputs_shape)} and a mask of shape {tuple(mask_shape)}"
        )


class Softmax(Layer):
    """``exp(x) / sum(exp(x))`` along ``axis`` (an int or a tuple of ints).

    Where ``mask`` is False (or <= 0.5 for a numeric mask) the input is replaced by a very
    negative logit before the softmax and the output is set to exactly 0 after it.
    """

    def __init__(self, axis=-1, **kwargs):
        super().__init__(**kwargs)
        self.axis = axis
        self.supports_masking = True
        self.built = True

    def call(self, inputs, mask=None):
        axis = tuple(self.axis) if isinstance(self.axis, list) else self.axis
        if mask is None:
            return ops.softmax(inputs, axis=axis)
        _check_mask_shape(self, ops.shape(inputs), ops.shape(mask))
        if ops.dtype(mask) != "bool":
            mask = ops.greater(mask, 0.5)
        dtype = ops.dtype(inputs)
        logits = ops.where(mask, inputs, ops.full((), _large_negative(dtype), dtype))
        return ops.where(mask, ops.softmax(logits, axis=axis), ops.zeros((), dtype))

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return {**super().get_config(), "axis": self.axis}
