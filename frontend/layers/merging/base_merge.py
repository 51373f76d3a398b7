"""``Merge``: base of the layers that combine a list of tensors into one, elementwise."""

from frontend import ops
from frontend.layers.layer import Layer


def is_shape(value):
    return isinstance(value, (list, tuple)) and all(d is None or isinstance(d, int) for d in value)


def broadcast_shapes(layer, shape1, shape2):
    """The broadcast of two sample shapes (aligned on the right, 1 stretches, None is unknown)."""
    if len(shape1) < len(shape2):
        shape1, shape2 = shape2, shape1
    output = list(shape1[: len(shape1) - len(shape2)])
    for a, b in zip(shape1[len(shape1) - len(shape2):], shape2):
        if a is None or b is None:
            output.append(None)
        elif a == 1 or b == 1 or a == b:
            output.append(b if a == 1 else a)
        else:
            raise ValueError(
                f"Layer '{layer.name}' ({type(layer).__name__}): inputs have incompatible shapes; "
                f"received sample shapes {tuple(shape1)} and {tuple(shape2)}"
            )
    return tuple(output)


def _expand_mask(mask, x):
    """A (batch, steps) mask made to broadcast against x of shape (batch, steps, ...features)."""
    while ops.ndim(mask) < ops.ndim(x):
        mask = ops.expand_dims(mask, -1)
    return mask


class Merge(Layer):
    """Checks that its inputs form a list of broadcast-compatible shapes with one batch size, lifts
    lower-rank inputs by inserting axes after the batch axis, and combines them with ``merge``.
    The output mask is the OR of the input masks (none when any input is unmasked)."""

    MIN_INPUTS = 1
    MAX_INPUTS = None
    LIFT_RANKS = True  # insert axes after the batch axis so that all inputs share one rank

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.supports_masking = True

    def _check_list(self, input_shape):
        if not isinstance(input_shape, (list, tuple)) or not input_shape or not all(map(is_shape, input_shape)):
            raise ValueError(
                f"Layer '{self.name}' ({type(self).__name__}) must be called on a list of tensors, "
                f"received input_shape={input_shape}"
            )
        count = len(input_shape)
        if count < self.MIN_INPUTS or (self.MAX_INPUTS is not None and count > self.MAX_INPUTS):
            wanted = self.MIN_INPUTS if self.MIN_INPUTS == self.MAX_INPUTS else f"at least {self.MIN_INPUTS}"
            raise ValueError(
                f"Layer '{self.name}' ({type(self).__name__}) takes {wanted} inputs, "
                f"received {count}: input_shape={list(map(tuple, input_shape))}"
            )
        batch_sizes = {s[0] for s in input_shape if s} - {None}
        if len(batch_sizes) > 1:
            raise ValueError(
                f"Layer '{self.name}' ({type(self).__name__}): cannot merge tensors with different batch sizes, "
                f"received input_shape={list(map(tuple, input_shape))}"
            )
        return batch_sizes

    def build(self, input_shape):
        self.compute_output_shape(input_shape)

    def compute_output_shape(self, input_shape):
        batch_sizes = self._check_list(input_shape)
        output = tuple(input_shape[0][1:])
        for shape in input_shape[1:]:
            output = broadcast_shapes(self, output, tuple(shape[1:]))
        return (batch_sizes.pop() if batch_sizes else None,) + output

    def call(self, inputs, mask=None):
        if not isinstance(inputs, (list, tuple)):
            raise ValueError(f"Layer '{self.name}' ({type(self).__name__}) must be called on a list of tensors")
        inputs = list(inputs)
        masks = list(mask) if isinstance(mask, (list, tuple)) else [None] * len(inputs)
        rank = max(ops.ndim(x) for x in inputs)
        if self.LIFT_RANKS and any(ops.ndim(x) != rank for x in inputs):
            lifted = []
            for x in inputs:
                for _ in range(rank - ops.ndim(x)):
                    x = ops.expand_dims(x, 1)
                lifted.append(x)
            return self.merge(lifted, [None] * len(inputs))
        masks = [None if m is None else _expand_mask(m, x) for m, x in zip(masks, inputs)]
        return self.merge(inputs, masks)

    def merge(self, inputs, masks):
        """Combine same-rank ``inputs``; ``masks`` hold a broadcastable bool mask or None per input."""
        raise NotImplementedError

    def compute_mask(self, inputs, previous_mask):
        if previous_mask is None:
            return None
        masks = list(previous_mask) if isinstance(previous_mask, (list, tuple)) else [previous_mask]
        if len(masks) != len(inputs):
            raise ValueError(
                f"Layer '{self.name}' ({type(self).__name__}): got {len(inputs)} inputs but {len(masks)} masks"
            )
        if any(m is None for m in masks):
            return None
        output = masks[0]
        for m in masks[1:]:
            output = ops.logical_or(output, m)
        return output
