"""Products: matmul, dot, einsum, tensordot, outer, inner, vdot, cross, kron."""

from frontend.backends import active as B
from frontend.ops.errors import OpError, op
from frontend.ops.tensors import promoted


def _matmul_dtype_ok(a):
    if B.dtype_name(a) == "bool":
        return B.cast(a, "int32")
    return a


@op("matmul")
def matmul(x1, x2):
    if B.is_tensor(x1) and B.is_tensor(x2) and B.dtype_name(x1) == B.dtype_name(x2) != "bool":
        a, b = x1, x2  # nothing to promote (the common case, hot in every Dense call)
    else:
        a, b = (_matmul_dtype_ok(t) for t in promoted(x1, x2))
    sa, sb = B.shape(a), B.shape(b)
    if not sa or not sb:
        raise OpError(f"ops.matmul: inputs must have rank >= 1, received shapes {sa} and {sb}")
    inner_a = sa[-1]
    inner_b = sb[-2] if len(sb) > 1 else sb[0]
    if inner_a is not None and inner_b is not None and inner_a != inner_b:
        raise OpError(f"ops.matmul: inner dimensions differ: shapes {sa} and {sb}")
    return B.matmul(a, b)


@op("dot")
def dot(x1, x2):
    """numpy.dot: products for scalars, matmul for matrices, sum over the last/second-to-last axes."""
    a, b = (_matmul_dtype_ok(t) for t in promoted(x1, x2))
    if not B.shape(a) or not B.shape(b):
        return B.multiply(a, b)
    if len(B.shape(b)) <= 2:
        return matmul(a, b)
    return B.tensordot(a, b, ((len(B.shape(a)) - 1,), (len(B.shape(b)) - 2,)))


@op("einsum")
def einsum(subscripts, *operands):
    operands = [_matmul_dtype_ok(t) for t in promoted(*operands)]
    return B.einsum(subscripts, *operands)


@op("tensordot")
def tensordot(x1, x2, axes=2):
    a, b = (_matmul_dtype_ok(t) for t in promoted(x1, x2))
    if isinstance(axes, int):
        axes = (tuple(range(len(B.shape(a)) - axes, len(B.shape(a)))), tuple(range(axes)))
    else:
        first, second = axes
        axes = ((first,) if isinstance(first, int) else tuple(first), (second,) if isinstance(second, int) else tuple(second))
    for i, j in zip(*axes):
        if B.shape(a)[i] != B.shape(b)[j]:
            raise OpError(f"ops.tensordot: axis {i} of {B.shape(a)} does not match axis {j} of {B.shape(b)}")
    return B.tensordot(a, b, axes)


@op("outer")
def outer(x1, x2):
    a, b = promoted(x1, x2)
    return B.multiply(B.reshape(a, (-1, 1)), B.reshape(b, (1, -1)))


@op("inner")
def inner(x1, x2):
    a, b = (_matmul_dtype_ok(t) for t in promoted(x1, x2))
    if not B.shape(a) or not B.shape(b):
        return B.multiply(a, b)
    return B.tensordot(a, b, ((len(B.shape(a)) - 1,), (len(B.shape(b)) - 1,)))


@op("vdot")
def vdot(x1, x2):
    a, b = (_matmul_dtype_ok(t) for t in promoted(x1, x2))
    return B.sum(B.multiply(B.reshape(a, (-1,)), B.reshape(b, (-1,))), None, False)


@op("cross")
def cross(x1, x2, axisa=-1, axisb=-1, axisc=-1, axis=None):
    """Cross product of 3-vectors along the last axis."""
    a, b = promoted(x1, x2)
    if axis is not None:
        axisa = axisb = axisc = axis
    a = B.transpose(a, _move_last(len(B.shape(a)), axisa))
    b = B.transpose(b, _move_last(len(B.shape(b)), axisb))
    if B.shape(a)[-1] != 3 or B.shape(b)[-1] != 3:
        raise OpError(f"ops.cross: needs vectors of length 3, received shapes {B.shape(a)} and {B.shape(b)}")
    a0, a1, a2 = (B.getitem(a, (Ellipsis, i)) for i in range(3))
    b0, b1, b2 = (B.getitem(b, (Ellipsis, i)) for i in range(3))
    parts = [
        B.subtract(B.multiply(a1, b2), B.multiply(a2, b1)),
        B.subtract(B.multiply(a2, b0), B.multiply(a0, b2)),
        B.subtract(B.multiply(a0, b1), B.multiply(a1, b0)),
    ]
    shape = tuple(max(p, q) for p, q in zip(B.shape(parts[0]), B.shape(parts[1])))
    result = B.stack([B.broadcast_to(p, shape) for p in parts], -1)
    ndim = len(B.shape(result))
    order = list(range(ndim - 1))
    order.insert(axisc % ndim, ndim - 1)
    return B.transpose(result, tuple(order))


def _move_last(ndim, axis):
    axis %= ndim
    return tuple(i for i in range(ndim) if i != axis) + (axis,)


@op("kron")
def kron(x1, x2):
    a, b = promoted(x1, x2)
    sa, sb = B.shape(a), B.shape(b)
    ndim = max(len(sa), len(sb))
    sa = (1,) * (ndim - len(sa)) + sa
    sb = (1,) * (ndim - len(sb)) + sb
    a = B.reshape(a, tuple(d for pair in zip(sa, (1,) * ndim) for d in pair))
    b = B.reshape(b, tuple(d for pair in zip((1,) * ndim, sb) for d in pair))
    return B.reshape(B.multiply(a, b), tuple(p * q for p, q in zip(sa, sb)))
