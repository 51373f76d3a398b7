"""Quickstart: a small convnet on the handwritten digits, trained, saved and loaded back.

Run with FRONTEND_BACKEND=torch|jax|tensorflow. The digits (8x8 images) ship with
frontend, so nothing is downloaded. FRONTEND_EXAMPLE_SMOKE=1 runs a tiny version.
"""

import os
import tempfile

import numpy as np

import frontend as keras
from frontend import layers

SMOKE = os.environ.get("FRONTEND_EXAMPLE_SMOKE") == "1"
EPOCHS = 1 if SMOKE else 15
TARGET_ACCURACY = 0.95


def load_digits():
    """The digits as float32 images of shape (8, 8, 1) scaled to 0..1, with integer labels."""
    (x_train, y_train), (x_test, y_test) = keras.datasets.digits.load_data()
    x_train = x_train.reshape(-1, 8, 8, 1).astype("float32") / 16.0
    x_test = x_test.reshape(-1, 8, 8, 1).astype("float32") / 16.0
    if SMOKE:
        x_train, y_train, x_test, y_test = x_train[:128], y_train[:128], x_test[:64], y_test[:64]
    return (x_train, y_train), (x_test, y_test)


def build_model():
    return keras.Sequential([
        keras.Input((8, 8, 1)),
        layers.Conv2D(32, 3, padding="same", activation="relu"),
        layers.MaxPooling2D(),
        layers.Conv2D(64, 3, padding="same", activation="relu"),
        layers.MaxPooling2D(),
        layers.Flatten(),
        layers.Dropout(0.3),
        layers.Dense(10, activation="softmax"),
    ])


def main():
    keras.utils.set_random_seed(42)
    (x_train, y_train), (x_test, y_test) = load_digits()
    print(f"backend: {keras.backend.backend()}, {len(x_train)} training and {len(x_test)} test images")

    model = build_model()
    model.summary()
    model.compile(optimizer=keras.optimizers.Adam(2e-3), loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    model.fit(x_train, y_train, batch_size=32, epochs=EPOCHS, validation_split=0.1, verbose=1)

    results = model.evaluate(x_test, y_test, verbose=0, return_dict=True)
    print(f"test accuracy: {results['accuracy']:.4f}")

    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "digits.keras")
        model.save(path)
        restored = keras.models.load_model(path)
    original = model.predict(x_test[:8], verbose=0)
    reloaded = restored.predict(x_test[:8], verbose=0)
    np.testing.assert_allclose(reloaded, original, rtol=1e-5, atol=1e-6)
    print("labels:            ", y_test[:8].tolist())
    print("model predicts:    ", original.argmax(axis=1).tolist())
    print("reloaded predicts: ", reloaded.argmax(axis=1).tolist())

    if not SMOKE and results["accuracy"] < TARGET_ACCURACY:
        raise SystemExit(f"test accuracy {results['accuracy']:.4f} is below the target {TARGET_ACCURACY}")


if __name__ == "__main__":
    main()
