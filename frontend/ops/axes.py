"""Axis arithmetic shared by the ops: validation, normalization, reduced shapes."""

import itertools

from frontend.ops.errors import OpError


def normalize_axis(axis, ndim, op_name):
    """Axis as a tuple of non-negative ints (None means all axes); raises naming the op when out of range."""
    if axis is None:
        return tuple(range(ndim))
    axes = (axis,) if isinstance(axis, int) else tuple(axis)
    result = []
    for a in axes:
        if not -ndim <= a < ndim:
            raise OpError(f"ops.{op_name}: axis {a} is out of range for a tensor of rank {ndim}")
        result.append(a % ndim)
    if len(set(result)) != len(result):
        raise OpError(f"ops.{op_name}: repeated axis in {axis}")
    return tuple(result)


def reduced_shape(shape, axes, keepdims):
    """The shape left after reducing ``axes`` (a normalized tuple)."""
    if keepdims:
        return tuple(1 if i in axes else d for i, d in enumerate(shape))
    return tuple(d for i, d in enumerate(shape) if i not in axes)


def broadcast_shapes(op_name, *shapes):
    """The NumPy broadcast of ``shapes`` (None is an unknown size); raises naming the op and the shapes."""
    result = []
    for dims in itertools.zip_longest(*(reversed(s) for s in shapes), fillvalue=1):
        known = {d for d in dims if d != 1 and d is not None}
        if len(known) > 1:
            raise OpError(f"ops.{op_name}: shapes {', '.join(map(str, shapes))} cannot be broadcast together")
        result.append(known.pop() if known else (None if None in dims else 1))
    return tuple(reversed(result))
