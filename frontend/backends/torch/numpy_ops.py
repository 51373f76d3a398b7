"""Elementwise math, reductions, shape work and indexing on PyTorch."""

import builtins

import numpy as np
import torch

from frontend.backends.torch.core import DTYPES


def _unary(fn, name):
    def op(x):
        return fn(x)

    op.__name__ = op.__qualname__ = name
    return op


def _binary(fn, name):
    def op(x1, x2):
        return fn(x1, x2)

    op.__name__ = op.__qualname__ = name
    return op


_UNARY = {
    "abs": torch.abs, "negative": torch.neg, "sign": lambda x: torch.where(torch.isnan(x), x, torch.sign(x)),
    "sqrt": torch.sqrt,
    "exp": torch.exp, "expm1": torch.expm1, "log": torch.log, "log1p": torch.log1p,
    "sin": torch.sin, "cos": torch.cos, "tan": torch.tan, "arcsin": torch.asin,
    "arccos": torch.acos, "arctan": torch.atan, "sinh": torch.sinh, "cosh": torch.cosh,
    "tanh": torch.tanh, "arcsinh": torch.asinh, "arccosh": torch.acosh, "arctanh": torch.atanh,
    "floor": torch.floor, "ceil": torch.ceil, "trunc": torch.trunc, "erf": torch.erf,
    "erfinv": torch.erfinv, "sigmoid": torch.sigmoid, "isnan": torch.isnan, "isinf": torch.isinf,
    "isfinite": torch.isfinite, "logical_not": torch.logical_not, "bitwise_invert": torch.bitwise_not,
    "reciprocal": torch.reciprocal, "rsqrt": torch.rsqrt, "square": torch.square,
}
_BINARY = {
    "add": torch.add, "subtract": torch.subtract, "multiply": torch.multiply,
    "divide": torch.true_divide, "floor_divide": torch.floor_divide, "mod": torch.remainder,
    "power": torch.pow, "maximum": torch.maximum, "minimum": torch.minimum, "arctan2": torch.atan2,
    "equal": torch.eq, "not_equal": torch.ne, "less": torch.lt, "less_equal": torch.le,
    "greater": torch.gt, "greater_equal": torch.ge, "logical_and": torch.logical_and,
    "logical_or": torch.logical_or, "logical_xor": torch.logical_xor,
    "bitwise_and": torch.bitwise_and, "bitwise_or": torch.bitwise_or,
    "bitwise_xor": torch.bitwise_xor, "left_shift": torch.bitwise_left_shift,
    "right_shift": torch.bitwise_right_shift,
}
globals().update({name: _unary(fn, name) for name, fn in _UNARY.items()})
globals().update({name: _binary(fn, name) for name, fn in _BINARY.items()})


def where(condition, x1, x2):
    return torch.where(condition, x1, x2)


def round(x):
    return torch.round(x) if x.is_floating_point() else x.clone()


# ----- reductions ----------------------------------------------------------------------


def _axes(x, axis):
    if axis is None:
        return tuple(range(x.ndim))
    return (axis,) if isinstance(axis, int) else tuple(axis)


def _reduce(fn, x, axis, keepdims, **kwargs):
    axes = _axes(x, axis)
    if not axes:  # nothing to reduce (torch reads an empty dim list as "all axes")
        return fn(x.unsqueeze(0), dim=0, keepdim=False, **kwargs)
    return fn(x, dim=axes, keepdim=keepdims, **kwargs)


def sum(x, axis, keepdims):
    return _reduce(torch.sum, x, axis, keepdims, dtype=x.dtype)


def prod(x, axis, keepdims):
    axes = sorted(a % x.ndim for a in _axes(x, axis))
    for a in reversed(axes):
        x = torch.prod(x, a, keepdim=True, dtype=x.dtype)
    return x if keepdims or not axes else x.squeeze(tuple(axes))


def max(x, axis, keepdims):
    return _reduce(torch.amax, x, axis, keepdims)


def min(x, axis, keepdims):
    return _reduce(torch.amin, x, axis, keepdims)


def mean(x, axis, keepdims):
    return _reduce(torch.mean, x, axis, keepdims)


def any(x, axis, keepdims):
    return _reduce(torch.any, x, axis, keepdims)


