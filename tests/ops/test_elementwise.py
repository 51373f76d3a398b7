"""Elementwise ops: unary math, binary arithmetic/comparison/logic/bitwise, dtype promotion."""

import numpy as np
import pytest

from frontend import ops
from frontend.ops import dtypes as D

from . import reference as R
from .support import (ALL_DTYPES, FLOATS, Case, as_kind, case_params, check, cover, np_dtype, run_case, sample,
                      to_numpy)

# --------------------------------------------------------------------------- unary float math

# name -> (NumPy reference on float64, (low, high) domain, ints allowed as input)
UNARY_FLOAT = {
    "sqrt": (np.sqrt, (0.1, 4.0), True),
    "exp": (np.exp, (-2.0, 2.0), True),
    "expm1": (np.expm1, (-2.0, 2.0), True),
    "log": (np.log, (0.1, 4.0), True),
    "log1p": (np.log1p, (-0.5, 3.0), True),
    "log2": (np.log2, (0.1, 4.0), True),
    "log10": (np.log10, (0.1, 4.0), True),
    "exp2": (np.exp2, (-2.0, 2.0), True),
    "sin": (np.sin, (-2.0, 2.0), True),
    "cos": (np.cos, (-2.0, 2.0), True),
    "tan": (np.tan, (-1.2, 1.2), True),
    "arcsin": (np.arcsin, (-0.9, 0.9), False),
    "arccos": (np.arccos, (-0.9, 0.9), False),
    "arctan": (np.arctan, (-3.0, 3.0), True),
    "sinh": (np.sinh, (-2.0, 2.0), True),
    "cosh": (np.cosh, (-2.0, 2.0), True),
    "tanh": (np.tanh, (-2.0, 2.0), True),
    "arcsinh": (np.arcsinh, (-3.0, 3.0), True),
    "arccosh": (np.arccosh, (1.1, 4.0), True),
    "arctanh": (np.arctanh, (-0.9, 0.9), False),
    "erf": (R.erf, (-2.0, 2.0), True),
    "erfinv": (R.erfinv, (-0.9, 0.9), False),
    "reciprocal": (np.reciprocal, (0.2, 3.0), True),
    "rsqrt": (lambda x: 1.0 / np.sqrt(x), (0.1, 4.0), True),
    "floor": (np.floor, (-3.0, 3.0), True),
    "ceil": (np.ceil, (-3.0, 3.0), True),
    "sigmoid": (R.sigmoid, (-3.0, 3.0), True),
    "cbrt": (np.cbrt, (-3.0, 3.0), True),
    "deg2rad": (np.deg2rad, (-180.0, 180.0), True),
    "rad2deg": (np.rad2deg, (-3.0, 3.0), True),
}
for _name in UNARY_FLOAT:
    cover(_name)

UNARY_SAME = {
    "abs": np.abs,
    "absolute": np.abs,
    "negative": np.negative,
    "sign": np.sign,
    "square": np.square,
    "trunc": np.trunc,
}
for _name in UNARY_SAME:
    cover(_name)


@pytest.mark.parametrize("dtype", FLOATS)
@pytest.mark.parametrize("name", sorted(UNARY_FLOAT))
def test_unary_float(name, dtype):
    ref, (low, high), _ = UNARY_FLOAT[name]
    x = sample((2, 3), dtype, low, high, seed=len(name))
    result = getattr(ops, name)(x)
    check(result, ref(x.astype(np.float64)), dtype, what=name)


@pytest.mark.parametrize("name", sorted(n for n, row in UNARY_FLOAT.items() if row[2]))
def test_unary_float_int_input_gives_floatx(name):
    ref = UNARY_FLOAT[name][0]
    x = np.array([[1, 2, 3], [3, 2, 1]], "int32")
    check(getattr(ops, name)(x), ref(x.astype(np.float64)), "float32", what=name)


