"""Same seed, same model, every engine: a model's initial weights are bit-identical on
torch, JAX and TensorFlow after ``set_random_seed``."""

import os
import subprocess
import sys

import pytest

from frontend import backend

SCRIPT = """
import hashlib
import frontend as keras
keras.utils.set_random_seed(42)
layers = keras.layers
x = keras.Input((12, 12, 3))
h = layers.Conv2D(4, 3)(x)
h = layers.BatchNormalization()(h)
h = layers.SeparableConv2D(5, 3)(h)
h = layers.Reshape((-1, 5))(h)
h = layers.LSTM(6, return_sequences=True)(h)
h = layers.MultiHeadAttention(2, 3)(h, h)
h = layers.GRU(4)(h)
model = keras.Model(x, layers.Dense(3, kernel_initializer="orthogonal")(h))
digest = hashlib.sha256()
for weight in model.get_weights():
    digest.update(weight.tobytes())
print(len(model.weights), digest.hexdigest())
"""


@pytest.mark.skipif(backend.backend() != "torch", reason="spawns all three engines; runs once, in the torch session")
def test_initial_weights_identical_on_every_engine():
    runs = {}
    for name in ("torch", "jax", "tensorflow"):
        env = dict(os.environ, FRONTEND_BACKEND=name, TF_CPP_MIN_LOG_LEVEL="3")
        runs[name] = subprocess.Popen([sys.executable, "-c", SCRIPT], env=env, stdout=subprocess.PIPE,
                                      stderr=subprocess.PIPE, text=True)
    digests = {}
    for name, process in runs.items():
        out, err = process.communicate(timeout=600)
        assert process.returncode == 0, f"{name} failed:\n{err[-3000:]}"
        digests[name] = out.strip().splitlines()[-1]
    assert len(set(digests.values())) == 1, digests
    assert int(next(iter(digests.values())).split()[0]) > 10
