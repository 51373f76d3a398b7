"""What every contender trains: the models' shapes, the data, the step counts, the timing.

Kept free of engine imports so that each subprocess imports only its own engine.
"""

import time

import numpy as np

MODELS = ("mlp", "cnn", "lstm")
BATCH = 128
LEARNING_RATE = 1e-3
CLASSES = 10
WARMUP_STEPS = 4

# Input shape of one sample, channels last (the native torch CNN transposes to NCHW).
INPUT_SHAPES = {"mlp": (784,), "cnn": (28, 28, 1), "lstm": (32, 16)}
LSTM_UNITS = 64

# Steps per model for a run asked for ``steps``: the CNN and the LSTM cost several times
# more per step than the MLP on CPU, so they run fewer steps.
STEP_SCALE = {"mlp": 1.0, "cnn": 0.25, "lstm": 0.25}


def steps_for(model, steps):
    return max(WARMUP_STEPS, round(steps * STEP_SCALE[model]))


def make_data(model, steps):
    """Random float32 inputs and int32 labels for ``steps`` batches, the same for everyone."""
    rng = np.random.default_rng(0)
    x = rng.standard_normal((BATCH * steps,) + INPUT_SHAPES[model]).astype("float32")
    y = rng.integers(0, CLASSES, BATCH * steps).astype("int32")
    return x, y


def batches(x, y, steps):
    """The first ``steps`` batches of (x, y) as numpy slices, in order."""
    for i in range(steps):
        yield x[i * BATCH:(i + 1) * BATCH], y[i * BATCH:(i + 1) * BATCH]


def timer(run, steps):
    """Warm ``run`` up, then return a function that times ``run(steps)`` in steps per second.

    ``run(n)`` trains ``n`` steps and must wait for the last one to finish.
    """
    run(WARMUP_STEPS)

    def steps_per_second():
        start = time.perf_counter()
        run(steps)
        return steps / (time.perf_counter() - start)

    return steps_per_second
