"""The multi-tensor primitives (``foreach_*``) against NumPy, and TensorList on top of them."""

import numpy as np
import pytest

from frontend.backends import active as B
from frontend.optimizers.tensor_list import TensorList

SHAPES = [(2, 3), (3,)]  # two tensors of different shapes in one list
RNG = np.random.default_rng(7)
XS = [RNG.uniform(0.5, 2.0, s) * RNG.choice([-1, 1], s) for s in SHAPES]
YS = [RNG.uniform(0.5, 2.0, s) for s in SHAPES]
ZS = [RNG.uniform(0.5, 2.0, s) for s in SHAPES]

UNARY = {"sqrt": lambda x: np.sqrt(np.abs(x)), "abs": np.abs, "sign": np.sign, "negative": np.negative,
         "reciprocal": np.reciprocal, "exp": np.exp, "log": lambda x: np.log(np.abs(x)), "square": np.square}
BINARY = {"add": np.add, "subtract": np.subtract, "multiply": np.multiply, "divide": np.divide,
          "maximum": np.maximum, "minimum": np.minimum, "power": lambda x, y: np.power(np.abs(x), y)}


def tensors(arrays, dtype):
    return [B.convert_to_tensor(a.astype(dtype)) for a in arrays]


def check(results, expected, dtype):
    assert len(results) == len(expected)
    for got, want in zip(results, expected):
        assert B.dtype_name(got) == dtype and tuple(B.shape(got)) == want.shape
        np.testing.assert_allclose(B.convert_to_numpy(got), want, rtol=1e-6 if dtype == "float32" else 1e-12)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("name", sorted(UNARY))
def test_foreach_unary(name, dtype):
    inputs = [np.abs(x) for x in XS] if name in ("sqrt", "log") else XS
    check(B.foreach_unary(name, tensors(inputs, dtype)), [UNARY[name](x) for x in inputs], dtype)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("name", sorted(BINARY))
def test_foreach_binary_with_lists_floats_and_0d_tensors(name, dtype):
    xs = [np.abs(x) for x in XS] if name == "power" else XS
    check(B.foreach_binary(name, tensors(xs, dtype), tensors(YS, dtype)),
          [BINARY[name](x, y) for x, y in zip(xs, YS)], dtype)
    check(B.foreach_binary(name, tensors(xs, dtype), 1.5), [BINARY[name](x, 1.5) for x in xs], dtype)
    scalar = B.convert_to_tensor(np.array(0.75, dtype))
    check(B.foreach_binary(name, tensors(xs, dtype), scalar), [BINARY[name](x, 0.75) for x in xs], dtype)


@pytest.mark.parametrize("weight", [0.25, "tensor"])
def test_foreach_lerp(weight):
    w = B.convert_to_tensor(np.array(0.25, "float32")) if weight == "tensor" else weight
    check(B.foreach_lerp(tensors(XS, "float32"), tensors(YS, "float32"), w),
          [x + (y - x) * 0.25 for x, y in zip(XS, YS)], "float32")


@pytest.mark.parametrize("value", [-0.5, "tensor"])
def test_foreach_addcdiv(value):
    v = B.convert_to_tensor(np.array(-0.5, "float32")) if value == "tensor" else value
    check(B.foreach_addcdiv(tensors(XS, "float32"), tensors(YS, "float32"), tensors(ZS, "float32"), v),
          [x + y * -0.5 / z for x, y, z in zip(XS, YS, ZS)], "float32")


def test_foreach_assign_writes_every_storage():
    storages = [B.variable_create(t, False) for t in tensors(XS, "float32")]
    storages = B.foreach_assign(storages, tensors(YS, "float32"))
    for storage, want in zip(storages, YS):
        np.testing.assert_allclose(B.convert_to_numpy(B.variable_value(storage)), want, rtol=1e-6)


def test_empty_lists_give_empty_results():
    assert B.foreach_unary("sqrt", []) == [] and B.foreach_binary("add", [], 1.0) == []


def test_tensor_list_operators_reversed_operands_and_scalar_dtypes():
    xs = TensorList(tensors(XS, "float32"), "float32")
    ys = TensorList(tensors(YS, "float32"), "float32")
    wide = B.convert_to_tensor(np.array(2.0, "float64"))  # a 0-d operand of another dtype is cast to the list's
    results = [1.0 - xs, 2.0 / ys, xs ** 2, (xs * wide).clip(-1.0, 1.0), -xs + ys, ys.lerp(xs, 0.5),
               xs.addcdiv(ys, ys, 3)]
    expected = [[1.0 - x for x in XS], [2.0 / y for y in YS], [x**2 for x in XS],
                [np.clip(x * 2.0, -1.0, 1.0) for x in XS], [y - x for x, y in zip(XS, YS)],
                [y + (x - y) * 0.5 for x, y in zip(XS, YS)], [x + 3.0 for x in XS]]
    for got, want in zip(results, expected):
        check(got.tensors, want, "float32")
