"""Multi-tensor math for optimizer updates: torch ``_foreach`` kernels, one call per list.

An update over a hundred variables becomes a handful of engine calls instead of one
small call per variable and op. A 0-d tensor operand never goes through a path that
reads it back to the host (that would synchronise a GPU on every step).
"""

import torch

_UNARY = {
    "sqrt": torch._foreach_sqrt,
    "abs": torch._foreach_abs,
    "sign": torch._foreach_sign,
    "negative": torch._foreach_neg,
    "reciprocal": torch._foreach_reciprocal,
    "exp": torch._foreach_exp,
    "log": torch._foreach_log,
    "square": lambda xs: torch._foreach_mul(xs, xs),
}
_BINARY = {
    "add": torch._foreach_add,
    "subtract": torch._foreach_sub,
    "multiply": torch._foreach_mul,
    "divide": torch._foreach_div,
    "maximum": torch._foreach_maximum,
    "minimum": torch._foreach_minimum,
    "power": torch._foreach_pow,
}
_TENSOR_OPERAND = ("add", "subtract", "multiply", "divide")  # those with a 0-d tensor overload


def _scalar_operand(xs, y):
    """On CPU a 0-d tensor is several times cheaper than a Python scalar, which the
    per-tensor fallback wraps into a new tensor for every list element."""
    if isinstance(y, torch.Tensor) or xs[0].device.type != "cpu":
        return y
    return torch.scalar_tensor(y, dtype=xs[0].dtype)


@torch.no_grad()
def foreach_unary(name, xs):
    return list(_UNARY[name](list(xs))) if xs else []


@torch.no_grad()
def foreach_binary(name, xs, ys):
    xs = list(xs)
    if not xs:
        return []
    if isinstance(ys, (list, tuple)):
        return list(_BINARY[name](xs, list(ys)))
    if name in _TENSOR_OPERAND:
        ys = _scalar_operand(xs, ys)
        if name == "subtract" and isinstance(ys, torch.Tensor):
            return list(torch._foreach_add(xs, ys, alpha=-1))
        return list(_BINARY[name](xs, ys))
    if isinstance(ys, torch.Tensor):
        ys = [ys] * len(xs)  # broadcast per tensor
    return list(_BINARY[name](xs, ys))


@torch.no_grad()
def foreach_lerp(xs, ys, weight):
    xs = list(xs)
    if not xs:
        return []
    if isinstance(weight, torch.Tensor):
        weight = [weight] * len(xs)
    return list(torch._foreach_lerp(xs, list(ys), weight))


@torch.no_grad()
def foreach_addcdiv(xs, ys, zs, value):
    xs, ys, zs = list(xs), list(ys), list(zs)
    if not xs:
        return []
    if isinstance(value, torch.Tensor):
        return list(torch._foreach_addcdiv(xs, torch._foreach_mul(ys, value), zs))
    return list(torch._foreach_addcdiv(xs, ys, zs, value))


@torch.no_grad()
def foreach_assign(storages, values):
    if storages:
        torch._foreach_copy_(list(storages), list(values))
    return storages
