"""Products (matmul, einsum, ...) and ``ops.linalg`` against NumPy."""

import numpy as np
import pytest

from frontend import ops

from .support import Case, case_params, check, run_case, sample

A = sample((2, 3), "float32", seed=1)
B = sample((3, 4), "float32", seed=2)
BATCH = sample((2, 2, 3), "float32", seed=3)
V = np.array([1.0, -2.0, 0.5], "float32")
W = np.array([0.5, 1.0, 3.0], "float32")
I8 = np.array([[1, 2], [3, -4]], "int8")
SPD = np.array([[4.0, 1.0, 0.5], [1.0, 3.0, 0.2], [0.5, 0.2, 2.0]], "float64")
SPD32 = SPD.astype("float32")
GEN = np.array([[2.0, -1.0, 0.0], [1.0, 3.0, 1.0], [0.5, 0.0, 1.5]], "float32")
LOWER = np.tril(GEN) + 2 * np.eye(3, dtype="float32")
TALL = sample((4, 3), "float64", seed=5)

PRODUCT_CASES = [
    Case("matmul", [A, B], np.matmul),
    Case("matmul", [BATCH, B], np.matmul, id="batch"),
    Case("matmul", [V, B[:, :3].T.copy()], np.matmul, id="vector-matrix"),
    Case("matmul", [A, V], np.matmul, id="matrix-vector"),
    Case("matmul", [I8, I8], lambda a, b: np.matmul(a, b).astype("int8"), id="int8"),
    Case("matmul", [A.astype("float16"), B.astype("float16")], np.matmul, id="float16", rtol=2e-2, atol=2e-2),
    Case("matmul", [A, B.astype("float64")], lambda a, b: np.matmul(a.astype("float64"), b), id="promote"),
    Case("matmul", [np.zeros((0, 3), "float32"), B], np.matmul, id="empty"),
    Case("dot", [A, B], np.dot),
    Case("dot", [V, W], np.dot, id="vectors"),
    Case("dot", [A, np.float32(2.0)], np.dot, id="scalar"),
    Case("dot", [BATCH, sample((2, 3, 2), "float32", seed=4)], np.dot, id="nd"),
    Case("einsum", ["ij,jk->ik", A, B], np.einsum),
    Case("einsum", ["bij->bji", BATCH], np.einsum, id="transpose"),
    Case("einsum", ["i,i->", V, W], np.einsum, id="inner"),
    Case("einsum", ["bij,jk->bik", BATCH, B], np.einsum, id="batch"),
    Case("tensordot", [A, B, 1], np.tensordot),
    Case("tensordot", [BATCH, B, ([2], [0])], np.tensordot, id="axes"),
    Case("tensordot", [BATCH, BATCH, ((1, 2), (1, 2))], np.tensordot, id="two-axes"),
    Case("outer", [V, W], np.outer),
    Case("outer", [A, V], np.outer, id="flatten"),
    Case("inner", [V, W], np.inner),
    Case("inner", [A, B.T.copy()], np.inner, id="matrix"),
    Case("vdot", [A, A], np.vdot),
    Case("cross", [V, W], np.cross),
    Case("cross", [sample((2, 3), "float32", seed=9), V], np.cross, id="broadcast"),
    Case("cross", [sample((3, 2), "float32", seed=9), sample((3, 2), "float32", seed=8)],
         lambda a, b: np.cross(a, b, axis=0), kwargs={"axis": 0}, id="axis"),
    Case("kron", [I8.astype("int32"), np.eye(2, dtype="int32")], np.kron),
    Case("kron", [V, A], np.kron, id="rank"),
]


def _matmul(a, b):
    return ops.matmul(a, b)


def _reconstruct_qr(result):
    q, r = result
    return ops.matmul(q, r)


def _reconstruct_svd(result):
    u, s, vh = result
    return ops.matmul(ops.multiply(u, ops.expand_dims(s, -2)), vh)


