"""Quickstart: train a small classifier with ``model.fit`` on the engine of your choice.

Run with FRONTEND_BACKEND=torch|jax|tensorflow. The data are two interleaved spirals
drawn with NumPy, so nothing is downloaded. (The digits convnet of the README arrives
with the examples issue.) FRONTEND_EXAMPLE_EPOCHS shortens the run.
"""

import os

import numpy as np

import frontend as keras
from frontend import layers

EPOCHS = int(os.environ.get("FRONTEND_EXAMPLE_EPOCHS", "30"))


def spirals(samples_per_class=500, seed=0):
    rng = np.random.default_rng(seed)
    radius = np.sqrt(rng.uniform(0, 1, samples_per_class)) * 3
    features, labels = [], []
    for label in (0, 1):
        angle = radius * 2.5 + label * np.pi
        points = np.stack([radius * np.cos(angle), radius * np.sin(angle)], 1)
        features.append(points + rng.normal(0, 0.1, points.shape))
        labels.append(np.full(samples_per_class, label))
    order = rng.permutation(2 * samples_per_class)
    return np.concatenate(features)[order].astype("float32"), np.concatenate(labels)[order].astype("int32")


def main():
    keras.utils.set_random_seed(0)
    x, y = spirals()
    model = keras.Sequential([
        keras.Input((2,)),
        layers.Dense(64, activation="relu"),
        layers.Dense(64, activation="relu"),
        layers.Dense(2),
    ])
    model.compile(optimizer=keras.optimizers.Adam(0.01),
                  loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True), metrics=["accuracy"])
    print(f"backend: {keras.backend.backend()} on {keras.backend.current_device()}")
    model.summary()
    model.fit(x[:800], y[:800], batch_size=32, epochs=EPOCHS, validation_split=0.1, verbose=2)
    results = model.evaluate(x[800:], y[800:], verbose=0, return_dict=True)
    print(f"test accuracy: {results['accuracy']:.3f}")


if __name__ == "__main__":
    main()
