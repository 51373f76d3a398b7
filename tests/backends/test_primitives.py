"""Primitive-level conformance tests: every primitive of ``frontend.backends.interface``,
called directly on the active engine module with native tensors, against NumPy.

Run once per backend::

    FRONTEND_BACKEND=torch pytest tests/backends
    FRONTEND_BACKEND=jax pytest tests/backends
    FRONTEND_BACKEND=tensorflow pytest tests/backends

The tests are table driven. Every test (or table) declares the primitives it exercises
with ``covers``; ``test_every_primitive_is_exercised`` checks that the union is the whole
interface, so a primitive added to the interface without a test fails the suite.
"""

import inspect
import math
import zlib

import ml_dtypes
import numpy as np
import pytest

from frontend.backends import active as B
from frontend.backends import interface
from frontend.backends.common import conv_geometry

from . import numpy_reference as ref

# --------------------------------------------------------------------------- coverage bookkeeping

COVERED = set()


def covers(*names):
    """Record that the decorated test (or table) exercises the named primitives."""
    unknown = set(names) - set(interface.PRIMITIVE_NAMES)
    assert not unknown, f"covers() names unknown primitives: {sorted(unknown)}"
    COVERED.update(names)

    def decorate(test):
        return test

    return decorate


# --------------------------------------------------------------------------- dtypes, tensors, checks

BF16 = np.dtype(ml_dtypes.bfloat16)
SIGNED_INTS = ("int32", "int64")
INTS = ("int32", "int64", "uint8")
LOW_FLOATS = ("float16", "bfloat16")
FLOATS = ("float16", "bfloat16", "float32", "float64")
NUMERIC = INTS + FLOATS
FLOATS_NO64 = ("float16", "bfloat16", "float32")  # float64 is swept on sibling ops; keeps compile-heavy engines fast
NUMERIC_SHORT = ("int64", "uint8", "bfloat16", "float32")
ALL_DTYPES = ("bool", "uint8", "int8", "int16", "int32", "int64") + FLOATS


def np_dtype(name):
    return BF16 if name == "bfloat16" else np.dtype(name)


def is_float(name):
    return name in FLOATS


def tolerance(dtype, loose=False):
    """(rtol, atol) for comparing a result of ``dtype`` against a float64 reference."""
    if dtype in LOW_FLOATS:
        return (2e-2, 2e-2) if loose else (1e-2, 1e-2)
    if dtype == "float32":
        return (1e-4, 1e-5) if loose else (2e-5, 1e-6)
    if dtype == "float64":
        return (1e-8, 1e-10) if loose else (1e-9, 1e-12)
    return (0, 0)


def T(value, dtype=None):
    """A native tensor from a NumPy array or nested Python list, with an explicit dtype."""
    array = np.asarray(value) if dtype is None else np.asarray(value, dtype=np_dtype(dtype))
    return B.convert_to_tensor(array)


def N(tensor):
    """Host copy of a native tensor as a NumPy array."""
    return np.asarray(B.convert_to_numpy(tensor))


def seed_tensor(a, b=0):
    return T([a, b], "int32")


def check(result, expected, dtype, rtol=None, atol=None, loose=False):
    """Assert dtype name, shape and values of native ``result`` against NumPy ``expected``."""
    assert B.is_tensor(result), f"expected a native tensor, got {type(result).__name__}"
    name = B.dtype_name(result)
    assert name == dtype, f"dtype {name!r}, expected {dtype!r}"
    got = N(result)
    assert got.dtype == np_dtype(dtype), f"convert_to_numpy gave {got.dtype}, expected {dtype}"
    expected = np.asarray(expected)
    assert got.shape == expected.shape, f"shape {got.shape}, expected {expected.shape}"
    if is_float(dtype):
        default_rtol, default_atol = tolerance(dtype, loose)
        np.testing.assert_allclose(
            got.astype(np.float64),
            expected.astype(np.float64),
            rtol=default_rtol if rtol is None else rtol,
            atol=default_atol if atol is None else atol,
            equal_nan=True,
        )
    else:
        np.testing.assert_array_equal(got, expected.astype(np_dtype(dtype)))


def rng_for(*key):
    """A deterministic generator per test case (``hash`` of str is salted per process)."""
    return np.random.default_rng(zlib.crc32(repr(key).encode()))


SPECIAL_FLOATS = np.array([0.0, -1.5, np.inf, -np.inf, np.nan, 2.5, -0.0, 7.0])


def make_values(domain, shape, dtype, rng):
    """NumPy input of ``dtype`` drawn from ``domain`` = (kind, lo, hi).

    kinds: uniform (floats uniform, ints uniform), quarter (multiples of 0.25), int
    (integer values, also for float dtypes), nonzero (quarters/ints with zeros replaced),
    withzero (quarters with some exact zeros), special (0, +-inf, nan, ...), bool.
    """
    kind, lo, hi = domain
    npd = np_dtype(dtype)
    if dtype == "bool" or kind == "bool":
        return (rng.random(shape) < 0.5).astype(npd)
    if kind == "special":
        return np.resize(SPECIAL_FLOATS, shape).astype(npd)
    if not is_float(dtype) or kind == "int":
        info = np.iinfo(npd) if not is_float(dtype) else None
        low = int(math.ceil(lo)) if info is None else max(int(math.ceil(lo)), int(info.min))
        high = int(math.floor(hi)) if info is None else min(int(math.floor(hi)), int(info.max))
        values = np.asarray(rng.integers(low, high, size=shape, endpoint=True))
        if kind == "nonzero":
            values[values == 0] = 1
        return values.astype(npd)
    values = np.asarray(rng.uniform(lo, hi, size=shape))
    if kind in ("quarter", "nonzero", "withzero"):
        values = np.asarray(np.round(values * 4) / 4)
    if kind == "nonzero":
        values[values == 0] = 1.0
    if kind == "withzero" and values.size:
        values.reshape(-1)[::4] = 0.0
    return values.astype(npd)


def as_reference_input(array):
    """Float inputs are evaluated in float64 by the references; others keep their dtype."""
    return array.astype(np.float64) if array.dtype.kind == "f" or array.dtype == BF16 else array


# --------------------------------------------------------------------------- the interface itself

def test_backend_defines_every_primitive():
    assert interface.missing_primitives(B) == []


def test_every_primitive_is_exercised():
    missing = sorted(set(interface.PRIMITIVE_NAMES) - COVERED)
    assert missing == [], f"primitives without a conformance test: {missing}"


def _contract_parameters(contract):
    head = contract[contract.index("(") + 1 : contract.index(")")]
    names = []
    for part in head.split(","):
        part = part.strip().split("=")[0].strip()
        if part:
            names.append(part)
    return names


@pytest.mark.parametrize("primitive", interface.PRIMITIVES, ids=lambda p: p.name)
def test_parameter_names_follow_the_contract(primitive):
    """The ops layer may pass arguments by the names the contract gives."""
    fn = getattr(B, primitive.name, None)
    if fn is None:
        pytest.fail(f"{primitive.name} is missing")
    try:
        signature = inspect.signature(fn)
    except (TypeError, ValueError):
        pytest.skip("no introspectable signature")
    got = []
    for parameter in signature.parameters.values():
        if parameter.kind is inspect.Parameter.VAR_POSITIONAL:
            got.append("*" + parameter.name)
        elif parameter.kind is inspect.Parameter.VAR_KEYWORD:
            continue
        else:
            got.append(parameter.name)
    assert got == _contract_parameters(primitive.contract)


# --------------------------------------------------------------------------- tensors

covers("convert_to_tensor", "convert_to_numpy", "is_tensor", "dtype_name", "shape")


@pytest.mark.parametrize("dtype", ALL_DTYPES)
@pytest.mark.parametrize("shape", [(), (2, 3), (0,), (1, 0, 2)], ids=str)
def test_convert_round_trip(dtype, shape):
    values = make_values(("int", -3, 3), shape, dtype, rng_for("convert", dtype, shape))
    tensor = B.convert_to_tensor(values)
    assert B.is_tensor(tensor)
    assert B.dtype_name(tensor) == dtype
    assert tuple(B.shape(tensor)) == shape
    assert all(type(d) is int for d in B.shape(tensor))
    back = B.convert_to_numpy(tensor)
    assert isinstance(back, np.ndarray), f"convert_to_numpy returned {type(back).__name__}"
    assert back.dtype == np_dtype(dtype)
    assert back.shape == shape
    np.testing.assert_array_equal(back, values)


@pytest.mark.parametrize(
    "source, dtype, expected, expected_dtype",
    [
        (np.array([1, 2, 3], np.int64), "float32", [1.0, 2.0, 3.0], "float32"),
        (np.array([1.5, -2.0], np.float64), "float16", [1.5, -2.0], "float16"),
        (np.array([0, 1], np.int32), "bool", [False, True], "bool"),
        (np.array([1.25, 2.5], np.float32), "bfloat16", [1.25, 2.5], "bfloat16"),
        (np.array([1.7, -1.7], np.float32), "int32", [1, -1], "int32"),
        (np.float32(2.5), None, 2.5, "float32"),
        (np.int64(-4), None, -4, "int64"),
        (np.bool_(True), None, True, "bool"),
        (np.float64(0.1), "float32", 0.1, "float32"),
    ],
    ids=["int->float32", "float64->float16", "int->bool", "float32->bfloat16", "float->int32",
         "np.float32", "np.int64", "np.bool_", "np.float64->float32"],
)
def test_convert_to_tensor_dtype_and_scalars(source, dtype, expected, expected_dtype):
    tensor = B.convert_to_tensor(source, dtype)
    check(tensor, np.asarray(expected, np_dtype(expected_dtype)), expected_dtype)


def test_convert_native_tensor_passes_through():
    tensor = T([1.0, 2.0], "float32")
    again = B.convert_to_tensor(tensor)
    check(again, np.array([1.0, 2.0], np.float32), "float32")
    check(B.convert_to_tensor(tensor, "float64"), np.array([1.0, 2.0]), "float64")


@pytest.mark.parametrize(
    "value", [np.zeros(3), [1.0, 2.0], 3.0, 7, None, "text"], ids=["ndarray", "list", "float", "int", "None", "str"]
)
def test_is_tensor_false_for_non_tensors(value):
    assert B.is_tensor(value) is False


def test_is_tensor_true_for_tensors():
    assert B.is_tensor(T([1, 2], "int32")) is True
    assert B.is_tensor(T(1.0, "float32")) is True


covers("cast")

CAST_CASES = [
    ("float32", "int32", [-1.7, -0.5, 0.0, 0.5, 1.7, 2.9, -2.9], [-1, 0, 0, 0, 1, 2, -2]),
    ("float64", "int64", [-3.99, 3.99, 100.5], [-3, 3, 100]),
    ("float32", "uint8", [0.0, 1.9, 200.7], [0, 1, 200]),
    ("float16", "int32", [-1.5, 2.5], [-1, 2]),
    ("bfloat16", "int32", [-1.5, 2.5], [-1, 2]),
    ("int32", "float32", [-3, 0, 7], [-3.0, 0.0, 7.0]),
    ("int64", "float64", [2**40, -5], [2.0**40, -5.0]),
    ("float32", "bool", [0.0, -0.5, 2.0], [False, True, True]),
    ("int32", "bool", [0, -3, 1], [False, True, True]),
    ("bool", "int32", [True, False], [1, 0]),
    ("bool", "float32", [True, False], [1.0, 0.0]),
    ("float64", "float32", [1.0 / 3.0, 1e10], [1.0 / 3.0, 1e10]),
    ("float32", "float16", [1.0 / 3.0, -2.0], [1.0 / 3.0, -2.0]),
    ("float32", "bfloat16", [1.0 / 3.0, -2.0], [1.0 / 3.0, -2.0]),
    ("uint8", "int32", [0, 255], [0, 255]),
    ("int32", "int8", [-100, 100], [-100, 100]),
    ("int32", "int16", [-30000, 30000], [-30000, 30000]),
]


@pytest.mark.parametrize("source, target, values, expected", CAST_CASES, ids=[f"{c[0]}->{c[1]}" for c in CAST_CASES])
def test_cast(source, target, values, expected):
    result = B.cast(T(values, source), target)
    check(result, np.asarray(expected, np_dtype(target)), target)


covers("zeros", "ones", "full")


@pytest.mark.parametrize("dtype", ALL_DTYPES)
@pytest.mark.parametrize("shape", [(), (2, 3), (0, 4)], ids=str)
def test_zeros_ones(dtype, shape):
    check(B.zeros(shape, dtype), np.zeros(shape, np_dtype(dtype)), dtype)
    check(B.ones(shape, dtype), np.ones(shape, np_dtype(dtype)), dtype)