def _reconstruct_eigh(result):
    w, v = result
    return ops.matmul(ops.multiply(v, ops.expand_dims(w, -2)), ops.transpose(v))


def _cholesky_product(lower):
    return ops.matmul(lower, ops.transpose(lower))


LINALG_CASES = [
    Case("linalg.inv", [GEN], np.linalg.inv, rtol=1e-4, atol=1e-5),
    Case("linalg.inv", [np.stack([SPD, 2 * SPD])], np.linalg.inv, id="batch"),
    Case("linalg.inv", [np.array([[2, 1], [1, 1]], "int32")], lambda x: np.linalg.inv(x).astype("float32"), id="int"),
    Case("linalg.det", [GEN], lambda x: np.array(np.linalg.det(x), "float32"), rtol=1e-4),
    Case("linalg.det", [np.stack([SPD, 2 * SPD])], np.linalg.det, id="batch"),
    Case("linalg.slogdet", [GEN], lambda x: tuple(np.array(v, "float32") for v in np.linalg.slogdet(x)), rtol=1e-4),
    Case("linalg.slogdet", [-SPD], lambda x: np.linalg.slogdet(x), id="negative"),
    Case("linalg.logdet", [SPD], lambda x: np.linalg.slogdet(x)[1]),
    Case("linalg.cholesky", [SPD], np.linalg.cholesky),
    Case("linalg.cholesky", [SPD32], lambda x: np.linalg.cholesky(x).T.astype("float32"), kwargs={"upper": True},
         id="upper", rtol=1e-5, atol=1e-6),
    Case("linalg.cholesky", [SPD], lambda x: x, post=_cholesky_product, id="product"),
    Case("linalg.solve", [GEN, A.T.copy()], lambda a, b: np.linalg.solve(a, b).astype("float32"), rtol=1e-4, atol=1e-5),
    Case("linalg.solve", [SPD, SPD[0]], lambda a, b: np.linalg.solve(a, b), id="vector"),
    Case("linalg.solve_triangular", [LOWER, A.T.copy()], lambda a, b: np.linalg.solve(a, b).astype("float32"),
         kwargs={"lower": True}, rtol=1e-4, atol=1e-5),
    Case("linalg.solve_triangular", [LOWER.T.copy(), V], lambda a, b: np.linalg.solve(a, b).astype("float32"),
         id="upper-vector", rtol=1e-4, atol=1e-5),
    Case("linalg.lstsq", [TALL, TALL[:, 0] + 2 * TALL[:, 1]], lambda a, b: np.linalg.lstsq(a, b, rcond=None)[0],
         rtol=1e-8, atol=1e-8),
    Case("linalg.lstsq", [TALL, sample((4, 2), "float64", seed=6)], lambda a, b: np.linalg.lstsq(a, b, rcond=None)[0],
         id="matrix", rtol=1e-8, atol=1e-8),
    Case("linalg.qr", [TALL], lambda x: x, post=_reconstruct_qr, id="reconstruct"),
    Case("linalg.qr", [TALL], lambda x: [np.zeros((4, 3)), np.zeros((3, 3))],
         post=lambda r: [ops.multiply(r[0], 0.0), ops.multiply(r[1], 0.0)], id="reduced-shapes"),
    Case("linalg.qr", [TALL], lambda x: [np.zeros((4, 4)), np.zeros((4, 3))], kwargs={"mode": "complete"},
         post=lambda r: [ops.multiply(r[0], 0.0), ops.multiply(r[1], 0.0)], id="complete-shapes"),
    Case("linalg.svd", [TALL], lambda x: np.linalg.svd(x, compute_uv=False), kwargs={"compute_uv": False}),
    Case("linalg.svd", [TALL], lambda x: x, kwargs={"full_matrices": False}, post=_reconstruct_svd, id="reconstruct"),
    Case("linalg.svd", [TALL], lambda x: [np.zeros((4, 4)), np.zeros(3), np.zeros((3, 3))],
         post=lambda r: [ops.multiply(t, 0.0) for t in r], id="full-shapes"),
    Case("linalg.eigh", [SPD], lambda x: np.linalg.eigh(x)[0], post=lambda r: r[0], id="values"),
    Case("linalg.eigh", [SPD], lambda x: x, post=_reconstruct_eigh, id="reconstruct"),
]

