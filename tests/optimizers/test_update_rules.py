"""Each optimizer's first three steps against a NumPy restatement of Keras 3's rule."""

import numpy as np
import pytest

from frontend import Variable, optimizers

from . import reference
from .support import BIAS, GRADIENTS, KERNEL, assert_history_close, make_variables, run

CASES = [
    ("SGD", {}, reference.sgd, {}),
    ("SGD", {"momentum": 0.9}, reference.sgd, {"momentum": 0.9}),
    ("SGD", {"momentum": 0.9, "nesterov": True}, reference.sgd, {"momentum": 0.9, "nesterov": True}),
    ("Adam", {}, reference.adam, {}),
    ("Adam", {"amsgrad": True, "beta_1": 0.8}, reference.adam, {"amsgrad": True, "beta_1": 0.8}),
    ("AdamW", {"weight_decay": 0.1}, reference.adam, {"weight_decay": 0.1}),
    ("Adamax", {}, reference.adamax, {}),
    ("Nadam", {}, reference.nadam, {}),
    ("RMSprop", {}, reference.rmsprop, {}),
    ("RMSprop", {"momentum": 0.5, "centered": True}, reference.rmsprop, {"momentum": 0.5, "centered": True}),
    ("Adagrad", {}, reference.adagrad, {}),
    ("Adadelta", {}, reference.adadelta, {}),
    ("Adafactor", {}, reference.adafactor, {}),
    ("Adafactor", {"relative_step": False}, reference.adafactor, {"relative_step": False}),
    ("Ftrl", {}, reference.ftrl, {}),
    ("Ftrl", {"l1_regularization_strength": 0.01, "l2_regularization_strength": 0.02,
              "l2_shrinkage_regularization_strength": 0.03, "beta": 0.5},
     reference.ftrl, {"l1_regularization_strength": 0.01, "l2_regularization_strength": 0.02,
                      "l2_shrinkage_regularization_strength": 0.03, "beta": 0.5}),
    ("Lion", {}, reference.lion, {}),
    ("Lamb", {}, reference.lamb, {}),
]


def reference_history(rule, hyper, learning_rate, steps=3):
    weights = [KERNEL.astype("float64"), BIAS.astype("float64")]
    states, shared, history = [{}, {}], {"u_product": 1.0}, []
    for t, grads in enumerate(GRADIENTS[:steps], start=1):
        extra = {}
        if rule is reference.nadam:
            shared["u_product"] *= 0.9 * (1 - 0.5 * 0.96**t)
            extra["shared"] = shared
        weights = [rule(w, g.astype("float64"), s, t, learning_rate, **hyper, **extra)
                   for w, g, s in zip(weights, grads, states)]
        history.append(tuple(weights))
    return history


@pytest.mark.parametrize("name, kwargs, rule, hyper", CASES,
                         ids=[f"{c[0]}-{'-'.join(c[1]) or 'default'}" for c in CASES])
def test_first_steps_match_the_numpy_rule(name, kwargs, rule, hyper):
    learning_rate = 1.0 if name == "Adadelta" else 0.1
    optimizer = getattr(optimizers, name)(learning_rate=learning_rate, **kwargs)
    assert_history_close(run(optimizer), reference_history(rule, hyper, learning_rate))
    assert int(optimizer.iterations) == 3


def test_update_step_updates_one_variable_and_its_slots():
    kernel, bias = make_variables()
    optimizer = optimizers.Adam(learning_rate=0.1)
    optimizer.build([kernel, bias])
    optimizer.update_step(GRADIENTS[0][1], bias, 0.1)
    state = {}
    expected = reference.adam(BIAS.astype("float64"), GRADIENTS[0][1].astype("float64"), state, 1, 0.1)
    np.testing.assert_allclose(bias.numpy(), expected, rtol=1e-6, atol=1e-6)
    np.testing.assert_allclose(optimizer._momentums[1].numpy(), state["m"], rtol=1e-6)
    np.testing.assert_array_equal(kernel.numpy(), KERNEL)


class KerasStyleSGD(optimizers.Optimizer):
    """A user optimizer written the Keras 3 way: build slots, then update_step per variable."""

    def build(self, variables):
        super().build(variables)
        self.velocities = self.add_optimizer_variables(variables, "velocity")

    def update_step(self, gradient, variable, learning_rate):
        velocity = self.velocities[self._get_variable_index(variable)]
        self.assign(velocity, velocity * 0.5 + gradient)
        self.assign_sub(variable, velocity * learning_rate)


def test_a_keras_style_subclass_runs_update_step_per_variable():
    optimizer = KerasStyleSGD(learning_rate=0.1)
    got = run(optimizer, steps=2)
    velocity = [np.zeros_like(KERNEL), np.zeros_like(BIAS)]
    weights = [KERNEL.copy(), BIAS.copy()]
    for grads, pair in zip(GRADIENTS, got):
        for i, g in enumerate(grads):
            velocity[i] = velocity[i] * 0.5 + g
            weights[i] = weights[i] - velocity[i] * np.float32(0.1)
            np.testing.assert_allclose(pair[i], weights[i], rtol=1e-6)
    assert [v.path for v in optimizer.variables][2:] == ["keras_style_sgd/dense_kernel_velocity",
                                                         "keras_style_sgd/dense_bias_velocity"]


def test_base_optimizer_without_update_math_says_what_to_implement():
    optimizer = optimizers.Optimizer()
    with pytest.raises(NotImplementedError, match="must implement `update_step"):
        optimizer.apply([np.ones((2,), "float32")], [Variable(np.zeros((2,), "float32"))])


def test_float64_variables_update_in_float64():
    weight = Variable(np.array([1.0, -2.0]), name="w")
    assert weight.dtype == "float64"
    optimizer = optimizers.Adam(learning_rate=0.1)
    optimizer.apply([np.array([0.5, 0.25])], [weight])
    state = {}
    expected = reference.adam(np.array([1.0, -2.0]), np.array([0.5, 0.25]), state, 1, np.float32(0.1))
    assert weight.dtype == "float64" and optimizer._momentums[0].dtype == "float64"
    np.testing.assert_allclose(weight.numpy(), expected, rtol=1e-12)