@pytest.mark.parametrize(
    "shape, fill, dtype",
    [((2, 3), 2.5, "float32"), ((), -1.25, "float64"), ((3,), 7, "int32"), ((2, 2), 3, "int64"),
     ((2,), True, "bool"), ((4,), 0.5, "float16"), ((1, 2), 1.5, "bfloat16"), ((0, 2), 9, "uint8"), ((2,), 3, "float32")],
    ids=str,
)
def test_full(shape, fill, dtype):
    check(B.full(shape, fill, dtype), np.full(shape, fill, np_dtype(dtype)), dtype)


covers("arange")


@pytest.mark.parametrize(
    "start, stop, step, dtype",
    [(0, 5, 1, "int32"), (2, 11, 3, "int64"), (5, 0, -2, "int32"), (3, 3, 1, "int32"),
     (1, 2, 0.25, "float32"), (0, 1, 0.1, "float64"), (-1.5, 1.5, 0.5, "float32"), (0, 4, 1, "float16"),
     (0, 10, 2, "uint8")],
    ids=str,
)
def test_arange(start, stop, step, dtype):
    expected = np.arange(start, stop, step, dtype=np.float64 if is_float(dtype) else np_dtype(dtype))
    check(B.arange(start, stop, step, dtype), expected, dtype)


# --------------------------------------------------------------------------- device

covers("device_scope", "current_device")


def _native_device_kind(tensor):
    """'cpu' or 'gpu' read from the native tensor, or None when the engine is unknown."""
    if callable(getattr(tensor, "devices", None)):  # jax
        platform = next(iter(tensor.devices())).platform
        return {"cuda": "gpu", "rocm": "gpu"}.get(platform, platform)
    device = getattr(tensor, "device", None)
    if device is not None and hasattr(device, "type"):  # torch
        return {"cuda": "gpu"}.get(device.type, device.type)
    if isinstance(device, str) and device:  # tensorflow
        return "gpu" if "GPU" in device.upper().rsplit("/", 1)[-1] else "cpu"
    return None


def test_current_device_is_a_device_string():
    name = B.current_device()
    assert isinstance(name, str)
    assert name.startswith("cpu") or name.startswith("gpu")
    assert ":" in name


@pytest.mark.parametrize("name", ["cpu", "cpu:0"])
def test_device_scope_cpu(name):
    with B.device_scope(name):
        assert B.current_device().startswith("cpu")
        tensor = T([1.0, 2.0], "float32")
        made = B.ones((2,), "float32")
        result = B.add(tensor, made)
    for item in (tensor, made, result):
        kind = _native_device_kind(item)
        assert kind in (None, "cpu"), f"tensor placed on {kind}"
    check(result, np.array([2.0, 3.0]), "float32")


def test_device_scope_restores_previous_device():
    before = B.current_device()
    with B.device_scope("cpu"):
        pass
    assert B.current_device() == before


def test_device_scope_unknown_name_raises_value_error():
    with pytest.raises(ValueError):
        with B.device_scope("bogus"):
            pass


# --------------------------------------------------------------------------- variables

covers("variable_create", "variable_value", "variable_assign")


@pytest.mark.parametrize("dtype", ["float32", "float64", "int32", "bfloat16"])
@pytest.mark.parametrize("trainable", [True, False])
def test_variable_round_trip(dtype, trainable):
    initial = np.arange(6).reshape(2, 3).astype(np_dtype(dtype))
    storage = B.variable_create(T(initial), trainable)
    check(B.variable_value(storage), initial, dtype)
    new = (np.arange(6).reshape(2, 3) * 2 - 3).astype(np_dtype(dtype))
    storage = B.variable_assign(storage, T(new))
    check(B.variable_value(storage), new, dtype)
    # the value can enter ordinary arithmetic
    doubled = B.add(B.variable_value(storage), B.variable_value(storage))
    check(doubled, new.astype(np.float64) * 2 if is_float(dtype) else new * 2, dtype)


@covers("foreach_unary", "foreach_binary", "foreach_lerp", "foreach_addcdiv", "foreach_assign")
def test_foreach_family_matches_per_tensor_numpy():
    a = [np.array([1.0, 4.0], "float32"), np.array([[9.0]], "float32")]
    b = [np.array([2.0, 2.0], "float32"), np.array([[3.0]], "float32")]
    xs, ys = [T(v) for v in a], [T(v) for v in b]
    for got, x in zip(B.foreach_unary("sqrt", xs), a):
        check(got, np.sqrt(x), "float32")
    for got, x, y in zip(B.foreach_binary("multiply", xs, ys), a, b):
        check(got, x * y, "float32")
    for got, x in zip(B.foreach_binary("add", xs, 0.5), a):
        check(got, x + 0.5, "float32")
    for got, x, y in zip(B.foreach_lerp(xs, ys, 0.25), a, b):
        check(got, x + (y - x) * 0.25, "float32")
    for got, x, y in zip(B.foreach_addcdiv(xs, ys, ys, 3.0), a, b):
        check(got, x + 3.0, "float32")
    storages = [B.variable_create(x, False) for x in xs]
    storages = B.foreach_assign(storages, ys)
    for storage, y in zip(storages, b):
        check(B.variable_value(storage), y, "float32")


@covers("compiled_steps_are_pure")
def test_compiled_steps_are_pure_only_on_jax():
    assert B.compiled_steps_are_pure() is (B.NAME == "jax")


@covers("converts_batches_inline")
def test_batches_convert_inline_on_torch_and_jax():
    assert B.converts_batches_inline() is (B.NAME in ("torch", "jax"))


@covers("abstract_eval", "eager_scope")
def test_abstract_eval_infers_shapes_and_eager_scope_computes_for_real():
    kernel = B.variable_create(T(np.ones((3, 4)), "float32"), True)
    made = {}

    def fn(x, y):
        with B.eager_scope():
            made["value"] = B.add(T(np.ones(2), "float32"), T(np.ones(2), "float32"))
        product = B.matmul(x, B.variable_value(kernel))
        return [product, B.cast(y, "int32")]

    specs = B.abstract_eval(fn, [((5, 3), "float32"), ((2,), "float64")])
    assert specs == [((5, 4), "float32"), ((2,), "int32")]
    check(made["value"], np.full(2, 2.0), "float32")


def test_variable_created_inside_cpu_scope_lives_on_cpu():
    with B.device_scope("cpu"):
        storage = B.variable_create(T([1.0, 2.0], "float32"), True)
    assert _native_device_kind(B.variable_value(storage)) in (None, "cpu")


# --------------------------------------------------------------------------- unary elementwise


class Op:
    def __init__(self, name, reference, dtypes, *domains, out=None, loose=False):
        self.name, self.reference, self.dtypes, self.domains = name, reference, dtypes, domains
        self.out, self.loose = out, loose

    def __repr__(self):
        return self.name


def U(lo, hi):
    return ("uniform", lo, hi)


def Q(lo, hi):
    return ("quarter", lo, hi)


def I(lo, hi):  # noqa: E743 - integer-valued inputs
    return ("int", lo, hi)


def NZ(lo, hi):
    return ("nonzero", lo, hi)


BOOL = ("bool", 0, 1)
SPECIAL = ("special", 0, 0)

UNARY = [
    Op("abs", np.abs, SIGNED_INTS + FLOATS, Q(-5, 5)),
    Op("negative", np.negative, SIGNED_INTS + FLOATS, Q(-5, 5)),
    Op("sign", np.sign, SIGNED_INTS + FLOATS, ("withzero", -3, 3)),
    Op("square", np.square, SIGNED_INTS + FLOATS, U(-4, 4)),
    Op("sqrt", np.sqrt, FLOATS, U(0, 6)),
    Op("exp", np.exp, FLOATS, U(-4, 4)),
    Op("expm1", np.expm1, FLOATS, U(-2, 2)),
    Op("log", np.log, FLOATS, U(0.1, 6)),
    Op("log1p", np.log1p, FLOATS, U(-0.9, 5)),
    Op("sin", np.sin, FLOATS, U(-3, 3)),
    Op("cos", np.cos, FLOATS_NO64, U(-3, 3)),
    Op("tan", np.tan, FLOATS_NO64, U(-1.2, 1.2)),
    Op("arcsin", np.arcsin, FLOATS_NO64, U(-0.95, 0.95)),
    Op("arccos", np.arccos, FLOATS_NO64, U(-0.95, 0.95)),
    Op("arctan", np.arctan, FLOATS_NO64, U(-5, 5)),
    Op("sinh", np.sinh, FLOATS_NO64, U(-3, 3)),
    Op("cosh", np.cosh, FLOATS_NO64, U(-3, 3)),
    Op("tanh", np.tanh, FLOATS, U(-3, 3)),
    Op("arcsinh", np.arcsinh, FLOATS_NO64, U(-5, 5)),
    Op("arccosh", np.arccosh, FLOATS, U(1.1, 6)),
    Op("arctanh", np.arctanh, FLOATS, U(-0.9, 0.9)),
    Op("floor", np.floor, FLOATS, U(-4, 4)),
    Op("ceil", np.ceil, FLOATS_NO64, U(-4, 4)),
    Op("trunc", np.trunc, FLOATS_NO64, U(-4, 4)),
    Op("erf", ref.erf, FLOATS, U(-2.5, 2.5)),
    Op("erfinv", ref.erfinv, FLOATS, U(-0.9, 0.9)),
    Op("sigmoid", ref.sigmoid, FLOATS, U(-6, 6)),
    Op("reciprocal", np.reciprocal, FLOATS_NO64, NZ(-4, 4)),
    Op("rsqrt", lambda a: 1.0 / np.sqrt(a), FLOATS, U(0.1, 6)),
    Op("isnan", np.isnan, FLOATS, SPECIAL, out="bool"),
    Op("isinf", np.isinf, FLOATS_NO64, SPECIAL, out="bool"),
    Op("isfinite", np.isfinite, FLOATS_NO64, SPECIAL, out="bool"),
    Op("logical_not", np.logical_not, ("bool",), BOOL, out="bool"),
    Op("bitwise_invert", np.invert, INTS + ("int8", "int16"), I(-100, 100)),
]
covers(*(op.name for op in UNARY))


EMPTY_UNARY_OPS = ("abs", "sqrt", "exp", "log", "tanh", "erf", "sigmoid", "isnan", "logical_not", "bitwise_invert")


def _unary_params():
    for op in UNARY:
        for dtype in op.dtypes:
            yield pytest.param(op, dtype, (3, 4), id=f"{op.name}-{dtype}")
        main = "float32" if "float32" in op.dtypes else op.dtypes[0]
        for shape in [(), (0, 3)] if op.name in EMPTY_UNARY_OPS else [()]:
            yield pytest.param(op, main, shape, id=f"{op.name}-{main}-{shape}")


@pytest.mark.parametrize("op, dtype, shape", list(_unary_params()))
def test_unary(op, dtype, shape):
    x = make_values(op.domains[0], shape, dtype, rng_for("unary", op.name, dtype, shape))
    with np.errstate(all="ignore"):
        expected = np.asarray(op.reference(as_reference_input(x)))
    result = getattr(B, op.name)(T(x))
    check(result, expected, op.out or dtype)


# --------------------------------------------------------------------------- binary elementwise

COMPARE_DTYPES = ("int32", "uint8", "bfloat16", "float32")  # `equal` and `less` sweep every dtype
BINARY = [
    Op("add", np.add, NUMERIC, I(-10, 10), I(-10, 10)),
    Op("subtract", np.subtract, NUMERIC_SHORT, I(-10, 10), I(-10, 10)),
    Op("multiply", np.multiply, NUMERIC, Q(-4, 4), Q(-4, 4)),
    Op("divide", np.true_divide, FLOATS, U(-5, 5), NZ(-4, 4)),
    Op("floor_divide", np.floor_divide, NUMERIC, Q(-8, 8), NZ(-3, 3)),
    Op("mod", np.mod, NUMERIC, Q(-8, 8), NZ(-3, 3)),
    Op("power", np.power, FLOATS, U(0.5, 2.5), U(-2, 2)),
    Op("maximum", np.maximum, NUMERIC, Q(-5, 5), Q(-5, 5)),
    Op("minimum", np.minimum, NUMERIC_SHORT, Q(-5, 5), Q(-5, 5)),
    Op("arctan2", np.arctan2, FLOATS, U(-3, 3), U(-3, 3)),
    Op("equal", np.equal, NUMERIC + ("bool",), I(-2, 2), I(-2, 2), out="bool"),
    Op("not_equal", np.not_equal, COMPARE_DTYPES + ("bool",), I(-2, 2), I(-2, 2), out="bool"),
    Op("less", np.less, NUMERIC, I(-2, 2), I(-2, 2), out="bool"),
    Op("less_equal", np.less_equal, COMPARE_DTYPES, I(-2, 2), I(-2, 2), out="bool"),
    Op("greater", np.greater, COMPARE_DTYPES, I(-2, 2), I(-2, 2), out="bool"),
    Op("greater_equal", np.greater_equal, COMPARE_DTYPES, I(-2, 2), I(-2, 2), out="bool"),
    Op("logical_and", np.logical_and, ("bool",), BOOL, BOOL, out="bool"),
    Op("logical_or", np.logical_or, ("bool",), BOOL, BOOL, out="bool"),
    Op("logical_xor", np.logical_xor, ("bool",), BOOL, BOOL, out="bool"),
    Op("bitwise_and", np.bitwise_and, INTS + ("int8",), I(-100, 200), I(-100, 200)),
    Op("bitwise_or", np.bitwise_or, INTS + ("int8",), I(-100, 200), I(-100, 200)),
    Op("bitwise_xor", np.bitwise_xor, INTS + ("int8",), I(-100, 200), I(-100, 200)),
    Op("left_shift", np.left_shift, INTS, I(0, 15), I(0, 3)),
    Op("right_shift", np.right_shift, INTS, I(-100, 200), I(0, 5)),
]
# integer power: non-negative exponents keep NumPy's integer result defined
POWER_INT = Op("power", np.power, INTS, I(0, 4), I(0, 3))
covers(*(op.name for op in BINARY))

