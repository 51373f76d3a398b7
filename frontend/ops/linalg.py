"""Linear algebra (``ops.linalg``): norms, inverses, solvers and decompositions."""

from frontend.backends import active as B
from frontend.ops import dtypes
from frontend.ops.axes import normalize_axis
from frontend.ops.errors import OpError, op
from frontend.ops.tensors import promoted, tensor


def _float(x):
    x = tensor(x)
    return tensor(x, dtypes.float_result(B.dtype_name(x)))


def _square(name, x):
    x = _float(x)
    shape = B.shape(x)
    if len(shape) < 2 or shape[-1] != shape[-2]:
        raise OpError(f"ops.linalg.{name}: needs square matrices in the last two axes, received shape {shape}")
    return x


@op("inv")
def inv(x):
    return B.inv(_square("inv", x))


@op("det")
def det(x):
    return B.det(_square("det", x))


@op("slogdet")
def slogdet(x):
    """(sign, log|det|) of square matrices."""
    d = det(x)
    return B.sign(d), B.log(B.abs(d))


@op("logdet")
def logdet(x):
    """log(det(x)) of symmetric positive-definite matrices, via Cholesky."""
    lower = B.cholesky(_square("logdet", x))
    diagonal = B.diagonal(lower, 0, len(B.shape(lower)) - 2, len(B.shape(lower)) - 1)
    return B.multiply(B.full((), 2.0, B.dtype_name(lower)), B.sum(B.log(diagonal), -1, False))


@op("cholesky")
def cholesky(x, upper=False):
    lower = B.cholesky(_square("cholesky", x))
    if not upper:
        return lower
    ndim = len(B.shape(lower))
    return B.transpose(lower, tuple(range(ndim - 2)) + (ndim - 1, ndim - 2))


def _solve_operands(name, a, b):
    a, b = promoted(_square(name, a), b)
    a, b = tensor(a, dtypes.float_result(B.dtype_name(a))), tensor(b, dtypes.float_result(B.dtype_name(a)))
    vector = len(B.shape(b)) == len(B.shape(a)) - 1
    if vector:
        b = B.reshape(b, B.shape(b) + (1,))
    if B.shape(b)[-2] != B.shape(a)[-1]:
        raise OpError(f"ops.linalg.{name}: a of shape {B.shape(a)} does not match b of shape {B.shape(b)}")
    return a, b, vector


@op("solve")
def solve(a, b):
    a, b, vector = _solve_operands("solve", a, b)
    result = B.solve(a, b)
    return B.reshape(result, B.shape(result)[:-1]) if vector else result


@op("solve_triangular")
def solve_triangular(a, b, lower=False):
    a, b, vector = _solve_operands("solve_triangular", a, b)
    result = B.solve_triangular(a, b, lower)
    return B.reshape(result, B.shape(result)[:-1]) if vector else result


@op("lstsq")
def lstsq(a, b, rcond=None):
    """Least-squares solution of a @ x = b through the pseudo-inverse (via SVD)."""
    a, b = promoted(_float(a), _float(b))
    vector = len(B.shape(b)) == 1
    if vector:
        b = B.reshape(b, B.shape(b) + (1,))
    u, s, vh = B.svd(a, False, True)
    dtype = B.dtype_name(s)
    relative = rcond if rcond is not None else dtypes.FLOAT_EPS[dtype] * max(B.shape(a)[-2:])
    cutoff = B.multiply(B.max(s, -1, True), B.full((), relative, dtype))
    keep = B.greater(s, cutoff)
    inverse_s = B.where(keep, B.divide(B.ones((), dtype), B.where(keep, s, B.ones((), dtype))), B.zeros((), dtype))
    projected = B.matmul(B.transpose(u, (1, 0)), b)
    x = B.matmul(B.transpose(vh, (1, 0)), B.multiply(B.reshape(inverse_s, (-1, 1)), projected))
    return B.reshape(x, (-1,)) if vector else x


