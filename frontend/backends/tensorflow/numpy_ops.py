"""Elementwise math, reductions and shape manipulation on TensorFlow."""

import builtins

import tensorflow as tf

_NARROW = (tf.bool, tf.uint8, tf.int8, tf.int16)  # dtypes that lack many TF kernels (CPU and GPU)


def _widened(fn, narrow=_NARROW):
    """fn computed in int32 when the first argument's dtype lacks kernels; a non-bool result is cast back."""
    def run(x, *rest):
        if x.dtype not in narrow:
            return fn(x, *rest)
        wide = [tf.cast(a, tf.int32) if isinstance(a, tf.Tensor) and a.dtype == x.dtype else a for a in (x,) + rest]
        out = fn(*wide)
        return out if out.dtype == tf.bool else tf.cast(out, x.dtype)
    return run


def _in_float32(fn):
    """fn computed in float32 for float16/bfloat16 input (TF lacks those kernels), cast back."""
    return lambda x: tf.cast(fn(tf.cast(x, tf.float32)), x.dtype) if x.dtype in (tf.float16, tf.bfloat16) else fn(x)


def _floats_only(fn, int_result=None):
    """fn for floating x; integer/bool x gives x itself (int_result None) or a constant bool tensor."""
    def run(x):
        if x.dtype.is_floating:
            return fn(x)
        return x if int_result is None else tf.fill(tf.shape(x), int_result)
    return run


def _named(name, primitive):
    primitive.__name__ = primitive.__qualname__ = name
    return primitive


def _unary(name, fn):
    return _named(name, lambda x: fn(x))


def _binary(name, fn):
    return _named(name, lambda x1, x2: fn(x1, x2))


def _axis(axis):
    return list(axis) if isinstance(axis, (tuple, list)) else axis


# --- unary ---------------------------------------------------------------------------------

abs = _unary("abs", _widened(tf.math.abs))
negative = _unary("negative", _widened(tf.math.negative))
sign = _unary("sign", _widened(tf.math.sign))
square = _unary("square", _widened(tf.math.square))
sqrt = _unary("sqrt", tf.math.sqrt)
exp = _unary("exp", tf.math.exp)
expm1 = _unary("expm1", tf.math.expm1)
log = _unary("log", tf.math.log)
log1p = _unary("log1p", tf.math.log1p)
sin = _unary("sin", tf.math.sin)
cos = _unary("cos", tf.math.cos)
tan = _unary("tan", tf.math.tan)
arcsin = _unary("arcsin", tf.math.asin)
arccos = _unary("arccos", tf.math.acos)
arctan = _unary("arctan", tf.math.atan)
sinh = _unary("sinh", tf.math.sinh)
cosh = _unary("cosh", tf.math.cosh)
tanh = _unary("tanh", tf.math.tanh)
arcsinh = _unary("arcsinh", tf.math.asinh)
arccosh = _unary("arccosh", tf.math.acosh)
arctanh = _unary("arctanh", tf.math.atanh)
floor = _unary("floor", _floats_only(tf.math.floor))
ceil = _unary("ceil", _floats_only(tf.math.ceil))
trunc = _unary("trunc", _floats_only(lambda x: tf.where(x < 0, tf.math.ceil(x), tf.math.floor(x))))
round = _unary("round", _floats_only(tf.math.round))  # half to even
erf = _unary("erf", tf.math.erf)
erfinv = _unary("erfinv", _in_float32(tf.math.erfinv))
sigmoid = _unary("sigmoid", tf.math.sigmoid)
isnan = _unary("isnan", _floats_only(tf.math.is_nan, False))
isinf = _unary("isinf", _floats_only(tf.math.is_inf, False))
isfinite = _unary("isfinite", _floats_only(tf.math.is_finite, True))
logical_not = _unary("logical_not", tf.math.logical_not)
reciprocal = _unary("reciprocal", tf.math.reciprocal)
rsqrt = _unary("rsqrt", tf.math.rsqrt)


