"""Control flow (cond, switch, while_loop, fori_loop, scan, map, vectorized_map), eagerly and compiled."""

import numpy as np
import pytest

import frontend
from frontend import ops

from .support import check, cover, to_numpy

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


# --------------------------------------------------------------------------- ops inside one compiled function

TRACED = {
    # name: fn(x, m) with x (2, 3) float32 and m (3, 3) float32; one trace runs them all
    "add": lambda x, m: ops.add(x, 1.0),
    "matmul": lambda x, m: ops.matmul(x, m),
    "einsum": lambda x, m: ops.einsum("ij,jk->ik", x, m),
    "softmax": lambda x, m: ops.softmax(x),
    "log_softmax": lambda x, m: ops.log_softmax(x, axis=0),
    "logsumexp": lambda x, m: ops.logsumexp(x, axis=1),
    "where": lambda x, m: ops.where(ops.greater(x, 0.0), x, 0.0),
    "one_hot": lambda x, m: ops.one_hot(ops.argmax(x, axis=1), 3),
    "top_k": lambda x, m: ops.top_k(x, 2)[0],
    "sort": lambda x, m: ops.sort(x, axis=0),
    "argsort": lambda x, m: ops.argsort(x),
    "cumsum": lambda x, m: ops.cumsum(x, axis=1),
    "take": lambda x, m: ops.take(x, np.array([2, 0]), axis=1),
    "take_along_axis": lambda x, m: ops.take_along_axis(x, ops.argsort(x, axis=1), axis=1),
    "getitem": lambda x, m: ops.getitem(x, (slice(None), slice(0, 2))),
    "slice_update": lambda x, m: ops.slice_update(x, (0, 1), ops.ones((1, 2))),
    "scatter_update": lambda x, m: ops.scatter_update(x, np.array([[0, 0]]), np.array([5.0], "float32")),
    "segment_sum": lambda x, m: ops.segment_sum(x, np.array([0, 0]), num_segments=2),
    "reshape": lambda x, m: ops.reshape(x, (3, 2)),
    "concatenate": lambda x, m: ops.concatenate([x, m], axis=0),
    "pad": lambda x, m: ops.pad(x, 1, mode="reflect"),
    "tile": lambda x, m: ops.tile(x, (2, 1)),
    "repeat": lambda x, m: ops.repeat(x, 2, axis=1),
    "split": lambda x, m: ops.split(m, 3, axis=1)[1],
    "var": lambda x, m: ops.var(x, axis=0),
    "quantile": lambda x, m: ops.quantile(x, 0.3, axis=1),
    "norm": lambda x, m: ops.linalg.norm(m, ord="nuc"),
    "inv": lambda x, m: ops.linalg.inv(ops.add(m, ops.multiply(ops.eye(3), 3.0))),
    "clip": lambda x, m: ops.clip(x, -0.5, 0.5),
    "round": lambda x, m: ops.round(x, 1),
    "isclose": lambda x, m: ops.isclose(x, x),
    "nan_to_num": lambda x, m: ops.nan_to_num(ops.divide(x, 0.0)),
    "conv": lambda x, m: ops.conv(ops.reshape(x, (1, 3, 2)), ops.ones((2, 2, 1)), padding="same"),
    "max_pool": lambda x, m: ops.max_pool(ops.reshape(x, (1, 2, 3, 1)), 2, padding="same"),
    "moments": lambda x, m: ops.nn.moments(x, (0,))[1],
    "layer_normalization": lambda x, m: ops.nn.layer_normalization(x),
    "categorical_crossentropy": lambda x, m: ops.categorical_crossentropy(ops.softmax(x), x, from_logits=True),
    "dot_product_attention": lambda x, m: ops.nn.dot_product_attention(*(ops.reshape(x, (1, 3, 1, 2)),) * 3),
    "resize": lambda x, m: ops.image.resize(ops.reshape(x, (2, 3, 1)), (4, 2)),
    "cast": lambda x, m: ops.cast(x, "int32"),
    "saturate_cast": lambda x, m: ops.saturate_cast(ops.multiply(x, 200.0), "int8"),
    "meshgrid": lambda x, m: ops.meshgrid(x[0], m[0])[0],
    "diag": lambda x, m: ops.diag(x[0]),
    "tri": lambda x, m: ops.multiply(m, ops.tri(3)),
    "arange": lambda x, m: ops.add(ops.arange(3), ops.argmax(x)),
    "linspace": lambda x, m: ops.multiply(ops.linspace(0.0, 1.0, 3), x),
}
cover(*(name for name in TRACED if name not in ("norm", "inv", "resize")))


def test_ops_inside_one_compiled_function():
    x = ops.convert_to_tensor(np.array([[0.3, -1.2, 2.0], [1.1, 0.4, -0.7]], "float32"))
    m = ops.convert_to_tensor(np.array([[0.5, 0.1, -0.3], [0.2, 1.5, 0.0], [-1.0, 0.25, 0.75]], "float32"))
    names = sorted(TRACED)

    def run_all(x, m):
        return [TRACED[name](x, m) for name in names]

    eager = run_all(x, m)
    compiled = frontend.backend.compile(run_all)(x, m)
    for name, a, b in zip(names, eager, compiled):
        check(b, to_numpy(a), ops.dtype(a), rtol=1e-5, atol=1e-6, what=name)


@pytest.mark.parametrize("steps, jit", [(5, "auto"), (5, True), (100, "auto")])
def test_scan_compiled_short_long_and_for_xla(steps, jit):
    """Short static scans may be unrolled (TensorFlow outside XLA), long or XLA ones stay loops: same numbers."""
    xs = np.arange(steps * 2, dtype="float32").reshape(steps, 2) / steps

    def cumulative(x):
        return ops.scan(lambda carry, row: (ops.add(carry, row), ops.multiply(carry, 2.0)), ops.zeros((2,)), x,
                        reverse=True)

    carry, ys = frontend.backend.compile(cumulative, jit=jit)(ops.convert_to_tensor(xs))
    sums = np.cumsum(xs[::-1], 0)[::-1]
    expected_ys = np.concatenate([sums[1:], np.zeros((1, 2), "float32")]) * 2.0
    check((carry, ys), (sums[0], expected_ys), ["float32", "float32"], rtol=1e-5, atol=1e-5)