# every op meets these; the full list below is for a representative subset
BASIC_BROADCAST_SHAPES = [((4, 1), (1, 5)), ((), ())]
FULL_BROADCAST_OPS = ("add", "floor_divide", "power", "less", "logical_and", "left_shift")
BROADCAST_SHAPES = [
    ((4,), (4,)),
    ((2, 3), (3,)),
    ((4, 1), (1, 5)),
    ((), (2, 3)),
    ((2, 3), ()),
    ((), ()),
    ((0, 3), (3,)),
    ((2, 1, 3), (4, 1)),
]


def _binary_params():
    for op in BINARY + [POWER_INT]:
        for dtype in op.dtypes:
            yield pytest.param(op, dtype, ((3, 4), (4,)), id=f"{op.name}-{dtype}")
    for op in BINARY:
        main = "float32" if "float32" in op.dtypes else op.dtypes[0]
        for shapes in BROADCAST_SHAPES if op.name in FULL_BROADCAST_OPS else BASIC_BROADCAST_SHAPES:
            yield pytest.param(op, main, shapes, id=f"{op.name}-{main}-{shapes[0]}-{shapes[1]}")
    for op in BINARY:
        if "int32" in op.dtypes and op.name in ("add", "floor_divide", "mod", "maximum", "less", "bitwise_and", "right_shift"):
            yield pytest.param(op, "int32", ((4, 1), (1, 5)), id=f"{op.name}-int32-broadcast")


@pytest.mark.parametrize("op, dtype, shapes", list(_binary_params()))
def test_binary(op, dtype, shapes):
    rng = rng_for("binary", op.name, dtype, shapes)
    x1 = make_values(op.domains[0], shapes[0], dtype, rng)
    x2 = make_values(op.domains[1], shapes[1], dtype, rng)
    with np.errstate(all="ignore"):
        expected = np.asarray(op.reference(as_reference_input(x1), as_reference_input(x2)))
    result = getattr(B, op.name)(T(x1), T(x2))
    check(result, expected, op.out or dtype)


def test_floor_divide_and_mod_follow_python_signs():
    x1 = np.array([7, -7, 7, -7, 0], np.int32)
    x2 = np.array([2, 2, -2, -2, 3], np.int32)
    check(B.floor_divide(T(x1), T(x2)), np.array([3, -4, -4, 3, 0]), "int32")
    check(B.mod(T(x1), T(x2)), np.array([1, 1, -1, -1, 0]), "int32")
    f1, f2 = x1.astype(np.float32), x2.astype(np.float32)
    check(B.floor_divide(T(f1), T(f2)), np.array([3.0, -4.0, -4.0, 3.0, 0.0]), "float32")
    check(B.mod(T(f1), T(f2)), np.array([1.0, 1.0, -1.0, -1.0, 0.0]), "float32")


def test_divide_by_zero_gives_inf_and_nan():
    result = B.divide(T([1.0, -1.0, 0.0], "float32"), T([0.0, 0.0, 0.0], "float32"))
    check(result, np.array([np.inf, -np.inf, np.nan]), "float32")


# --------------------------------------------------------------------------- selection

covers("where", "round")


@pytest.mark.parametrize(
    "dtype, shapes",
    [("float32", ((2, 3), (2, 3), (2, 3))), ("int32", ((2, 1), (1, 3), ())), ("float64", ((3,), (2, 3), (3,))),
     ("bool", ((2, 3), (2, 3), (3,))), ("bfloat16", ((), (4,), (4,))), ("int64", ((0, 2), (2,), (0, 2)))],
    ids=str,
)
def test_where(dtype, shapes):
    rng = rng_for("where", dtype, shapes)
    condition = make_values(BOOL, shapes[0], "bool", rng)
    x1 = make_values(I(-5, 5), shapes[1], dtype, rng)
    x2 = make_values(I(-5, 5), shapes[2], dtype, rng)
    check(B.where(T(condition), T(x1), T(x2)), np.where(condition, x1, x2), dtype)


HALVES = [-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 0.4, -0.6, 3.7, -3.2, 0.0, 4.5]


@pytest.mark.parametrize("dtype", FLOATS)
def test_round_half_to_even(dtype):
    x = np.asarray(HALVES, np_dtype(dtype)).reshape(3, 4)
    check(B.round(T(x)), np.round(x.astype(np.float64)), dtype)


def test_round_integers_unchanged():
    check(B.round(T([-3, 0, 7], "int32")), np.array([-3, 0, 7]), "int32")


# --------------------------------------------------------------------------- reductions

AXES = [None, 1, -1, (0, 2), (-3, -1)]
SHORT_AXES = [(None, False), (-1, True), ((0, -1), False)]
REDUCTIONS = [
    ("sum", np.sum, "float32", U(-3, 3)),
    ("sum", np.sum, "float64", U(-3, 3)),
    ("sum", np.sum, "int32", I(-9, 9)),
    ("sum", np.sum, "int64", I(-9, 9)),
    ("sum", np.sum, "float16", U(-3, 3)),
    ("prod", np.prod, "float32", U(0.5, 1.5)),
    ("prod", np.prod, "int32", I(-2, 2)),
    ("max", np.max, "float32", U(-3, 3)),
    ("max", np.max, "int32", I(-50, 50)),
    ("max", np.max, "uint8", I(0, 255)),
    ("max", np.max, "bfloat16", U(-3, 3)),
    ("min", np.min, "float32", U(-3, 3)),
    ("min", np.min, "int64", I(-50, 50)),
    ("min", np.min, "float16", U(-3, 3)),
    ("mean", np.mean, "float32", U(-3, 3)),
    ("mean", np.mean, "float64", U(-3, 3)),
    ("mean", np.mean, "bfloat16", U(-3, 3)),
    ("any", np.any, "bool", ("bool", 0, 1)),
    ("all", np.all, "bool", ("bool", 0, 1)),
]
covers("sum", "prod", "max", "min", "mean", "any", "all")


def _reduction_params():
    seen = set()
    for name, reference, dtype, domain in REDUCTIONS:
        # the first dtype of each reduction meets every axis form; the others a short list
        pairs = [(a, False) for a in AXES] + [(None, True), (-1, True), ((0, 2), True)]
        pairs = pairs if name not in seen else SHORT_AXES
        seen.add(name)
        for axis, keepdims in pairs:
            yield pytest.param(name, reference, dtype, domain, axis, keepdims, id=f"{name}-{dtype}-{axis}-{keepdims}")


@pytest.mark.parametrize("name, reference, dtype, domain, axis, keepdims", list(_reduction_params()))
def test_reduction(name, reference, dtype, domain, axis, keepdims):
    rng = rng_for("reduce", name, dtype)
    x = make_values(domain, (2, 3, 4), dtype, rng)
    if name in ("any", "all"):
        # make the outcome depend on the axes: mostly-True for all, mostly-False for any
        x = rng.random((2, 3, 4)) < (0.85 if name == "all" else 0.15)
    expected = np.asarray(reference(as_reference_input(x), axis=axis, keepdims=keepdims))
    result = getattr(B, name)(T(x), axis, keepdims)
    check(result, expected, dtype, loose=True)


@pytest.mark.parametrize(
    "name, dtype, axis, expected",
    [("sum", "float32", 0, np.zeros(3)), ("sum", "int32", None, np.array(0)), ("prod", "float32", 0, np.ones(3)),
     ("any", "bool", 0, np.zeros(3, bool)), ("all", "bool", None, np.array(True)), ("sum", "float32", 1, np.zeros(0))],
    ids=str,
)
def test_reduction_of_empty(name, dtype, axis, expected):
    x = np.zeros((0, 3), np_dtype(dtype))
    check(getattr(B, name)(T(x), axis, False), expected, dtype)


@pytest.mark.parametrize("name", ["max", "min"])
def test_max_min_of_empty_raises(name):
    with pytest.raises(Exception):
        result = getattr(B, name)(T(np.zeros((0, 3), np.float32)), 0, False)
        B.convert_to_numpy(result)


def test_mean_exact_value():
    x = np.array([[1.0, 2.0], [3.0, 5.0]], np.float32)
    check(B.mean(T(x), None, False), np.array(2.75), "float32")


covers("argmax", "argmin")
ARG_INPUT = np.array(
    [[[3, 1, 3, 0], [2, 2, 1, 1], [0, 5, 5, 4]], [[1, 1, 1, 1], [9, 0, 9, 0], [4, 7, 2, 7]]]
)


@pytest.mark.parametrize("keepdims", [False, True])
@pytest.mark.parametrize("axis", [None, 1, -1], ids=str)
@pytest.mark.parametrize("name", ["argmax", "argmin"])
@pytest.mark.parametrize("dtype", ["float32", "int32"])
def test_argmax_argmin_first_occurrence(name, dtype, axis, keepdims):
    x = ARG_INPUT.astype(np_dtype(dtype))
    expected = getattr(np, name)(x.astype(np.float64), axis=axis, keepdims=keepdims)
    check(getattr(B, name)(T(x), axis, keepdims), expected, "int32")


covers("cumsum", "cumprod")


@pytest.mark.parametrize("axis", [0, 1, -1, None], ids=str)
@pytest.mark.parametrize("name", ["cumsum", "cumprod"])
@pytest.mark.parametrize("dtype", ["float32", "int32", "int64"])
def test_cumulative(name, dtype, axis):
    domain = U(0.5, 1.5) if is_float(dtype) else I(-2, 2)  # |cumprod| <= 2**24 fits int32
    x = make_values(domain, (2, 3, 4), dtype, rng_for(name, dtype, axis))
    expected = getattr(np, name)(as_reference_input(x), axis=axis)
    check(getattr(B, name)(T(x), axis), expected, dtype)


covers("sort", "argsort")


@pytest.mark.parametrize("axis", [0, 1, -1])
@pytest.mark.parametrize("dtype", ["float32", "int32", "uint8", "float64", "bfloat16"])
def test_sort_and_stable_argsort(dtype, axis):
    x = make_values(I(0, 4), (3, 5, 4), dtype, rng_for("sort", dtype, axis))  # many ties
    check(B.sort(T(x), axis), np.sort(x, axis=axis), dtype)
    check(B.argsort(T(x), axis), np.argsort(x, axis=axis, kind="stable"), "int32")


def test_sort_with_nan_and_inf_float():
    x = np.array([3.0, -np.inf, 1.0, np.inf, -2.0], np.float32)
    check(B.sort(T(x), 0), np.sort(x), "float32")


covers("top_k")


@pytest.mark.parametrize("dtype", ["float32", "int32", "float64"])
@pytest.mark.parametrize("k", [1, 3, 6])
def test_top_k_sorted(dtype, k):
    rng = rng_for("top_k", dtype, k)
    x = np.stack([rng.permutation(6) for _ in range(4)]).reshape(2, 2, 6).astype(np_dtype(dtype))
    values, indices = B.top_k(T(x), k, True)
    order = np.argsort(-x.astype(np.float64), axis=-1, kind="stable")[..., :k]
    check(values, np.take_along_axis(x, order, -1), dtype)
    check(indices, order, "int32")