M = sample((3, 4), "float32", seed=12)
T3 = sample((2, 3, 4), "float32", seed=13)
NORM_CASES = [
    Case("linalg.norm", [M], lambda x: np.array(np.linalg.norm(x), "float32")),
    Case("linalg.norm", [V], lambda x: np.array(np.linalg.norm(x), "float32"), id="vector"),
    Case("linalg.norm", [M], lambda x: np.linalg.norm(x, axis=-1).astype("float32"), kwargs={"axis": -1}, id="axis"),
    Case("linalg.norm", [M], lambda x: np.linalg.norm(x, axis=0, keepdims=True).astype("float32"),
         kwargs={"axis": 0, "keepdims": True}, id="keepdims"),
    Case("linalg.norm", [T3], lambda x: np.linalg.norm(x, axis=(1, 2)).astype("float32"), kwargs={"axis": (1, 2)},
         id="fro-axes"),
    Case("linalg.norm", [T3], lambda x: np.linalg.norm(x, ord=1, axis=(-2, -1), keepdims=True).astype("float32"),
         kwargs={"ord": 1, "axis": (-2, -1), "keepdims": True}, id="matrix-1"),
]
for _ord in (1, 2, 3, 0, np.inf, -np.inf):
    NORM_CASES.append(Case("linalg.norm", [M], lambda x, o=_ord: np.linalg.norm(x, ord=o, axis=1).astype("float32"),
                           kwargs={"ord": _ord, "axis": 1}, id=f"vector-{_ord}", rtol=1e-5, atol=1e-6))
for _ord in ("fro", "nuc", 1, -1, 2, -2, np.inf, -np.inf):
    NORM_CASES.append(Case("linalg.norm", [M], lambda x, o=_ord: np.array(np.linalg.norm(x, ord=o), "float32"),
                           kwargs={"ord": _ord}, id=f"matrix-{_ord}", rtol=1e-5, atol=1e-6))
NORM_CASES.append(Case("linalg.norm", [I8], lambda x: np.array(np.linalg.norm(x), "float32"), id="int"))


@pytest.mark.parametrize("case, kind", case_params(PRODUCT_CASES))
def test_product_cases(case, kind):
    run_case(case, kind)


@pytest.mark.parametrize("case, kind", case_params(LINALG_CASES))
def test_linalg_cases(case, kind):
    run_case(case, kind)


@pytest.mark.parametrize("case, kind", case_params(NORM_CASES))
def test_norm_cases(case, kind):
    run_case(case, kind)


@pytest.mark.parametrize("name", ["inv", "det", "cholesky", "eigh", "svd", "qr", "norm", "solve", "lstsq"])
def test_linalg_top_level_aliases(name):
    assert getattr(ops, name) is getattr(ops.linalg, name)


@pytest.mark.parametrize("a_dtype, b_dtype, expected", [
    ("int8", "int8", "int8"), ("int8", "int32", "int32"), ("bool", "bool", "int32"), ("int32", "float32", "float32"),
    ("float16", "float32", "float32"), ("bfloat16", "bfloat16", "bfloat16"), ("float64", "int64", "float64"),
    ("uint8", "int8", "int16"),
])
def test_matmul_dtypes(a_dtype, b_dtype, expected):
    a = np.array([[1, 0], [1, 1]]).astype(a_dtype if a_dtype != "bfloat16" else "float32")
    b = np.array([[1, 1], [0, 1]]).astype(b_dtype if b_dtype != "bfloat16" else "float32")
    a = ops.cast(a, a_dtype)
    b = ops.cast(b, b_dtype)
    result = ops.matmul(a, b)
    check(result, np.array([[1, 1], [1, 2]]), expected)