@op("qr")
def qr(x, mode="reduced"):
    if mode not in ("reduced", "complete"):
        raise OpError(f"ops.linalg.qr: mode must be 'reduced' or 'complete', received {mode!r}")
    x = _float(x)
    if len(B.shape(x)) < 2:
        raise OpError(f"ops.linalg.qr: needs matrices, received shape {B.shape(x)}")
    return B.qr(x, mode)


@op("svd")
def svd(x, full_matrices=True, compute_uv=True):
    x = _float(x)
    if len(B.shape(x)) < 2:
        raise OpError(f"ops.linalg.svd: needs matrices, received shape {B.shape(x)}")
    return B.svd(x, full_matrices, compute_uv)


@op("eigh")
def eigh(x):
    return B.eigh(_square("eigh", x))


@op("norm")
def norm(x, ord=None, axis=None, keepdims=False):
    """Vector norms (ord None/2, 1, inf, -inf, 0, p) and matrix norms ('fro', 'nuc', 1, -1, 2, -2, inf, -inf)."""
    x = _float(x)
    ndim = len(B.shape(x))
    axes = normalize_axis(axis, ndim, "norm")
    if axis is None and ndim <= 2 and ord is not None:
        axes = tuple(range(ndim))
    if axis is None and ord is None:
        return _vector_norm(B.reshape(x, (-1,)) if not keepdims else x, 2, None if not keepdims else axes, keepdims)
    if len(axes) == 1:
        return _vector_norm(x, 2 if ord is None else ord, axes[0], keepdims)
    if len(axes) == 2:
        return _matrix_norm(x, "fro" if ord is None else ord, axes, keepdims)
    raise OpError(f"ops.linalg.norm: axis must name one or two axes, received {axis!r}")


def _vector_norm(x, ord, axis, keepdims):
    dtype = B.dtype_name(x)
    magnitude = B.abs(x)
    if ord == float("inf"):
        return B.max(magnitude, axis, keepdims)
    if ord == float("-inf"):
        return B.min(magnitude, axis, keepdims)
    if ord == 0:
        return B.sum(B.cast(B.not_equal(x, B.zeros((), dtype)), dtype), axis, keepdims)
    if ord == 1:
        return B.sum(magnitude, axis, keepdims)
    if ord == 2:
        return B.sqrt(B.sum(B.square(x), axis, keepdims))
    if isinstance(ord, str):
        raise OpError(f"ops.linalg.norm: ord {ord!r} is a matrix norm; give two axes")
    power = B.full((), float(ord), dtype)
    total = B.sum(B.power(magnitude, power), axis, keepdims)
    return B.power(total, B.full((), 1.0 / ord, dtype))


def _matrix_norm(x, ord, axes, keepdims):
    row, col = axes
    ndim = len(B.shape(x))
    if ord == "fro":
        return B.sqrt(B.sum(B.square(x), axes, keepdims))
    if ord in (1, -1, float("inf"), float("-inf")):
        summed_axis, reduced_axis = (row, col) if ord in (1, -1) else (col, row)
        sums = B.sum(B.abs(x), summed_axis, True)
        pick = B.max if ord in (1, float("inf")) else B.min
        result = pick(sums, reduced_axis, True)
    elif ord in ("nuc", 2, -2):
        rest = tuple(i for i in range(ndim) if i not in axes)
        moved = B.transpose(x, rest + (row, col))
        singular = B.svd(moved, False, False)
        if ord == "nuc":
            result = B.sum(singular, -1, False)
        else:
            result = (B.max if ord == 2 else B.min)(singular, -1, False)
        if not keepdims:
            return result
        return B.reshape(result, tuple(1 if i in axes else d for i, d in enumerate(B.shape(x))))
    else:
        raise OpError(f"ops.linalg.norm: unsupported matrix norm ord={ord!r}")
    if keepdims:
        return result
    return B.reshape(result, tuple(d for i, d in enumerate(B.shape(x)) if i not in axes))
