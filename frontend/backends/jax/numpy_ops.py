"""Elementwise math, reductions, shape work and indexing on JAX."""

import jax
import jax.numpy as jnp
import numpy as np
from jax import lax


def _unary(name, fn):
    def primitive(x):
        return fn(x)

    primitive.__name__ = primitive.__qualname__ = name
    return primitive


def _binary(name, fn):
    def primitive(x1, x2):
        return fn(x1, x2)

    primitive.__name__ = primitive.__qualname__ = name
    return primitive


# ----- unary ---------------------------------------------------------------------------

abs = _unary("abs", jnp.abs)
negative = _unary("negative", jnp.negative)
sign = _unary("sign", jnp.sign)
sqrt = _unary("sqrt", jnp.sqrt)
exp = _unary("exp", jnp.exp)
expm1 = _unary("expm1", jnp.expm1)
log = _unary("log", jnp.log)
log1p = _unary("log1p", jnp.log1p)
sin = _unary("sin", jnp.sin)
cos = _unary("cos", jnp.cos)
tan = _unary("tan", jnp.tan)
arcsin = _unary("arcsin", jnp.arcsin)
arccos = _unary("arccos", jnp.arccos)
arctan = _unary("arctan", jnp.arctan)
sinh = _unary("sinh", jnp.sinh)
cosh = _unary("cosh", jnp.cosh)
tanh = _unary("tanh", jnp.tanh)
arcsinh = _unary("arcsinh", jnp.arcsinh)
arccosh = _unary("arccosh", jnp.arccosh)
arctanh = _unary("arctanh", jnp.arctanh)
floor = _unary("floor", jnp.floor)
ceil = _unary("ceil", jnp.ceil)
trunc = _unary("trunc", jnp.trunc)
erf = _unary("erf", jax.scipy.special.erf)
erfinv = _unary("erfinv", jax.scipy.special.erfinv)
sigmoid = _unary("sigmoid", jax.nn.sigmoid)
isnan = _unary("isnan", jnp.isnan)
isinf = _unary("isinf", jnp.isinf)
isfinite = _unary("isfinite", jnp.isfinite)
logical_not = _unary("logical_not", jnp.logical_not)
bitwise_invert = _unary("bitwise_invert", jnp.invert)
reciprocal = _unary("reciprocal", jnp.reciprocal)
rsqrt = _unary("rsqrt", lax.rsqrt)
square = _unary("square", jnp.square)

# ----- binary --------------------------------------------------------------------------

add = _binary("add", jnp.add)
subtract = _binary("subtract", jnp.subtract)
multiply = _binary("multiply", jnp.multiply)
divide = _binary("divide", jnp.true_divide)
floor_divide = _binary("floor_divide", jnp.floor_divide)
mod = _binary("mod", jnp.remainder)
power = _binary("power", jnp.power)
maximum = _binary("maximum", jnp.maximum)
minimum = _binary("minimum", jnp.minimum)
arctan2 = _binary("arctan2", jnp.arctan2)
equal = _binary("equal", jnp.equal)
not_equal = _binary("not_equal", jnp.not_equal)
less = _binary("less", jnp.less)
less_equal = _binary("less_equal", jnp.less_equal)
greater = _binary("greater", jnp.greater)
greater_equal = _binary("greater_equal", jnp.greater_equal)
logical_and = _binary("logical_and", jnp.logical_and)
logical_or = _binary("logical_or", jnp.logical_or)
logical_xor = _binary("logical_xor", jnp.logical_xor)
bitwise_and = _binary("bitwise_and", jnp.bitwise_and)
bitwise_or = _binary("bitwise_or", jnp.bitwise_or)
bitwise_xor = _binary("bitwise_xor", jnp.bitwise_xor)
left_shift = _binary("left_shift", jnp.left_shift)
right_shift = _binary("right_shift", jnp.right_shift)

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
