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


@pytest.mark.parametrize("call", ["unary", "binary", "binary_scalar", "lerp", "addcdiv"])
def test_inplace_results_match_and_reuse_the_first_list_where_the_engine_updates_in_place(call):
    xs = tensors(XS, "float32")
    run = {
        "unary": lambda inplace: B.foreach_unary("abs", xs, inplace),
        "binary": lambda inplace: B.foreach_binary("multiply", xs, tensors(YS, "float32"), inplace),
        "binary_scalar": lambda inplace: B.foreach_binary("subtract", xs, B.convert_to_tensor(np.float32(0.5)), inplace),
        "lerp": lambda inplace: B.foreach_lerp(xs, tensors(YS, "float32"), 0.25, inplace),
        "addcdiv": lambda inplace: B.foreach_addcdiv(xs, tensors(YS, "float32"), tensors(ZS, "float32"),
                                                     B.convert_to_tensor(np.float32(-0.5)), inplace),
    }[call]
    expected = [B.convert_to_numpy(t) for t in run(False)]
    np.testing.assert_allclose(B.convert_to_numpy(xs[0]), XS[0].astype("float32"))  # inplace=False left xs alone
    results = run(True)
    for got, want in zip(results, expected):
        np.testing.assert_allclose(B.convert_to_numpy(got), want, rtol=1e-6)
    if B.NAME == "torch":
        assert all(r is x for r, x in zip(results, xs))


def test_foreach_assign_leaves_a_storage_given_as_its_own_value():
    storages = [B.variable_create(t, False) for t in tensors(XS, "float32")]
    values = [B.variable_value(storages[0]), tensors(YS, "float32")[1]]
    storages = B.foreach_assign(storages, values)
    np.testing.assert_allclose(B.convert_to_numpy(B.variable_value(storages[0])), XS[0].astype("float32"), rtol=1e-6)
    np.testing.assert_allclose(B.convert_to_numpy(B.variable_value(storages[1])), YS[1], rtol=1e-6)


def test_in_place_methods_never_write_a_list_that_is_not_writable():
    xs = TensorList(tensors(XS, "float32"), "float32")  # like gradients: not writable
    ys = TensorList(tensors(YS, "float32"), "float32")
    results = [xs.lerp_(ys, 0.5), xs.addcdiv_(ys, ys, 2.0), xs.maximum_(ys)]
    total = xs
    total += 1.0
    total *= 2.0
    for x, original in zip(xs.tensors, XS):
        np.testing.assert_allclose(B.convert_to_numpy(x), original.astype("float32"))
    check(results[2].tensors, [np.maximum(x, y) for x, y in zip(XS, YS)], "float32")
    check(results[0].tensors, [x + (y - x) * 0.5 for x, y in zip(XS, YS)], "float32")
    check(results[1].tensors, [x + 2.0 for x in XS], "float32")
    check(total.tensors, [(x + 1.0) * 2.0 for x in XS], "float32")


def test_in_place_methods_on_writable_lists_give_the_same_numbers():
    for writable in (False, True):
        xs = TensorList(tensors(XS, "float32"), "float32", writable=writable)
        ys = TensorList(tensors(YS, "float32"), "float32")
        m = xs.lerp_(ys, 0.25)
        d = m.abs().sqrt_()
        d += 0.5
        d /= 2.0
        out = TensorList(tensors(ZS, "float32"), "float32", writable=writable).addcdiv_(m, d, -0.1).maximum_(ys)
        want_m = [x + (y - x) * 0.25 for x, y in zip(XS, YS)]
        want_d = [(np.sqrt(np.abs(a)) + 0.5) / 2.0 for a in want_m]
        check(out.tensors, [np.maximum(z - 0.1 * a / b, y) for z, a, b, y in zip(ZS, want_m, want_d, YS)], "float32")
