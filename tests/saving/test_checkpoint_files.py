"""ModelCheckpoint writes real files that load back: whole models and weights."""

import numpy as np

import frontend as keras
from frontend import layers

RNG = np.random.default_rng(3)
X = RNG.standard_normal((48, 5)).astype("float32")
Y = (X[:, :1] * 2.0).astype("float32")


def _model():
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((5,)), layers.Dense(4, activation="relu"), layers.Dense(1)])
    model.compile(keras.optimizers.Adam(1e-2), "mse")
    return model


def test_model_checkpoint_saves_loadable_models_every_epoch(tmp_path):
    model = _model()
    template = str(tmp_path / "m.{epoch:02d}.keras")
    model.fit(X, Y, epochs=2, verbose=0, callbacks=[keras.callbacks.ModelCheckpoint(template)])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.01.keras", "m.02.keras"]
    last = keras.models.load_model(tmp_path / "m.02.keras")
    np.testing.assert_allclose(last.predict(X, verbose=0), model.predict(X, verbose=0), rtol=1e-6, atol=1e-6)
    first = keras.models.load_model(tmp_path / "m.01.keras")
    assert int(first.optimizer.iterations.numpy()) == 2 and int(last.optimizer.iterations.numpy()) == 4


def test_model_checkpoint_best_weights_only(tmp_path):
    model = _model()
    path = str(tmp_path / "best.weights.h5")
    checkpoint = keras.callbacks.ModelCheckpoint(path, monitor="loss", save_best_only=True, save_weights_only=True)
    history = model.fit(X, Y, epochs=3, verbose=0, callbacks=[checkpoint])
    best_epoch = int(np.argmin(history.history["loss"]))
    assert best_epoch == 2  # the loss keeps falling on this easy problem, so the last epoch is the best
    restored = _model()
    restored.load_weights(path)
    for left, right in zip(restored.get_weights(), model.get_weights()):
        np.testing.assert_array_equal(left, right)
