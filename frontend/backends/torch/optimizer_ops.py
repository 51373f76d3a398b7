"""Multi-tensor math for optimizer updates: torch ``_foreach`` kernels, one call per list.

An update over a hundred variables becomes a handful of engine calls instead of one
small call per variable and op. A 0-d tensor operand never goes through a path that
reads it back to the host (that would synchronise a GPU on every step). With
``inplace`` the kernels write into the first list (``torch._foreach_*_``), as
``torch.optim`` does: no new buffers, and no copy back into the variables afterwards.
"""

import functools

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
_UNARY_INPLACE = {
    "sqrt": torch._foreach_sqrt_,
    "abs": torch._foreach_abs_,
    "sign": torch._foreach_sign_,
    "negative": torch._foreach_neg_,
    "reciprocal": torch._foreach_reciprocal_,
    "exp": torch._foreach_exp_,
    "log": torch._foreach_log_,
    "square": lambda xs: torch._foreach_mul_(xs, xs),
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
_BINARY_INPLACE = {
    "add": torch._foreach_add_,
    "subtract": torch._foreach_sub_,
    "multiply": torch._foreach_mul_,
    "divide": torch._foreach_div_,
    "maximum": torch._foreach_maximum_,
    "minimum": torch._foreach_minimum_,
    "power": torch._foreach_pow_,
}
_TENSOR_OPERAND = ("add", "subtract", "multiply", "divide")  # those with a 0-d tensor overload


def _scalar_operand(xs, y):
    """On CPU a 0-d tensor is several times cheaper than a Python scalar, which the
    per-tensor fallback wraps into a new tensor for every list element."""
    if isinstance(y, torch.Tensor) or xs[0].device.type != "cpu" or torch.compiler.is_compiling():
        return y
    return torch.scalar_tensor(y, dtype=xs[0].dtype)


def _no_grad(function):
    """``torch.no_grad()`` as a decorator, at a fraction of its cost (these run a few times per step)."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        if not torch.is_grad_enabled():
            return function(*args, **kwargs)
        if torch.compiler.is_compiling():  # dynamo traces the context manager, not the private switch
            with torch.no_grad():
                return function(*args, **kwargs)
        torch._C._set_grad_enabled(False)
        try:
            return function(*args, **kwargs)
        finally:
            torch._C._set_grad_enabled(True)

    return wrapper


def _run(kernels, inplace, name, xs, *operands):
    """``kernels[name](xs, *operands)``; the in-place kernels return None, so give back xs."""
    if inplace:
        kernels[name](xs, *operands)
        return xs
    return list(kernels[name](xs, *operands))


@_no_grad
def foreach_unary(name, xs, inplace=False):
    xs = list(xs)
    return _run(_UNARY_INPLACE if inplace else _UNARY, inplace, name, xs) if xs else []


@_no_grad
def foreach_binary(name, xs, ys, inplace=False):
    xs = list(xs)
    if not xs:
        return []
    kernels = _BINARY_INPLACE if inplace else _BINARY
    if isinstance(ys, (list, tuple)):
        return _run(kernels, inplace, name, xs, list(ys))
    if name in _TENSOR_OPERAND and not (torch.compiler.is_compiling() and isinstance(ys, torch.Tensor)):
        ys = _scalar_operand(xs, ys)
        if name == "subtract" and isinstance(ys, torch.Tensor):
            add = torch._foreach_add_ if inplace else torch._foreach_add
            result = add(xs, ys, alpha=-1)
            return xs if inplace else list(result)
        return _run(kernels, inplace, name, xs, ys)
    if isinstance(ys, torch.Tensor):
        ys = [ys] * len(xs)  # broadcast per tensor
    return _run(kernels, inplace, name, xs, ys)


@_no_grad
def foreach_lerp(xs, ys, weight, inplace=False):
    xs = list(xs)
    if not xs:
        return []
    if isinstance(weight, torch.Tensor):
        weight = [weight] * len(xs)
    if inplace:
        torch._foreach_lerp_(xs, list(ys), weight)
        return xs
    return list(torch._foreach_lerp(xs, list(ys), weight))


@_no_grad
def foreach_addcdiv(xs, ys, zs, value, inplace=False):
    xs, ys, zs = list(xs), list(ys), list(zs)
    if not xs:
        return []
    addcdiv = torch._foreach_addcdiv_ if inplace else torch._foreach_addcdiv
    if isinstance(value, torch.Tensor):
        if value.device.type == "cpu" and not torch.compiler.is_compiling():  # reading it on the host is free on CPU
            result = addcdiv(xs, ys, zs, value.item())
        else:
            result = addcdiv(xs, torch._foreach_mul(ys, value), zs)
    else:
        result = addcdiv(xs, ys, zs, value)
    return xs if inplace else list(result)


@_no_grad
def foreach_assign(storages, values):
    pairs = [(s, v) for s, v in zip(storages, values) if v is not s]  # updated in place already
    if pairs:
        torch._foreach_copy_([s for s, _ in pairs], [v for _, v in pairs])
    return storages
