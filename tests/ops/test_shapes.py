"""Shape work, creation and indexing ops against NumPy, as table rows."""

import numpy as np
import pytest

from frontend import ops

from .support import Case, case_params, check, cover, run_case, sample

A = sample((2, 3, 4), "float32", seed=1)
M = np.arange(12, dtype="float32").reshape(3, 4)
SQ = np.arange(16, dtype="int32").reshape(4, 4)
V3 = np.array([1.0, 2.0, 3.0], "float32")
IV = np.array([4, 5], "int32")
EMPTY = np.zeros((0, 3), "float32")

SHAPE_CASES = [
    Case("reshape", [A, (4, 6)], lambda x, s: x.reshape(s)),
    Case("reshape", [A, (-1, 2)], lambda x, s: x.reshape(s), id="minus-one"),
    Case("reshape", [A, 24], lambda x, s: x.reshape(s), id="int"),
    Case("reshape", [EMPTY, (3, 0)], lambda x, s: x.reshape(s), id="empty"),
    Case("reshape", [np.float32(2.0), (1, 1)], lambda x, s: np.reshape(x, s), id="scalar"),
    Case("transpose", [A], np.transpose),
    Case("transpose", [A, (1, 0, 2)], np.transpose, id="axes"),
    Case("transpose", [A, (-1, 0, 1)], lambda x, a: np.transpose(x, (2, 0, 1)), id="negative"),
    Case("expand_dims", [A, 0], np.expand_dims),
    Case("expand_dims", [A, -1], np.expand_dims, id="neg"),
    Case("expand_dims", [A, (0, 2)], np.expand_dims, id="tuple"),
    Case("squeeze", [A[:, :1, None]], np.squeeze),
    Case("squeeze", [A[:, :1, None], -2], lambda x, a: np.squeeze(x, a), id="axis"),
    Case("squeeze", [A[:, :1, None], (1, 2)], lambda x, a: np.squeeze(x, a), id="tuple"),
    Case("concatenate", [[A, A[:, :1]], 1], lambda xs, a: np.concatenate(xs, a)),
    Case("concatenate", [[A, A], -1], lambda xs, a: np.concatenate(xs, a), id="neg"),
    Case("concatenate", [[A, A], None], lambda xs, a: np.concatenate(xs, axis=None), id="none"),
    Case("concatenate", [[EMPTY, M[:, :3]], 0], lambda xs, a: np.concatenate(xs, a), id="empty"),
    Case("concatenate", [[M.astype("int32"), M], 0], lambda xs, a: np.concatenate(xs, a).astype("float32"), id="promote"),
    Case("stack", [[M, M + 1]], lambda xs: np.stack(xs)),
    Case("stack", [[M, M + 1], -1], lambda xs, a: np.stack(xs, a), id="neg"),
    Case("hstack", [[M, M]], np.hstack),
    Case("hstack", [[V3, V3]], np.hstack, id="1d"),
    Case("vstack", [[M, M]], np.vstack),
    Case("vstack", [[V3, V3]], np.vstack, id="1d"),
    Case("append", [M, M], np.append),
    Case("append", [M, M, 1], lambda a, b, ax: np.append(a, b, ax), id="axis"),
    Case("split", [M, 2, 1], lambda x, n, a: np.split(x, n, a)),
    Case("split", [M, [1, 3], -1], lambda x, n, a: np.split(x, n, a), id="indices"),
    Case("unstack", [M], lambda x: list(x)),
    Case("unstack", [M, None, 1], lambda x, n, a: list(np.moveaxis(x, 1, 0)), id="axis"),
    Case("tile", [M, (2, 1)], np.tile),
    Case("tile", [V3, 2], np.tile, id="int"),
    Case("tile", [V3, (2, 2)], np.tile, id="rank-up"),
    Case("repeat", [M, 2], np.repeat),
    Case("repeat", [M, 2, 0], lambda x, r, a: np.repeat(x, r, a), id="axis"),
    Case("repeat", [M, np.array([1, 0, 2]), -2], lambda x, r, a: np.repeat(x, r, a), id="counts"),
    Case("pad", [M, 1], np.pad),
    Case("pad", [M, ((1, 0), (0, 2))], np.pad, id="pairs"),
    Case("pad", [M, ((1, 2), (2, 1))], lambda x, w: np.pad(x, w, mode="reflect"), kwargs={"mode": "reflect"}, id="reflect"),
    Case("pad", [M, ((1, 2), (2, 1))], lambda x, w: np.pad(x, w, mode="symmetric"), kwargs={"mode": "symmetric"}, id="symmetric"),
    Case("pad", [M, ((1, 2), (2, 1))], lambda x, w: np.pad(x, w, mode="edge"), kwargs={"mode": "edge"}, id="edge"),
    Case("pad", [M, 1], lambda x, w: np.pad(x, w, constant_values=7), kwargs={"constant_values": 7}, id="value"),
    Case("broadcast_to", [V3, (2, 3)], np.broadcast_to),
    Case("broadcast_to", [M[:, :1], (2, 3, 4)], np.broadcast_to, id="rank"),
    Case("broadcast_to", [np.float32(1.5), (0, 2)], np.broadcast_to, id="empty"),
    Case("flip", [A], np.flip),
    Case("flip", [A, 1], np.flip, id="axis"),
    Case("flip", [A, (0, -1)], np.flip, id="tuple"),
    Case("roll", [M, 2], np.roll),
    Case("roll", [M, -1, 1], np.roll, id="axis"),
    Case("moveaxis", [A, 0, -1], np.moveaxis),
    Case("moveaxis", [A, (0, 1), (2, 0)], np.moveaxis, id="tuple"),
    Case("swapaxes", [A, 0, 2], np.swapaxes),
    Case("swapaxes", [A, -1, 1], np.swapaxes, id="neg"),
    Case("ravel", [A], np.ravel),
    Case("copy", [A], np.copy),
    Case("copy", [A > 0], np.copy, id="bool"),
    Case("tril", [SQ], np.tril),
    Case("tril", [SQ, -1], np.tril, id="k"),
    Case("tril", [A], np.tril, id="batch"),
    Case("triu", [SQ], np.triu),
    Case("triu", [SQ, 1], np.triu, id="k"),
    Case("diagonal", [SQ], np.diagonal),
    Case("diagonal", [SQ, 1], np.diagonal, id="offset"),
    Case("diagonal", [A, -1, 1, 2], np.diagonal, id="axes"),
    Case("trace", [SQ], lambda x: np.array(np.trace(x), "int32")),
    Case("trace", [A, 1, 1, 2], lambda x, o, a, b: np.trace(x, o, a, b).astype("float32"), id="axes"),
    Case("diag", [V3], np.diag),
    Case("diag", [V3, 1], np.diag, id="k"),
    Case("diag", [V3, -2], np.diag, id="k-neg"),
    Case("diag", [SQ], np.diag, id="matrix"),
    Case("diag", [SQ, -1], np.diag, id="matrix-k"),
    Case("diagflat", [M[:2, :2]], np.diagflat),
    Case("diagflat", [V3, 1], np.diagflat, id="k"),
    Case("rot90", [M], np.rot90),
    Case("rot90", [M, 2], np.rot90, id="k2"),
    Case("rot90", [M, 3], np.rot90, id="k3"),
    Case("rot90", [A, 1, (1, 2)], np.rot90, id="axes"),
    Case("meshgrid", [V3, IV], lambda a, b: np.meshgrid(a, b), dtype=["float32", "float32"]),
    Case("meshgrid", [V3, IV.astype("float32")], lambda a, b: np.meshgrid(a, b, indexing="ij"),
         kwargs={"indexing": "ij"}, id="ij"),
]

