"""Control flow (cond, switch, while_loop, fori_loop, scan, map, vectorized_map), eagerly and compiled."""

import numpy as np
import pytest

import frontend
from frontend import ops

from .support import check, cover

X = np.array([[1.0, -2.0, 3.0], [0.5, 0.25, -1.0]], "float32")


def _cond(x):
    return ops.cond(ops.greater(ops.sum(x), 0.0), lambda: ops.multiply(x, 2.0), lambda: ops.subtract(x, 1.0))


def _switch(index, x):
    branches = [lambda y: ops.add(y, 1.0), lambda y: ops.multiply(y, 3.0), lambda y: ops.negative(y)]
    return ops.switch(index, branches, x)


def _while(x):
    return ops.while_loop(lambda i, v: ops.less(i, 5), lambda i, v: (ops.add(i, 1), ops.multiply(v, 2.0)),
                          (ops.convert_to_tensor(np.int32(0)), x))


def _while_max(x):
    return ops.while_loop(lambda v: ops.less(ops.sum(v), 1e6), lambda v: ops.multiply(v, 2.0), x, maximum_iterations=3)


def _fori(x):
    return ops.fori_loop(0, 4, lambda i, v: ops.add(v, ops.cast(i, "float32")), x)


def _scan(x):
    return ops.scan(lambda carry, row: (ops.add(carry, row), ops.multiply(carry, row)), ops.zeros((3,)), x)


def _scan_reverse(x):
    return ops.scan(lambda carry, row: (ops.add(carry, row), carry), ops.zeros((3,)), x, reverse=True)


def _scan_length(x):
    return ops.scan(lambda carry, _: (ops.multiply(carry, 2.0), carry), ops.sum(x), None, length=3)


def _map(x):
    return ops.map(lambda row: ops.multiply(ops.sum(row), 2.0), x)


def _vmap(x):
    return ops.vectorized_map(lambda row: ops.dot(row, row), x)


def _scan_ref_reverse(x):
    carry, ys = np.zeros(3), []
    for row in x[::-1]:
        ys.append(carry.copy())
        carry = carry + row
    return carry, np.stack(ys[::-1])


SCENARIOS = {
    # name: (ops covered, function of (x,), inputs, NumPy expected)
    "cond-true": (["cond"], _cond, [X], X * 2),
    "cond-false": (["cond"], _cond, [-X * 3], -X * 3 - 1),
    "switch": (["switch"], _switch, [np.int32(1), X], X * 3),
    "switch-clamped": (["switch"], _switch, [np.int32(7), X], -X),
    "switch-negative": (["switch"], _switch, [np.int32(-3), X], X + 1),
    "while_loop": (["while_loop"], _while, [X], (np.array(5, "int32"), X * 32)),
    "while_loop-max": (["while_loop"], _while_max, [X], X * 8),
    "fori_loop": (["fori_loop"], _fori, [X], X + 6),
    "scan": (["scan"], _scan, [X], (X.sum(0), np.stack([np.zeros(3), X[0]]) * X)),
    "scan-reverse": (["scan"], _scan_reverse, [X], _scan_ref_reverse(X)),
    "scan-length": (["scan"], _scan_length, [X], (np.array(X.sum() * 8), X.sum() * np.array([1.0, 2.0, 4.0]))),
    "map": (["map"], _map, [X], X.sum(1) * 2),
    "vectorized_map": (["vectorized_map"], _vmap, [X], (X * X).sum(1)),
}
for _ops, *_ in SCENARIOS.values():
    cover(*_ops)

# The compiled variants cost a trace each on JAX and TensorFlow: keep one per op.
COMPILED = ["cond-true", "switch", "while_loop", "fori_loop", "scan", "map", "vectorized_map"]


def _run(name, compiled):
    _, fn, inputs, expected = SCENARIOS[name]
    if compiled:
        fn = frontend.backend.compile(fn)
    tensors = [ops.convert_to_tensor(v) for v in inputs]
    result = fn(*tensors)
    if isinstance(expected, tuple):
        result = tuple(result)
        dtypes = [None if np.asarray(e).dtype.kind == "i" else "float32" for e in expected]
        dtypes = ["int32" if d is None else d for d in dtypes]
    else:
        dtypes = "float32"
    check(result, expected, dtypes, rtol=1e-5, atol=1e-5, what=name)


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_control_flow_eager(name):
    _run(name, compiled=False)


@pytest.mark.parametrize("name", COMPILED)
def test_control_flow_compiled(name):
    _run(name, compiled=True)


def test_cond_with_python_bool_and_nested_outputs():
    result = ops.cond(True, lambda: (ops.ones((2,)), ops.zeros((1,))), lambda: (ops.zeros((2,)), ops.ones((1,))))
    check(tuple(result), (np.ones(2), np.zeros(1)), "float32")


def test_switch_with_python_index():
    check(_switch(2, X), -X, "float32")


def test_while_loop_list_vars():
    result = ops.while_loop(lambda a, b: ops.less(a, 3), lambda a, b: [ops.add(a, 1), ops.add(b, a)], [0, 0])
    assert isinstance(result, list)
    check(result, [np.array(3), np.array(3)], "int32")


def test_map_and_scan_with_python_list_input():
    check(ops.map(lambda row: ops.sum(row), [[1, 2], [3, 4]]), np.array([3, 7]), "int32")


def test_vectorized_map_matches_loop():
    x = np.arange(24, dtype="float32").reshape(4, 2, 3)
    result = ops.vectorized_map(lambda m: ops.matmul(m, ops.transpose(m)), x)
    check(result, np.einsum("bij,bkj->bik", x, x), "float32")
