"""Optimizer state: variable names and order, iterations, the learning rate between steps,
EMA, gradient accumulation, and getting/setting the state."""

import numpy as np
import pytest

from frontend import backend, ops, optimizers
from frontend.optimizers import schedules

from .support import BIAS, GRADIENTS, KERNEL, make_variables, run


def test_variables_follow_keras_names_and_order():
    optimizer = optimizers.Adam(name="adam", use_ema=True, gradient_accumulation_steps=2)
    optimizer.build(make_variables())
    assert [v.path for v in optimizer.variables] == [
        "adam/iteration", "adam/learning_rate",
        "adam/dense_kernel_average", "adam/dense_bias_average",
        "adam/dense_kernel_gradient_accumulator", "adam/dense_bias_gradient_accumulator",
        "adam/dense_kernel_momentum", "adam/dense_kernel_velocity",
        "adam/dense_bias_momentum", "adam/dense_bias_velocity",
    ]
    assert not any(v.trainable for v in optimizer.variables)
    assert optimizer.variables[0].dtype == "int64" and optimizer.variables[1].dtype == "float32"


def test_slot_layouts_of_nadam_and_adafactor():
    nadam = optimizers.Nadam(name="nadam")
    nadam.build(make_variables())
    assert nadam.variables[-1].path == "nadam/u_product" and float(nadam.variables[-1]) == 1.0
    adafactor = optimizers.Adafactor(name="adafactor")
    adafactor.build(make_variables())
    assert [(v.path, v.shape) for v in adafactor.variables[2:]] == [
        ("adafactor/kernel", (2,)), ("adafactor/kernel", (3,)), ("adafactor/dense_kernel_velocity", (2, 3)),
        ("adafactor/bias", ()), ("adafactor/bias", ()), ("adafactor/dense_bias_velocity", (3,)),
    ]


def test_default_names_are_unique_snake_case():
    first, second = optimizers.RMSprop(), optimizers.RMSprop()
    assert first.name.startswith("rm_sprop") and first.name != second.name


def test_iterations_count_applied_steps():
    variables = make_variables()
    optimizer = optimizers.SGD()
    run(optimizer, steps=2, variables=variables)
    assert int(optimizer.iterations) == 2 and optimizer.iterations.dtype == "int64"
    returned = optimizer.apply_gradients(zip(GRADIENTS[2], variables))
    assert returned is optimizer.iterations and int(returned) == 3


def test_learning_rate_is_a_variable_that_can_be_set_between_steps():
    kernel, bias = make_variables()
    optimizer = optimizers.SGD(learning_rate=0.1)
    assert float(optimizer.learning_rate) == pytest.approx(0.1)
    optimizer.apply([np.ones_like(KERNEL), np.ones_like(BIAS)], [kernel, bias])
    optimizer.learning_rate = 0.01
    optimizer.apply([np.ones_like(KERNEL), np.ones_like(BIAS)], [kernel, bias])
    np.testing.assert_allclose(kernel.numpy(), KERNEL - 0.11, rtol=1e-6)
    assert optimizer.get_config()["learning_rate"] == pytest.approx(0.01)


def test_a_schedule_is_evaluated_at_the_current_iteration():
    kernel, bias = make_variables()
    optimizer = optimizers.SGD(learning_rate=schedules.ExponentialDecay(0.1, decay_steps=1, decay_rate=0.5))
    assert [v.path.split("/")[1] for v in optimizer.variables] == ["iteration"]
    for _ in range(3):
        optimizer.apply([np.ones_like(KERNEL), np.ones_like(BIAS)], [kernel, bias])
    np.testing.assert_allclose(kernel.numpy(), KERNEL - (0.1 + 0.05 + 0.025), rtol=1e-6)
    assert float(optimizer.learning_rate) == pytest.approx(0.0125)
    with pytest.raises(TypeError, match="its learning rate is not settable"):
        optimizer.learning_rate = 0.5


def test_a_callable_learning_rate_and_bad_values():
    kernel, bias = make_variables()
    optimizer = optimizers.SGD(learning_rate=lambda: 0.5)
    optimizer.apply([np.ones_like(KERNEL), np.ones_like(BIAS)], [kernel, bias])
    np.testing.assert_allclose(bias.numpy(), BIAS - 0.5, rtol=1e-6)
    with pytest.raises(ValueError, match="Argument `learning_rate` should be float"):
        optimizers.SGD(learning_rate="fast")
    with pytest.raises(ValueError, match=r"Argument\(s\) not recognized"):
        optimizers.SGD(lr=0.1)