def test_top_k_unsorted_returns_the_same_set():
    x = np.array([[5.0, 1.0, 4.0, 2.0, 9.0], [0.0, -1.0, 3.0, 8.0, 7.0]], np.float32)
    values, indices = B.top_k(T(x), 3, False)
    got_values, got_indices = N(values), N(indices)
    assert B.dtype_name(indices) == "int32"
    assert got_values.shape == got_indices.shape == (2, 3)
    np.testing.assert_array_equal(np.sort(got_values, -1), [[4.0, 5.0, 9.0], [3.0, 7.0, 8.0]])
    np.testing.assert_array_equal(np.take_along_axis(x, got_indices.astype(np.int64), -1), got_values)


# --------------------------------------------------------------------------- shape work

SHAPE_CASES = [
    # id, primitive, (input shape, dtype), backend call, numpy call
    ("reshape-minus1", "reshape", ((2, 3, 4), "float32"), lambda x: B.reshape(x, (4, -1)), lambda a: a.reshape(4, -1)),
    ("reshape-flat", "reshape", ((2, 3), "int32"), lambda x: B.reshape(x, (-1,)), lambda a: a.reshape(-1)),
    ("reshape-scalar", "reshape", ((1,), "float32"), lambda x: B.reshape(x, ()), lambda a: a.reshape(())),
    ("reshape-empty", "reshape", ((0, 4), "float32"), lambda x: B.reshape(x, (2, 0, 2)), lambda a: a.reshape(2, 0, 2)),
    ("transpose", "transpose", ((2, 3, 4), "float32"), lambda x: B.transpose(x, (2, 0, 1)), lambda a: a.transpose(2, 0, 1)),
    ("transpose-2d-bool", "transpose", ((2, 3), "bool"), lambda x: B.transpose(x, (1, 0)), lambda a: a.T),
    ("broadcast_to", "broadcast_to", ((3, 1), "float32"), lambda x: B.broadcast_to(x, (2, 3, 4)), lambda a: np.broadcast_to(a, (2, 3, 4))),
    ("broadcast_to-scalar", "broadcast_to", ((), "int64"), lambda x: B.broadcast_to(x, (2, 2)), lambda a: np.broadcast_to(a, (2, 2))),
    ("flip-tuple", "flip", ((2, 3, 4), "float32"), lambda x: B.flip(x, (0, 2)), lambda a: np.flip(a, (0, 2))),
    ("flip-negative", "flip", ((2, 3), "int32"), lambda x: B.flip(x, (-1,)), lambda a: np.flip(a, -1)),
    ("roll-flat", "roll", ((2, 3), "float32"), lambda x: B.roll(x, 2, None), lambda a: np.roll(a, 2, None)),
    ("roll-axis", "roll", ((3, 4), "int32"), lambda x: B.roll(x, -1, 1), lambda a: np.roll(a, -1, 1)),
    ("roll-big-shift", "roll", ((3, 4), "float32"), lambda x: B.roll(x, 5, -1), lambda a: np.roll(a, 5, -1)),
    ("tile", "tile", ((2, 3), "float32"), lambda x: B.tile(x, (2, 1)), lambda a: np.tile(a, (2, 1))),
    ("tile-more-dims", "tile", ((2, 3), "int32"), lambda x: B.tile(x, (2, 1, 3)), lambda a: np.tile(a, (2, 1, 3))),
    ("repeat-int-flat", "repeat", ((2, 3), "float32"), lambda x: B.repeat(x, 2, None), lambda a: np.repeat(a, 2, None)),
    ("repeat-int-axis", "repeat", ((2, 3), "int32"), lambda x: B.repeat(x, 3, 1), lambda a: np.repeat(a, 3, 1)),
    ("repeat-tensor", "repeat", ((3, 2), "float32"), lambda x: B.repeat(x, T([1, 0, 2], "int32"), 0), lambda a: np.repeat(a, [1, 0, 2], 0)),
    ("repeat-tensor-neg-axis", "repeat", ((2, 3), "float32"), lambda x: B.repeat(x, T([2, 1, 3], "int32"), -1), lambda a: np.repeat(a, [2, 1, 3], -1)),
    ("tril", "tril", ((4, 4), "float32"), lambda x: B.tril(x, 0), lambda a: np.tril(a, 0)),
    ("tril-k-1-batched", "tril", ((2, 3, 5), "int32"), lambda x: B.tril(x, -1), lambda a: np.tril(a, -1)),
    ("tril-k1", "tril", ((3, 5), "float32"), lambda x: B.tril(x, 1), lambda a: np.tril(a, 1)),
    ("triu", "triu", ((4, 4), "float32"), lambda x: B.triu(x, 0), lambda a: np.triu(a, 0)),
    ("triu-k1-batched", "triu", ((2, 5, 3), "float64"), lambda x: B.triu(x, 1), lambda a: np.triu(a, 1)),
    ("triu-k-2", "triu", ((4, 3), "int32"), lambda x: B.triu(x, -2), lambda a: np.triu(a, -2)),
    ("diagonal", "diagonal", ((4, 4), "float32"), lambda x: B.diagonal(x, 0, 0, 1), lambda a: np.diagonal(a, 0, 0, 1)),
    ("diagonal-offset", "diagonal", ((3, 5), "int32"), lambda x: B.diagonal(x, 2, 0, 1), lambda a: np.diagonal(a, 2, 0, 1)),
    ("diagonal-neg-offset", "diagonal", ((4, 3), "float32"), lambda x: B.diagonal(x, -1, 0, 1), lambda a: np.diagonal(a, -1, 0, 1)),
    ("diagonal-3d", "diagonal", ((2, 3, 4), "float32"), lambda x: B.diagonal(x, 0, 1, 2), lambda a: np.diagonal(a, 0, 1, 2)),
    ("diagonal-3d-axes", "diagonal", ((3, 2, 4), "float32"), lambda x: B.diagonal(x, 1, 0, 2), lambda a: np.diagonal(a, 1, 0, 2)),
    ("diagonal-3d-neg-axes", "diagonal", ((3, 4, 2), "float32"), lambda x: B.diagonal(x, 0, -1, 0), lambda a: np.diagonal(a, 0, -1, 0)),
]
PAD_CASES = [
    ("constant", 0, ((1, 2), (0, 3))),
    ("constant", -7.5, ((2, 0), (1, 1))),
    ("reflect", 0, ((1, 2), (2, 1))),
    ("symmetric", 0, ((2, 1), (0, 3))),
    ("edge", 0, ((1, 1), (3, 0))),
]
for _mode, _value, _width in PAD_CASES:
    for _dtype in ("float32", "int32"):
        if _dtype == "int32" and _value != 0 and int(_value) != _value:
            continue
        SHAPE_CASES.append((
            f"pad-{_mode}-{_value}-{_dtype}", "pad", ((3, 4), _dtype),
            (lambda m, v, w: lambda x: B.pad(x, w, m, v))(_mode, _value, _width),
            (lambda m, v, w: lambda a: np.pad(a, w, mode=m, **({"constant_values": v} if m == "constant" else {})))(_mode, _value, _width),
        ))
SHAPE_CASES.append(("pad-3d-constant", "pad", ((1, 2, 3), "float32"),
                    lambda x: B.pad(x, ((0, 0), (1, 1), (2, 0)), "constant", 1.5),
                    lambda a: np.pad(a, ((0, 0), (1, 1), (2, 0)), constant_values=1.5)))
covers(*{case[1] for case in SHAPE_CASES})


@pytest.mark.parametrize("case", SHAPE_CASES, ids=[case[0] for case in SHAPE_CASES])
def test_shape_work(case):
    _, _, (shape, dtype), call, reference = case
    x = make_values(I(-9, 9), shape, dtype, rng_for("shape", case[0]))
    check(call(T(x)), reference(x), dtype)


covers("concatenate", "stack", "split")


@pytest.mark.parametrize(
    "shapes, axis, dtype",
    [([(2, 3), (4, 3)], 0, "float32"), ([(2, 1), (2, 3), (2, 2)], -1, "int32"), ([(2, 3)], 0, "float32"),
     ([(0, 3), (2, 3)], 0, "float64"), ([(1, 2, 3), (1, 2, 1)], 2, "bool")],
    ids=str,
)
def test_concatenate(shapes, axis, dtype):
    rng = rng_for("concat", shapes, axis)
    arrays = [make_values(I(-9, 9), s, dtype, rng) for s in shapes]
    check(B.concatenate([T(a) for a in arrays], axis), np.concatenate(arrays, axis), dtype)


@pytest.mark.parametrize("axis", [0, 1, -1, 2])
@pytest.mark.parametrize("dtype", ["float32", "int64"])
def test_stack(axis, dtype):
    rng = rng_for("stack", axis, dtype)
    arrays = [make_values(I(-9, 9), (2, 3), dtype, rng) for _ in range(3)]
    check(B.stack([T(a) for a in arrays], axis), np.stack(arrays, axis), dtype)


@pytest.mark.parametrize(
    "shape, sections, axis",
    [((6, 2), 3, 0), ((2, 6), 2, -1), ((4, 3), 1, 0), ((7, 2), (2, 5), 0), ((2, 8), (1, 1, 6), 1), ((5,), (0, 5), 0)],
    ids=str,
)
def test_split(shape, sections, axis):
    x = make_values(I(-9, 9), shape, "float32", rng_for("split", shape))
    parts = B.split(T(x), sections, axis)
    expected = np.split(x, sections if isinstance(sections, int) else list(sections), axis)
    assert isinstance(parts, (list, tuple)) and len(parts) == len(expected)
    for part, want in zip(parts, expected):
        check(part, want, "float32")


# --------------------------------------------------------------------------- indexing

GETITEM_CASES = [
    ("int", lambda I, M: 1),
    ("negative-int", lambda I, M: -1),
    ("slice", lambda I, M: slice(1, None)),
    ("slice-step", lambda I, M: slice(None, None, 2)),
    ("slice-negative-step", lambda I, M: (slice(None), slice(None, None, -1))),
    ("slice-negative-bounds", lambda I, M: (slice(-2, None), slice(None, -1))),
    ("tuple-int-slice", lambda I, M: (slice(None), 2)),
    ("all-ints", lambda I, M: (0, -1, 2)),
    ("ellipsis", lambda I, M: (Ellipsis, 1)),
    ("ellipsis-middle", lambda I, M: (0, Ellipsis, slice(1, 3))),
    ("none", lambda I, M: (None, slice(0, 2))),
    ("none-ellipsis-none", lambda I, M: (slice(None, None, 2), Ellipsis, None)),
    ("empty-slice", lambda I, M: slice(2, 2)),
    ("int-tensor", lambda I, M: I([2, 0, 2], "int32")),
    ("int64-tensor", lambda I, M: I([1, 1], "int64")),
    ("int-tensor-negative", lambda I, M: I([-1, 0, -3], "int32")),
    ("bool-tensor", lambda I, M: M([True, False, True])),
    ("bool-tensor-all-false", lambda I, M: M([False, False, False])),
    ("slice-then-int-tensor", lambda I, M: (slice(None), I([3, 1], "int32"))),
    ("slice-then-bool-tensor", lambda I, M: (slice(None), M([True, False, False, True]))),
]
covers("getitem")


@pytest.mark.parametrize("make_key", [c[1] for c in GETITEM_CASES], ids=[c[0] for c in GETITEM_CASES])
def test_getitem(make_key):
    x = np.arange(60, dtype=np.float32).reshape(3, 4, 5)
    np_key = make_key(lambda v, d: np.asarray(v, d), lambda v: np.asarray(v, bool))
    b_key = make_key(lambda v, d: T(v, d), lambda v: T(v, "bool"))
    check(B.getitem(T(x), b_key), x[np_key], "float32")


covers("take")


@pytest.mark.parametrize(
    "shape, indices, axis, index_dtype",
    [((3, 4), [[0, -1], [2, 1]], 0, "int32"), ((3, 4), [-1, 0, 3], 1, "int32"), ((3, 4), [0, 11, -1], None, "int64"),
     ((2, 3, 4), [3, -4, 1], -1, "int32"), ((3, 4), [], 0, "int32"), ((5,), 2, 0, "int32")],
    ids=str,
)
def test_take(shape, indices, axis, index_dtype):
    x = make_values(I(-50, 50), shape, "float32", rng_for("take", shape))
    idx = np.asarray(indices, np_dtype(index_dtype))
    check(B.take(T(x), T(idx), axis), np.take(x, idx, axis=axis), "float32")


covers("take_along_axis")


@pytest.mark.parametrize("axis", [0, 1, -1])
@pytest.mark.parametrize("dtype", ["float32", "int32"])
def test_take_along_axis(axis, dtype):
    rng = rng_for("tala", axis, dtype)
    x = make_values(I(-50, 50), (3, 4, 5), dtype, rng)
    shape = list(x.shape)
    shape[axis] = 2
    idx = rng.integers(0, x.shape[axis], size=shape).astype(np.int32)
    check(B.take_along_axis(T(x), T(idx), axis), np.take_along_axis(x, idx, axis), dtype)
    # argsort indices, the common use
    order = np.argsort(x, axis=axis, kind="stable").astype(np.int32)
    check(B.take_along_axis(T(x), T(order), axis), np.sort(x, axis=axis), dtype)


