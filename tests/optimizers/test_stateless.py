"""``stateless_apply``: the optimizer as a pure function of values, also inside a compiled function."""

import numpy as np
import pytest

from frontend import backend, optimizers
from frontend.optimizers import schedules

from .support import GRADIENTS, KERNEL, make_variables


def make_optimizer():
    """Exercises the step-dependent paths: a schedule, clipping, EMA and accumulation (ops.where, no branches)."""
    return optimizers.Adam(learning_rate=schedules.ExponentialDecay(0.1, 1, 0.5), clipnorm=1.0, use_ema=True,
                           gradient_accumulation_steps=2)


def test_compiled_stateless_apply_matches_eager_apply():
    eager_variables = make_variables()
    eager = make_optimizer()
    for grads in GRADIENTS:
        eager.apply(grads, eager_variables)

    variables = make_variables()
    optimizer = make_optimizer()
    optimizer.build(variables)
    step = backend.compile(optimizer.stateless_apply, jit=True)
    trainable = [v.value for v in variables]
    state = [v.value for v in optimizer.variables]
    for grads in GRADIENTS:
        trainable, state = step(state, [backend.convert_to_tensor(g) for g in grads], trainable)

    for got, want in zip(trainable, eager_variables):
        np.testing.assert_allclose(backend.convert_to_numpy(got), want.numpy(), rtol=1e-6, atol=1e-7)
    for got, want in zip(state, eager.variables):
        np.testing.assert_allclose(backend.convert_to_numpy(got), want.numpy(), rtol=1e-6, atol=1e-7)
    np.testing.assert_array_equal(variables[0].numpy(), KERNEL)  # the Variables themselves were never written
    assert int(optimizer.iterations) == 0


def test_stateless_apply_checks_its_arguments():
    optimizer = optimizers.SGD()
    with pytest.raises(ValueError, match="must be built"):
        optimizer.stateless_apply([], [], [])
    variables = make_variables()
    optimizer.build(variables)
    values = [v.value for v in variables]
    with pytest.raises(ValueError, match="corresponding 1:1 to SGD\\(\\).variables"):
        optimizer.stateless_apply([], list(GRADIENTS[0]), values)
    with pytest.raises(ValueError, match="whereas the optimizer was built with 2 variables"):
        optimizer.stateless_apply([v.value for v in optimizer.variables], list(GRADIENTS[0]), values[:1])


def test_updates_in_place_touch_neither_gradients_nor_the_values_handed_to_stateless_apply():
    variables = make_variables()
    optimizer = optimizers.Adam(0.1, amsgrad=True)
    grads = [backend.convert_to_tensor(g) for g in GRADIENTS[0]]
    optimizer.apply(grads, variables)  # eager, outside any scope: the fast (in-place on torch) path
    for got, want in zip(grads, GRADIENTS[0]):
        np.testing.assert_array_equal(backend.convert_to_numpy(got), want)
    trainable = [backend.convert_to_tensor(v.numpy()) for v in variables]
    state = [backend.convert_to_tensor(v.numpy()) for v in optimizer.variables]
    before = [backend.convert_to_numpy(t) for t in trainable + state]
    new_trainable, new_state = optimizer.stateless_apply(state, grads, trainable)
    for got, want in zip(trainable + state, before):
        np.testing.assert_array_equal(backend.convert_to_numpy(got), want)
    optimizer.apply(grads, variables)  # the eager path reaches what stateless_apply returned
    for got, want in zip(list(new_trainable) + list(new_state), list(variables) + optimizer.variables):
        np.testing.assert_allclose(backend.convert_to_numpy(got), want.numpy(), rtol=1e-6, atol=1e-7)