@pytest.mark.parametrize("kind", ["numpy", "list", "tensor", "scalar"])
@pytest.mark.parametrize("name", ["exp", "sqrt", "sin", "tanh", "floor"])
def test_unary_float_input_kinds(name, kind):
    ref = UNARY_FLOAT[name][0]
    x = np.array(2.5, "float32") if kind == "scalar" else sample((2, 3), "float32", 0.1, 3.0)
    value = 2.5 if kind == "scalar" else as_kind(x, kind)
    check(getattr(ops, name)(value), ref(x.astype(np.float64)), "float32", what=name)


@pytest.mark.parametrize("name", ["exp", "abs", "negative", "sqrt"])
def test_unary_empty_and_scalar(name):
    ref = UNARY_FLOAT[name][0] if name in UNARY_FLOAT else UNARY_SAME[name]
    empty = np.zeros((0, 3), "float32")
    check(getattr(ops, name)(empty), ref(empty), "float32")
    scalar = np.float32(0.5)
    check(getattr(ops, name)(ops.convert_to_tensor(scalar)), ref(np.float64(scalar)), "float32")


@pytest.mark.parametrize("dtype", ["int8", "int16", "int32", "int64", "float16", "bfloat16", "float32", "float64"])
@pytest.mark.parametrize("name", sorted(UNARY_SAME))
def test_unary_same_dtype(name, dtype):
    x = sample((2, 3), dtype, -3.0, 3.0, seed=3)
    expected = UNARY_SAME[name](x.astype(np.float64)).astype(np.float64)
    check(getattr(ops, name)(x), expected, dtype, what=name)


def test_unsigned_abs_and_square():
    x = np.array([0, 3, 7], "uint8")
    check(ops.abs(x), x, "uint8")
    check(ops.square(x), x * x, "uint8")


# --------------------------------------------------------------------------- binary: promotion grid


def _values(dtype, role):
    """(2, 3) values safe for every op in the grid: small, non-negative, divisors non-zero."""
    if dtype == "bool":
        return np.array([[True, False, True], [False, True, True]]) if role == "a" else np.ones((2, 3), bool)
    base = np.array([[1, 2, 3], [0, 1, 2]]) if role == "a" else np.array([[1, 2, 1], [2, 1, 3]])
    return base.astype(np_dtype(dtype))


def _cast(values, dtype):
    return values.astype(np.float64 if dtype in FLOATS else np_dtype(dtype))


def _arith(np_fn):
    return lambda a, b, t: np_fn(_cast(a, t), _cast(b, t))


def _compare(np_fn):
    return lambda a, b, t: np_fn(_cast(a, t), _cast(b, t))


# name -> (reference(a, b, promoted dtype), result dtype rule, which operand dtypes apply)
NUMERIC = "numeric"        # every pair except bool with bool
ANY = "any"                # every pair
FLOAT_ONLY = "float"       # pairs of float dtypes
INTEGER = "integer"        # pairs of bool/int dtypes, not bool with bool for shifts


def _promoted(a, b):
    return D.result_type(a, b)


def _float_promoted(a, b):
    return D.result_type(a, b, 1.0)


