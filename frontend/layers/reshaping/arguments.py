"""Argument parsing shared by the reshaping layers: sizes, paddings and croppings."""

import numbers


def _is_int(value):
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


def int_tuple(value, n, name, allow_zero=False):
    """``value`` (an int, or n ints) as a tuple of n ints, each > 0 (or >= 0 with ``allow_zero``)."""
    if _is_int(value):
        values = (int(value),) * n
    else:
        try:
            values = tuple(value)
        except TypeError:
            values = ()
        if len(values) != n or not all(_is_int(v) for v in values):
            raise ValueError(f"`{name}` must be an int or a tuple of {n} ints, received {name}={value!r}")
        values = tuple(int(v) for v in values)
    if any(v < 0 or (v == 0 and not allow_zero) for v in values):
        bound = ">= 0" if allow_zero else "> 0"
        raise ValueError(f"`{name}` values must be {bound}, received {name}={value!r}")
    return values


def axis_pairs(value, n, name):
    """``value`` as n (before, after) pairs: an int (same everywhere), n ints (symmetric) or n pairs."""
    if _is_int(value):
        return (int_tuple(value, 2, name, allow_zero=True),) * n
    if not hasattr(value, "__len__") or len(value) != n:
        raise ValueError(
            f"`{name}` must be an int, a tuple of {n} ints or a tuple of {n} (before, after) pairs, "
            f"received {name}={value!r}"
        )
    return tuple(int_tuple(v, 2, f"{name}[{i}]", allow_zero=True) for i, v in enumerate(value))


def spatial_axes(data_format, rank):
    """The spatial axes of a rank-``rank`` input laid out as ``data_format`` (batch first)."""
    first = 2 if data_format == "channels_first" else 1
    return tuple(range(first, first + rank - 2))