CREATION_CASES = [
    Case("zeros", [(2, 3)], lambda s: np.zeros(s, "float32"), kinds=("numpy",)),
    Case("zeros", [(0, 2)], lambda s: np.zeros(s, "int8"), kwargs={"dtype": "int8"}, id="empty", kinds=("numpy",)),
    Case("empty", [(2,)], lambda s: np.zeros(s, "float32"), kinds=("numpy",)),
    Case("ones", [3], lambda s: np.ones(s, "float32"), kinds=("numpy",)),
    Case("ones", [(2, 2)], lambda s: np.ones(s, bool), kwargs={"dtype": "bool"}, id="bool", kinds=("numpy",)),
    Case("full", [(2, 3), 7], lambda s, v: np.full(s, v, "int32"), kinds=("numpy",)),
    Case("full", [(2, 3), 0.5], lambda s, v: np.full(s, v, "float32"), id="float", kinds=("numpy",)),
    Case("full", [(2, 3), V3], lambda s, v: np.broadcast_to(v, s), id="array"),
    Case("full", [(2,), 1], lambda s, v: np.ones(s, "float16"), kwargs={"dtype": "float16"}, id="dtype", kinds=("numpy",)),
    Case("zeros_like", [M], np.zeros_like),
    Case("ones_like", [SQ], np.ones_like),
    Case("ones_like", [M], lambda x: np.ones_like(x, "int8"), kwargs={"dtype": "int8"}, id="dtype"),
    Case("full_like", [M, 2.5], np.full_like),
    Case("full_like", [SQ, 2], lambda x, v: np.full_like(x, v, "float64"), kwargs={"dtype": "float64"}, id="dtype"),
    Case("arange", [5], lambda n: np.arange(n, dtype="int32"), kinds=("numpy",)),
    Case("arange", [1, 7, 2], lambda a, b, c: np.arange(a, b, c, dtype="int32"), id="step", kinds=("numpy",)),
    Case("arange", [0.0, 1.0, 0.25], lambda a, b, c: np.arange(a, b, c, dtype="float32"), id="float", kinds=("numpy",)),
    Case("arange", [5, 0, -2], lambda a, b, c: np.arange(a, b, c, dtype="int32"), id="down", kinds=("numpy",)),
    Case("arange", [3], lambda n: np.arange(n, dtype="float64"), kwargs={"dtype": "float64"}, id="dtype", kinds=("numpy",)),
    Case("eye", [3], lambda n: np.eye(n, dtype="float32"), kinds=("numpy",)),
    Case("eye", [2, 4, 1], lambda n, m, k: np.eye(n, m, k, dtype="int32"), kwargs={"dtype": "int32"}, id="k", kinds=("numpy",)),
    Case("identity", [3], lambda n: np.identity(n, dtype="float32"), kinds=("numpy",)),
    Case("tri", [3], lambda n: np.tri(n, dtype="float32"), kinds=("numpy",)),
    Case("tri", [3, 4, -1], lambda n, m, k: np.tri(n, m, k, dtype="float32"), id="k", kinds=("numpy",)),
    Case("linspace", [0.0, 1.0, 5], lambda a, b, n: np.linspace(a, b, n, dtype="float32"), kinds=("numpy",)),
    Case("linspace", [2, 3, 4], lambda a, b, n: np.linspace(a, b, n, endpoint=False, dtype="float32"),
         kwargs={"endpoint": False}, id="open", kinds=("numpy",)),
    Case("linspace", [0.0, 1.0, 1], lambda a, b, n: np.linspace(a, b, n, dtype="float32"), id="one", kinds=("numpy",)),
    Case("logspace", [0.0, 2.0, 3], lambda a, b, n: np.logspace(a, b, n, dtype="float32"), kinds=("numpy",)),
    Case("logspace", [0.0, 3.0, 4], lambda a, b, n: np.logspace(a, b, n, base=2, dtype="float32"),
         kwargs={"base": 2}, id="base", kinds=("numpy",)),
    Case("array", [M], np.array),
    Case("array", [[[1, 2], [3, 4]]], lambda x: np.array(x, "int32"), id="list", kinds=("numpy",)),
    Case("array", [M], lambda x: x.astype("float16"), kwargs={"dtype": "float16"}, id="dtype"),
]