BINARY = {
    "add": (_arith(np.add), _promoted, ANY),
    "subtract": (_arith(np.subtract), _promoted, NUMERIC),
    "multiply": (_arith(np.multiply), _promoted, ANY),
    "maximum": (_arith(np.maximum), _promoted, ANY),
    "minimum": (_arith(np.minimum), _promoted, ANY),
    "floor_divide": (_arith(np.floor_divide), _promoted, NUMERIC),
    "mod": (_arith(np.mod), _promoted, NUMERIC),
    "power": (_arith(np.power), _promoted, NUMERIC),
    "divide": (lambda a, b, t: a.astype(np.float64) / b.astype(np.float64), _float_promoted, ANY),
    "true_divide": (lambda a, b, t: a.astype(np.float64) / b.astype(np.float64), _float_promoted, ANY),
    "divide_no_nan": (lambda a, b, t: a.astype(np.float64) / b.astype(np.float64), _float_promoted, ANY),
    "arctan2": (lambda a, b, t: np.arctan2(a.astype(np.float64), b.astype(np.float64)), _float_promoted, ANY),
    "logaddexp": (lambda a, b, t: np.logaddexp(a.astype(np.float64), b.astype(np.float64)), _float_promoted, ANY),
    "hypot": (lambda a, b, t: np.hypot(a.astype(np.float64), b.astype(np.float64)), _float_promoted, ANY),
    "heaviside": (_arith(np.heaviside), _promoted, FLOAT_ONLY),
    "equal": (_compare(np.equal), lambda a, b: "bool", ANY),
    "not_equal": (_compare(np.not_equal), lambda a, b: "bool", ANY),
    "less": (_compare(np.less), lambda a, b: "bool", ANY),
    "less_equal": (_compare(np.less_equal), lambda a, b: "bool", ANY),
    "greater": (_compare(np.greater), lambda a, b: "bool", ANY),
    "greater_equal": (_compare(np.greater_equal), lambda a, b: "bool", ANY),
    "logical_and": (lambda a, b, t: np.logical_and(a, b), lambda a, b: "bool", ANY),
    "logical_or": (lambda a, b, t: np.logical_or(a, b), lambda a, b: "bool", ANY),
    "logical_xor": (lambda a, b, t: np.logical_xor(a, b), lambda a, b: "bool", ANY),
    "bitwise_and": (_arith(np.bitwise_and), _promoted, INTEGER),
    "bitwise_or": (_arith(np.bitwise_or), _promoted, INTEGER),
    "bitwise_xor": (_arith(np.bitwise_xor), _promoted, INTEGER),
    "left_shift": (_arith(np.left_shift), _promoted, "shift"),
    "right_shift": (_arith(np.right_shift), _promoted, "shift"),
    "bitwise_left_shift": (_arith(np.left_shift), _promoted, "shift"),
    "bitwise_right_shift": (_arith(np.right_shift), _promoted, "shift"),
}
for _name in BINARY:
    cover(_name)


def _applies(rule, a, b):
    if rule == ANY:
        return True
    if rule == NUMERIC:
        return not (a == "bool" and b == "bool")
    if rule == FLOAT_ONLY:
        return a in FLOATS and b in FLOATS
    if rule == INTEGER:
        return a not in FLOATS and b not in FLOATS
    if rule == "shift":
        return a not in FLOATS + ("bool",) and b not in FLOATS + ("bool",)
    raise ValueError(rule)


@pytest.mark.parametrize("name", sorted(BINARY))
def test_binary_dtype_grid(name):
    """Every dtype pair: the result dtype is result_type's, the values NumPy's."""
    ref, rule, applies = BINARY[name]
    fn = getattr(ops, name)
    failures = []
    for a_dtype in ALL_DTYPES:
        for b_dtype in ALL_DTYPES:
            if not _applies(applies, a_dtype, b_dtype):
                continue
            a, b = _values(a_dtype, "a"), _values(b_dtype, "b")
            expected_dtype = rule(a_dtype, b_dtype)
            try:
                result = fn(a, b)
                expected = ref(a, b, D.result_type(a_dtype, b_dtype))
                check(result, expected, expected_dtype, what=f"{name}({a_dtype}, {b_dtype})")
            except Exception as error:  # collect every failing pair, then report them together
                failures.append(f"{a_dtype}, {b_dtype}: {type(error).__name__}: {str(error)[:300]}")
    assert not failures, f"ops.{name} failed for {len(failures)} dtype pairs:\n" + "\n".join(failures)