def test_ema_averages_weights_and_finalize_writes_them():
    kernel, bias = make_variables()
    optimizer = optimizers.SGD(learning_rate=1.0, use_ema=True, ema_momentum=0.5)
    history = run(optimizer, steps=2, variables=[kernel, bias])
    averages = optimizer._model_variables_moving_average
    np.testing.assert_allclose(averages[0].numpy(), 0.5 * history[0][0] + 0.5 * history[1][0], rtol=1e-6)
    optimizer.finalize_variable_values([kernel, bias])
    np.testing.assert_allclose(bias.numpy(), 0.5 * history[0][1] + 0.5 * history[1][1], rtol=1e-6)


def test_ema_overwrite_frequency_swaps_in_the_average():
    kernel, bias = make_variables()
    optimizer = optimizers.SGD(learning_rate=1.0, use_ema=True, ema_momentum=0.5, ema_overwrite_frequency=2)
    run(optimizer, steps=1, variables=[kernel, bias])
    after_one = kernel.numpy().copy()
    optimizer.apply(GRADIENTS[1], [kernel, bias])
    np.testing.assert_allclose(kernel.numpy(), 0.5 * after_one + 0.5 * (after_one - GRADIENTS[1][0]), rtol=1e-6)
    with pytest.raises(ValueError, match="`ema_momentum` must be in the range"):
        optimizers.SGD(use_ema=True, ema_momentum=2.0)


def test_gradient_accumulation_applies_the_mean_every_n_steps():
    kernel, bias = make_variables()
    optimizer = optimizers.SGD(learning_rate=1.0, gradient_accumulation_steps=2)
    history = run(optimizer, steps=3, variables=[kernel, bias])
    np.testing.assert_array_equal(history[0][0], KERNEL)
    mean = (GRADIENTS[0][0] + GRADIENTS[1][0]) / 2
    np.testing.assert_allclose(history[1][0], KERNEL - mean, rtol=1e-6)
    np.testing.assert_allclose(history[2][0], history[1][0], rtol=1e-6)
    np.testing.assert_allclose(optimizer._accumulated_gradients[0].numpy(), GRADIENTS[2][0], rtol=1e-6)
    assert int(optimizer.iterations) == 1 and int(optimizer._iterations) == 3
    with pytest.raises(ValueError, match="must be an integer >= 2"):
        optimizers.SGD(gradient_accumulation_steps=1)


def test_accumulated_adam_steps_see_the_update_count():
    """Bias correction uses the number of real updates: two accumulated steps equal one plain step."""
    accumulated = optimizers.Adam(learning_rate=0.1, gradient_accumulation_steps=2)
    plain = optimizers.Adam(learning_rate=0.1)
    variables = make_variables()
    mean = [(a + b) / 2 for a, b in zip(GRADIENTS[0], GRADIENTS[1])]
    for grads in GRADIENTS[:2]:
        accumulated.apply(grads, variables)
    expected = make_variables()
    plain.apply(mean, expected)
    for got, want in zip(variables, expected):
        np.testing.assert_allclose(got.numpy(), want.numpy(), rtol=1e-6)


def test_set_weights_and_save_load_round_trip():
    source = optimizers.Adam()
    run(source, steps=2)
    store = {}
    source.save_own_variables(store)
    target = optimizers.Adam()
    target.build(make_variables())
    target.load_own_variables(store)
    for a, b in zip(source.variables, target.variables):
        np.testing.assert_array_equal(a.numpy(), b.numpy())
    target.set_weights([np.zeros(v.shape, v.dtype) for v in target.variables])
    assert int(target.iterations) == 0
    with pytest.raises(ValueError, match="not compatible with provided weight shape"):
        target.set_weights([np.zeros((5,))])
    with pytest.raises(ValueError, match="has not yet been built"):
        optimizers.Adam().set_weights([])


def test_unknown_variables_are_refused():
    optimizer = optimizers.SGD()
    optimizer.build(make_variables())
    with pytest.raises(ValueError, match="Unknown variable: dense/kernel"):
        optimizer.apply([np.ones_like(KERNEL)], [make_variables()[0]])


@pytest.mark.skipif(backend.backend() == "jax", reason="jax.jit steps are pure: they take the state as arguments")
def test_a_compiled_stateful_step_reads_the_learning_rate_set_between_calls():
    kernel, bias = make_variables()
    optimizer = optimizers.SGD(learning_rate=0.1)
    optimizer.build([kernel, bias])
    grads = [ops.ones_like(kernel.value), ops.ones_like(bias.value)]
    step = backend.compile(lambda: optimizer.apply(grads, [kernel, bias]))
    step()
    optimizer.learning_rate = 0.01
    step()
    np.testing.assert_allclose(kernel.numpy(), KERNEL - 0.11, rtol=1e-6)
    assert int(optimizer.iterations) == 2