IDX = np.array([2, 0, -1], "int32")
INDEX_CASES = [
    Case("getitem", [M, 1], lambda x, k: x[k]),
    Case("getitem", [M, (slice(None), slice(1, 3))], lambda x, k: x[k], id="slice"),
    Case("getitem", [A, (Ellipsis, 0)], lambda x, k: x[k], id="ellipsis"),
    Case("getitem", [M, (None, 1, slice(None, None, 2))], lambda x, k: x[k], id="newaxis-step"),
    Case("getitem", [M, -1], lambda x, k: x[k], id="negative"),
    Case("get_item", [M, 2], lambda x, k: x[k]),
    Case("take", [M, IDX], lambda x, i: np.take(x, i)),
    Case("take", [M, IDX, 1], lambda x, i, a: np.take(x, i, a), id="axis"),
    Case("take", [M, np.array([[0, 2], [1, 1]]), 0], lambda x, i, a: np.take(x, i, a), id="2d-indices"),
    Case("take", [M, np.array([1, 0]), -1], lambda x, i, a: np.take(x, i, a), id="neg-axis"),
    Case("take", [M, np.array([2, 0], "uint8"), 1], lambda x, i, a: np.take(x, i, a), id="uint8-indices"),
    Case("take", [M, np.array([-1, 0], "int16"), 0], lambda x, i, a: np.take(x, i, a), id="int16-indices"),
    Case("take_along_axis", [M, np.argsort(M, axis=1)[:, ::-1].copy(), 1], lambda x, i, a: np.take_along_axis(x, i, a)),
    Case("take_along_axis", [M, np.array([[0, 2, 1, 0]]), 0], lambda x, i, a: np.take_along_axis(x, i, a), id="broadcast"),
    Case("slice", [M, (1, 1), (2, 2)], lambda x, s, n: x[1:3, 1:3]),
    Case("slice_update", [M, (1, 2), np.ones((2, 2), "float32")],
         lambda x, s, u: np.concatenate([x[:1], np.concatenate([x[1:, :2], u], 1)], 0)),
    Case("scatter_update", [M, np.array([[0, 1], [2, 3]]), np.array([9.0, 8.0], "float32")],
         lambda x, i, u: _scatter_update(x, i, u)),
    Case("scatter", [np.array([[0, 1], [2, 3], [0, 1]]), np.array([1.0, 2.0, 3.0], "float32"), (3, 4)],
         lambda i, v, s: _scatter(i, v, s)),
    Case("segment_sum", [M, np.array([0, 0, 1])], lambda d, s: np.stack([d[:2].sum(0), d[2]])),
    Case("segment_sum", [M, np.array([0, 2, 2]), 4], lambda d, s, n: np.stack([d[0], 0 * d[0], d[1] + d[2], 0 * d[0]]),
         id="num"),
    Case("segment_max", [M, np.array([1, 0, 1])], lambda d, s: np.stack([d[1], np.maximum(d[0], d[2])])),
    Case("segment_max", [np.array([1, 5, 3], "int32"), np.array([0, 0, 2]), 3],
         lambda d, s, n: np.array([5, np.iinfo(np.int32).min, 3], "int32"), id="empty-segment-int"),
    Case("searchsorted", [np.array([1.0, 2.0, 2.0, 5.0], "float32"), np.array([0.0, 2.0, 3.0, 9.0], "float32")],
         lambda a, v: np.searchsorted(a, v).astype("int32")),
    Case("searchsorted", [np.array([1.0, 2.0, 2.0, 5.0], "float32"), np.array([2.0, 5.0], "float32")],
         lambda a, v: np.searchsorted(a, v, side="right").astype("int32"), kwargs={"side": "right"}, id="right"),
    Case("digitize", [np.array([0.5, 1.0, 2.5, 7.0], "float32"), np.array([1.0, 2.0, 3.0], "float32")],
         lambda x, b: np.digitize(x, b).astype("int32")),
    Case("bincount", [np.array([0, 1, 1, 3])], lambda x: np.bincount(x).astype("int32")),
    Case("bincount", [np.array([0, 1, 1, 3])], lambda x: np.bincount(x, minlength=6).astype("int32"),
         kwargs={"minlength": 6}, id="minlength"),
    Case("bincount", [np.array([0, 1, 1])], lambda x: np.bincount(x, weights=[0.5, 1.0, 2.0]).astype("float32"),
         kwargs={"weights": np.array([0.5, 1.0, 2.0], "float32")}, id="weights"),
    Case("select", [[M > 8, M < 2], [M, -M]], lambda c, v: np.select(c, v)),
    Case("select", [[M > 8], [M]], lambda c, v: np.select(c, v, 5.0).astype("float32"), kwargs={"default": 5.0}, id="default"),
    Case("unravel_index", [np.array([0, 5, 11], "int32"), (3, 4)],
         lambda i, s: tuple(c.astype("int32") for c in np.unravel_index(i, s))),
    Case("nonzero", [np.array([[0, 1, 0], [2, 0, 3]], "int32")], lambda x: tuple(c.astype("int32") for c in np.nonzero(x))),
]


