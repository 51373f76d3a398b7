"""Shape work: reshape, transpose, join, split, tile, pad, flip and friends."""

from frontend.backends import active as B
from frontend.ops.axes import normalize_axis
from frontend.ops.errors import OpError, op
from frontend.ops.tensors import promoted, tensor


def _axis(axis, ndim, name):
    return normalize_axis(axis, ndim, name)[0]


@op("reshape")
def reshape(x, newshape):
    x = tensor(x)
    newshape = (newshape,) if isinstance(newshape, int) else tuple(newshape)
    known = 1
    for dim in newshape:
        if dim != -1:
            known *= dim
    size = 1
    for dim in B.shape(x):
        size *= dim if dim is not None else 1
    if newshape.count(-1) > 1 or (-1 not in newshape and known != size) or (-1 in newshape and known and size % known):
        raise OpError(f"ops.reshape: cannot reshape a tensor of shape {B.shape(x)} ({size} elements) into {newshape}")
    return B.reshape(x, newshape)


@op("transpose")
def transpose(x, axes=None):
    x = tensor(x)
    ndim = len(B.shape(x))
    axes = tuple(reversed(range(ndim))) if axes is None else tuple(a % ndim for a in axes)
    if sorted(axes) != list(range(ndim)):
        raise OpError(f"ops.transpose: axes {axes} are not a permutation of the {ndim} axes of shape {B.shape(x)}")
    return B.transpose(x, axes)


@op("expand_dims")
def expand_dims(x, axis):
    x = tensor(x)
    axes = (axis,) if isinstance(axis, int) else tuple(axis)
    rank = len(B.shape(x)) + len(axes)
    new_axes = set(normalize_axis(axes, rank, "expand_dims"))
    # indexing with None works with sizes unknown while tracing, where a reshape would not
    return B.getitem(x, tuple(None if a in new_axes else slice(None) for a in range(rank)))


@op("squeeze")
def squeeze(x, axis=None):
    x = tensor(x)
    shape = B.shape(x)
    if axis is None:
        axes = tuple(i for i, d in enumerate(shape) if d == 1)
    else:
        axes = normalize_axis(axis, len(shape), "squeeze")
        wrong = [a for a in axes if shape[a] != 1]
        if wrong:
            raise OpError(f"ops.squeeze: cannot squeeze axis {wrong[0]} of size {shape[wrong[0]]} (shape {shape})")
    return B.reshape(x, tuple(d for i, d in enumerate(shape) if i not in axes))


@op("concatenate")
def concatenate(xs, axis=0):
    tensors = promoted(*xs)
    if axis is None:
        return B.concatenate([B.reshape(t, (-1,)) for t in tensors], 0)
    ndim = len(B.shape(tensors[0]))
    axis = _axis(axis, ndim, "concatenate")
    for t in tensors[1:]:
        other = B.shape(t)
        first = B.shape(tensors[0])
        if len(other) != ndim or any(a != b for i, (a, b) in enumerate(zip(first, other)) if i != axis):
            raise OpError(f"ops.concatenate: shapes {first} and {other} differ outside axis {axis}")
    return B.concatenate(tensors, axis)


@op("stack")
def stack(x, axis=0):
    tensors = promoted(*x)
    first = B.shape(tensors[0])
    for t in tensors[1:]:
        if B.shape(t) != first:
            raise OpError(f"ops.stack: all inputs need one shape, received {first} and {B.shape(t)}")
    return B.stack(tensors, _axis(axis, len(first) + 1, "stack"))


@op("hstack")
def hstack(xs):
    tensors = promoted(*xs)
    return B.concatenate(tensors, 0 if len(B.shape(tensors[0])) == 1 else 1)


@op("vstack")
def vstack(xs):
    tensors = [t if len(B.shape(t)) > 1 else B.reshape(t, (1, -1)) for t in promoted(*xs)]
    return B.concatenate(tensors, 0)