def bitwise_invert(x):
    return tf.math.logical_not(x) if x.dtype == tf.bool else tf.bitwise.invert(x)


# --- binary --------------------------------------------------------------------------------

add = _binary("add", _widened(tf.math.add))
subtract = _binary("subtract", _widened(tf.math.subtract))
multiply = _binary("multiply", _widened(tf.math.multiply))
divide = _binary("divide", tf.math.truediv)
floor_divide = _binary("floor_divide", _widened(tf.math.floordiv))
mod = _binary("mod", _widened(tf.math.floormod))  # result takes the divisor's sign, like numpy
power = _binary("power", _widened(tf.math.pow))
maximum = _binary("maximum", _widened(tf.math.maximum))
minimum = _binary("minimum", _widened(tf.math.minimum))
arctan2 = _binary("arctan2", tf.math.atan2)
equal = _binary("equal", tf.math.equal)
not_equal = _binary("not_equal", tf.math.not_equal)
less = _binary("less", _widened(tf.math.less))
less_equal = _binary("less_equal", _widened(tf.math.less_equal))
greater = _binary("greater", _widened(tf.math.greater))
greater_equal = _binary("greater_equal", _widened(tf.math.greater_equal))
logical_and = _binary("logical_and", tf.math.logical_and)
logical_or = _binary("logical_or", tf.math.logical_or)
logical_xor = _binary("logical_xor", tf.math.logical_xor)
left_shift = _binary("left_shift", tf.bitwise.left_shift)
right_shift = _binary("right_shift", tf.bitwise.right_shift)


def _bitwise(name, bits, logical):
    return _binary(name, lambda x1, x2: logical(x1, x2) if x1.dtype == tf.bool else bits(x1, x2))


bitwise_and = _bitwise("bitwise_and", tf.bitwise.bitwise_and, tf.math.logical_and)
bitwise_or = _bitwise("bitwise_or", tf.bitwise.bitwise_or, tf.math.logical_or)
bitwise_xor = _bitwise("bitwise_xor", tf.bitwise.bitwise_xor, tf.math.logical_xor)


def where(condition, x1, x2):
    return tf.where(condition, x1, x2)


# --- reductions ----------------------------------------------------------------------------

def _reduction(fn, nonempty=False):
    def run(x, axis, keepdims):
        if nonempty:
            dims = x.shape.as_list() if axis is None else [x.shape[a] for a in (axis if isinstance(axis, (tuple, list)) else (axis,))]
            if 0 in dims:
                raise ValueError(f"zero-size reduction over axis {axis} of a tensor of shape {tuple(x.shape)}: the result is undefined")
        return fn(x, _axis(axis), keepdims)
    return run


sum = _named("sum", _reduction(_widened(tf.math.reduce_sum)))
prod = _named("prod", _reduction(_widened(tf.math.reduce_prod)))
max = _named("max", _reduction(_widened(tf.math.reduce_max), nonempty=True))
min = _named("min", _reduction(_widened(tf.math.reduce_min), nonempty=True))
mean = _named("mean", _reduction(tf.math.reduce_mean))
any = _named("any", _reduction(tf.math.reduce_any))
all = _named("all", _reduction(tf.math.reduce_all))


def _arg_reduction(fn):
    def run(x, axis, keepdims):
        if axis is None:
            out = fn(tf.reshape(x, [-1]), 0, output_type=tf.int32)
            return tf.reshape(out, [1] * x.shape.rank) if keepdims else out
        out = fn(x, axis, output_type=tf.int32)
        return tf.expand_dims(out, axis) if keepdims else out
    return run


argmax = _named("argmax", _arg_reduction(tf.math.argmax))
argmin = _named("argmin", _arg_reduction(tf.math.argmin))


def _cumulative(fn):
    fn = _widened(fn)
    return lambda x, axis: fn(tf.reshape(x, [-1]), 0) if axis is None else fn(x, axis)