def _scatter_update(x, indices, updates):
    x = x.copy()
    for (i, j), u in zip(indices, updates):
        x[i, j] = u
    return x


def _scatter(indices, values, shape):
    out = np.zeros(shape, values.dtype)
    for (i, j), v in zip(indices, values):
        out[i, j] += v
    return out


@pytest.mark.parametrize("case, kind", case_params(SHAPE_CASES))
def test_shape_cases(case, kind):
    run_case(case, kind)


@pytest.mark.parametrize("case, kind", case_params(CREATION_CASES))
def test_creation_cases(case, kind):
    run_case(case, kind)


@pytest.mark.parametrize("case, kind", case_params(INDEX_CASES))
def test_indexing_cases(case, kind):
    run_case(case, kind)


def test_getitem_with_index_tensors():
    cover("getitem")
    check(ops.getitem(M, ops.convert_to_tensor(np.array([2, 0]))), M[[2, 0]], "float32")
    check(ops.getitem(M, ops.convert_to_tensor(np.array([True, False, True]))), M[[True, False, True]], "float32")


def test_linspace_retstep():
    values, step = ops.linspace(0.0, 1.0, 5, retstep=True)
    check(values, np.linspace(0, 1, 5), "float32")
    assert step == pytest.approx(0.25)


@pytest.mark.parametrize("dtype", ["bool", "uint8", "int8", "int16", "int32", "int64", "float16", "bfloat16", "float64"])
@pytest.mark.parametrize("name", ["zeros", "ones"])
def test_creation_dtypes(name, dtype):
    check(getattr(ops, name)((2, 1), dtype=dtype), getattr(np, name)((2, 1)), dtype)