def all(x, axis, keepdims):
    return _reduce(torch.all, x, axis, keepdims)


def _arg(fn, x, axis, keepdims):
    if x.dtype == torch.bool:
        x = x.to(torch.uint8)
    if axis is None:
        out = fn(x.reshape(-1), dim=0)
        return (out.reshape((1,) * x.ndim) if keepdims else out).to(torch.int32)
    return fn(x, dim=axis, keepdim=keepdims).to(torch.int32)


def argmax(x, axis, keepdims):
    return _arg(torch.argmax, x, axis, keepdims)


def argmin(x, axis, keepdims):
    return _arg(torch.argmin, x, axis, keepdims)


def cumsum(x, axis):
    return torch.cumsum(x.reshape(-1) if axis is None else x, 0 if axis is None else axis, dtype=x.dtype)


def cumprod(x, axis):
    return torch.cumprod(x.reshape(-1) if axis is None else x, 0 if axis is None else axis, dtype=x.dtype)


def sort(x, axis):
    return torch.sort(x, dim=axis, stable=True).values


def argsort(x, axis):
    return torch.argsort(x, dim=axis, stable=True).to(torch.int32)


def top_k(x, k, sorted):
    # A stable descending sort puts the lower index first among equal values, as JAX and TensorFlow do.
    values, indices = torch.sort(x, dim=-1, descending=True, stable=True)
    return values[..., :k], indices[..., :k].to(torch.int32)


# ----- shape work ----------------------------------------------------------------------


def reshape(x, shape):
    return torch.reshape(x, shape)


def transpose(x, axes):
    return x.permute(axes)


def concatenate(xs, axis):
    return torch.cat([x.reshape(-1) for x in xs] if axis is None else list(xs), dim=axis or 0)


def stack(xs, axis):
    return torch.stack(list(xs), dim=axis)


def split(x, indices_or_sections, axis):
    if isinstance(indices_or_sections, int) and x.shape[axis] % indices_or_sections:
        raise ValueError(
            f"split: axis {axis} of size {x.shape[axis]} does not divide into {indices_or_sections} equal sections"
        )
    sections = indices_or_sections if isinstance(indices_or_sections, int) else list(indices_or_sections)
    return list(torch.tensor_split(x, sections, dim=axis))


def tile(x, repeats):
    return torch.tile(x, tuple(repeats))


def repeat(x, repeats, axis):
    if axis is None:
        x, axis = x.reshape(-1), 0
    if isinstance(repeats, torch.Tensor):
        repeats = repeats.to(device=x.device, dtype=torch.int64).reshape(-1)
    return torch.repeat_interleave(x, repeats, dim=axis)


def _pad_indices(n, before, after, mode):
    """Gather indices (NumPy) that pad an axis of size n in mode reflect, symmetric or edge."""
    i = np.arange(-before, n + after)
    if mode == "edge" or (mode == "reflect" and n == 1):
        return np.clip(i, 0, n - 1)
    if mode == "reflect":
        i = i % (2 * n - 2)
        return np.where(i >= n, 2 * n - 2 - i, i)
    if mode == "symmetric":
        i = i % (2 * n)
        return np.where(i >= n, 2 * n - 1 - i, i)
    raise ValueError(f"pad: mode must be constant, reflect, symmetric or edge, received {mode!r}")


def pad(x, pad_width, mode, constant_value):
    pad_width = [tuple(p) for p in pad_width]
    if mode == "constant":
        flat = [int(v) for before, after in reversed(pad_width) for v in (before, after)]
        return torch.nn.functional.pad(x, flat, mode="constant", value=constant_value or 0)
    for axis, (before, after) in enumerate(pad_width):
        if before or after:
            index = _pad_indices(x.shape[axis], before, after, mode)
            x = torch.index_select(x, axis, torch.as_tensor(index, device=x.device))
    return x


def broadcast_to(x, shape):
    return torch.broadcast_to(x, shape)


def flip(x, axis):
    return torch.flip(x, _axes(x, axis))


def roll(x, shift, axis):
    return torch.roll(x, shift, dims=axis)


def tril(x, k):
    return torch.tril(x, k)


def triu(x, k):
    return torch.triu(x, k)