@op("append")
def append(x1, x2, axis=None):
    a, b = promoted(x1, x2)
    if axis is None:
        return B.concatenate([B.reshape(a, (-1,)), B.reshape(b, (-1,))], 0)
    return B.concatenate([a, b], axis)


@op("split")
def split(x, indices_or_sections, axis=0):
    x = tensor(x)
    axis = _axis(axis, len(B.shape(x)), "split")
    if isinstance(indices_or_sections, int) and B.shape(x)[axis] % indices_or_sections:
        raise OpError(
            f"ops.split: axis {axis} of size {B.shape(x)[axis]} does not split into {indices_or_sections} equal parts"
        )
    return B.split(x, indices_or_sections, axis)


@op("unstack")
def unstack(x, num=None, axis=0):
    x = tensor(x)
    axis = _axis(axis, len(B.shape(x)), "unstack")
    count = B.shape(x)[axis]
    shape = tuple(d for i, d in enumerate(B.shape(x)) if i != axis)
    return [B.reshape(part, shape) for part in B.split(x, count, axis)]


@op("tile")
def tile(x, repeats):
    x = tensor(x)
    repeats = (repeats,) if isinstance(repeats, int) else tuple(repeats)
    ndim = len(B.shape(x))
    if len(repeats) < ndim:
        repeats = (1,) * (ndim - len(repeats)) + repeats
    return B.tile(x, repeats)


@op("repeat")
def repeat(x, repeats, axis=None):
    x = tensor(x)
    if not isinstance(repeats, int):
        repeats = tensor(repeats, "int32")
    if axis is not None:
        axis = _axis(axis, len(B.shape(x)), "repeat")
    return B.repeat(x, repeats, axis)


_PAD_MODES = ("constant", "reflect", "symmetric", "edge")


@op("pad")
def pad(x, pad_width, mode="constant", constant_values=None):
    """Pad like numpy.pad; pad_width is an int, a (before, after) pair, or one pair per axis."""
    x = tensor(x)
    if mode not in _PAD_MODES:
        raise OpError(f"ops.pad: mode must be one of {_PAD_MODES}, received {mode!r}")
    if constant_values is not None and mode != "constant":
        raise OpError(f"ops.pad: constant_values only goes with mode='constant', received mode={mode!r}")
    ndim = len(B.shape(x))
    if isinstance(pad_width, int):
        widths = ((pad_width, pad_width),) * ndim
    else:
        widths = tuple(tuple(w) if not isinstance(w, int) else (w, w) for w in pad_width)
        if len(widths) == 1:
            widths = widths * ndim
    if len(widths) != ndim or any(len(w) != 2 or min(w) < 0 for w in widths):
        raise OpError(f"ops.pad: pad_width {pad_width} does not fit a tensor of rank {ndim}")
    return B.pad(x, widths, mode, 0 if constant_values is None else constant_values)


@op("broadcast_to")
def broadcast_to(x, shape):
    x = tensor(x)
    shape = tuple(shape)
    current = B.shape(x)
    if len(current) > len(shape) or any(
        c not in (1, s) for c, s in zip(reversed(current), reversed(shape))
    ):
        raise OpError(f"ops.broadcast_to: cannot broadcast shape {current} to {shape}")
    return B.broadcast_to(x, shape)


@op("flip")
def flip(x, axis=None):
    x = tensor(x)
    return B.flip(x, normalize_axis(axis, len(B.shape(x)), "flip"))


@op("roll")
def roll(x, shift, axis=None):
    x = tensor(x)
    if axis is not None:
        axis = _axis(axis, len(B.shape(x)), "roll")
    return B.roll(x, int(shift), axis)


@op("moveaxis")
def moveaxis(x, source, destination):
    x = tensor(x)
    ndim = len(B.shape(x))
    source = normalize_axis(source, ndim, "moveaxis")
    destination = normalize_axis(destination, ndim, "moveaxis")
    if len(source) != len(destination):
        raise OpError(f"ops.moveaxis: source {source} and destination {destination} differ in length")
    order = [a for a in range(ndim) if a not in source]
    for dest, src in sorted(zip(destination, source)):
        order.insert(dest, src)
    return B.transpose(x, tuple(order))