covers("slice", "slice_update")


@pytest.mark.parametrize(
    "shape, start, size",
    [((4, 5, 6), (1, 0, 2), (2, 5, 3)), ((5,), (4,), (1,)), ((3, 3), (0, 0), (3, 3)), ((3, 4), (1, 2), (0, 2))],
    ids=str,
)
def test_slice(shape, start, size):
    x = make_values(I(-50, 50), shape, "float32", rng_for("slice", shape))
    index = tuple(slice(s, s + n) for s, n in zip(start, size))
    check(B.slice(T(x), start, size), x[index], "float32")


@pytest.mark.parametrize("dtype", ["float32", "int32", "bool"])
@pytest.mark.parametrize(
    "shape, start, update_shape", [((4, 5), (1, 2), (2, 3)), ((3, 4, 2), (0, 3, 1), (3, 1, 1)), ((4,), (0,), (4,))], ids=str
)
def test_slice_update(shape, start, update_shape, dtype):
    rng = rng_for("slice_update", shape, dtype)
    x = make_values(I(-50, 50), shape, dtype, rng)
    updates = make_values(I(60, 90), update_shape, dtype, rng)
    expected = x.copy()
    expected[tuple(slice(s, s + n) for s, n in zip(start, update_shape))] = updates
    tensor = T(x)
    check(B.slice_update(tensor, start, T(updates)), expected, dtype)
    check(tensor, x, dtype)  # the input is not modified


covers("scatter_update", "scatter_add")


@pytest.mark.parametrize(
    "shape, indices, update_shape",
    [((4, 3), [[0], [2]], (2, 3)), ((3, 4), [[0, 1], [2, 3], [1, 0]], (3,)), ((2, 3, 2), [[1, 2]], (1, 2)), ((5,), [[4]], (1,))],
    ids=str,
)
@pytest.mark.parametrize("dtype", ["float32", "int64"])
def test_scatter_update(shape, indices, update_shape, dtype):
    rng = rng_for("scatter_update", shape, dtype)
    x = make_values(I(-50, 50), shape, dtype, rng)
    updates = make_values(I(60, 90), update_shape, dtype, rng)
    tensor = T(x)
    result = B.scatter_update(tensor, T(np.asarray(indices, np.int32)), T(updates))
    check(result, ref.scatter_update(x, indices, updates), dtype)
    check(tensor, x, dtype)


@pytest.mark.parametrize(
    "shape, indices, value_shape",
    [((5,), [[1], [3], [1], [1]], (4,)), ((3, 2), [[0, 1], [0, 1], [2, 0]], (3,)), ((3, 2), [[2], [0], [2]], (3, 2)),
     ((2, 2), np.zeros((0, 2), int), (0,))],
    ids=str,
)
@pytest.mark.parametrize("dtype", ["float32", "int32"])
def test_scatter_add_accumulates_duplicates(shape, indices, value_shape, dtype):
    values = make_values(I(1, 9), value_shape, dtype, rng_for("scatter_add", shape, dtype))
    idx = np.asarray(indices, np.int32).reshape(-1, np.asarray(indices).shape[-1])
    result = B.scatter_add(shape, T(idx), T(values), dtype)
    check(result, ref.scatter_add(shape, idx, values, np_dtype(dtype)), dtype)


covers("segment_sum", "segment_max")
SEGMENT_IDS = [([0, 0, 2, 2, 3], 4), ([2, 0, 2, 3, 0], 5), ([1, 1, 1, 1, 1], 2)]


@pytest.mark.parametrize("ids, num_segments", SEGMENT_IDS, ids=str)
@pytest.mark.parametrize("dtype", ["float32", "int32"])
@pytest.mark.parametrize("data_shape", [(5,), (5, 2)], ids=str)
def test_segment_sum(ids, num_segments, dtype, data_shape):
    data = make_values(I(-9, 9), data_shape, dtype, rng_for("segsum", ids, dtype, data_shape))
    result = B.segment_sum(T(data), T(np.asarray(ids, np.int32)), num_segments)
    check(result, ref.segment_sum(data, ids, num_segments), dtype)


def _lowest(dtype):
    """The value of an empty segment: -inf for floats (the lowest float; all engines agree), iinfo.min for ints."""
    return -np.inf if is_float(dtype) else np.iinfo(np_dtype(dtype)).min


@pytest.mark.parametrize("ids, num_segments", SEGMENT_IDS, ids=str)
@pytest.mark.parametrize("dtype", ["float32", "int32", "int64"])
@pytest.mark.parametrize("data_shape", [(5,), (5, 2)], ids=str)
def test_segment_max_empty_segment_holds_lowest(ids, num_segments, dtype, data_shape):
    data = make_values(I(-9, 9), data_shape, dtype, rng_for("segmax", ids, dtype, data_shape))
    result = B.segment_max(T(data), T(np.asarray(ids, np.int32)), num_segments)
    check(result, ref.segment_max(data, ids, num_segments, _lowest(dtype)), dtype)


# --------------------------------------------------------------------------- linalg


def _matrix(rng, shape, dtype, spd=False, well_conditioned=True):
    a = rng.normal(size=shape)
    if spd:
        a = a @ np.swapaxes(a, -1, -2) + shape[-1] * np.eye(shape[-1])
    elif well_conditioned and shape[-1] == shape[-2]:
        a = a + shape[-1] * np.eye(shape[-1])
    return a.astype(np_dtype(dtype))


LINALG_DTYPES = ["float32", "float64"]
covers("matmul")


@pytest.mark.parametrize(
    "shape1, shape2",
    [((3, 4), (4, 5)), ((2, 3, 4), (4, 2)), ((2, 1, 3, 4), (3, 4, 5)), ((4,), (4, 3)), ((3, 4), (4,)), ((4,), (4,)),
     ((0, 4), (4, 2)), ((3, 0), (0, 2))],
    ids=str,
)
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_matmul(shape1, shape2, dtype):
    rng = rng_for("matmul", shape1, shape2, dtype)
    a, b = rng.normal(size=shape1).astype(dtype), rng.normal(size=shape2).astype(dtype)
    check(B.matmul(T(a), T(b)), np.matmul(a.astype(np.float64), b.astype(np.float64)), dtype, loose=True)


@pytest.mark.parametrize("dtype", ["int32", "int64", "int8", "float16", "bfloat16"])
def test_matmul_other_dtypes(dtype):
    rng = rng_for("matmul-int", dtype)
    a = make_values(I(-3, 3), (2, 3, 4), dtype, rng)
    b = make_values(I(-3, 3), (4, 2), dtype, rng)
    expected = np.matmul(as_reference_input(a), as_reference_input(b))  # |entries| <= 36, no overflow
    check(B.matmul(T(a), T(b)), expected, dtype)


covers("einsum")


EINSUM_CASES = [
    ("ij,jk->ik", [(2, 3), (3, 4)]), ("i,i->", [(5,), (5,)]), ("ij->", [(2, 3)]), ("ij,ij->i", [(3, 4), (3, 4)]),
    # float32 only from here
    ("bij,bjk->bik", [(2, 2, 3), (2, 3, 4)]), ("ij->ji", [(2, 3)]), ("...ij,...jk->...ik", [(2, 2, 3), (2, 3, 1)]),
    ("i,j->ij", [(3,), (2,)]), ("bhqd,bhkd->bhqk", [(1, 2, 3, 4), (1, 2, 5, 4)]), ("ijk,kj->i", [(2, 3, 4), (4, 3)]),
]


@pytest.mark.parametrize(
    "subscripts, shapes, dtype",
    [pytest.param(sub, shapes, "float32", id=f"{sub}-float32") for sub, shapes in EINSUM_CASES]
    + [pytest.param(sub, shapes, "int32", id=f"{sub}-int32") for sub, shapes in EINSUM_CASES[:4]],
)
def test_einsum(subscripts, shapes, dtype):
    rng = rng_for("einsum", subscripts, dtype)
    arrays = [make_values(I(-3, 3), s, dtype, rng) for s in shapes]
    expected = np.einsum(subscripts, *[as_reference_input(a) for a in arrays])
    check(B.einsum(subscripts, *[T(a) for a in arrays]), expected, dtype)


covers("tensordot")


@pytest.mark.parametrize(
    "shape1, shape2, axes",
    [((3, 4), (4, 5), 1), ((2, 3, 4), (3, 4, 5), 2), ((3, 2, 4), (2, 3, 5), ([1, 0], [0, 1])), ((2, 3), (4,), 0),
     ((2, 3, 4), (4, 3), ((1, 2), (1, 0)))],
    ids=str,
)
def test_tensordot(shape1, shape2, axes):
    rng = rng_for("tensordot", shape1, shape2)
    a, b = rng.normal(size=shape1).astype(np.float32), rng.normal(size=shape2).astype(np.float32)
    check(B.tensordot(T(a), T(b), axes), np.tensordot(a.astype(np.float64), b.astype(np.float64), axes), "float32", loose=True)


covers("inv", "det", "solve", "solve_triangular", "cholesky")


@pytest.mark.parametrize("shape", [(3, 3), (2, 4, 4)], ids=str)
@pytest.mark.parametrize("dtype", LINALG_DTYPES)
def test_inv_and_det(shape, dtype):
    a = _matrix(rng_for("inv", shape, dtype), shape, dtype)
    a64 = a.astype(np.float64)
    check(B.inv(T(a)), np.linalg.inv(a64), dtype, loose=True)
    check(B.det(T(a)), np.linalg.det(a64), dtype, loose=True)


def test_det_of_singular_and_negative():
    check(B.det(T([[1.0, 2.0], [2.0, 4.0]], "float64")), np.array(0.0), "float64", atol=1e-12)
    check(B.det(T([[0.0, 1.0], [1.0, 0.0]], "float32")), np.array(-1.0), "float32")


@pytest.mark.parametrize("shapes", [((3, 3), (3, 2)), ((2, 4, 4), (2, 4, 1)), ((3, 3), (3, 3))], ids=str)
@pytest.mark.parametrize("dtype", LINALG_DTYPES)
def test_solve(shapes, dtype):
    rng = rng_for("solve", shapes, dtype)
    a = _matrix(rng, shapes[0], dtype)
    b = rng.normal(size=shapes[1]).astype(dtype)
    check(B.solve(T(a), T(b)), np.linalg.solve(a.astype(np.float64), b.astype(np.float64)), dtype, loose=True)


@pytest.mark.parametrize("lower", [True, False])
@pytest.mark.parametrize("shapes", [((3, 3), (3, 2)), ((2, 4, 4), (2, 4, 3))], ids=str)
@pytest.mark.parametrize("dtype", LINALG_DTYPES)
def test_solve_triangular(shapes, lower, dtype):
    rng = rng_for("solve_tri", shapes, dtype, lower)
    full = _matrix(rng, shapes[0], "float64")
    # the other triangle holds garbage that must be ignored
    a = full.astype(np_dtype(dtype))
    tri = np.tril(full) if lower else np.triu(full)
    b = rng.normal(size=shapes[1]).astype(dtype)
    expected = np.linalg.solve(tri.astype(np.float64), b.astype(np.float64))
    check(B.solve_triangular(T(a), T(b), lower), expected, dtype, loose=True)


@pytest.mark.parametrize("shape", [(3, 3), (2, 4, 4)], ids=str)
@pytest.mark.parametrize("dtype", LINALG_DTYPES)
def test_cholesky(shape, dtype):
    a = _matrix(rng_for("chol", shape, dtype), shape, dtype, spd=True)
    check(B.cholesky(T(a)), np.linalg.cholesky(a.astype(np.float64)), dtype, loose=True)


def _assert_orthonormal_columns(q, atol):
    gram = np.swapaxes(q, -1, -2) @ q
    np.testing.assert_allclose(gram, np.broadcast_to(np.eye(q.shape[-1]), gram.shape), atol=atol)


covers("qr", "svd", "eigh")


@pytest.mark.parametrize("mode", ["reduced", "complete"])
@pytest.mark.parametrize("shape", [(4, 3), (3, 4), (2, 5, 3)], ids=str)
@pytest.mark.parametrize("dtype", LINALG_DTYPES)
def test_qr_reconstructs_and_is_orthonormal(shape, mode, dtype):
    x = rng_for("qr", shape, dtype).normal(size=shape).astype(dtype)
    q_t, r_t = B.qr(T(x), mode)
    assert B.dtype_name(q_t) == dtype and B.dtype_name(r_t) == dtype
    q, r = N(q_t).astype(np.float64), N(r_t).astype(np.float64)
    m, n = shape[-2:]
    k = min(m, n) if mode == "reduced" else m
    assert q.shape == shape[:-2] + (m, k)
    assert r.shape == shape[:-2] + (k, n)
    atol = 1e-4 if dtype == "float32" else 1e-10
    _assert_orthonormal_columns(q, atol)
    np.testing.assert_allclose(r, np.triu(r), atol=atol)
    np.testing.assert_allclose(q @ r, x.astype(np.float64), atol=atol)


