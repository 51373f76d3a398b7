"""Conversion and introspection: convert_to_tensor/numpy, cast, saturate_cast, dtype, shape, ndim, size, is_tensor."""

import ml_dtypes
import numpy as np
import pytest

from frontend import ops

from .support import ALL_DTYPES, BF16, check, cover, np_dtype

cover("convert_to_tensor", "convert_to_numpy", "cast", "saturate_cast", "dtype", "shape", "ndim", "size", "is_tensor")

CONVERSIONS = [
    # (id, value, expected dtype, expected NumPy value)
    ("python-int", 3, "int32", np.array(3)),
    ("python-float", 2.5, "float32", np.array(2.5)),
    ("python-bool", True, "bool", np.array(True)),
    ("int-list", [[1, 2], [3, 4]], "int32", np.array([[1, 2], [3, 4]])),
    ("float-list", [1.0, 2.5], "float32", np.array([1.0, 2.5])),
    ("mixed-list", [1, 2.5], "float32", np.array([1.0, 2.5])),
    ("bool-list", [True, False], "bool", np.array([True, False])),
    ("empty-list", [], "float32", np.zeros(0)),
    ("numpy-int64", np.array([1, 2], "int64"), "int64", np.array([1, 2])),
    ("numpy-float64", np.array([0.5], "float64"), "float64", np.array([0.5])),
    ("numpy-uint8", np.array([255], "uint8"), "uint8", np.array([255])),
    ("numpy-bfloat16", np.array([1.5], BF16), "bfloat16", np.array([1.5])),
    ("numpy-scalar-f64", np.float64(1.25), "float64", np.array(1.25)),
    ("numpy-scalar-i16", np.int16(-3), "int16", np.array(-3)),
    ("numpy-empty", np.zeros((0, 3), "float16"), "float16", np.zeros((0, 3))),
    ("list-of-tensors", "tensors", "float32", np.array([[1.0, 2.0], [3.0, 4.0]])),
]


@pytest.mark.parametrize("value, dtype, expected", [pytest.param(*c[1:], id=c[0]) for c in CONVERSIONS])
def test_convert_to_tensor(value, dtype, expected):
    if isinstance(value, str):
        value = [ops.convert_to_tensor(np.array([1.0, 2.0], "float32")), np.array([3.0, 4.0], "float32")]
    result = ops.convert_to_tensor(value)
    assert ops.is_tensor(result)
    check(result, expected, dtype)
    assert ops.dtype(value) == dtype


@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_python_scalars_convert_exactly_to_every_dtype(dtype):
    for value in (True, 3, 2.5):
        result = ops.convert_to_numpy(ops.convert_to_tensor(value, dtype=dtype))
        assert result.dtype == np_dtype(dtype) and result.shape == ()
        assert result.astype(np.float64) == np.asarray(value).astype(np_dtype(dtype)).astype(np.float64)
    assert ops.convert_to_numpy(ops.convert_to_tensor(0.1, "float64")) == 0.1  # not rounded through float32


@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_convert_to_tensor_with_dtype_and_back(dtype):
    value = np.array([[0, 1, 2], [3, 1, 0]])
    result = ops.convert_to_tensor(value, dtype=dtype)
    check(result, value.astype(np_dtype(dtype)).astype(np.float64), dtype)
    back = ops.convert_to_numpy(result)
    assert isinstance(back, np.ndarray) and back.dtype == np_dtype(dtype)
    np.testing.assert_array_equal(back.astype(np.float64), value.astype(np_dtype(dtype)).astype(np.float64))
    assert ops.convert_to_tensor(result) is result


def test_convert_to_numpy_inputs():
    array = np.arange(3)
    assert ops.convert_to_numpy(array) is array
    np.testing.assert_array_equal(ops.convert_to_numpy([1, 2]), [1, 2])
    assert ops.convert_to_numpy(ops.ones((2,), "bfloat16")).dtype == np.dtype(ml_dtypes.bfloat16)


