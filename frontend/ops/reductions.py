"""Reductions, scans, sorting and statistics along axes.

The public names shadow Python builtins (sum, max, min, any, all) on purpose, as in
keras.ops; code in this module uses the B.* primitives instead of the builtins.
"""

from frontend.backends import active as B
from frontend.ops import dtypes
from frontend.ops.axes import normalize_axis, reduced_shape
from frontend.ops.errors import OpError, op
from frontend.ops.tensors import tensor

_WIDENED = {"bool": "int32", "uint8": "int32", "int8": "int32", "int16": "int32"}


def _check_axis(x, axis, op_name):
    if axis is not None:
        normalize_axis(axis, len(B.shape(x)), op_name)


def _widened(x):
    return tensor(x, _WIDENED.get(B.dtype_name(x), B.dtype_name(x)))


@op("sum")
def sum(x, axis=None, keepdims=False):
    """Sum; bool and small ints accumulate in int32."""
    x = tensor(x)
    _check_axis(x, axis, "sum")
    return B.sum(_widened(x), axis, keepdims)


@op("prod")
def prod(x, axis=None, keepdims=False, dtype=None):
    x = tensor(x)
    _check_axis(x, axis, "prod")
    x = _widened(x) if dtype is None else tensor(x, dtypes.standardize_dtype(dtype, "prod"))
    return B.prod(x, axis, keepdims)


def _extremum(name, primitive, combine):
    @op(name)
    def function(x, axis=None, keepdims=False, initial=None):
        x = tensor(x)
        shape = B.shape(x)
        axes = normalize_axis(axis, len(shape), name)
        if [a for a in axes if shape[a] == 0]:
            if initial is None:
                raise OpError(f"ops.{name}: cannot reduce an empty tensor of shape {shape} without `initial`")
            return B.full(reduced_shape(shape, axes, keepdims), initial, B.dtype_name(x))
        result = primitive(x, axis, keepdims)
        return result if initial is None else combine(result, tensor(initial, B.dtype_name(x)))

    function.__name__ = name
    return function


max = amax = _extremum("max", B.max, B.maximum)
min = amin = _extremum("min", B.min, B.minimum)


@op("mean")
def mean(x, axis=None, keepdims=False):
    """Mean; integer inputs give floatx()."""
    x = tensor(x)
    _check_axis(x, axis, "mean")
    return B.mean(tensor(x, dtypes.float_result(B.dtype_name(x))), axis, keepdims)


@op("var")
def var(x, axis=None, keepdims=False):
    """Population variance (ddof=0)."""
    x = tensor(x)
    x = tensor(x, dtypes.float_result(B.dtype_name(x)))
    _check_axis(x, axis, "var")
    centered = B.subtract(x, B.mean(x, axis, True))
    return B.mean(B.square(centered), axis, keepdims)


@op("std")
def std(x, axis=None, keepdims=False):
    return B.sqrt(var(x, axis, keepdims))


@op("any")
def any(x, axis=None, keepdims=False):
    x = tensor(x, "bool")
    _check_axis(x, axis, "any")
    return B.any(x, axis, keepdims)


@op("all")
def all(x, axis=None, keepdims=False):
    x = tensor(x, "bool")
    _check_axis(x, axis, "all")
    return B.all(x, axis, keepdims)


def _arg_extremum(name, primitive):
    @op(name)
    def function(x, axis=None, keepdims=False):
        x = tensor(x)
        if axis is not None and not isinstance(axis, int):
            raise OpError(f"ops.{name}: axis must be an int or None, received {axis!r}")
        _check_axis(x, axis, name)
        if B.dtype_name(x) == "bool":
            x = B.cast(x, "int32")
        return primitive(x, axis, keepdims)

    function.__name__ = name
    return function


argmax = _arg_extremum("argmax", B.argmax)
argmin = _arg_extremum("argmin", B.argmin)


@op("cumsum")
def cumsum(x, axis=None, dtype=None):
    x = tensor(x)
    _check_axis(x, axis, "cumsum")
    x = _widened(x) if dtype is None else tensor(x, dtypes.standardize_dtype(dtype, "cumsum"))
    return B.cumsum(x, axis)


@op("cumprod")
def cumprod(x, axis=None, dtype=None):
    x = tensor(x)
    _check_axis(x, axis, "cumprod")
    x = _widened(x) if dtype is None else tensor(x, dtypes.standardize_dtype(dtype, "cumprod"))
    return B.cumprod(x, axis)


@op("logsumexp")
def logsumexp(x, axis=None, keepdims=False):
    """log(sum(exp(x))) computed stably by shifting with the maximum."""
    x = tensor(x)
    x = tensor(x, dtypes.float_result(B.dtype_name(x)))
    _check_axis(x, axis, "logsumexp")
    peak = B.stop_gradient(B.max(x, axis, True))
    peak = B.where(B.isfinite(peak), peak, B.zeros((), B.dtype_name(x)))
    total = B.log(B.sum(B.exp(B.subtract(x, peak)), axis, True))
    result = B.add(total, peak)
    axes = normalize_axis(axis, len(B.shape(x)), "logsumexp")
    return result if keepdims else B.reshape(result, reduced_shape(B.shape(x), axes, False))


