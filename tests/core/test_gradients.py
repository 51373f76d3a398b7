"""Gradients of functions of Variables, written once for every engine, eager and compiled."""

import numpy as np
import pytest

import frontend
from frontend import ops


def test_compute_gradients_matches_analytic():
    x = np.array([[1.0, 2.0], [3.0, 4.0]], "float32")
    w = frontend.Variable(np.array([[0.5], [-1.0]], "float32"))
    b = frontend.Variable(np.array([0.25], "float32"))

    def loss_fn():
        return ops.sum(ops.square(ops.add(ops.matmul(x, w), b)))

    loss, (grad_w, grad_b) = frontend.backend.compute_gradients(loss_fn, [w, b])
    residual = x @ w.numpy() + b.numpy()
    assert float(ops.convert_to_numpy(loss)) == pytest.approx(float((residual**2).sum()))
    np.testing.assert_allclose(ops.convert_to_numpy(grad_w), 2 * x.T @ residual, rtol=1e-6)
    np.testing.assert_allclose(ops.convert_to_numpy(grad_b), 2 * residual.sum(0), rtol=1e-6)


def test_non_trainable_assignments_inside_loss_are_applied():
    w = frontend.Variable(np.array(3.0, "float32"))
    calls = frontend.Variable(np.array(0, "int32"), trainable=False)

    def loss_fn():
        calls.assign_add(1)
        return ops.multiply(w, w)

    _, (grad,) = frontend.backend.compute_gradients(loss_fn, [w])
    assert float(ops.convert_to_numpy(grad)) == pytest.approx(6.0)
    assert int(calls.numpy()) == 1


def test_value_and_grad_with_aux():
    def fn(values, scale):
        (x,) = values
        return ops.sum(ops.multiply(ops.sin(x), scale)), ops.cos(x)

    x = ops.convert_to_tensor(np.array([0.0, 1.0], "float32"))
    (result, aux), (grad,) = frontend.backend.value_and_grad(fn, has_aux=True)([x], 2.0)
    np.testing.assert_allclose(ops.convert_to_numpy(result), 2 * np.sin([0.0, 1.0]).sum(), rtol=1e-6)
    np.testing.assert_allclose(ops.convert_to_numpy(grad), 2 * np.cos([0.0, 1.0]), rtol=1e-6)
    np.testing.assert_allclose(ops.convert_to_numpy(aux), np.cos([0.0, 1.0]), rtol=1e-6)


def test_stateless_training_step_compiles():
    """The pattern a compiled train step uses: state in, new state out, no side effects."""
    x = np.linspace(-1, 1, 16, dtype="float32").reshape(-1, 1)
    y = 3 * x - 1
    w = frontend.Variable(np.zeros((1, 1), "float32"))
    b = frontend.Variable(np.zeros((1,), "float32"))
    variables = [w, b]

    def loss_of(values):
        with frontend.StatelessScope(zip(variables, values)):
            prediction = ops.add(ops.matmul(x, w), b)
            return ops.mean(ops.square(ops.subtract(prediction, y)))

    grad_fn = frontend.backend.value_and_grad(loss_of)

    def step(values):
        loss, grads = grad_fn(values)
        return loss, [ops.subtract(v, ops.multiply(g, 0.5)) for v, g in zip(values, grads)]

    compiled = frontend.backend.compile(step)
    values = [v.value for v in variables]
    for _ in range(100):
        loss, values = compiled(values)
    for variable, new_value in zip(variables, values):
        variable.assign(new_value)
    assert float(ops.convert_to_numpy(loss)) < 1e-6
    np.testing.assert_allclose(w.numpy(), [[3.0]], atol=1e-3)
    np.testing.assert_allclose(b.numpy(), [-1.0], atol=1e-3)


def test_compile_rejects_unknown_mode():
    with pytest.raises(ValueError, match="jit"):
        frontend.backend.compile(lambda x: x, jit="sometimes")
