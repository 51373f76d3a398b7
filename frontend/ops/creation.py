"""Tensor creation: zeros, ones, full, ranges, identity matrices."""

import math

from frontend.backends import active as B
from frontend.ops import dtypes
from frontend.ops.errors import OpError, op
from frontend.ops.tensors import dtype_node, tensor


def _shape(shape, name):
    shape = (shape,) if isinstance(shape, int) else tuple(int(d) for d in shape)
    if any(d < 0 for d in shape):
        raise OpError(f"ops.{name}: shape {shape} has a negative dimension")
    return shape


@op("zeros")
def zeros(shape, dtype=None):
    return B.zeros(_shape(shape, "zeros"), dtypes.standardize_dtype(dtype, "zeros"))


@op("ones")
def ones(shape, dtype=None):
    return B.ones(_shape(shape, "ones"), dtypes.standardize_dtype(dtype, "ones"))


empty = zeros


@op("full")
def full(shape, fill_value, dtype=None):
    """A tensor of ``shape`` filled with ``fill_value`` (a scalar or a broadcastable tensor)."""
    shape = _shape(shape, "full")
    dtype = dtypes.standardize_dtype(dtype, "full") if dtype is not None else dtypes.result_type(dtype_node(fill_value))
    if isinstance(fill_value, (bool, int, float)):
        return B.full(shape, fill_value, dtype)
    return B.broadcast_to(tensor(fill_value, dtype), shape)


def _like(name, filler):
    @op(name)
    def function(x, dtype=None):
        x = tensor(x)
        dtype = B.dtype_name(x) if dtype is None else dtypes.standardize_dtype(dtype, name)
        return filler(B.shape(x), dtype)

    function.__name__ = name
    return function


zeros_like = _like("zeros_like", B.zeros)
ones_like = _like("ones_like", B.ones)


@op("full_like")
def full_like(x, fill_value, dtype=None):
    x = tensor(x)
    dtype = B.dtype_name(x) if dtype is None else dtypes.standardize_dtype(dtype, "full_like")
    return full(B.shape(x), fill_value, dtype)


@op("arange")
def arange(start, stop=None, step=1, dtype=None):
    """Evenly spaced values in [start, stop); ints give int32 unless dtype says otherwise."""
    if stop is None:
        start, stop = 0, start
    if step == 0:
        raise OpError("ops.arange: step must not be zero")
    if dtype is None:
        dtype = dtypes.result_type(start, stop, step)
    return B.arange(start, stop, step, dtypes.standardize_dtype(dtype, "arange"))


@op("eye")
def eye(N, M=None, k=0, dtype=None):
    M = N if M is None else M
    dtype = dtypes.standardize_dtype(dtype, "eye")
    rows = B.reshape(B.arange(0, N, 1, "int32"), (N, 1))
    cols = B.reshape(B.arange(0, M, 1, "int32"), (1, M))
    return B.cast(B.equal(B.subtract(cols, rows), B.full((), k, "int32")), dtype)


def identity(n, dtype=None):
    return eye(n, dtype=dtype)


@op("tri")
def tri(N, M=None, k=0, dtype=None):
    M = N if M is None else M
    rows = B.reshape(B.arange(0, N, 1, "int32"), (N, 1))
    cols = B.reshape(B.arange(0, M, 1, "int32"), (1, M))
    below = B.less_equal(B.subtract(cols, rows), B.full((), k, "int32"))
    return B.cast(below, dtypes.standardize_dtype(dtype, "tri"))


@op("linspace")
def linspace(start, stop, num=50, endpoint=True, retstep=False, dtype=None, axis=0):
    """``num`` evenly spaced samples from start to stop (scalars)."""
    if num < 0:
        raise OpError(f"ops.linspace: num must be non-negative, received {num}")
    dtype = dtypes.standardize_dtype(dtype, "linspace")
    divisions = (num - 1) if endpoint else num
    step = (stop - start) / divisions if divisions > 0 else math.nan
    compute = "float64" if dtype == "float64" else "float32"
    positions = B.arange(0, num, 1, compute)
    values = B.add(B.multiply(positions, B.full((), 0.0 if divisions <= 0 else step, compute)), B.full((), start, compute))
    if endpoint and num > 1:
        last = B.equal(positions, B.full((), num - 1, compute))
        values = B.where(last, B.full((), stop, compute), values)
    values = B.cast(values, dtype)
    return (values, step) if retstep else values


@op("logspace")
def logspace(start, stop, num=50, endpoint=True, base=10, dtype=None, axis=0):
    exponents = linspace(start, stop, num, endpoint, dtype="float64" if dtype == "float64" else "float32")
    compute = B.dtype_name(exponents)
    values = B.power(B.full((), float(base), compute), exponents)
    return B.cast(values, dtypes.standardize_dtype(dtype, "logspace"))


def array(x, dtype=None):
    """A tensor from ``x`` (Keras's ops.array)."""
    return tensor(x, None if dtype is None else dtypes.standardize_dtype(dtype, "array"))
