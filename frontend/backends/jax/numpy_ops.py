"""Elementwise math, reductions, shape work and indexing on JAX."""

import jax
import jax.numpy as jnp
import numpy as np
from jax import lax

# ----- unary ---------------------------------------------------------------------------

abs = jnp.abs
negative = jnp.negative
sign = jnp.sign
sqrt = jnp.sqrt
exp = jnp.exp
expm1 = jnp.expm1
log = jnp.log
log1p = jnp.log1p
sin = jnp.sin
cos = jnp.cos
tan = jnp.tan
arcsin = jnp.arcsin
arccos = jnp.arccos
arctan = jnp.arctan
sinh = jnp.sinh
cosh = jnp.cosh
tanh = jnp.tanh
arcsinh = jnp.arcsinh
arccosh = jnp.arccosh
arctanh = jnp.arctanh
floor = jnp.floor
ceil = jnp.ceil
trunc = jnp.trunc
erf = jax.scipy.special.erf
erfinv = jax.scipy.special.erfinv
sigmoid = jax.nn.sigmoid
isnan = jnp.isnan
isinf = jnp.isinf
isfinite = jnp.isfinite
logical_not = jnp.logical_not
bitwise_invert = jnp.invert
reciprocal = jnp.reciprocal
rsqrt = lax.rsqrt
square = jnp.square

# ----- binary --------------------------------------------------------------------------

add = jnp.add
subtract = jnp.subtract
multiply = jnp.multiply
divide = jnp.true_divide
floor_divide = jnp.floor_divide
mod = jnp.remainder
power = jnp.power
maximum = jnp.maximum
minimum = jnp.minimum
arctan2 = jnp.arctan2
equal = jnp.equal
not_equal = jnp.not_equal
less = jnp.less
less_equal = jnp.less_equal
greater = jnp.greater
greater_equal = jnp.greater_equal
logical_and = jnp.logical_and
logical_or = jnp.logical_or
logical_xor = jnp.logical_xor
bitwise_and = jnp.bitwise_and
bitwise_or = jnp.bitwise_or
bitwise_xor = jnp.bitwise_xor
left_shift = jnp.left_shift
right_shift = jnp.right_shift

# ----- selection -----------------------------------------------------------------------


def where(condition, x1, x2):
    return jnp.where(condition, x1, x2)


def round(x):
    return jnp.round(x)


# ----- reductions ----------------------------------------------------------------------


def _keep(x):
    """Accumulate in x's own dtype (JAX would widen small ints); bool follows NumPy."""
    return None if x.dtype == jnp.bool_ else x.dtype


def sum(x, axis, keepdims):
    return jnp.sum(x, axis=axis, keepdims=keepdims, dtype=_keep(x))


def prod(x, axis, keepdims):
    return jnp.prod(x, axis=axis, keepdims=keepdims, dtype=_keep(x))


def max(x, axis, keepdims):
    return jnp.max(x, axis=axis, keepdims=keepdims)


def min(x, axis, keepdims):
    return jnp.min(x, axis=axis, keepdims=keepdims)


def mean(x, axis, keepdims):
    return jnp.mean(x, axis=axis, keepdims=keepdims)


def any(x, axis, keepdims):
    return jnp.any(x, axis=axis, keepdims=keepdims)


def all(x, axis, keepdims):
    return jnp.all(x, axis=axis, keepdims=keepdims)


def argmax(x, axis, keepdims):
    return jnp.argmax(x, axis=axis, keepdims=keepdims).astype(jnp.int32)


def argmin(x, axis, keepdims):
    return jnp.argmin(x, axis=axis, keepdims=keepdims).astype(jnp.int32)


def cumsum(x, axis):
    return jnp.cumsum(x, axis=axis, dtype=_keep(x))


def cumprod(x, axis):
    return jnp.cumprod(x, axis=axis, dtype=_keep(x))


def sort(x, axis):
    return jnp.sort(x, axis=axis)


def argsort(x, axis):
    return jnp.argsort(x, axis=axis, stable=True).astype(jnp.int32)


def top_k(x, k, sorted):
    values, indices = lax.top_k(x, k)
    return values, indices.astype(jnp.int32)


# ----- shape work ----------------------------------------------------------------------


def reshape(x, shape):
    return jnp.reshape(x, shape)


def transpose(x, axes):
    return jnp.transpose(x, axes)


def concatenate(xs, axis):
    return jnp.concatenate(xs, axis=axis)


def stack(xs, axis):
    return jnp.stack(xs, axis=axis)


def split(x, indices_or_sections, axis):
    return list(jnp.split(x, indices_or_sections, axis=axis))


def tile(x, repeats):
    return jnp.tile(x, repeats)


def repeat(x, repeats, axis):
    if isinstance(repeats, jax.Array) and not isinstance(repeats, jax.core.Tracer):
        repeats = np.asarray(repeats)  # concrete counts: the output size is known
    return jnp.repeat(x, repeats, axis=axis)


def pad(x, pad_width, mode, constant_value):
    if mode == "constant":
        return jnp.pad(x, pad_width, mode="constant", constant_values=constant_value or 0)
    return jnp.pad(x, pad_width, mode=mode)


def broadcast_to(x, shape):
    return jnp.broadcast_to(x, shape)


def flip(x, axis):
    return jnp.flip(x, axis=axis)


def roll(x, shift, axis):
    return jnp.roll(x, shift, axis=axis)


def tril(x, k):
    return jnp.tril(x, k)


def triu(x, k):
    return jnp.triu(x, k)


def diagonal(x, offset, axis1, axis2):
    return jnp.diagonal(x, offset=offset, axis1=axis1, axis2=axis2)


# ----- indexing ------------------------------------------------------------------------


def _index(item):
    """A concrete bool tensor key becomes a NumPy mask (JAX needs it concrete)."""
    if isinstance(item, jax.Array) and item.dtype == jnp.bool_ and not isinstance(item, jax.core.Tracer):
        return np.asarray(item)
    return item


def getitem(x, key):
    key = tuple(_index(k) for k in key) if isinstance(key, tuple) else _index(key)
    return x[key]


def _wrap(indices, size):
    return jnp.where(indices < 0, indices + size, indices)


def take(x, indices, axis):
    if axis is None:
        x, axis = jnp.ravel(x), 0
    return jnp.take(x, _wrap(indices, x.shape[axis]), axis=axis)


def take_along_axis(x, indices, axis):
    return jnp.take_along_axis(x, _wrap(indices, x.shape[axis]), axis=axis)


def slice(x, start_indices, shape):
    return lax.dynamic_slice(x, start_indices, shape)


def slice_update(x, start_indices, updates):
    return lax.dynamic_update_slice(x, updates, start_indices)


def scatter_update(x, indices, updates):
    return x.at[tuple(indices.T)].set(updates)


def scatter_add(shape, indices, values, dtype):
    dtype = jnp.dtype(dtype)
    return jnp.zeros(shape, dtype=dtype).at[tuple(indices.T)].add(values.astype(dtype))


def segment_sum(data, segment_ids, num_segments):
    return jax.ops.segment_sum(data, segment_ids, num_segments)


def segment_max(data, segment_ids, num_segments):
    return jax.ops.segment_max(data, segment_ids, num_segments)