# Python scalars are weak: they take the tensor's dtype where it can hold them.
WEAK_CASES = [
    ("int8", 1, "add", "int8"),
    ("uint8", 1, "add", "uint8"),
    ("int16", 2, "multiply", "int16"),
    ("int64", 1, "subtract", "int64"),
    ("float16", 2.0, "multiply", "float16"),
    ("bfloat16", 2.0, "multiply", "bfloat16"),
    ("float16", 3, "add", "float16"),
    ("float64", 1.5, "add", "float64"),
    ("int32", 1.5, "add", "float32"),
    ("int8", 1.5, "multiply", "float32"),
    ("int64", 0.5, "add", "float32"),
    ("bool", 1, "add", "int32"),
    ("bool", 1.5, "add", "float32"),
    ("bool", True, "logical_and", "bool"),
    ("int8", 2, "maximum", "int8"),
    ("float16", 0.5, "minimum", "float16"),
    ("int8", 1, "divide", "float32"),
    ("float16", 2, "divide", "float16"),
    ("int16", 2, "power", "int16"),
    ("int8", 2, "floor_divide", "int8"),
    ("uint8", 3, "mod", "uint8"),
    ("int8", 1.5, "less", "bool"),
    ("uint8", 1, "bitwise_and", "uint8"),
    ("int8", 1, "left_shift", "int8"),
    ("int32", 3, "add", "int32"),  # the rows below take the fast path for a tensor beside a weak scalar
    ("int64", 2, "power", "int64"),
    ("int32", 2, "divide", "float32"),
    ("float32", 2, "divide", "float32"),
    ("float32", 0.5, "power", "float32"),
    ("bfloat16", 3, "subtract", "bfloat16"),
]


@pytest.mark.parametrize("scalar_first", [False, True])
@pytest.mark.parametrize("dtype, scalar, name, expected", WEAK_CASES, ids=[f"{c[0]}-{c[2]}-{c[1]!r}" for c in WEAK_CASES])
def test_weak_python_scalars(dtype, scalar, name, expected, scalar_first):
    x = _values(dtype, "b")  # non-zero: the scalar may be the dividend
    result = getattr(ops, name)(scalar, x) if scalar_first else getattr(ops, name)(x, scalar)
    assert ops.dtype(result) == expected
    assert D.result_type(dtype, scalar) == expected or name in ("divide", "less", "logical_and")
    compute = np.float64 if expected in FLOATS else (bool if expected == "bool" else np.int64)
    np_fn = {"add": np.add, "subtract": np.subtract, "multiply": np.multiply, "maximum": np.maximum,
             "minimum": np.minimum, "divide": np.divide, "power": np.power, "floor_divide": np.floor_divide,
             "mod": np.mod, "less": np.less, "logical_and": np.logical_and, "bitwise_and": np.bitwise_and,
             "left_shift": np.left_shift}[name]
    xs = x.astype(np.float64) if expected in FLOATS or name == "less" else x.astype(compute)
    expected_values = np_fn(scalar, xs) if scalar_first else np_fn(xs, scalar)
    check(result, expected_values, expected)


@pytest.mark.parametrize("dtype", ALL_DTYPES)
@pytest.mark.parametrize("scalar", [2, 0.5, True], ids=["int", "float", "bool"])
def test_tensor_plus_scalar_follows_result_type(dtype, scalar):
    x = _values(dtype, "a")
    expected = D.result_type(dtype, scalar)
    assert ops.dtype(ops.add(x, scalar)) == expected
    assert ops.dtype(ops.add(scalar, ops.convert_to_tensor(x))) == expected


def test_scalar_with_scalar():
    check(ops.add(1, 2), np.array(3), "int32")
    check(ops.add(1, 2.5), np.array(3.5), "float32")
    check(ops.multiply(True, 3), np.array(3), "int32")
    check(ops.less(1, 2.5), np.array(True), "bool")


# --------------------------------------------------------------------------- broadcasting and input kinds

BROADCAST_SHAPES = [((2, 3), (3,)), ((4, 1), (1, 5)), ((), (2, 3)), ((2, 1, 3), (4, 1)), ((0, 3), (3,)),
                    ((0, 3), (1, 3)), ((3,), ())]
BROADCAST_OPS = ["add", "subtract", "multiply", "divide", "maximum", "minimum", "power", "greater", "equal",
                 "arctan2", "logaddexp"]


@pytest.mark.parametrize("shapes", BROADCAST_SHAPES, ids=str)
@pytest.mark.parametrize("name", BROADCAST_OPS)
def test_binary_broadcasting(name, shapes):
    a = sample(shapes[0], "float32", 0.5, 2.0, seed=1)
    b = sample(shapes[1], "float32", 0.5, 2.0, seed=2)
    ref = BINARY[name][0]
    result = getattr(ops, name)(a, b)
    check(result, ref(a, b, "float32"), BINARY[name][1]("float32", "float32"), what=name)