def diagonal(x, offset, axis1, axis2):
    return torch.diagonal(x, offset, axis1, axis2)


# ----- indexing ------------------------------------------------------------------------


def _consumed(item):
    """How many axes of x one index item uses."""
    if item is None:
        return 0
    if isinstance(item, torch.Tensor) and item.dtype == torch.bool:
        return builtins.max(item.ndim, 1)
    return 1


def getitem(x, key):
    key = list(key) if isinstance(key, tuple) else [key]
    key = [torch.as_tensor(k, device=x.device) if isinstance(k, np.ndarray) else k for k in key]
    if builtins.any(k is Ellipsis for k in key):
        at = key.index(Ellipsis)
        rest = builtins.sum(_consumed(k) for k in key if k is not Ellipsis)
        key[at : at + 1] = [builtins.slice(None)] * (x.ndim - rest)
    flips, dim = [], 0
    for position, item in enumerate(key):
        if isinstance(item, builtins.slice) and item.step is not None and item.step < 0:
            n = x.shape[dim]
            start, stop, step = item.indices(n)
            count = len(range(start, stop, step))
            first = n - 1 - start
            key[position] = builtins.slice(first, first - step * count, -step) if count else builtins.slice(0, 0)
            flips.append(dim)
        elif isinstance(item, torch.Tensor):
            key[position] = item.to(x.device) if item.dtype == torch.bool else item.to(x.device, torch.int64)
        dim += _consumed(item)
    if flips:
        x = torch.flip(x, flips)
    return x[tuple(key)]


def take(x, indices, axis):
    if axis is None:
        x, axis = x.reshape(-1), 0
    axis = axis % x.ndim
    indices = indices.to(x.device, torch.int64)
    if x.shape[axis]:
        indices = indices % x.shape[axis]
    out = torch.index_select(x, axis, indices.reshape(-1))
    return out.reshape(x.shape[:axis] + indices.shape + x.shape[axis + 1 :])


def take_along_axis(x, indices, axis):
    indices = indices.to(x.device, torch.int64)
    if x.shape[axis]:
        indices = indices % x.shape[axis]
    return torch.take_along_dim(x, indices, dim=axis)


def _slices(start_indices, shape):
    return tuple(builtins.slice(int(s), int(s) + int(n)) for s, n in zip(start_indices, shape))


def slice(x, start_indices, shape):
    return x[_slices(start_indices, shape)]


def slice_update(x, start_indices, updates):
    out = x.clone()
    out[_slices(start_indices, updates.shape)] = updates
    return out


def scatter_update(x, indices, updates):
    out = x.clone()
    out[tuple(indices.to(x.device, torch.int64).unbind(-1))] = updates
    return out


def scatter_add(shape, indices, values, dtype):
    out = torch.zeros(shape, dtype=DTYPES[dtype], device=values.device)
    return out.index_put_(tuple(indices.to(values.device, torch.int64).unbind(-1)), values.to(out.dtype), accumulate=True)


def _segment_ids(segment_ids, num_segments, device):
    """Ids as int64, with ids outside [0, num_segments) sent to an extra, dropped segment."""
    ids = segment_ids.to(device, torch.int64)
    return torch.where((ids >= 0) & (ids < num_segments), ids, num_segments)


def segment_sum(data, segment_ids, num_segments):
    ids = _segment_ids(segment_ids, num_segments, data.device)
    out = torch.zeros((num_segments + 1,) + tuple(data.shape[1:]), dtype=data.dtype, device=data.device)
    return out.index_add(0, ids, data)[:num_segments]


def segment_max(data, segment_ids, num_segments):
    ids = _segment_ids(segment_ids, num_segments, data.device)
    if data.dtype == torch.bool:
        lowest = False
    elif data.is_floating_point():
        lowest = float("-inf")
    else:
        lowest = torch.iinfo(data.dtype).min
    out = torch.full((num_segments + 1,) + tuple(data.shape[1:]), lowest, dtype=data.dtype, device=data.device)
    index = ids.reshape((-1,) + (1,) * (data.ndim - 1)).expand(data.shape)
    return out.scatter_reduce(0, index, data, "amax", include_self=True)[:num_segments]
