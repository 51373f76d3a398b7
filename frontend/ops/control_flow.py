"""Control flow that compiles on every engine: cond, switch, loops, scan, map."""

import numpy as np

from frontend.backends import active as B
from frontend.ops import dtypes
from frontend.ops.errors import OpError, op
from frontend.ops.tensors import tensor


def _predicate(pred):
    return pred if isinstance(pred, bool) else tensor(pred, "bool")


@op("cond")
def cond(pred, true_fn, false_fn):
    """``true_fn()`` if pred else ``false_fn()``; traceable inside compiled functions."""
    return B.cond(_predicate(pred), true_fn, false_fn)


@op("switch")
def switch(index, branches, *operands):
    """``branches[index](*operands)``, with index clamped to the valid range."""
    if not branches:
        raise OpError("ops.switch: needs at least one branch")
    if isinstance(index, int):
        return branches[min(max(index, 0), len(branches) - 1)](*operands)
    index = B.minimum(B.maximum(tensor(index, "int32"), B.zeros((), "int32")), B.full((), len(branches) - 1, "int32"))

    def pick(i):
        if i == len(branches) - 1:
            return branches[i](*operands)
        return B.cond(B.equal(index, B.full((), i, "int32")), lambda: branches[i](*operands), lambda: pick(i + 1))

    return pick(0)


def _loop_value(value):
    """Python scalars and NumPy arrays become tensors, so every engine carries the same dtype."""
    return tensor(value) if isinstance(value, (bool, int, float, np.ndarray, np.generic)) else value


def _as_tuple(loop_vars):
    if isinstance(loop_vars, (list, tuple)):
        return tuple(_loop_value(v) for v in loop_vars), True
    return (_loop_value(loop_vars),), False


@op("while_loop")
def while_loop(cond, body, loop_vars, maximum_iterations=None):
    """Repeat ``loop_vars = body(*loop_vars)`` while ``cond(*loop_vars)``; returns the final vars."""
    variables, was_sequence = _as_tuple(loop_vars)

    def body_tuple(*values):
        result = body(*values)
        return tuple(result) if isinstance(result, (list, tuple)) else (result,)

    result = B.while_loop(cond, body_tuple, variables, maximum_iterations)
    if was_sequence:
        return type(loop_vars)(result) if isinstance(loop_vars, list) else tuple(result)
    return result[0]


@op("fori_loop")
def fori_loop(lower, upper, body_fun, init_val):
    """``val = body_fun(i, val)`` for i in [lower, upper)."""

    def step(i, value):
        return B.add(i, B.ones((), B.dtype_name(i))), body_fun(i, value)

    _, result = B.while_loop(
        lambda i, value: B.less(i, tensor(upper, B.dtype_name(i))),
        step,
        (tensor(lower, "int32"), _loop_value(init_val)),
        None,
    )
    return result


@op("scan")
def scan(f, init, xs=None, length=None, reverse=False, unroll=1):
    """Fold ``f(carry, x) -> (carry, y)`` over the leading axis of xs; returns (carry, stacked ys)."""
    if xs is None and length is None:
        raise OpError("ops.scan: give xs or length")
    return B.scan(f, _loop_value(init), None if xs is None else tensor(xs), length, reverse)


@op("map")
def map(f, xs):
    """``f`` applied to each slice of xs along axis 0, stacked."""
    _, ys = B.scan(lambda carry, x: (carry, f(x)), B.zeros((), "int32"), tensor(xs), None, False)
    return ys


@op("vectorized_map")
def vectorized_map(function, elements):
    return B.vectorized_map(function, tensor(elements) if not isinstance(elements, (list, tuple, dict)) else elements)


@op("stop_gradient")
def stop_gradient(variable):
    return B.stop_gradient(tensor(variable))


@op("saturate_cast")
def saturate_cast(x, dtype):
    """Cast, clipping to the target dtype's range first so nothing wraps around."""
    x = tensor(x)
    target = dtypes.standardize_dtype(dtype, "saturate_cast")
    if target in dtypes.INT_TYPES and B.dtype_name(x) != "bool":
        info = np.iinfo(target)
        source = B.dtype_name(x)
        low, high = max(float(info.min), -dtypes.FLOAT_MAX.get(source, float("inf"))), float(info.max)
        if source in dtypes.INT_TYPES:
            source_info = np.iinfo(source)
            low, high = max(info.min, source_info.min), min(info.max, source_info.max)
        x = B.minimum(B.maximum(x, B.full((), low, source)), B.full((), high, source))
    return B.cast(x, target)
