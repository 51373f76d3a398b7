"""Indexing: item access, take/gather, slices, scatter and segment reductions."""

import builtins

import numpy as np

from frontend.backends import active as B
from frontend.ops import dtypes
from frontend.ops.axes import normalize_axis
from frontend.ops.errors import OpError, op
from frontend.ops.tensors import promoted, tensor


def _key_part(part):
    if part is None or part is Ellipsis or isinstance(part, (int, builtins.slice)):
        return part
    if isinstance(part, bool):
        raise OpError("ops.getitem: a Python bool is not a valid index")
    index = tensor(part)
    if B.dtype_name(index) not in ("bool",) + dtypes.INT_TYPES:
        raise OpError(f"ops.getitem: index tensors must be integer or bool, received {B.dtype_name(index)}")
    return index


@op("getitem")
def getitem(x, key):
    """``x[key]`` with ints, slices, None, Ellipsis and integer or boolean index tensors."""
    x = tensor(x)
    key = tuple(_key_part(k) for k in key) if isinstance(key, tuple) else _key_part(key)
    return B.getitem(x, key)


get_item = getitem


@op("take")
def take(x, indices, axis=None):
    x = tensor(x)
    indices = tensor(indices)
    if B.dtype_name(indices) not in dtypes.INT_TYPES:
        raise OpError(f"ops.take: indices must be integers, received {B.dtype_name(indices)}")
    if B.dtype_name(indices) not in ("int32", "int64"):
        indices = B.cast(indices, "int32")  # not every engine gathers with 8- or 16-bit indices
    if axis is not None:
        axis = normalize_axis(axis, len(B.shape(x)), "take")[0]
    return B.take(x, indices, axis)


@op("take_along_axis")
def take_along_axis(x, indices, axis=None):
    x = tensor(x)
    indices = tensor(indices)
    if axis is None:
        return B.take_along_axis(B.reshape(x, (-1,)), B.reshape(indices, (-1,)), 0)
    axis = normalize_axis(axis, len(B.shape(x)), "take_along_axis")[0]
    if len(B.shape(indices)) != len(B.shape(x)):
        raise OpError(
            f"ops.take_along_axis: indices of shape {B.shape(indices)} need the rank of x {B.shape(x)}"
        )
    shape = tuple(max(a, b) if i != axis else b for i, (a, b) in enumerate(zip(B.shape(x), B.shape(indices))))
    x_shape = tuple(s if i != axis else B.shape(x)[axis] for i, s in enumerate(shape))
    return B.take_along_axis(B.broadcast_to(x, x_shape), B.broadcast_to(indices, shape), axis)


def _check_window(name, x, start_indices, sizes):
    shape = B.shape(x)
    if len(start_indices) != len(shape) or any(
        s < 0 or s + n > d for s, n, d in zip(start_indices, sizes, shape)
    ):
        raise OpError(f"ops.{name}: window start {tuple(start_indices)} size {tuple(sizes)} does not fit shape {shape}")


@op("slice")
def slice(inputs, start_indices, shape):
    """The block of ``inputs`` starting at ``start_indices`` with the given ``shape``."""
    x = tensor(inputs)
    start = tuple(int(s) for s in start_indices)
    shape = tuple(int(s) for s in shape)
    _check_window("slice", x, start, shape)
    return B.slice(x, start, shape)


@op("slice_update")
def slice_update(inputs, start_indices, updates):
    x = tensor(inputs)
    updates = tensor(updates, B.dtype_name(x))
    start = tuple(int(s) for s in start_indices)
    _check_window("slice_update", x, start, B.shape(updates))
    return B.slice_update(x, start, updates)


@op("scatter_update")
def scatter_update(inputs, indices, updates):
    x = tensor(inputs)
    indices = tensor(indices, "int32")
    return B.scatter_update(x, indices, tensor(updates, B.dtype_name(x)))


@op("scatter")
def scatter(indices, values, shape):
    """zeros(shape) with ``values`` added at ``indices`` (duplicates accumulate)."""
    values = tensor(values)
    return B.scatter_add(tuple(shape), tensor(indices, "int32"), values, B.dtype_name(values))


def _segment(name, primitive):
    @op(name)
    def function(data, segment_ids, num_segments=None, sorted=False):
        data = tensor(data)
        segment_ids = tensor(segment_ids, "int32")
        if num_segments is None:
            ids = B.convert_to_numpy(segment_ids)
            num_segments = int(ids.max()) + 1 if ids.size else 0
        return primitive(data, segment_ids, int(num_segments))

    function.__name__ = name
    return function


segment_sum = _segment("segment_sum", B.segment_sum)
segment_max = _segment("segment_max", B.segment_max)


@op("searchsorted")
def searchsorted(sorted_sequence, values, side="left"):
    """Insertion indices (int32) that keep the 1-D ``sorted_sequence`` sorted."""
    if side not in ("left", "right"):
        raise OpError(f"ops.searchsorted: side must be 'left' or 'right', received {side!r}")
    sequence, values = promoted(sorted_sequence, values)
    compare = B.less if side == "left" else B.less_equal
    below = compare(B.reshape(sequence, (1, -1)), B.reshape(values, (-1, 1)))
    counts = B.sum(B.cast(below, "int32"), 1, False)
    return B.reshape(counts, B.shape(values))


@op("digitize")
def digitize(x, bins):
    """Index of the bin each value falls in (right edge open), as numpy.digitize."""
    return searchsorted(bins, x, side="right")


@op("bincount")
def bincount(x, weights=None, minlength=0, sparse=False):
    x = tensor(x, "int32")
    length = max(int(B.convert_to_numpy(x).max()) + 1 if B.shape(x)[0] else 0, minlength)
    values = B.ones(B.shape(x), "int32") if weights is None else tensor(weights)
    return B.segment_sum(values, x, length)


@op("select")
def select(condlist, choicelist, default=0):
    """The first choice whose condition holds, elementwise; ``default`` elsewhere."""
    choices = promoted(*choicelist, default)
    result = choices[-1]
    for condition, choice in reversed(list(zip(condlist, choices[:-1]))):
        result = B.where(tensor(condition, "bool"), choice, result)
    return result


@op("unravel_index")
def unravel_index(indices, shape):
    indices = tensor(indices)
    dtype = B.dtype_name(indices)
    coordinates = []
    for dim in reversed(tuple(shape)):
        coordinates.append(B.mod(indices, B.full((), dim, dtype)))
        indices = B.floor_divide(indices, B.full((), dim, dtype))
    return tuple(reversed(coordinates))


@op("nonzero")
def nonzero(x):
    """Indices of the non-zero entries, one int32 tensor per axis (eager only: the size is data-dependent)."""
    return tuple(tensor(i.astype("int32")) for i in np.nonzero(B.convert_to_numpy(tensor(x))))
