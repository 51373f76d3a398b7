"""compile / fit / evaluate / predict end to end, against hand computations."""

import numpy as np
import pytest

import frontend as keras
from frontend import layers, ops


def linear_data(n=64, seed=0):
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((n, 3)).astype("float32")
    y = (x @ np.array([[1.0], [-2.0], [0.5]], "float32") + 0.3).astype("float32")
    return x, y


def test_one_sgd_step_matches_the_hand_computed_update():
    x, y = linear_data(8)
    model = keras.Sequential([keras.Input((3,)), layers.Dense(1)])
    w0 = np.array([[0.1], [0.2], [0.3]], "float32")
    model.set_weights([w0, np.zeros(1, "float32")])
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.1), loss="mse")
    history = model.fit(x, y, batch_size=8, epochs=1, verbose=0, shuffle=False)
    error = x @ w0 - y
    grad_w = 2 * x.T @ error / len(x)
    grad_b = 2 * error.mean(0)
    np.testing.assert_allclose(model.get_weights()[0], w0 - 0.1 * grad_w, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(model.get_weights()[1], -0.1 * grad_b, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(history.history["loss"][0], float((error ** 2).mean()), rtol=1e-5)


@pytest.mark.parametrize("jit_compile", [False, "auto"])
def test_regression_converges_and_history_has_keras_keys(jit_compile):
    x, y = linear_data(256)
    keras.utils.set_random_seed(1)
    model = keras.Sequential([keras.Input((3,)), layers.Dense(1)])
    model.compile(optimizer=keras.optimizers.Adam(0.05), loss="mse", metrics=["mae"], jit_compile=jit_compile)
    history = model.fit(x, y, batch_size=32, epochs=30, verbose=0, validation_split=0.25)
    assert set(history.history) == {"loss", "mae", "val_loss", "val_mae"}
    assert len(history.history["loss"]) == 30 and history.epoch == list(range(30))
    assert history.history["loss"][-1] < 0.01 * history.history["loss"][0]
    kernel, bias = model.get_weights()
    np.testing.assert_allclose(kernel.ravel(), [1.0, -2.0, 0.5], atol=0.05)
    np.testing.assert_allclose(bias, [0.3], atol=0.05)


def test_classification_accuracy_evaluate_and_predict():
    rng = np.random.default_rng(2)
    x = rng.standard_normal((200, 4)).astype("float32")
    labels = (x[:, 0] + x[:, 1] > 0).astype("int32")
    keras.utils.set_random_seed(2)
    model = keras.Sequential([keras.Input((4,)), layers.Dense(16, activation="relu"), layers.Dense(2)])
    model.compile(optimizer="adam", loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
                  metrics=["accuracy"])
    model.fit(x, labels, batch_size=20, epochs=15, verbose=0)
    results = model.evaluate(x, labels, verbose=0, return_dict=True)
    assert set(results) == {"loss", "accuracy"} and results["accuracy"] > 0.9
    as_list = model.evaluate(x, labels, verbose=0)
    np.testing.assert_allclose(as_list, [results["loss"], results["accuracy"]], rtol=1e-5)
    logits = model.predict(x, batch_size=64, verbose=0)
    assert logits.shape == (200, 2)
    np.testing.assert_allclose((logits.argmax(1) == labels).mean(), results["accuracy"], atol=1e-6)


def test_multi_output_losses_by_name_and_log_keys():
    x = keras.Input((3,), name="features")
    h = layers.Dense(4)(x)
    model = keras.Model(x, {"value": layers.Dense(1, name="value")(h), "kind": layers.Dense(2, name="kind")(h)})
    model.compile(optimizer="sgd", loss={"value": "mse", "kind": "sparse_categorical_crossentropy"},
                  loss_weights={"value": 2.0, "kind": 1.0}, metrics={"kind": ["accuracy"]})
    data, _ = linear_data(32)
    targets = {"value": data[:, :1], "kind": (data[:, 0] > 0).astype("int32")}
    logs = model.fit(data, targets, batch_size=16, epochs=1, verbose=0).history
    assert {"loss", "value_loss", "kind_loss", "kind_accuracy"} <= set(logs)
    evaluated = model.evaluate(data, targets, verbose=0, return_dict=True)
    np.testing.assert_allclose(evaluated["loss"], 2 * evaluated["value_loss"] + evaluated["kind_loss"], rtol=1e-4)


def test_sample_weight_zero_ignores_samples():
    x, y = linear_data(16)
    model = keras.Sequential([keras.Input((3,)), layers.Dense(1)])
    model.compile(optimizer="sgd", loss="mse")
    weights = np.r_[np.ones(8), np.zeros(8)].astype("float32")
    full = model.evaluate(x[:8], y[:8], verbose=0)
    weighted = model.evaluate(x, y, sample_weight=weights, verbose=0, batch_size=16)
    np.testing.assert_allclose(weighted, full * 8 / 16, rtol=1e-5)  # sum over batch size: zeros still count


def test_train_and_test_on_batch():
    x, y = linear_data(8)
    model = keras.Sequential([keras.Input((3,)), layers.Dense(1)])
    model.compile(optimizer=keras.optimizers.SGD(0.01), loss="mse")
    before = model.test_on_batch(x, y)
    model.train_on_batch(x, y)
    after = model.test_on_batch(x, y, return_dict=True)
    assert after["loss"] < before


def test_steps_per_execution_gives_the_same_weights():
    x, y = linear_data(40)

    def trained(steps_per_execution):
        model = keras.Sequential([keras.Input((3,)), layers.Dense(1)])
        model.set_weights([np.full((3, 1), 0.1, "float32"), np.zeros(1, "float32")])
        model.compile(optimizer=keras.optimizers.SGD(0.05), loss="mse", steps_per_execution=steps_per_execution)
        model.fit(x, y, batch_size=8, epochs=2, verbose=0, shuffle=False)
        return model.get_weights()[0]

    np.testing.assert_allclose(trained(1), trained(3), rtol=1e-5)


def test_fit_before_compile_is_a_clear_error():
    model = keras.Sequential([keras.Input((3,)), layers.Dense(1)])
    with pytest.raises(RuntimeError, match="call compile"):
        model.fit(np.ones((2, 3)), np.ones((2, 1)), verbose=0)


def test_generator_input_and_early_stopping():
    x, y = linear_data(64)

    def batches():
        while True:
            for start in range(0, 64, 16):
                yield x[start:start + 16], y[start:start + 16]

    model = keras.Sequential([keras.Input((3,)), layers.Dense(1)])
    model.compile(optimizer=keras.optimizers.SGD(0.0), loss="mse")
    history = model.fit(batches(), steps_per_epoch=4, epochs=10, verbose=0, shuffle=False,
                        callbacks=[keras.callbacks.EarlyStopping(monitor="loss", patience=2)])
    assert len(history.history["loss"]) == 3


def test_accuracy_string_resolves_by_loss_and_output_shape():
    model = keras.Sequential([keras.Input((2,)), layers.Dense(1, activation="sigmoid")])
    model.compile(optimizer="sgd", loss="mse", metrics=["accuracy"])
    model.evaluate(np.ones((4, 2), "float32"), np.ones((4, 1), "float32"), verbose=0)
    assert type(model.metrics[-1]).__name__ == "BinaryAccuracy" and model.metrics[-1].name == "accuracy"


def test_embedding_model_trains_on_every_engine():
    tokens = np.random.default_rng(4).integers(0, 20, (64, 6)).astype("int32")
    labels = (tokens[:, 0] > 9).astype("float32")
    model = keras.Sequential([keras.Input((6,), dtype="int32"), layers.Embedding(20, 8),
                              layers.GlobalAveragePooling1D(), layers.Dense(1, activation="sigmoid")])
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    before = model.get_weights()[0].copy()
    history = model.fit(tokens, labels, batch_size=16, epochs=2, verbose=0)
    assert np.isfinite(history.history["loss"]).all() and not np.allclose(model.get_weights()[0], before)


def test_logs_keep_keras_order_on_every_engine():
    x, y = linear_data(32)
    model = keras.Sequential([keras.Input((3,)), layers.Dense(1)])
    model.compile(optimizer="sgd", loss="mse", metrics=["mse", "mae"])
    assert list(model.evaluate(x, y, batch_size=8, verbose=0, return_dict=True)) == ["loss", "mse", "mae"]


def test_train_on_batch_class_weight_scales_the_loss():
    x = np.ones((4, 2), "float32")
    labels = np.array([0, 0, 1, 1], "int32")

    def first_loss(class_weight):
        model = keras.Sequential([keras.Input((2,)), layers.Dense(2)])
        model.set_weights([np.zeros((2, 2), "float32"), np.zeros(2, "float32")])
        model.compile(optimizer=keras.optimizers.SGD(0.0),
                      loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
        return model.train_on_batch(x, labels, class_weight=class_weight)

    np.testing.assert_allclose(first_loss({0: 1.0, 1: 3.0}), 2 * first_loss(None), rtol=1e-6)
