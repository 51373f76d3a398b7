"""``Maximum``, ``Minimum`` and their functional forms."""

from frontend import ops
from frontend.layers.merging.base_merge import Merge


class _Extremum(Merge):
    """Folds the inputs with a binary op; an entry masked out on one side takes the other side's value."""

    def fold(self, x1, x2):
        raise NotImplementedError

    def merge(self, inputs, masks):
        output, output_mask = inputs[0], masks[0]
        for x, m in zip(inputs[1:], masks[1:]):
            if m is not None:
                x = ops.where(m, x, output)
            if output_mask is not None:
                output = ops.where(output_mask, output, x)
            output_mask = None if m is None or output_mask is None else ops.logical_or(output_mask, m)
            output = self.fold(output, x)
        return output


class Maximum(_Extremum):
    """The elementwise maximum of the inputs."""

    def fold(self, x1, x2):
        return ops.maximum(x1, x2)


class Minimum(_Extremum):
    """The elementwise minimum of the inputs."""

    def fold(self, x1, x2):
        return ops.minimum(x1, x2)


def maximum(inputs, **kwargs):
    """``Maximum(**kwargs)(inputs)``."""
    return Maximum(**kwargs)(inputs)


def minimum(inputs, **kwargs):
    """``Minimum(**kwargs)(inputs)``."""
    return Minimum(**kwargs)(inputs)