INPUT_KINDS = [("numpy", "numpy"), ("list", "numpy"), ("tensor", "numpy"), ("tensor", "tensor"),
               ("list", "tensor"), ("tensor", "scalar"), ("scalar", "tensor"), ("numpy", "scalar"),
               ("list", "list")]


@pytest.mark.parametrize("kinds", INPUT_KINDS, ids="-".join)
@pytest.mark.parametrize("name", ["add", "subtract", "multiply", "divide", "maximum", "power", "less", "equal"])
def test_binary_input_kinds(name, kinds):
    a = np.array([[0.5, 1.5, 2.0], [1.0, 0.25, 3.0]], "float32")
    b = np.array([[1.5, 0.5, 2.0], [2.0, 1.0, 0.5]], "float32")
    values = []
    for array, kind in zip((a, b), kinds):
        if kind == "scalar":
            values.append(1.5)
        else:
            values.append(as_kind(array, kind))
    refs = [np.float64(1.5) if k == "scalar" else arr.astype(np.float64) for arr, k in zip((a, b), kinds)]
    ref = BINARY[name][0]
    expected_dtype = BINARY[name][1]("float32", "float32")
    check(getattr(ops, name)(*values), ref(refs[0], refs[1], "float64"), expected_dtype, what=name)


def test_int_lists_are_int32():
    result = ops.add([1, 2, 3], [4, 5, 6])
    check(result, np.array([5, 7, 9]), "int32")
    check(ops.multiply([[1, 2]], 2.0), np.array([[2.0, 4.0]]), "float32")


@pytest.mark.parametrize("dtype", ["int32", "float32"])
def test_floor_divide_and_mod_signs(dtype):
    a = np.array([7, -7, 7, -7, 5, -1], dtype)
    b = np.array([2, 2, -2, -2, 3, 4], dtype)
    check(ops.floor_divide(a, b), np.floor_divide(a, b), dtype)
    check(ops.mod(a, b), np.mod(a, b), dtype)


def test_power_float_exponents():
    a = np.array([0.5, 2.0, 3.0], "float32")
    check(ops.power(a, np.array([2.5, -1.0, 0.5], "float32")), np.power(a.astype(np.float64), [2.5, -1.0, 0.5]), "float32")


def test_logaddexp_is_stable():
    a = np.array([1000.0, -1000.0, 0.0], "float32")
    b = np.array([1000.0, -1000.0, -np.inf], "float32")
    check(ops.logaddexp(a, b), np.logaddexp(a.astype(np.float64), b.astype(np.float64)), "float32")


# --------------------------------------------------------------------------- other elementwise ops (tables)

X = np.array([[-1.5, 0.0, 2.5], [3.0, -0.5, 1.0]], "float32")
Y = np.array([[1.0, 2.0, -1.0], [0.5, -0.5, 4.0]], "float32")
I = np.array([[-3, 0, 5], [7, 1, -2]], "int32")
SPECIAL = np.array([np.nan, np.inf, -np.inf, 1.0, -0.0, 0.0], "float32")
COND = np.array([[True, False, True], [False, False, True]])