@op("sort")
def sort(x, axis=-1):
    x = tensor(x)
    _check_axis(x, axis, "sort")
    if axis is None:
        return B.sort(B.reshape(x, (-1,)), 0)
    return B.sort(x, axis)


@op("argsort")
def argsort(x, axis=-1):
    x = tensor(x)
    _check_axis(x, axis, "argsort")
    if B.dtype_name(x) == "bool":
        x = B.cast(x, "int32")
    if axis is None:
        return B.argsort(B.reshape(x, (-1,)), 0)
    return B.argsort(x, axis)


@op("top_k")
def top_k(x, k, sorted=True):
    """(values, indices) of the k largest entries along the last axis."""
    x = tensor(x)
    if not 0 <= k <= B.shape(x)[-1]:
        raise OpError(f"ops.top_k: k={k} is out of range for a last axis of size {B.shape(x)[-1]}")
    return B.top_k(x, k, sorted)


@op("in_top_k")
def in_top_k(targets, predictions, k):
    """Whether each target's score is among the k largest of its row (ties count as in)."""
    predictions = tensor(predictions)
    targets = tensor(targets, "int32")
    target_scores = B.take_along_axis(predictions, B.reshape(targets, (-1, 1)), 1)
    higher = B.sum(B.cast(B.greater(predictions, target_scores), "int32"), 1, False)
    return B.less(higher, B.full((), k, "int32"))


@op("count_nonzero")
def count_nonzero(x, axis=None):
    x = tensor(x)
    return B.sum(B.cast(B.not_equal(x, B.zeros((), B.dtype_name(x))), "int32"), axis, False)


@op("average")
def average(x, axis=None, weights=None):
    """Weighted mean; weights broadcast against x (or are 1-D along ``axis``)."""
    x = tensor(x)
    x = tensor(x, dtypes.float_result(B.dtype_name(x)))
    if weights is None:
        return B.mean(x, axis, False)
    weights = tensor(weights, B.dtype_name(x))
    if len(B.shape(weights)) == 1 and len(B.shape(x)) > 1 and isinstance(axis, int):
        shape = [1] * len(B.shape(x))
        shape[axis] = B.shape(weights)[0]
        weights = B.reshape(weights, tuple(shape))
    weighted = B.sum(B.multiply(x, weights), axis, False)
    return B.divide(weighted, B.sum(B.multiply(B.ones(B.shape(x), B.dtype_name(x)), weights), axis, False))


@op("quantile")
def quantile(x, q, axis=None, method="linear", keepdims=False):
    """Quantiles with linear interpolation (NumPy's default method)."""
    if method != "linear":
        raise OpError(f"ops.quantile: only method='linear' is supported, received {method!r}")
    x = tensor(x)
    x = tensor(x, dtypes.float_result(B.dtype_name(x)))
    dtype = B.dtype_name(x)
    ndim = len(B.shape(x))
    axes = normalize_axis(axis, ndim, "quantile")
    rest = tuple(i for i in range(ndim) if i not in axes)
    moved = B.transpose(x, rest + axes)
    kept = tuple(B.shape(x)[i] for i in rest)
    flat = B.sort(B.reshape(moved, kept + (-1,)), -1)
    n = B.shape(flat)[-1]
    qs = tensor(q, dtype)
    positions = B.multiply(qs, tensor(float(n - 1), dtype))
    low = B.floor(positions)
    fraction = B.subtract(positions, low)
    low_index = B.cast(low, "int32")
    high_index = B.minimum(B.add(low_index, B.ones((), "int32")), B.full((), n - 1, "int32"))
    q_shape = B.shape(qs)
    flat_q = B.reshape(low_index, (-1,))
    low_values = B.take(flat, flat_q, len(kept))
    high_values = B.take(flat, B.reshape(high_index, (-1,)), len(kept))
    frac = B.reshape(fraction, (-1,))
    values = B.add(low_values, B.multiply(B.subtract(high_values, low_values), frac))
    values = B.transpose(values, (len(kept),) + tuple(range(len(kept))))
    values = B.reshape(values, q_shape + kept)
    if keepdims:
        full = list(q_shape)
        for i in range(ndim):
            full.append(1 if i in axes else B.shape(x)[i])
        values = B.reshape(values, tuple(full))
    return values


@op("median")
def median(x, axis=None, keepdims=False):
    return quantile(x, 0.5, axis=axis, keepdims=keepdims)


@op("percentile")
def percentile(x, q, axis=None, method="linear", keepdims=False):
    """Quantiles given in percent."""
    q = tensor(q)
    q = B.divide(tensor(q, dtypes.float_result(B.dtype_name(q))), tensor(100.0, dtypes.float_result(B.dtype_name(q))))
    return quantile(x, q, axis, method, keepdims)
