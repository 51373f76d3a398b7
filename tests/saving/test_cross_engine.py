"""A model saved under any engine loads under every engine and predicts the same (3x3 pairs).

Each engine runs in its own subprocess: three save a trained model, then three load all
three files. Runs once, in the torch session, because it spawns all three engines.
"""

import os
import subprocess
import sys

import numpy as np
import pytest

from frontend import backend

ENGINES = ("torch", "jax", "tensorflow")

SAVE = """
import sys, numpy as np
import frontend as keras
layers = keras.layers
folder, name = sys.argv[1], sys.argv[2]
keras.utils.set_random_seed(7)
rng = np.random.default_rng(0)
x = rng.standard_normal((32, 8, 8, 1)).astype("float32")
y = rng.integers(0, 3, 32)
inputs = keras.Input((8, 8, 1))
h = layers.Conv2D(4, 3, activation="relu")(inputs)
h = layers.BatchNormalization()(h)
h = layers.MaxPooling2D(2)(h)
h = layers.Reshape((9, 4))(h)
h = layers.LSTM(5)(h)
h = layers.Dropout(0.3)(h)
model = keras.Model(inputs, layers.Dense(3)(h))
model.compile(keras.optimizers.Adam(1e-2), keras.losses.SparseCategoricalCrossentropy(from_logits=True),
              metrics=["accuracy"])
model.fit(x, y, batch_size=8, epochs=1, verbose=0, shuffle=False)
model.save(f"{folder}/{name}.keras")
np.save(f"{folder}/{name}_prediction.npy", model.predict(x, verbose=0))
"""

LOAD = """
import sys, numpy as np
import frontend as keras
folder, name = sys.argv[1], sys.argv[2]
x = np.random.default_rng(0).standard_normal((32, 8, 8, 1)).astype("float32")
for saver in sys.argv[3:]:
    model = keras.models.load_model(f"{folder}/{saver}.keras")
    assert int(model.optimizer.iterations.numpy()) == 4, model.optimizer.iterations
    np.save(f"{folder}/{name}_from_{saver}.npy", model.predict(x, verbose=0))
"""


def _run_all(script, folder, extra_args=()):
    processes = {}
    for name in ENGINES:
        env = dict(os.environ, FRONTEND_BACKEND=name, TF_CPP_MIN_LOG_LEVEL="3")
        processes[name] = subprocess.Popen([sys.executable, "-c", script, folder, name, *extra_args], env=env,
                                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    for name, process in processes.items():
        _, err = process.communicate(timeout=600)
        assert process.returncode == 0, f"{name} failed:\n{err[-3000:]}"


@pytest.mark.skipif(backend.backend() != "torch", reason="spawns all three engines; runs once, in the torch session")
def test_every_engine_loads_every_engines_file(tmp_path):
    folder = str(tmp_path)
    _run_all(SAVE, folder)
    _run_all(LOAD, folder, ENGINES)
    for saver in ENGINES:
        expected = np.load(tmp_path / f"{saver}_prediction.npy")
        for loader in ENGINES:
            np.testing.assert_allclose(np.load(tmp_path / f"{loader}_from_{saver}.npy"), expected,
                                       rtol=1e-4, atol=1e-5, err_msg=f"saved on {saver}, loaded on {loader}")
