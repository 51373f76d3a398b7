"""Axis checks shared by the normalization layers."""


def resolve_axes(layer, axis, input_shape):
    """``axis`` (an int or a list of ints) as sorted non-negative ints of ``input_shape``.

    Raises ValueError naming the layer when an axis is out of range, so a bad ``axis``
    surfaces at build time instead of as an IndexError deep in a reshape.
    """
    rank = len(input_shape)
    axes = [axis] if isinstance(axis, int) else list(axis)
    for a in axes:
        if not -rank <= a < rank:
            raise ValueError(
                f"Layer '{layer.name}': axis {a} is out of bounds for input shape {tuple(input_shape)} "
                f"(received axis={axis})"
            )
    return sorted(a % rank for a in axes)


def check_axis_argument(layer_class, axis):
    """``axis`` as given if it is an int or a list/tuple of ints (tuples become lists), else TypeError."""
    if isinstance(axis, bool) or not isinstance(axis, (int, list, tuple)):
        raise TypeError(f"{layer_class}: axis must be an int or a list/tuple of ints, received axis={axis!r}")
    return list(axis) if isinstance(axis, (list, tuple)) else axis


def broadcast_shape(input_shape, axes):
    """The shape that lines a weight over ``axes`` up with inputs of ``input_shape``."""
    return tuple(input_shape[i] if i in axes else 1 for i in range(len(input_shape)))


def known_sizes(layer, input_shape, axes):
    """The sizes of ``input_shape`` along ``axes``; weights need them, so None is a ValueError."""
    sizes = tuple(input_shape[a] for a in axes)
    if any(d is None for d in sizes):
        raise ValueError(
            f"Layer '{layer.name}': the sizes of the normalized axes {axes} must be known, received shape "
            f"{tuple(input_shape)}"
        )
    return sizes
