"""jit_compile=True on PyTorch: torch.compile traces whole steps with no graph break.

torch's own graph-break counter (torch._dynamo.utils.counters) must stay empty through
fit, evaluate and predict, and the compiled run must train to the same weights as the
eager one. Specific to the torch backend, whose jit_compile is torch.compile.
"""

import numpy as np
import pytest

import frontend as keras
from frontend import backend, layers

pytestmark = pytest.mark.skipif(backend.backend() != "torch", reason="torch.compile is the torch backend's jit")


def _mlp():
    return keras.Sequential([keras.Input((6,)), layers.Dense(8, activation="relu"), layers.BatchNormalization(),
                             layers.Dense(3)])


def _noisy_mlp():
    return keras.Sequential([keras.Input((6,)), layers.GaussianNoise(0.1), layers.Dense(8, activation="relu"),
                             layers.Dropout(0.2), layers.Dense(3)])


def _cnn():
    return keras.Sequential([keras.Input((8, 8, 1)), layers.Conv2D(4, 3, activation="relu"), layers.MaxPooling2D(),
                             layers.Flatten(), layers.Dense(3)])


def _lstm():
    return keras.Sequential([keras.Input((3, 6)), layers.LSTM(5), layers.Dense(3)])


def _functional_two_outputs():
    inputs = keras.Input((6,))
    hidden = layers.Dense(8, activation="tanh")(inputs)
    return keras.Model(inputs, {"label": layers.Dense(3, name="label")(hidden),
                                "score": layers.Dense(1, name="score")(hidden)})


def _data(model, rng):
    x = rng.normal(size=(32, *model.inputs[0].shape[1:])).astype("float32")
    labels = rng.integers(0, 3, 32)
    if isinstance(model.output, dict):
        return x, {"label": labels, "score": rng.normal(size=(32, 1)).astype("float32")}
    return x, labels


def _compile(model, jit_compile):
    if isinstance(model.output, dict):
        loss = {"label": keras.losses.SparseCategoricalCrossentropy(from_logits=True), "score": "mse"}
        metrics = {"label": ["accuracy"], "score": ["mae"]}
    else:
        loss, metrics = keras.losses.SparseCategoricalCrossentropy(from_logits=True), ["accuracy"]
    model.compile(optimizer=keras.optimizers.Adam(0.01), loss=loss, metrics=metrics, jit_compile=jit_compile)


def _train(build, jit_compile):
    keras.utils.set_random_seed(1)
    model = build()
    x, y = _data(model, np.random.default_rng(0))
    _compile(model, jit_compile)
    history = model.fit(x, y, batch_size=16, epochs=2, verbose=0)
    results = model.evaluate(x, y, batch_size=16, verbose=0, return_dict=True)
    predictions = model.predict(x, batch_size=16, verbose=0)
    return model, history.history, results, predictions


def _train_counting_graph_breaks(build):
    import torch._dynamo
    from torch._dynamo.utils import counters

    torch._dynamo.reset()
    counters.clear()
    trained = _train(build, True)
    breaks = {reason.splitlines()[0]: count for reason, count in counters["graph_break"].items()}
    assert breaks == {}
    assert counters["stats"]["unique_graphs"] >= 3  # a train, a test and a predict graph were really compiled
    return trained


def test_random_layers_compile_without_graph_breaks():
    _, history, _, _ = _train_counting_graph_breaks(_noisy_mlp)
    assert np.isfinite(history["loss"]).all()


@pytest.mark.parametrize("build", [_mlp, _cnn, _lstm, _functional_two_outputs], ids=lambda f: f.__name__.strip("_"))
def test_compiled_steps_have_no_graph_breaks_and_match_eager(build):
    compiled, compiled_history, compiled_results, compiled_predictions = _train_counting_graph_breaks(build)
    eager, eager_history, eager_results, eager_predictions = _train(build, False)
    for key, values in eager_history.items():
        np.testing.assert_allclose(compiled_history[key], values, rtol=1e-4, atol=1e-5, err_msg=key)
    for key, value in eager_results.items():
        np.testing.assert_allclose(compiled_results[key], value, rtol=1e-4, atol=1e-5, err_msg=key)
    for compiled_weight, eager_weight in zip(compiled.get_weights(), eager.get_weights()):
        np.testing.assert_allclose(compiled_weight, eager_weight, rtol=1e-4, atol=1e-5)
    for compiled_value, eager_value in zip(keras.tree.flatten(compiled_predictions), keras.tree.flatten(eager_predictions)):
        np.testing.assert_allclose(compiled_value, eager_value, rtol=1e-4, atol=1e-5)


def test_seeded_draws_inside_a_compiled_function_are_reproducible_and_well_distributed():
    import torch._dynamo
    from torch._dynamo.utils import counters

    def compiled_draws(seed):
        generator = keras.random.SeedGenerator(seed)

        def draws():
            return (keras.random.uniform((20000,), seed=generator), keras.random.normal((20000,), seed=generator),
                    keras.random.randint((20000,), 0, 10, seed=generator), keras.random.uniform((4,), seed=seed))

        return backend.compile(draws, jit=True)

    torch._dynamo.reset()
    counters.clear()
    first_function = compiled_draws(7)
    first, advanced = first_function(), first_function()
    again = compiled_draws(7)()
    assert dict(counters["graph_break"]) == {}
    uniform, normal, integers, _ = (keras.ops.convert_to_numpy(t) for t in first)
    assert 0.0 <= uniform.min() and uniform.max() < 1.0
    assert abs(uniform.mean() - 0.5) < 0.01 and abs(uniform.var() - 1 / 12) < 0.003
    assert abs(normal.mean()) < 0.03 and abs(normal.std() - 1.0) < 0.03
    np.testing.assert_array_equal(np.bincount(integers, minlength=10) > 1800, True)
    for drawn, repeated, next_draw in zip(first[:3], again[:3], advanced[:3]):
        np.testing.assert_array_equal(keras.ops.convert_to_numpy(drawn), keras.ops.convert_to_numpy(repeated))
        assert not np.array_equal(keras.ops.convert_to_numpy(drawn), keras.ops.convert_to_numpy(next_draw))
    np.testing.assert_array_equal(keras.ops.convert_to_numpy(first[3]), keras.ops.convert_to_numpy(advanced[3]))
    eager_uniform = keras.ops.convert_to_numpy(keras.random.uniform((20000,), seed=keras.random.SeedGenerator(7)))
    assert not np.array_equal(uniform, eager_uniform)  # compiled draws are the hashed stream, not the generator's
