"""Variable: storage, assignment, metadata, operators, and the StatelessScope."""

import numpy as np
import pytest

import frontend
from frontend import ops
from frontend.backends import active as B


def value(x):
    return ops.convert_to_numpy(x)


def test_initial_value_shape_dtype_and_metadata():
    v = frontend.Variable(np.arange(6, dtype="float32").reshape(2, 3), name="kernel")
    assert v.shape == (2, 3)
    assert v.ndim == 2
    assert v.dtype == "float32"
    assert v.name == "kernel" and v.path == "kernel"
    assert v.trainable
    np.testing.assert_array_equal(v.numpy(), np.arange(6).reshape(2, 3))
    np.testing.assert_array_equal(np.asarray(v), np.arange(6).reshape(2, 3))


def test_callable_initializer_and_dtype():
    v = frontend.Variable(lambda shape, dtype: np.full(shape, 3, dtype), shape=(2,), dtype="int32", trainable=False)
    assert v.dtype == "int32" and not v.trainable
    np.testing.assert_array_equal(v.numpy(), [3, 3])


def test_python_scalar_defaults_follow_keras():
    assert frontend.Variable(1.5).dtype == "float32"
    assert frontend.Variable(2).dtype == "int32"


def test_native_storage_is_the_engine_type():
    v = frontend.Variable(np.ones(3, "float32"))
    storage_type = type(v._storage).__name__
    expected = {"torch": "Parameter", "tensorflow": "ResourceVariable", "jax": "ArrayImpl"}
    assert storage_type == expected[frontend.backend.backend()]


def test_assign_family():
    v = frontend.Variable(np.zeros(3, "float32"))
    v.assign([1.0, 2.0, 3.0])
    v.assign_add(np.ones(3, "float32"))
    v.assign_sub(0.5)
    np.testing.assert_allclose(v.numpy(), [1.5, 2.5, 3.5])


def test_assign_casts_to_variable_dtype():
    v = frontend.Variable(np.zeros(2, "float32"))
    v.assign(np.array([1, 2], "int64"))
    assert v.dtype == "float32"
    assert ops.dtype(v.value) == "float32"


def test_assign_wrong_shape_names_the_variable():
    v = frontend.Variable(np.zeros((2, 3), "float32"), name="bias_var")
    with pytest.raises(ValueError, match=r"bias_var.*\(3, 2\).*\(2, 3\)"):
        v.assign(np.zeros((3, 2), "float32"))
    np.testing.assert_array_equal(v.numpy(), np.zeros((2, 3)))


def test_bad_name_and_callable_without_shape():
    with pytest.raises(ValueError, match="name"):
        frontend.Variable(1.0, name="a/b")
    with pytest.raises(ValueError, match="shape"):
        frontend.Variable(lambda shape, dtype: np.zeros(shape))


def test_unique_auto_names():
    names = {frontend.Variable(0.0).name for _ in range(3)}
    assert len(names) == 3


def test_operators_go_through_ops():
    v = frontend.Variable(np.array([1.0, 2.0, 4.0], "float32"))
    np.testing.assert_allclose(value(v + 1), [2, 3, 5])
    np.testing.assert_allclose(value(1 - v), [0, -1, -3])
    np.testing.assert_allclose(value(v * v), [1, 4, 16])
    np.testing.assert_allclose(value(v / 2), [0.5, 1, 2])
    np.testing.assert_allclose(value(2 / v), [2, 1, 0.5])
    np.testing.assert_allclose(value(v ** 2), [1, 4, 16])
    np.testing.assert_allclose(value(-v), [-1, -2, -4])
    np.testing.assert_allclose(value(v[1:]), [2, 4])
    np.testing.assert_array_equal(value(v > 1.5), [False, True, True])
    np.testing.assert_allclose(value(np.ones(3, "float32") + v), [2, 3, 5])
    m = frontend.Variable(np.eye(2, dtype="float32"))
    np.testing.assert_allclose(value(m @ np.array([[1.0], [2.0]], "float32")), [[1], [2]])


def test_variable_in_ops_and_native_tensor_math():
    v = frontend.Variable(np.array([3.0, 4.0], "float32"))
    assert float(value(ops.linalg.norm(v))) == pytest.approx(5.0)
    native = B.convert_to_tensor(np.array([1.0, 1.0], "float32"))
    np.testing.assert_allclose(value(ops.add(native, v)), [4, 5])


def test_stateless_scope_substitutes_and_collects():
    v = frontend.Variable(np.array([1.0, 2.0], "float32"))
    w = frontend.Variable(np.array([10.0], "float32"))
    with frontend.StatelessScope([(v, ops.convert_to_tensor([5.0, 6.0]))]) as scope:
        np.testing.assert_allclose(value(v.value), [5, 6])
        np.testing.assert_allclose(value(w.value), [10])
        v.assign_add([1.0, 1.0])
        np.testing.assert_allclose(value(v.value), [6, 7])
        w.assign([0.0])
    np.testing.assert_allclose(v.numpy(), [1, 2])
    np.testing.assert_allclose(w.numpy(), [10])
    updates = {var.name: value(val) for var, val in scope.collected_updates()}
    np.testing.assert_allclose(updates[v.name], [6, 7])
    np.testing.assert_allclose(updates[w.name], [0])


def test_nested_scopes_use_the_innermost():
    v = frontend.Variable(np.array(1.0, "float32"))
    with frontend.StatelessScope([(v, ops.convert_to_tensor(2.0))]):
        with frontend.StatelessScope([(v, ops.convert_to_tensor(3.0))]):
            assert float(value(v.value)) == 3.0
        assert float(value(v.value)) == 2.0
    assert float(v.numpy()) == 1.0


def test_nested_stateless_scopes_read_through_to_the_enclosing_one():
    outer_only = frontend.Variable(np.float32(1.0))
    inner_only = frontend.Variable(np.float32(2.0))
    with frontend.StatelessScope([(outer_only, np.float32(10.0))]):
        with frontend.StatelessScope([(inner_only, np.float32(20.0))]):
            assert float(outer_only.numpy()) == 10.0
            assert float(inner_only.numpy()) == 20.0
        assert float(inner_only.numpy()) == 2.0
