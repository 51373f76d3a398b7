"""Reductions, scans, sorting and statistics: axes (None, negative, tuples), keepdims, empties, dtypes."""

import numpy as np
import pytest

from frontend import ops

from . import reference as R
from .support import Case, case_params, check, cover, run_case, sample

X = sample((2, 3, 4), "float32", seed=7)
XI = sample((2, 3, 4), "int8", seed=8)
XB = sample((2, 3, 4), "bool", seed=9)

# name -> (NumPy reference(x, axis, keepdims), expected dtype for float32 / int8 / bool input, kinds of input)
WIDE = {"bool": "int32", "int8": "int32", "float32": "float32"}
REDUCTIONS = {
    "sum": (lambda x, a, k: np.sum(x.astype(np.float64), axis=a, keepdims=k), WIDE),
    "prod": (lambda x, a, k: np.prod(x.astype(np.float64), axis=a, keepdims=k), WIDE),
    "max": (lambda x, a, k: np.max(x, axis=a, keepdims=k), None),
    "amax": (lambda x, a, k: np.max(x, axis=a, keepdims=k), None),
    "min": (lambda x, a, k: np.min(x, axis=a, keepdims=k), None),
    "amin": (lambda x, a, k: np.min(x, axis=a, keepdims=k), None),
    "mean": (lambda x, a, k: np.mean(x.astype(np.float64), axis=a, keepdims=k), {"bool": "float32", "int8": "float32", "float32": "float32"}),
    "var": (lambda x, a, k: np.var(x.astype(np.float64), axis=a, keepdims=k), {"int8": "float32", "float32": "float32"}),
    "std": (lambda x, a, k: np.std(x.astype(np.float64), axis=a, keepdims=k), {"int8": "float32", "float32": "float32"}),
    "any": (lambda x, a, k: np.any(x, axis=a, keepdims=k), {"bool": "bool", "int8": "bool", "float32": "bool"}),
    "all": (lambda x, a, k: np.all(x, axis=a, keepdims=k), {"bool": "bool", "int8": "bool", "float32": "bool"}),
    "logsumexp": (lambda x, a, k: R.logsumexp(x, a, k), {"float32": "float32", "int8": "float32"}),
}
for _name in REDUCTIONS:
    cover(_name)

AXES = [None, 0, -1, (0, 2), (-1, -3)]


@pytest.mark.parametrize("keepdims", [False, True])
@pytest.mark.parametrize("axis", AXES, ids=str)
@pytest.mark.parametrize("name", sorted(REDUCTIONS))
def test_reduction_axes(name, axis, keepdims):
    ref, dtypes = REDUCTIONS[name]
    for x in (X, XI, XB) if not keepdims else (X,):  # int8/bool inputs: keepdims=False only
        dtype = x.dtype.name
        if dtypes is not None and dtype not in dtypes:
            continue
        expected_dtype = dtype if dtypes is None else dtypes[dtype]
        result = getattr(ops, name)(x, axis=axis, keepdims=keepdims)
        check(result, ref(x, axis, keepdims), expected_dtype, what=f"{name}({dtype}, axis={axis})")


@pytest.mark.parametrize("name", ["sum", "mean", "max", "min", "prod", "any", "all", "var", "std", "logsumexp"])
def test_reduction_native_tensor_and_list(name):
    ref = REDUCTIONS[name][0]
    x = sample((3, 4), "float32", seed=11)
    check(getattr(ops, name)(ops.convert_to_tensor(x), axis=-1), ref(x, -1, False), what=name)
    check(getattr(ops, name)(x.tolist(), axis=0), ref(x, 0, False), what=name)


@pytest.mark.parametrize("dtype", ["float16", "bfloat16", "float64", "int16", "int64", "uint8"])
@pytest.mark.parametrize("name", ["sum", "max", "mean", "prod"])
def test_reduction_dtypes(name, dtype):
    x = sample((3, 4), dtype, seed=2)
    expected_dtype = {"sum": {"int16": "int32", "uint8": "int32"}, "prod": {"int16": "int32", "uint8": "int32"},
                      "mean": {"int16": "float32", "int64": "float32", "uint8": "float32"}}.get(name, {}).get(dtype, dtype)
    ref = REDUCTIONS[name][0]
    check(getattr(ops, name)(x, axis=1), ref(x.astype(np.float64), 1, False), expected_dtype, what=name)


EMPTY = np.zeros((0, 3), "float32")


def test_empty_reductions():
    check(ops.sum(EMPTY, axis=0), np.zeros(3), "float32")
    check(ops.sum(EMPTY), np.array(0.0), "float32")
    check(ops.sum(EMPTY, axis=1), np.zeros(0), "float32")
    check(ops.prod(EMPTY, axis=0), np.ones(3), "float32")
    check(ops.any(EMPTY, axis=0), np.zeros(3, bool), "bool")
    check(ops.all(EMPTY, axis=0), np.ones(3, bool), "bool")
    check(ops.max(EMPTY, axis=0, initial=-1.0), np.full(3, -1.0), "float32")
    check(ops.min(EMPTY, axis=0, keepdims=True, initial=5.0), np.full((1, 3), 5.0), "float32")
    check(ops.max(EMPTY, axis=1), np.zeros(0), "float32")
    with pytest.raises(ValueError, match=r"ops\.max.*empty.*\(0, 3\)"):
        ops.max(EMPTY, axis=0)


def test_max_with_initial():
    x = np.array([[1.0, 5.0], [-2.0, 0.5]], "float32")
    check(ops.max(x, axis=1, initial=2.0), np.maximum(x.max(1), 2.0), "float32")
    check(ops.min(x, axis=0, initial=0.0), np.minimum(x.min(0), 0.0), "float32")


