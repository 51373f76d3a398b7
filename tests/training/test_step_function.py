"""How a step runs: a dry run that changes nothing, then every real step compiled (donated on JAX)."""

import numpy as np
import pytest

import frontend as keras
from frontend import backend, layers
from frontend.training.step_function import make_step_function

RNG = np.random.default_rng(5)
X = RNG.standard_normal((32, 4)).astype("float32")
Y = RNG.standard_normal((32, 2)).astype("float32")


def _model(**compile_args):
    keras.utils.set_random_seed(3)
    model = keras.Sequential([keras.Input((4,)), layers.Dense(3, activation="tanh"), layers.Dense(2)])
    model.compile(keras.optimizers.Adam(1e-2), "mse", **compile_args)
    return model


def test_the_first_step_applies_once():
    counter = keras.Variable(np.zeros((), "float32"))

    def step(data):
        counter.assign(counter.value + data)
        return {"count": counter.value}

    run = make_step_function(step, "auto")
    assert float(keras.ops.convert_to_numpy(run(np.float32(1.0))["count"])) == 1.0
    assert float(keras.ops.convert_to_numpy(run(np.float32(1.0))["count"])) == 2.0
    assert float(counter.numpy()) == 2.0


def test_a_run_does_not_depend_on_which_step_came_first():
    """Steps continued from a copy of the state equal the same steps of the unbroken run, bit for bit."""
    batches = [(X[8 * i:8 * (i + 1)], Y[8 * i:8 * (i + 1)]) for i in range(4)]
    whole = _model()
    for x, y in batches[:2]:
        whole.train_on_batch(x, y)
    restarted = _model()
    restarted.set_weights(whole.get_weights())
    restarted.optimizer.build(restarted.trainable_variables)
    restarted.optimizer.set_weights([v.numpy() for v in whole.optimizer.variables])
    for x, y in batches[2:]:
        whole.train_on_batch(x, y)
        restarted.train_on_batch(x, y)
    for left, right in zip(whole.get_weights(), restarted.get_weights()):
        np.testing.assert_array_equal(left, right)


def test_variables_sharing_one_buffer_still_train():
    keras.utils.set_random_seed(3)
    model = keras.Sequential([keras.Input((4,)), layers.Dense(3), layers.Dense(3), layers.Dense(2)])
    model.compile("adam", "mse")
    model.layers[1].bias._replace_storage_value(model.layers[0].bias.value)
    model.fit(X, Y, epochs=2, verbose=0)
    assert np.isfinite(model.evaluate(X, Y, verbose=0))
    assert not np.array_equal(model.layers[0].bias.numpy(), model.layers[1].bias.numpy())


@pytest.mark.skipif(backend.backend() != "jax", reason="only JAX donates a compiled step's state")
def test_jax_steps_donate_the_old_state():
    model = _model()
    model.fit(X, Y, epochs=1, verbose=0)
    old = model.layers[0].kernel.value
    model.fit(X, Y, epochs=1, verbose=0)
    assert old.is_deleted()
    assert not model.layers[0].kernel.value.is_deleted()