@pytest.mark.parametrize("full_matrices", [True, False])
@pytest.mark.parametrize("shape", [(4, 3), (3, 5), (2, 4, 4)], ids=str)
@pytest.mark.parametrize("dtype", LINALG_DTYPES)
def test_svd_reconstructs(shape, full_matrices, dtype):
    x = rng_for("svd", shape, dtype).normal(size=shape).astype(dtype)
    x64 = x.astype(np.float64)
    u_t, s_t, vh_t = B.svd(T(x), full_matrices, True)
    for t in (u_t, s_t, vh_t):
        assert B.dtype_name(t) == dtype
    u, s, vh = (N(t).astype(np.float64) for t in (u_t, s_t, vh_t))
    m, n = shape[-2:]
    k = min(m, n)
    batch = shape[:-2]
    assert s.shape == batch + (k,)
    assert u.shape == batch + ((m, m) if full_matrices else (m, k))
    assert vh.shape == batch + ((n, n) if full_matrices else (k, n))
    atol = 1e-4 if dtype == "float32" else 1e-10
    np.testing.assert_allclose(s, np.linalg.svd(x64, compute_uv=False), atol=atol)
    assert np.all(np.diff(s, axis=-1) <= atol), "singular values must be descending"
    _assert_orthonormal_columns(u, atol)
    _assert_orthonormal_columns(np.swapaxes(vh, -1, -2), atol)
    recon = (u[..., :, :k] * s[..., None, :]) @ vh[..., :k, :]
    np.testing.assert_allclose(recon, x64, atol=atol * 10)


@pytest.mark.parametrize("dtype", LINALG_DTYPES)
def test_svd_values_only(dtype):
    x = rng_for("svd-s", dtype).normal(size=(2, 3, 5)).astype(dtype)
    s = B.svd(T(x), False, False)
    assert B.is_tensor(s), "compute_uv=False returns the singular values alone"
    check(s, np.linalg.svd(x.astype(np.float64), compute_uv=False), dtype, loose=True)


@pytest.mark.parametrize("shape", [(3, 3), (2, 4, 4)], ids=str)
@pytest.mark.parametrize("dtype", LINALG_DTYPES)
def test_eigh(shape, dtype):
    a = rng_for("eigh", shape, dtype).normal(size=shape)
    a = ((a + np.swapaxes(a, -1, -2)) / 2).astype(dtype)
    a64 = a.astype(np.float64)
    w_t, v_t = B.eigh(T(a))
    check(w_t, np.linalg.eigvalsh(a64), dtype, loose=True)
    w, v = N(w_t).astype(np.float64), N(v_t).astype(np.float64)
    assert B.dtype_name(v_t) == dtype and v.shape == shape
    atol = 1e-4 if dtype == "float32" else 1e-10
    _assert_orthonormal_columns(v, atol)
    np.testing.assert_allclose(a64 @ v, v * w[..., None, :], atol=atol * 10)


# --------------------------------------------------------------------------- nn: convolutions and pooling


def _nn_input(rng, batch, spatial, channels, data_format, dtype="float32", lo=-1.0, hi=1.0):
    shape = (batch, *spatial, channels) if data_format == "channels_last" else (batch, channels, *spatial)
    return rng.uniform(lo, hi, size=shape).astype(dtype)


def _expected_conv_shape(spatial, window, strides, padding, dilation):
    return tuple(
        conv_geometry.conv_output_length(spatial[i], window[i], strides[i], dilation[i], padding) for i in range(len(spatial))
    )


def _channels_shape(batch, spatial, channels, data_format):
    return (batch, *spatial, channels) if data_format == "channels_last" else (batch, channels, *spatial)


CONV_CASES = [
    # 1D
    dict(spatial=(7,), c=3, f=4, window=(3,), strides=(1,), padding="valid"),
    dict(spatial=(8,), c=2, f=3, window=(3,), strides=(2,), padding="same"),
    dict(spatial=(6,), c=2, f=2, window=(4,), strides=(1,), padding="same"),  # odd padding: extra at the end
    dict(spatial=(9,), c=2, f=2, window=(3,), strides=(1,), padding="same", dilation=(2,)),
    dict(spatial=(6,), c=4, f=6, window=(2,), strides=(1,), padding="valid", groups=2, df="channels_first"),
    # 2D
    dict(spatial=(5, 6), c=3, f=2, window=(3, 3), strides=(1, 1), padding="valid"),
    dict(spatial=(7, 6), c=2, f=3, window=(3, 2), strides=(2, 1), padding="same"),
    dict(spatial=(7, 7), c=2, f=2, window=(3, 3), strides=(1, 1), padding="same", dilation=(2, 1)),
    dict(spatial=(6, 5), c=4, f=4, window=(3, 3), strides=(1, 2), padding="same", groups=2, df="channels_first"),
    dict(spatial=(6, 5), c=6, f=3, window=(2, 2), strides=(1, 1), padding="valid", groups=3),
    dict(spatial=(5, 5), c=3, f=2, window=(2, 2), strides=(1, 1), padding="valid", dilation=(2, 2), df="channels_first"),
    dict(spatial=(5, 6), c=2, f=3, window=(3, 3), strides=(2, 2), padding="valid", dtype="float64"),
    # 3D
    dict(spatial=(4, 5, 4), c=2, f=3, window=(2, 3, 2), strides=(1, 1, 1), padding="valid"),
    dict(spatial=(5, 4, 5), c=2, f=2, window=(3, 3, 3), strides=(2, 1, 2), padding="same", df="channels_first"),
    dict(spatial=(4, 4, 4), c=4, f=2, window=(2, 2, 2), strides=(1, 1, 1), padding="same", groups=2),
]


def _case_id(case):
    parts = [f"{len(case['spatial'])}d", case["padding"], "s" + "x".join(map(str, case["strides"]))]
    if "dilation" in case:
        parts.append("d" + "x".join(map(str, case["dilation"])))
    if case.get("groups", 1) > 1:
        parts.append(f"g{case['groups']}")
    if "mult" in case:
        parts.append(f"m{case['mult']}")
    if case.get("output_padding"):
        parts.append("op" + "x".join(map(str, case["output_padding"])))
    parts.append("cf" if case.get("df") == "channels_first" else "cl")
    if "dtype" in case:
        parts.append(case["dtype"])
    return "-".join(parts)


covers("conv")


