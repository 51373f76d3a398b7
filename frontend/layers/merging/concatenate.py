"""``Concatenate`` and ``concatenate``: join tensors along one axis."""

from frontend import ops
from frontend.layers.merging.base_merge import Merge


class Concatenate(Merge):
    """Join the inputs along ``axis``; all other sizes must match. The output mask joins the input masks
    (an unmasked input counts as all kept)."""

    LIFT_RANKS = False

    def __init__(self, axis=-1, **kwargs):
        super().__init__(**kwargs)
        self.axis = axis

    def compute_output_shape(self, input_shape):
        self._check_list(input_shape)
        ranks = {len(s) for s in input_shape}
        mismatch = len(ranks) != 1
        if not mismatch:
            rank = ranks.pop()
            axis = self.axis % rank if rank else 0
            output = []
            for i in range(rank):
                sizes = [s[i] for s in input_shape]
                if i == axis:
                    output.append(None if None in sizes else sum(sizes))
                    continue
                known = set(sizes) - {None}
                mismatch = mismatch or len(known) > 1
                output.append(known.pop() if known else None)
        if mismatch:
            raise ValueError(
                f"Layer '{self.name}' (Concatenate) needs inputs with the same shape except along axis "
                f"{self.axis}; received input_shape={[tuple(s) for s in input_shape]}"
            )
        return tuple(output)

    def merge(self, inputs, masks):
        return ops.concatenate(inputs, axis=self.axis)

    def compute_mask(self, inputs, previous_mask):
        if previous_mask is None:
            return None
        masks = list(previous_mask) if isinstance(previous_mask, (list, tuple)) else [previous_mask]
        if len(masks) != len(inputs):
            raise ValueError(f"Layer '{self.name}' (Concatenate): got {len(inputs)} inputs but {len(masks)} masks")
        if all(m is None for m in masks):
            return None
        full = []
        for x, m in zip(inputs, masks):
            if m is None:
                m = ops.ones_like(x, dtype="bool")
            elif ops.ndim(m) < ops.ndim(x):
                m = ops.logical_or(ops.expand_dims(m, -1), ops.zeros_like(x, dtype="bool"))
            full.append(m)
        return ops.any(ops.concatenate(full, axis=self.axis), axis=-1)

    def get_config(self):
        return {**super().get_config(), "axis": self.axis}


def concatenate(inputs, axis=-1, **kwargs):
    """``Concatenate(axis=axis, **kwargs)(inputs)``."""
    return Concatenate(axis=axis, **kwargs)(inputs)