CAST_SOURCE = np.array([[-1.7, 0.0, 2.5], [3.9, -0.2, 1.0]], "float32")


@pytest.mark.parametrize("target", ALL_DTYPES)
@pytest.mark.parametrize("source", ["float32", "int32", "bool", "float16", "int8"])
def test_cast_grid(source, target):
    if source == "bool":
        x = CAST_SOURCE > 0
    elif source in ("float32", "float16"):
        x = CAST_SOURCE.astype(source)
    else:
        x = np.abs(np.trunc(CAST_SOURCE)).astype(source)  # non-negative: valid for uint8 too
    if target == "uint8" and source in ("float32", "float16"):
        x = np.abs(x)
    expected = x.astype(np_dtype(target)) if target != "bool" else x != 0
    for value in (x, ops.convert_to_tensor(x)):
        result = ops.cast(value, target)
        check(result, np.asarray(expected).astype(np.float64) if target != "bool" else expected, target,
              rtol=1e-2 if target in ("float16", "bfloat16") else None)


@pytest.mark.parametrize("spelling, name", [("float", "float32"), ("double", "float64"), (np.int16, "int16"),
                                            (np.dtype("uint8"), "uint8"), (bool, "bool"), (int, "int32"),
                                            (float, "float32"), ("bfloat16", "bfloat16")])
def test_cast_dtype_spellings(spelling, name):
    assert ops.dtype(ops.cast([1, 0], spelling)) == name


SATURATE = [
    ("float32", "uint8", [-5.0, 0.5, 300.0], [0, 0, 255]),
    ("float32", "int8", [-300.0, 12.7, 200.0], [-128, 12, 127]),
    ("int32", "int8", [-1000, 5, 1000], [-128, 5, 127]),
    ("int32", "uint8", [-1, 7, 256], [0, 7, 255]),
    ("int16", "int32", [-7, 0, 7], [-7, 0, 7]),
    ("float64", "int16", [1e9, -1e9, 3.5], [32767, -32768, 3]),
    ("float32", "float16", [1.5, -2.0, 0.25], [1.5, -2.0, 0.25]),
]


@pytest.mark.parametrize("source, target, values, expected", SATURATE, ids=[f"{s}-{t}" for s, t, *_ in SATURATE])
def test_saturate_cast(source, target, values, expected):
    check(ops.saturate_cast(np.array(values, source), target), np.array(expected), target)


@pytest.mark.parametrize("kind", ["numpy", "list", "tensor", "scalar"])
def test_shape_ndim_size(kind):
    array = np.zeros((2, 3, 4), "float32")
    value = {"numpy": array, "list": array.tolist(), "tensor": ops.convert_to_tensor(array), "scalar": 1.5}[kind]
    shape = () if kind == "scalar" else (2, 3, 4)
    assert tuple(ops.shape(value)) == shape
    assert ops.ndim(value) == len(shape)
    assert ops.size(value) == int(np.prod(shape))
    assert ops.is_tensor(value) == (kind == "tensor")
    assert ops.dtype(value) == "float32"


def test_empty_shape():
    x = ops.zeros((0, 3))
    assert ops.shape(x) == (0, 3) and ops.size(x) == 0 and ops.ndim(x) == 2


def test_variables_are_accepted_as_inputs():
    import frontend

    variable = frontend.Variable(np.array([[1.0, 2.0], [3.0, 4.0]], "float32"))
    check(ops.add(variable, 1), np.array([[2.0, 3.0], [4.0, 5.0]]), "float32")
    check(ops.matmul(variable, variable), np.array([[7.0, 10.0], [15.0, 22.0]]), "float32")
    check(ops.convert_to_tensor(variable), np.array([[1.0, 2.0], [3.0, 4.0]]), "float32")
    assert ops.dtype(ops.multiply(variable, np.float64(2.0))) == "float64"