@pytest.mark.parametrize("case", CONV_CASES, ids=_case_id)
def test_conv(case):
    rng = rng_for("conv", _case_id(case))
    df, dtype = case.get("df", "channels_last"), case.get("dtype", "float32")
    nd = len(case["spatial"])
    dilation = case.get("dilation", (1,) * nd)
    groups = case.get("groups", 1)
    x = _nn_input(rng, 2, case["spatial"], case["c"], df, dtype)
    kernel = rng.uniform(-1, 1, size=(*case["window"], case["c"] // groups, case["f"])).astype(dtype)
    result = B.conv(T(x), T(kernel), case["strides"], case["padding"], df, dilation)
    out_spatial = _expected_conv_shape(case["spatial"], case["window"], case["strides"], case["padding"], dilation)
    expected = ref.conv(x, kernel, case["strides"], case["padding"], df, dilation)
    assert expected.shape == _channels_shape(2, out_spatial, case["f"], df)
    check(result, expected, dtype, loose=True)


DEPTHWISE_CASES = [
    dict(spatial=(7,), c=3, mult=2, window=(3,), strides=(1,), padding="valid"),
    dict(spatial=(8,), c=2, mult=1, window=(4,), strides=(2,), padding="same", df="channels_first"),
    dict(spatial=(6, 7), c=3, mult=2, window=(3, 3), strides=(1, 1), padding="same", dilation=(2, 2)),
    dict(spatial=(7, 6), c=2, mult=3, window=(2, 3), strides=(2, 2), padding="valid", df="channels_first"),
    dict(spatial=(5, 5), c=4, mult=1, window=(3, 3), strides=(2, 1), padding="same"),
    dict(spatial=(4, 5, 4), c=2, mult=2, window=(2, 2, 2), strides=(1, 1, 1), padding="same"),
]
covers("depthwise_conv")


@pytest.mark.parametrize("case", DEPTHWISE_CASES, ids=_case_id)
def test_depthwise_conv(case):
    rng = rng_for("depthwise", _case_id(case))
    df = case.get("df", "channels_last")
    nd = len(case["spatial"])
    dilation = case.get("dilation", (1,) * nd)
    x = _nn_input(rng, 2, case["spatial"], case["c"], df)
    kernel = rng.uniform(-1, 1, size=(*case["window"], case["c"], case["mult"])).astype(np.float32)
    result = B.depthwise_conv(T(x), T(kernel), case["strides"], case["padding"], df, dilation)
    expected = ref.depthwise_conv(x, kernel, case["strides"], case["padding"], df, dilation)
    out_spatial = _expected_conv_shape(case["spatial"], case["window"], case["strides"], case["padding"], dilation)
    assert expected.shape == _channels_shape(2, out_spatial, case["c"] * case["mult"], df)
    check(result, expected, "float32", loose=True)


def test_depthwise_channel_order_is_channel_major():
    # channel c * multiplier + m must come from input channel c
    x = np.zeros((1, 3, 2), np.float32)
    x[..., 0], x[..., 1] = 1.0, 10.0
    kernel = np.zeros((1, 2, 3), np.float32)
    kernel[0, :, :] = [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]
    result = B.depthwise_conv(T(x), T(kernel), (1,), "valid", "channels_last", (1,))
    check(result, np.broadcast_to(np.array([1.0, 2.0, 3.0, 40.0, 50.0, 60.0]), (1, 3, 6)), "float32")


TRANSPOSE_CASES = [
    dict(spatial=(5,), c=3, f=2, window=(3,), strides=(2,), padding="valid"),
    dict(spatial=(5,), c=2, f=3, window=(4,), strides=(2,), padding="same"),
    dict(spatial=(4,), c=2, f=2, window=(2,), strides=(3,), padding="valid"),  # window < stride: gaps
    dict(spatial=(4,), c=2, f=2, window=(3,), strides=(3,), padding="same", output_padding=(1,)),
    dict(spatial=(4,), c=2, f=2, window=(3,), strides=(1,), padding="same", dilation=(2,)),
    dict(spatial=(4, 3), c=2, f=3, window=(3, 3), strides=(2, 2), padding="same", df="channels_first"),
    dict(spatial=(3, 4), c=3, f=2, window=(3, 2), strides=(1, 2), padding="valid", output_padding=(0, 1)),
    dict(spatial=(4, 4), c=2, f=2, window=(3, 3), strides=(1, 1), padding="same", dilation=(2, 2)),
    dict(spatial=(3, 4), c=2, f=2, window=(3, 3), strides=(2, 2), padding="same", output_padding=(1, 0)),
    dict(spatial=(3, 3, 2), c=2, f=2, window=(2, 3, 2), strides=(2, 1, 2), padding="same"),
    dict(spatial=(2, 3, 3), c=2, f=3, window=(3, 2, 2), strides=(1, 2, 1), padding="valid", df="channels_first"),
]
covers("conv_transpose")


@pytest.mark.parametrize("case", TRANSPOSE_CASES, ids=_case_id)
def test_conv_transpose(case):
    rng = rng_for("conv_transpose", _case_id(case))
    df = case.get("df", "channels_last")
    nd = len(case["spatial"])
    dilation = case.get("dilation", (1,) * nd)
    output_padding = case.get("output_padding")
    x = _nn_input(rng, 2, case["spatial"], case["c"], df)
    kernel = rng.uniform(-1, 1, size=(*case["window"], case["f"], case["c"])).astype(np.float32)
    result = B.conv_transpose(T(x), T(kernel), case["strides"], case["padding"], output_padding, df, dilation)
    expected = ref.conv_transpose(x, kernel, case["strides"], case["padding"], output_padding, df, dilation)
    # the output length rule of the contract, independently of the reference
    out_spatial = tuple(
        conv_geometry.transpose_output_length(
            case["spatial"][i], case["window"][i], case["strides"][i], dilation[i], case["padding"],
            None if output_padding is None else output_padding[i],
        )
        for i in range(nd)
    )
    assert expected.shape == _channels_shape(2, out_spatial, case["f"], df)
    check(result, expected, "float32", loose=True)


def test_conv_transpose_is_the_gradient_of_conv():
    """<conv(y, k), x> == <y, conv_transpose(x, k)> for 'valid' with a matching output length."""
    rng = rng_for("transpose-adjoint")
    y = rng.normal(size=(1, 9, 7, 2)).astype(np.float32)  # conv input
    k = rng.normal(size=(3, 3, 2, 4)).astype(np.float32)  # conv kernel (window, C=2, filters=4)
    conv_out = N(B.conv(T(y), T(k), (2, 2), "valid", "channels_last", (1, 1)))
    x = rng.normal(size=conv_out.shape).astype(np.float32)
    # conv_transpose kernel is (window, filters_out=2, C_in=4): the same array
    back = N(B.conv_transpose(T(x), T(k), (2, 2), "valid", None, "channels_last", (1, 1)))
    assert back.shape == y.shape
    np.testing.assert_allclose(np.sum(conv_out * x), np.sum(y * back), rtol=1e-4)


POOL_CASES = [
    dict(kind="max", spatial=(8,), pool=(2,), strides=(2,), padding="valid"),
    dict(kind="max", spatial=(7,), pool=(3,), strides=(2,), padding="same"),
    dict(kind="average", spatial=(7,), pool=(3,), strides=(2,), padding="same", df="channels_first"),
    dict(kind="average", spatial=(6,), pool=(2,), strides=(1,), padding="valid"),
    dict(kind="max", spatial=(5, 6), pool=(2, 2), strides=(2, 2), padding="valid"),
    dict(kind="max", spatial=(5, 7), pool=(3, 3), strides=(2, 2), padding="same", df="channels_first"),
    dict(kind="average", spatial=(5, 6), pool=(2, 3), strides=(1, 2), padding="same"),
    dict(kind="average", spatial=(6, 5), pool=(3, 2), strides=(2, 1), padding="valid", df="channels_first"),
    dict(kind="max", spatial=(6, 6), pool=(3, 3), strides=(1, 1), padding="same"),
    dict(kind="average", spatial=(6, 6), pool=(3, 3), strides=(1, 1), padding="same"),
    dict(kind="max", spatial=(4, 5, 4), pool=(2, 2, 2), strides=(2, 2, 2), padding="same"),
    dict(kind="average", spatial=(4, 4, 5), pool=(2, 2, 3), strides=(1, 2, 2), padding="same", df="channels_first"),
    dict(kind="average", spatial=(3, 4, 4), pool=(2, 2, 2), strides=(2, 2, 2), padding="valid"),
    dict(kind="max", spatial=(5, 4, 4), pool=(3, 2, 2), strides=(1, 1, 1), padding="valid", df="channels_first"),
]
covers("max_pool", "average_pool")


def _pool_id(case):
    df = "cf" if case.get("df") == "channels_first" else "cl"
    return f"{case['kind']}-{len(case['spatial'])}d-{case['padding']}-p{'x'.join(map(str, case['pool']))}-s{'x'.join(map(str, case['strides']))}-{df}"


@pytest.mark.parametrize("case", POOL_CASES, ids=_pool_id)
def test_pool(case):
    rng = rng_for("pool", _pool_id(case))
    df = case.get("df", "channels_last")
    # max pooling sees only negative values, so zero padding instead of -inf would show
    lo, hi = (-5.0, -0.1) if case["kind"] == "max" else (0.1, 5.0)
    x = _nn_input(rng, 2, case["spatial"], 3, df, lo=lo, hi=hi)
    fn = B.max_pool if case["kind"] == "max" else B.average_pool
    reference = ref.max_pool if case["kind"] == "max" else ref.average_pool
    result = fn(T(x), case["pool"], case["strides"], case["padding"], df)
    expected = reference(x, case["pool"], case["strides"], case["padding"], df)
    out_spatial = _expected_conv_shape(case["spatial"], case["pool"], case["strides"], case["padding"], (1,) * len(case["pool"]))
    assert expected.shape == _channels_shape(2, out_spatial, 3, df)
    check(result, expected, "float32", loose=True)


covers("dense")


@pytest.mark.parametrize("dtype", FLOATS_NO64 + ("float64",))
@pytest.mark.parametrize("x_shape", [(4, 3), (2, 4, 3), (3,)], ids=str)
@pytest.mark.parametrize("with_bias", [True, False], ids=["bias", "no-bias"])
def test_dense(dtype, x_shape, with_bias):
    rng = rng_for("dense", dtype, x_shape, with_bias)
    x = make_values(("uniform", -2, 2), x_shape, dtype, rng)
    kernel = make_values(("uniform", -2, 2), (3, 5), dtype, rng)
    bias = make_values(("uniform", -2, 2), (5,), dtype, rng) if with_bias else None
    expected = as_reference_input(x) @ as_reference_input(kernel)
    if with_bias:
        expected = expected + as_reference_input(bias)
    result = B.dense(T(x), T(kernel), None if bias is None else T(bias))
    check(result, expected, dtype, loose=True)


covers("relu", "sparse_softmax_cross_entropy")


@pytest.mark.parametrize("dtype", FLOATS)
def test_relu(dtype):
    x = make_values(("withzero", -3, 3), (3, 5), dtype, rng_for("relu", dtype))
    check(B.relu(T(x)), np.maximum(as_reference_input(x), 0), dtype)


def test_relu_gradient_is_zero_at_zero():
    _, (grad,) = B.value_and_grad(lambda values: B.sum(B.relu(values[0]), None, False), False)(
        [T(np.array([-1.0, 0.0, 2.0], np.float32))])
    check(grad, np.array([0.0, 0.0, 1.0]), "float32")


def _log_softmax(x):
    shifted = x - x.max(-1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(-1, keepdims=True))


@pytest.mark.parametrize("dtype", FLOATS)
@pytest.mark.parametrize("shape", [(4, 3), (2, 3, 5), (6,)], ids=str)
def test_sparse_softmax_cross_entropy(dtype, shape):
    rng = rng_for("sparse-ce", dtype, shape)
    logits = make_values(("uniform", -4, 4), shape, dtype, rng)
    labels = rng.integers(0, shape[-1], size=shape[:-1]).astype("int32")
    expected = -np.take_along_axis(_log_softmax(as_reference_input(logits)), labels[..., None], -1)[..., 0]
    check(B.sparse_softmax_cross_entropy(T(logits), T(labels)), expected, dtype, loose=True)


def test_sparse_softmax_cross_entropy_gradient():
    logits = np.array([[1.0, 2.0, 0.5], [0.0, -1.0, 3.0]], np.float64)
    labels = np.array([2, 0], np.int32)

    def fn(values):
        return B.sum(B.sparse_softmax_cross_entropy(values[0], T(labels)), None, False)

    value, (grad,) = B.value_and_grad(fn, False)([T(logits)])
    probabilities = np.exp(_log_softmax(logits))
    check(value, -np.take_along_axis(_log_softmax(logits), labels[:, None], -1).sum(), "float64")
    check(grad, probabilities - np.eye(3)[labels], "float64")


# --------------------------------------------------------------------------- random

covers("random_uniform", "random_normal", "random_truncated_normal", "random_randint", "random_categorical", "random_gamma")
MOMENT_SAMPLES = 10_000


def _sample(name, dtype, seed, shape=(MOMENT_SAMPLES,)):
    s = seed_tensor(*seed)
    if name == "uniform":
        return B.random_uniform(shape, -2.0, 3.0, dtype, s)
    if name == "normal":
        return B.random_normal(shape, 1.0, 2.0, dtype, s)
    if name == "truncated_normal":
        return B.random_truncated_normal(shape, -1.0, 0.5, dtype, s)
    if name == "randint":
        return B.random_randint(shape, -3, 5, dtype, s)
    if name == "gamma":
        return B.random_gamma(shape, 2.0, dtype, s)
    raise AssertionError(name)


RANDOM_DTYPES = [
    ("uniform", "float32"), ("uniform", "float16"), ("uniform", "bfloat16"),
    ("normal", "float32"), ("normal", "float64"),
    ("truncated_normal", "float32"), ("truncated_normal", "float16"),
    ("randint", "int32"), ("randint", "int64"),
    ("gamma", "float64"),  # float32 gamma: test_random_gamma_moments_for_several_alphas
]


@pytest.mark.parametrize("name, dtype", RANDOM_DTYPES, ids=[f"{n}-{d}" for n, d in RANDOM_DTYPES])
def test_random_shape_dtype_range_and_moments(name, dtype):
    result = _sample(name, dtype, (42, 7))
    assert B.dtype_name(result) == dtype
    assert tuple(B.shape(result)) == (MOMENT_SAMPLES,)
    values = N(result)
    assert values.dtype == np_dtype(dtype)
    v = values.astype(np.float64)
    assert np.all(np.isfinite(v))
    if name == "uniform":
        assert v.min() >= -2.0 and v.max() < 3.0
        assert abs(v.mean() - 0.5) < 0.1
        assert abs(v.var() - 25 / 12) < 0.15
    elif name == "normal":
        assert abs(v.mean() - 1.0) < 0.1
        assert abs(v.std() - 2.0) < 0.1
    elif name == "truncated_normal":
        assert v.min() >= -2.0 and v.max() <= 0.0
        assert abs(v.mean() + 1.0) < 0.03
        # a standard normal truncated to +-2 has std 0.8796
        assert abs(v.std() - 0.5 * 0.8796) < 0.03
    elif name == "randint":
        assert np.all(values == np.round(values))
        assert v.min() >= -3 and v.max() < 5
        counts = np.bincount((values + 3).astype(np.int64), minlength=8)
        assert counts.shape == (8,) and np.all(counts > MOMENT_SAMPLES / 8 * 0.8), counts
    elif name == "gamma":
        assert v.min() >= 0.0
        assert abs(v.mean() - 2.0) < 0.1
        assert abs(v.var() - 2.0) < 0.25


@pytest.mark.parametrize("alpha", [0.5, 1.0, 5.0])
def test_random_gamma_moments_for_several_alphas(alpha):
    v = N(B.random_gamma((MOMENT_SAMPLES,), alpha, "float32", seed_tensor(3, 4))).astype(np.float64)
    assert v.min() >= 0.0
    assert abs(v.mean() - alpha) < 0.05 * alpha + 0.03
    assert abs(v.var() - alpha) < 0.12 * alpha + 0.03


@pytest.mark.parametrize("name", ["uniform", "normal", "truncated_normal", "randint", "gamma"])
def test_random_same_seed_same_numbers_different_seed_different(name):
    dtype = "int32" if name == "randint" else "float32"
    shape = (MOMENT_SAMPLES,)  # the shape of the moment tests, so compiled engines reuse their work
    a = N(_sample(name, dtype, (1, 2), shape))
    b = N(_sample(name, dtype, (1, 2), shape))
    c = N(_sample(name, dtype, (1, 3), shape))
    d = N(_sample(name, dtype, (5, 2), shape))
    assert a.shape == shape
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c)
    assert not np.array_equal(a, d)
    # the samples are not constant
    assert len(np.unique(a)) > (5 if name == "randint" else 100)


@pytest.mark.parametrize("shape", [(), (0,), (2, 3)], ids=str)
def test_random_shapes(shape):
    s = seed_tensor(9, 9)
    for result in (
        B.random_uniform(shape, 0.0, 1.0, "float32", s),
        B.random_randint(shape, 0, 10, "int32", s),
    ):
        assert tuple(B.shape(result)) == shape
        assert N(result).shape == shape


@pytest.mark.parametrize("dtype", ["int32", "int64"])
def test_random_categorical_follows_softmax(dtype):
    logits = np.array([[0.0, 1.0, 2.0], [2.0, 0.0, -30.0], [0.0, 0.0, 0.0]], np.float32)
    result = B.random_categorical(T(logits), MOMENT_SAMPLES, dtype, seed_tensor(11, 0))
    assert B.dtype_name(result) == dtype
    samples = N(result)
    assert samples.shape == (3, MOMENT_SAMPLES)
    assert samples.min() >= 0 and samples.max() <= 2
    probabilities = np.exp(logits) / np.exp(logits).sum(-1, keepdims=True)
    for row in range(3):
        frequency = np.bincount(samples[row].astype(np.int64), minlength=3) / MOMENT_SAMPLES
        np.testing.assert_allclose(frequency, probabilities[row], atol=0.025)
    assert np.all(samples[1] != 2)
    again = N(B.random_categorical(T(logits), MOMENT_SAMPLES, dtype, seed_tensor(11, 0)))
    np.testing.assert_array_equal(samples, again)


# --------------------------------------------------------------------------- control flow

covers("cond")


@pytest.mark.parametrize("pred_kind", ["python", "tensor"])
@pytest.mark.parametrize("pred", [True, False])
def test_cond(pred, pred_kind):
    p = pred if pred_kind == "python" else T(np.array(pred))
    x = T([1.0, 2.0], "float32")
    result = B.cond(p, lambda: B.multiply(x, x), lambda: B.negative(x))
    check(result, np.array([1.0, 4.0]) if pred else np.array([-1.0, -2.0]), "float32")


def test_cond_nested_structure_and_computed_predicate():
    x = T([1.0, -2.0, 3.0], "float32")
    pred = B.greater(B.sum(x, None, False), T(np.float32(0.0)))
    first, (second, third) = B.cond(
        pred,
        lambda: (B.add(x, x), (B.sum(x, None, False), B.cast(x, "int32"))),
        lambda: (x, (B.max(x, None, False), B.zeros((3,), "int32"))),
    )
    check(first, np.array([2.0, -4.0, 6.0]), "float32")
    check(second, np.array(2.0), "float32")
    check(third, np.array([1, -2, 3]), "int32")


covers("while_loop")


def test_while_loop_counts_and_accumulates():
    def cond(i, total):
        return B.less(i, T(np.int32(10)))

    def body(i, total):
        return B.add(i, T(np.int32(1))), B.add(total, B.cast(i, "float32"))

    i, total = B.while_loop(cond, body, (T(np.int32(0)), T(np.float32(0.0))), None)
    check(i, np.array(10), "int32")
    check(total, np.array(45.0), "float32")


def test_while_loop_maximum_iterations():
    def cond(i, v):
        return B.less(i, T(np.int32(100)))

    def body(i, v):
        return B.add(i, T(np.int32(1))), B.multiply(v, T(np.array([2.0, 3.0], np.float32)))

    result = B.while_loop(cond, body, (T(np.int32(0)), T(np.array([1.0, 1.0], np.float32))), 3)
    assert len(result) == 2
    check(result[0], np.array(3), "int32")
    check(result[1], np.array([8.0, 27.0]), "float32")


def test_while_loop_that_never_runs():
    result = B.while_loop(lambda x: B.less(x, T(np.float32(0.0))), lambda x: (B.add(x, x),), (T(np.float32(5.0)),), None)
    check(result[0], np.array(5.0), "float32")


covers("scan")


@pytest.mark.parametrize("reverse", [False, True])
def test_scan_cumulative_sum(reverse):
    xs = np.array([1.0, 2.0, 3.0, 4.0, 5.0], np.float32)

    def f(carry, x):
        new = B.add(carry, x)
        return new, B.multiply(new, T(np.float32(10.0)))

    final, ys = B.scan(f, T(np.float32(0.0)), T(xs), None, reverse)
    running = np.cumsum(xs[::-1])[::-1] if reverse else np.cumsum(xs)
    check(final, np.array(15.0), "float32")
    check(ys, running * 10.0, "float32")


@pytest.mark.parametrize("reverse", [False, True])
def test_scan_nested_carry_over_rows(reverse):
    xs = np.arange(12, dtype=np.float32).reshape(4, 3)
    init = {"total": T(np.zeros(3, np.float32)), "pair": (T(np.int32(0)), [T(np.float32(1.0))])}

    def f(carry, x):
        count, [product] = carry["pair"]
        new = {
            "total": B.add(carry["total"], x),
            "pair": (B.add(count, T(np.int32(1))), [B.multiply(product, B.sum(x, None, False))]),
        }
        return new, (B.max(x, None, False), count)

    final, (maxima, counts) = B.scan(f, init, T(xs), None, reverse)
    check(final["total"], xs.sum(0), "float32")
    check(final["pair"][0], np.array(4), "int32")
    check(final["pair"][1][0], np.prod(xs.sum(1)), "float32")
    check(maxima, xs.max(1), "float32")  # ys are stacked in the order of xs
    expected_counts = np.arange(4)[::-1] if reverse else np.arange(4)
    check(counts, expected_counts, "int32")


def test_scan_without_xs_uses_length():
    def f(carry, _):
        return B.multiply(carry, T(np.float32(2.0))), carry

    final, ys = B.scan(f, T(np.float32(1.0)), None, 4, False)
    check(final, np.array(16.0), "float32")
    check(ys, np.array([1.0, 2.0, 4.0, 8.0]), "float32")


covers("vectorized_map")


def test_vectorized_map_reduces_rows():
    x = np.arange(12, dtype=np.float32).reshape(4, 3)
    result = B.vectorized_map(lambda row: B.sum(B.multiply(row, row), None, False), T(x))
    check(result, (x * x).sum(1), "float32")


def test_vectorized_map_keeps_slice_shape():
    x = np.arange(24, dtype=np.float32).reshape(4, 2, 3)
    result = B.vectorized_map(lambda m: B.matmul(m, B.transpose(m, (1, 0))), T(x))
    check(result, x @ np.swapaxes(x, 1, 2), "float32")


# --------------------------------------------------------------------------- autodiff

covers("value_and_grad", "stop_gradient")


def test_value_and_grad_elementwise():
    x = np.array([1.0, -2.0, 0.5], np.float32)
    y = np.array([[0.3, 1.2], [-0.7, 2.0]], np.float32)
    c = np.float32(3.0)

    def fn(values, scale):
        a, b = values
        return B.add(B.sum(B.multiply(B.multiply(a, a), scale), None, False), B.sum(B.sin(b), None, False))

    value, grads = B.value_and_grad(fn, False)([T(x), T(y)], T(c))
    check(value, np.array(c * np.sum(x * x) + np.sum(np.sin(y.astype(np.float64)))), "float32")
    assert len(grads) == 2
    check(grads[0], 2 * c * x, "float32")
    check(grads[1], np.cos(y.astype(np.float64)), "float32")


def test_value_and_grad_matmul():
    rng = rng_for("vag-matmul")
    w = rng.normal(size=(2, 3)).astype(np.float64)
    v = rng.normal(size=(3,)).astype(np.float64)

    def fn(values):
        out = B.matmul(values[0], values[1])
        return B.sum(B.square(out), None, False)

    value, (gw, gv) = B.value_and_grad(fn, False)([T(w), T(v)])
    out = w @ v
    check(value, np.sum(out**2), "float64")
    check(gw, 2 * np.outer(out, v), "float64")
    check(gv, 2 * w.T @ out, "float64")


def test_value_and_grad_has_aux():
    x = np.array([1.0, 2.0, 3.0], np.float32)

    def fn(values):
        a = values[0]
        loss = B.sum(B.exp(a), None, False)
        return loss, {"double": B.add(a, a), "count": B.ones((), "int32")}

    (value, aux), grads = B.value_and_grad(fn, True)([T(x)])
    check(value, np.sum(np.exp(x.astype(np.float64))), "float32")
    check(aux["double"], 2 * x, "float32")
    check(aux["count"], np.array(1), "int32")
    check(grads[0], np.exp(x.astype(np.float64)), "float32")


def test_value_and_grad_through_control_flow():
    x = np.array([0.5, -1.0], np.float32)

    def fn(values):
        a = values[0]
        doubled = B.cond(T(np.array(True)), lambda: B.multiply(a, T(np.float32(2.0))), lambda: a)
        return B.sum(B.square(doubled), None, False)

    value, grads = B.value_and_grad(fn, False)([T(x)])
    check(value, np.sum((2 * x) ** 2), "float32")
    check(grads[0], 8 * x, "float32")


def test_stop_gradient_blocks_gradient():
    x = np.array([1.0, -3.0, 2.0], np.float32)

    def fn(values):
        a = values[0]
        return B.sum(B.multiply(B.stop_gradient(a), a), None, False)

    value, grads = B.value_and_grad(fn, False)([T(x)])
    check(value, np.sum(x * x), "float32")
    check(grads[0], x, "float32")  # not 2 * x


def test_stop_gradient_everywhere_gives_zero_gradient():
    x = np.array([1.0, -3.0], np.float32)

    def fn(values):
        return B.sum(B.square(B.stop_gradient(values[0])), None, False)

    value, grads = B.value_and_grad(fn, False)([T(x)])
    check(value, np.array(10.0), "float32")
    check(grads[0], np.zeros(2), "float32")


def test_stop_gradient_keeps_value():
    x = np.array([[1.5, -2.0]], np.float64)
    check(B.stop_gradient(T(x)), x, "float64")


# --------------------------------------------------------------------------- compile

covers("compile")


def _model_step(w, x, seed):
    """A small pure function that mixes matmul, reductions, control flow and randomness."""
    h = B.tanh(B.matmul(x, w))
    total = B.sum(h, None, False)
    scaled = B.cond(B.greater(total, T(np.float32(0.0))), lambda: B.multiply(h, T(np.float32(2.0))), lambda: h)
    _, steps = B.while_loop(
        lambda i, acc: B.less(i, T(np.int32(3))),
        lambda i, acc: (B.add(i, T(np.int32(1))), B.add(acc, B.mean(scaled, None, False))),
        (T(np.int32(0)), T(np.float32(0.0))),
        None,
    )
    noise = B.random_normal((2, 2), 0.0, 1.0, "float32", seed)
    return B.add(scaled, noise), steps


@pytest.mark.parametrize("jit", ["auto", False])
def test_compile_matches_eager(jit):
    rng = rng_for("compile")
    w = T(rng.normal(size=(3, 2)).astype(np.float32))
    x = T(rng.normal(size=(2, 3)).astype(np.float32))
    seed = seed_tensor(5, 6)
    eager_out, eager_steps = _model_step(w, x, seed)
    compiled = B.compile(_model_step, jit)
    out, steps = compiled(w, x, seed)
    check(out, N(eager_out), "float32", rtol=1e-5, atol=1e-5)
    check(steps, N(eager_steps), "float32", rtol=1e-5, atol=1e-5)
    # the compiled function is reusable, and random numbers follow the seed tensor
    again, _ = compiled(w, x, seed)
    np.testing.assert_array_equal(N(again), N(out))
    other, _ = compiled(w, x, seed_tensor(5, 7))
    assert not np.array_equal(N(other), N(out))


# --------------------------------------------------------------------------- recurrent

covers("lstm", "gru")


def _np_sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def _np_lstm(x, h, c, kernel, recurrent_kernel, bias):
    outputs = []
    for t in range(x.shape[1]):
        i, f, g, o = np.split(x[:, t] @ kernel + h @ recurrent_kernel + bias, 4, axis=-1)
        c = _np_sigmoid(f) * c + _np_sigmoid(i) * np.tanh(g)
        h = _np_sigmoid(o) * np.tanh(c)
        outputs.append(h)
    return np.stack(outputs, 1), h, c


def _np_gru(x, h, kernel, recurrent_kernel, bias):
    outputs = []
    for t in range(x.shape[1]):
        x_z, x_r, x_h = np.split(x[:, t] @ kernel + bias[0], 3, axis=-1)
        h_z, h_r, h_h = np.split(h @ recurrent_kernel + bias[1], 3, axis=-1)
        z, r = _np_sigmoid(x_z + h_z), _np_sigmoid(x_r + h_r)
        h = z * h + (1 - z) * np.tanh(x_h + r * h_h)
        outputs.append(h)
    return np.stack(outputs, 1), h


@pytest.mark.parametrize("go_backwards", [False, True])
def test_fused_recurrent_layers_match_the_step_math(go_backwards):
    """None where the engine has no fused kernel; otherwise Keras's LSTM and GRU (reset_after) math."""
    rng = np.random.default_rng(3)
    batch, steps, features, units = 2, 5, 3, 4
    x = rng.normal(size=(batch, steps, features))
    h0, c0 = rng.normal(size=(batch, units)), rng.normal(size=(batch, units))
    seq = x[:, ::-1] if go_backwards else x
    lstm_weights = [rng.normal(scale=0.5, size=s) for s in ((features, 4 * units), (units, 4 * units), (4 * units,))]
    result = B.lstm(T(x), T(h0), T(c0), *map(T, lstm_weights), go_backwards)
    if result is not None:
        for got, want in zip(result, _np_lstm(seq, h0, c0, *lstm_weights)):
            check(got, want, "float64")
    gru_weights = [rng.normal(scale=0.5, size=s) for s in ((features, 3 * units), (units, 3 * units), (2, 3 * units))]
    result = B.gru(T(x), T(h0), *map(T, gru_weights), go_backwards)
    if result is not None:
        for got, want in zip(result, _np_gru(seq, h0, *gru_weights)):
            check(got, want, "float64")


# --------------------------------------------------------------------------- coverage by calls


def test_tables_name_real_primitives():
    for table in (UNARY, BINARY):
        for op in table:
            assert op.name in interface.PRIMITIVE_NAMES, op.name
    for case in SHAPE_CASES:
        assert case[1] in interface.PRIMITIVE_NAMES, case[1]