CASES = [
    Case("clip", [X, -1.0, 2.0], lambda x, lo, hi: np.clip(x, lo, hi)),
    Case("clip", [I, -1, 2], lambda x, lo, hi: np.clip(x, lo, hi), id="int"),
    Case("clip", [COND, 0, 0], lambda x, lo, hi: np.zeros((2, 3), "int32"), id="bool", dtype="int32"),
    Case("where", [COND, X, Y], np.where),
    Case("where", [COND, X, 0.0], lambda c, x, y: np.where(c, x, y), id="scalar"),
    Case("where", [COND[0], I, np.float32(1.5)], lambda c, x, y: np.where(c, x, y).astype("float32"), id="promote",
         dtype="float32"),
    Case("isnan", [SPECIAL], np.isnan),
    Case("isinf", [SPECIAL], np.isinf),
    Case("isfinite", [SPECIAL], np.isfinite),
    Case("isnan", [I], np.isnan, id="int"),
    Case("isinf", [I], np.isinf, id="int"),
    Case("isfinite", [I], np.isfinite, id="int"),
    Case("isclose", [X, X + np.float32(1e-7)], np.isclose),
    Case("isclose", [X, Y], np.isclose, id="far"),
    Case("isclose", [SPECIAL, SPECIAL], lambda a, b: np.isclose(a, b, equal_nan=True), kwargs={"equal_nan": True},
         id="nan"),
    Case("nan_to_num", [SPECIAL], lambda x: np.nan_to_num(x)),
    Case("nan_to_num", [SPECIAL], lambda x: np.nan_to_num(x, nan=1.0, posinf=9.0, neginf=-9.0),
         kwargs={"nan": 1.0, "posinf": 9.0, "neginf": -9.0}, id="values"),
    Case("conj", [X], np.conj),
    Case("conjugate", [X], np.conjugate),
    Case("real", [X], np.real),
    Case("imag", [X], np.imag),
    Case("signbit", [SPECIAL], np.signbit),
    Case("signbit", [I], np.signbit, id="int"),
    Case("heaviside", [X, np.float32(0.5)], np.heaviside),
    Case("round", [np.array([0.5, 1.5, 2.5, -0.5, -1.7, 2.2], "float32")], np.round),
    Case("round", [np.array([1.234, -5.678, 0.125], "float64")], lambda x: np.round(x, 2), kwargs={"decimals": 2},
         id="decimals"),
    Case("round", [I], np.round, id="int"),
    Case("round", [np.array([1234, 15, -26], "int32")], lambda x: np.round(x, -1), kwargs={"decimals": -1}, id="int-tens"),
    Case("round", [np.array([1234.5, 15.0], "float64")], lambda x: np.round(x, -1), kwargs={"decimals": -1}, id="tens"),
    Case("abs", [COND], np.abs, id="bool"),
    Case("sign", [COND], lambda x: x, id="bool"),
    Case("square", [COND], lambda x: x.astype("int32"), id="bool"),
    Case("sign", [SPECIAL], np.sign, id="special"),
    Case("hypot", [np.array([3e30, 0.0, np.inf], "float32"), np.array([4e30, 0.0, 1.0], "float32")],
         lambda a, b: np.hypot(a, b), id="no-overflow"),
    Case("logical_not", [COND], np.logical_not),
    Case("logical_not", [I], np.logical_not, id="int"),
    Case("bitwise_invert", [I], np.invert),
    Case("bitwise_invert", [COND], np.invert, id="bool"),
    Case("invert", [I.astype("int8")], np.invert),
    Case("bitwise_not", [I.astype("uint8")], np.invert),
    Case("logical_and", [I, COND], np.logical_and, id="int-bool"),
    Case("divide_no_nan", [X, np.array([[1.0, 0.0, 2.0], [0.0, 4.0, -1.0]], "float32")],
         lambda a, b: np.where(b == 0, 0.0, a / np.where(b == 0, 1, b)).astype("float32")),
]


@pytest.mark.parametrize("case, kind", case_params(CASES))
def test_elementwise_cases(case, kind):
    run_case(case, kind)


def test_divide_by_zero_gives_inf():
    result = to_numpy(ops.divide(np.array([1.0, -1.0], "float32"), np.array([0.0, 0.0], "float32")))
    np.testing.assert_array_equal(result, [np.inf, -np.inf])


def test_variables_beside_tensors_and_scalars_take_the_same_fast_path():
    from frontend import Variable

    v = Variable(np.array([1.5, -2.0], "float32"))
    for result, expected in [(ops.add(v, 1.0), [2.5, -1.0]), (ops.multiply(2, v), [3.0, -4.0]),
                             (ops.divide(v, v), [1.0, 1.0]), (ops.subtract(v, ops.convert_to_tensor(v.numpy())), [0, 0])]:
        check(result, np.array(expected), "float32")
    counter = Variable(np.array(3, "int64"))
    check(ops.add(counter, 1), np.array(4), "int64")
    check(ops.add(ops.cast(counter, "float32"), 1.0), np.array(4.0), "float32")
