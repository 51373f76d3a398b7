"""``Add``, ``Subtract``, ``Multiply``, ``Average`` and their functional forms."""

from frontend import ops
from frontend.layers.merging.base_merge import Merge


class Add(Merge):
    """The elementwise sum of the inputs."""

    def merge(self, inputs, masks):
        output = inputs[0]
        for x in inputs[1:]:
            output = ops.add(output, x)
        return output


class Subtract(Merge):
    """``inputs[0] - inputs[1]``, for exactly two inputs."""

    MIN_INPUTS = MAX_INPUTS = 2

    def merge(self, inputs, masks):
        if len(inputs) != 2:
            raise ValueError(f"Layer '{self.name}' (Subtract) takes exactly 2 inputs, received {len(inputs)}")
        return ops.subtract(inputs[0], inputs[1])


class Multiply(Merge):
    """The elementwise product. Masked-out entries count as 1; when every input is masked, entries
    masked out in all inputs become 0."""

    def merge(self, inputs, masks):
        all_masked = all(m is not None for m in masks)
        output, output_mask = None, None
        for x, m in zip(inputs, masks):
            if m is not None:
                x = ops.where(m, x, ops.ones_like(x))
                if all_masked:
                    output_mask = m if output_mask is None else ops.logical_or(output_mask, m)
            output = x if output is None else ops.multiply(output, x)
        if all_masked:
            output = ops.where(output_mask, output, ops.zeros_like(output))
        return output


class Average(Merge):
    """The elementwise mean of the inputs."""

    def merge(self, inputs, masks):
        output = inputs[0]
        for x in inputs[1:]:
            output = ops.add(output, x)
        return ops.divide(output, len(inputs))


def add(inputs, **kwargs):
    """``Add(**kwargs)(inputs)``."""
    return Add(**kwargs)(inputs)


def subtract(inputs, **kwargs):
    """``Subtract(**kwargs)(inputs)``."""
    return Subtract(**kwargs)(inputs)


def multiply(inputs, **kwargs):
    """``Multiply(**kwargs)(inputs)``."""
    return Multiply(**kwargs)(inputs)


def average(inputs, **kwargs):
    """``Average(**kwargs)(inputs)``."""
    return Average(**kwargs)(inputs)
