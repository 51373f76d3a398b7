"""``Dot`` and ``dot``: per-sample dot products between two tensors."""

import string

from frontend import ops
from frontend.layers.merging.base_merge import Merge


class Dot(Merge):
    """Per sample, contract axis ``axes[0]`` of the first input with axis ``axes[1]`` of the second
    (an int means the same axis for both). The output keeps the first input's other axes, then the
    second's (batch excluded); a lone batch axis becomes ``(batch, 1)``. With ``normalize=True`` both
    inputs are L2-normalized along their axis first, giving the cosine similarity."""

    MIN_INPUTS = MAX_INPUTS = 2
    LIFT_RANKS = False

    def __init__(self, axes, normalize=False, **kwargs):
        super().__init__(**kwargs)
        if not isinstance(axes, int):
            if not isinstance(axes, (list, tuple)):
                raise TypeError(f"Dot '{self.name}': axes must be an int or a pair of ints, received {axes!r}")
            if len(axes) != 2 or not all(isinstance(a, int) for a in axes):
                raise ValueError(f"Dot '{self.name}': axes must be an int or a pair of ints, received {axes!r}")
        self.axes = axes if isinstance(axes, int) else tuple(axes)
        self.normalize = normalize

    def _axes_for(self, rank1, rank2):
        axes = (self.axes, self.axes) if isinstance(self.axes, int) else self.axes
        return axes[0] % rank1, axes[1] % rank2

    def compute_output_shape(self, input_shape):
        self._check_list(input_shape)
        shape1, shape2 = (list(s) for s in input_shape)
        if len(shape1) < 2 or len(shape2) < 2:
            raise ValueError(
                f"Layer '{self.name}' (Dot) needs inputs of rank >= 2 (batch first), "
                f"received shapes {tuple(shape1)} and {tuple(shape2)}"
            )
        axis1, axis2 = self._axes_for(len(shape1), len(shape2))
        if 0 in (axis1, axis2):
            raise ValueError(f"Layer '{self.name}' (Dot) cannot contract the batch axis 0; axes={self.axes}")
        size1, size2 = shape1[axis1], shape2[axis2]
        if size1 is not None and size2 is not None and size1 != size2:
            raise ValueError(
                f"Layer '{self.name}' (Dot): axis {axis1} of the first input has size {size1} but axis {axis2} "
                f"of the second has size {size2}; received shapes {tuple(shape1)} and {tuple(shape2)}"
            )
        del shape1[axis1], shape2[axis2]
        output = shape1 + shape2[1:]
        return tuple(output + [1] if len(output) == 1 else output)

    def merge(self, inputs, masks):
        x1, x2 = inputs
        rank1, rank2 = ops.ndim(x1), ops.ndim(x2)
        axis1, axis2 = self._axes_for(rank1, rank2)
        if self.normalize:
            x1 = ops.nn.normalize(x1, axis=axis1)
            x2 = ops.nn.normalize(x2, axis=axis2)
        letters = iter(string.ascii_letters)
        sub1 = [next(letters) for _ in range(rank1)]
        sub2 = [sub1[0]] + [next(letters) for _ in range(rank2 - 1)]
        sub2[axis2] = sub1[axis1]
        out = [c for i, c in enumerate(sub1) if i != axis1] + [c for i, c in enumerate(sub2) if i not in (0, axis2)]
        output = ops.einsum(f"{''.join(sub1)},{''.join(sub2)}->{''.join(out)}", x1, x2)
        return ops.expand_dims(output, -1) if len(out) == 1 else output

    def compute_mask(self, inputs, previous_mask):
        return None

    def get_config(self):
        return {**super().get_config(), "axes": self.axes, "normalize": self.normalize}


def dot(inputs, axes=-1, **kwargs):
    """``Dot(axes=axes, **kwargs)(inputs)``."""
    return Dot(axes=axes, **kwargs)(inputs)