def test_scalar_reductions():
    check(ops.sum(3.0), np.array(3.0), "float32")
    check(ops.mean(np.float64(2.0)), np.array(2.0), "float64")
    check(ops.max(ops.convert_to_tensor(np.int32(4))), np.array(4), "int32")


# --------------------------------------------------------------------------- table of the rest

V = np.array([[3.0, 1.0, 2.0, 1.0], [0.5, 4.0, 4.0, -1.0], [2.0, 2.0, -3.0, 0.0]], "float32")
W = np.array([1.0, 2.0, 0.5, 1.0], "float32")
VI = np.array([[3, 1, 2, 1], [0, 4, 4, -1], [2, 2, -3, 0]], "int32")

CASES = [
    Case("argmax", [V], lambda x: np.argmax(x, axis=-1).astype("int32"), kwargs={"axis": -1}),
    Case("argmax", [V], lambda x: np.array(np.argmax(x), "int32"), id="flat"),
    Case("argmax", [VI], lambda x: np.argmax(x, axis=0, keepdims=True).astype("int32"), kwargs={"axis": 0, "keepdims": True}, id="keepdims"),
    Case("argmin", [V], lambda x: np.argmin(x, axis=1).astype("int32"), kwargs={"axis": 1}),
    Case("argmin", [XB[0]], lambda x: np.argmin(x, axis=0).astype("int32"), kwargs={"axis": 0}, id="bool"),
    Case("cumsum", [V], lambda x: np.cumsum(x, axis=1), kwargs={"axis": 1}),
    Case("cumsum", [VI], lambda x: np.cumsum(x).astype("int32"), id="flat"),
    Case("cumsum", [XI[0]], lambda x: np.cumsum(x, axis=-1).astype("int32"), kwargs={"axis": -1}, id="int8"),
    Case("cumsum", [VI], lambda x: np.cumsum(x, axis=0).astype("float32"), kwargs={"axis": 0, "dtype": "float32"}, id="dtype"),
    Case("cumprod", [V], lambda x: np.cumprod(x, axis=0), kwargs={"axis": 0}),
    Case("cumprod", [VI], lambda x: np.cumprod(x, axis=-1).astype("int32"), kwargs={"axis": -1}, id="int"),
    Case("sort", [V], lambda x: np.sort(x, axis=-1)),
    Case("sort", [VI], lambda x: np.sort(x, axis=0), kwargs={"axis": 0}, id="axis0"),
    Case("sort", [V], lambda x: np.sort(x, axis=None), kwargs={"axis": None}, id="flat"),
    Case("argsort", [V], lambda x: np.argsort(x, axis=-1, kind="stable").astype("int32")),
    Case("argsort", [VI], lambda x: np.argsort(x, axis=0, kind="stable").astype("int32"), kwargs={"axis": 0}, id="axis0"),
    Case("top_k", [V, 2], lambda x, k: (-np.sort(-x, axis=-1)[:, :2], np.array([[0, 2], [1, 2], [0, 1]], "int32"))),
    Case("in_top_k", [np.array([0, 3, 2]), V, 2], lambda t, p, k: np.array([True, False, False])),
    Case("count_nonzero", [V], lambda x: np.array(np.count_nonzero(x), "int32")),
    Case("count_nonzero", [VI], lambda x: np.count_nonzero(x, axis=1).astype("int32"), kwargs={"axis": 1}, id="axis"),
    Case("average", [V], lambda x: np.average(x, axis=1).astype("float32"), kwargs={"axis": 1}),
    Case("average", [V], lambda x: np.average(x, axis=1, weights=W).astype("float32"),
         kwargs={"axis": 1, "weights": W}, id="weights"),
    Case("average", [V], lambda x: np.array(np.average(x, weights=V * V), "float32"),
         kwargs={"weights": V * V}, id="full-weights"),
    Case("median", [V], lambda x: np.median(x, axis=1).astype("float32"), kwargs={"axis": 1}),
    Case("median", [V], lambda x: np.array(np.median(x), "float32"), id="all"),
    Case("median", [VI], lambda x: np.median(x, axis=0, keepdims=True).astype("float32"),
         kwargs={"axis": 0, "keepdims": True}, id="int-keepdims"),
    Case("quantile", [V, np.array([0.1, 0.5, 0.9], "float32")],
         lambda x, q: np.quantile(x, q, axis=-1).astype("float32"), kwargs={"axis": -1}),
    Case("quantile", [V, 0.25], lambda x, q: np.array(np.quantile(x, q), "float32"), id="scalar-q"),
    Case("quantile", [X, np.array([0.3, 0.7], "float32")], lambda x, q: np.quantile(x, q, axis=(0, 2)).astype("float32"),
         kwargs={"axis": (0, 2)}, id="tuple-axis"),
    Case("percentile", [V, np.array([25.0, 50.0], "float32")],
         lambda x, q: np.percentile(x, q, axis=0).astype("float32"), kwargs={"axis": 0}),
]


@pytest.mark.parametrize("case, kind", case_params(CASES))
def test_reduction_cases(case, kind):
    run_case(case, kind)


def test_top_k_unsorted_values_are_the_top():
    values, indices = ops.top_k(V, 3, sorted=False)
    got = np.sort(np.asarray(ops.convert_to_numpy(values)), axis=-1)
    np.testing.assert_allclose(got, np.sort(V, axis=-1)[:, 1:])
    assert ops.dtype(indices) == "int32"