cumsum = _named("cumsum", _cumulative(tf.math.cumsum))
cumprod = _named("cumprod", _cumulative(tf.math.cumprod))
def sort(x, axis):
    return _widened(tf.sort)(x, axis)


def argsort(x, axis):
    return tf.argsort(tf.cast(x, tf.int8) if x.dtype == tf.bool else x, axis, stable=True)


def top_k(x, k, sorted):
    values, indices = tf.math.top_k(tf.cast(x, tf.int8) if x.dtype == tf.bool else x, k, sorted=sorted)
    return tf.cast(values, x.dtype), indices


# --- shape work ----------------------------------------------------------------------------

def reshape(x, shape):
    return tf.reshape(x, shape)


def transpose(x, axes):
    return tf.transpose(x, axes)


def concatenate(xs, axis):
    return tf.concat(list(xs), axis)


def stack(xs, axis):
    return tf.stack(list(xs), axis)


def split(x, indices_or_sections, axis):
    if isinstance(indices_or_sections, int):
        return tf.split(x, indices_or_sections, axis)
    bounds = [None, *indices_or_sections, None]
    lead = (builtins.slice(None),) * (axis % x.shape.rank)
    return [x[lead + (builtins.slice(a, b),)] for a, b in zip(bounds[:-1], bounds[1:])]


def tile(x, repeats):
    return tf.tile(x[(None,) * (len(repeats) - x.shape.rank)], repeats)


def repeat(x, repeats, axis):
    return tf.repeat(x, repeats, axis)


def _pad_source(mode, positions, n):
    """For padded positions (relative to the original start), the source index along an axis of length n."""
    if mode == "edge":
        return tf.clip_by_value(positions, 0, n - 1)
    if mode == "reflect":  # ... 2 1 | 0 1 2 | 1 0 ...
        period = tf.maximum(2 * n - 2, 1)
        i = tf.math.floormod(positions, period)
        return tf.where(i >= n, period - i, i)
    period = 2 * n  # symmetric: ... 1 0 | 0 1 2 | 2 1 ...
    i = tf.math.floormod(positions, period)
    return tf.where(i >= n, period - 1 - i, i)


def pad(x, pad_width, mode, constant_value):
    if mode == "constant":
        value = tf.cast(0 if constant_value is None else constant_value, x.dtype)
        return tf.pad(x, [list(p) for p in pad_width], constant_values=value)
    if mode not in ("reflect", "symmetric", "edge"):
        raise ValueError(f"pad: mode must be one of constant, reflect, symmetric, edge; received {mode!r}")
    for axis, (before, after) in enumerate(pad_width):
        if before or after:
            n = tf.shape(x)[axis]
            x = tf.gather(x, _pad_source(mode, tf.range(-before, n + after), n), axis=axis)
    return x


def broadcast_to(x, shape):
    return tf.broadcast_to(x, shape)


def flip(x, axis):
    return tf.reverse(x, list(range(x.shape.rank)) if axis is None else list(axis) if isinstance(axis, (tuple, list)) else [axis])


def roll(x, shift, axis):
    if axis is None:
        return tf.reshape(tf.roll(tf.reshape(x, [-1]), shift, 0), tf.shape(x))
    return tf.roll(x, shift, axis)


def _triangle(x, k, lower):
    size = tf.shape(x)
    offsets = tf.range(size[-1])[None, :] - tf.range(size[-2])[:, None]
    keep = offsets <= k if lower else offsets >= k
    return tf.where(keep, x, tf.zeros_like(x))


def tril(x, k):
    return _triangle(x, k, lower=True)


def triu(x, k):
    return _triangle(x, k, lower=False)


def diagonal(x, offset, axis1, axis2):
    rank = x.shape.rank
    axis1, axis2 = axis1 % rank, axis2 % rank
    perm = [a for a in range(rank) if a not in (axis1, axis2)] + [axis1, axis2]
    return tf.linalg.diag_part(tf.transpose(x, perm), k=offset)