@op("swapaxes")
def swapaxes(x, axis1, axis2):
    x = tensor(x)
    ndim = len(B.shape(x))
    order = list(range(ndim))
    a, b = _axis(axis1, ndim, "swapaxes"), _axis(axis2, ndim, "swapaxes")
    order[a], order[b] = order[b], order[a]
    return B.transpose(x, tuple(order))


@op("ravel")
def ravel(x):
    return B.reshape(tensor(x), (-1,))


@op("copy")
def copy(x):
    x = tensor(x)
    return B.add(x, B.zeros((), B.dtype_name(x))) if B.dtype_name(x) != "bool" else B.logical_or(x, x)


@op("tril")
def tril(x, k=0):
    return B.tril(tensor(x), k)


@op("triu")
def triu(x, k=0):
    return B.triu(tensor(x), k)


@op("diagonal")
def diagonal(x, offset=0, axis1=0, axis2=1):
    x = tensor(x)
    ndim = len(B.shape(x))
    return B.diagonal(x, offset, _axis(axis1, ndim, "diagonal"), _axis(axis2, ndim, "diagonal"))


@op("trace")
def trace(x, offset=0, axis1=0, axis2=1):
    from frontend.ops.reductions import sum as reduce_sum

    return reduce_sum(diagonal(x, offset, axis1, axis2), axis=-1)


@op("diag")
def diag(x, k=0):
    """The k-th diagonal of a matrix, or a matrix with a vector on its k-th diagonal."""
    x = tensor(x)
    if len(B.shape(x)) == 2:
        return B.diagonal(x, k, 0, 1)
    if len(B.shape(x)) != 1:
        raise OpError(f"ops.diag: needs a 1-D or 2-D input, received shape {B.shape(x)}")
    n = B.shape(x)[0]
    size = n + abs(k)
    rows = B.reshape(B.arange(0, size, 1, "int32"), (size, 1))
    cols = B.reshape(B.arange(0, size, 1, "int32"), (1, size))
    on_diagonal = B.equal(B.subtract(cols, rows), B.full((), k, "int32"))
    source = B.broadcast_to(rows if k >= 0 else cols, (size, size))
    source = B.minimum(source, B.full((), max(n - 1, 0), "int32"))
    values = B.take(x, source, 0) if n else B.zeros((size, size), B.dtype_name(x))
    return B.where(on_diagonal, values, B.zeros((), B.dtype_name(x)))


@op("diagflat")
def diagflat(x, k=0):
    return diag(B.reshape(tensor(x), (-1,)), k)


@op("rot90")
def rot90(array, k=1, axes=(0, 1)):
    x = tensor(array)
    ndim = len(B.shape(x))
    a, b = normalize_axis(axes, ndim, "rot90")
    k %= 4
    if k == 0:
        return x
    if k == 2:
        return B.flip(x, (a, b))
    order = list(range(ndim))
    order[a], order[b] = order[b], order[a]
    if k == 1:
        return B.transpose(B.flip(x, (b,)), tuple(order))
    return B.flip(B.transpose(x, tuple(order)), (b,))


@op("meshgrid")
def meshgrid(*x, indexing="xy"):
    if indexing not in ("xy", "ij"):
        raise OpError(f"ops.meshgrid: indexing must be 'xy' or 'ij', received {indexing!r}")
    vectors = [B.reshape(t, (-1,)) for t in promoted(*x)]
    shape = [B.shape(v)[0] for v in vectors]
    if indexing == "xy" and len(vectors) >= 2:
        shape[0], shape[1] = shape[1], shape[0]
    grids = []
    for i, v in enumerate(vectors):
        position = i
        if indexing == "xy" and len(vectors) >= 2 and i < 2:
            position = 1 - i
        view = [1] * len(vectors)
        view[position] = -1
        grids.append(B.broadcast_to(B.reshape(v, tuple(view)), tuple(shape)))
    return grids
