"""Train on one engine, save, then load and evaluate the same file on the other engines.

The model is trained on the engine named by FRONTEND_BACKEND and saved with
``model.save``. Each other installed engine then runs this script again in a fresh
process (``--evaluate``), loads the file with ``keras.models.load_model`` and evaluates
it on the same test images. The results must match what the training engine measured.

Run with FRONTEND_BACKEND=torch|jax|tensorflow. FRONTEND_EXAMPLE_SMOKE=1 runs a tiny version.
"""

import importlib.util
import json
import os
import subprocess
import sys
import tempfile

import numpy as np

import frontend as keras
from frontend import layers

SMOKE = os.environ.get("FRONTEND_EXAMPLE_SMOKE") == "1"
EPOCHS = 1 if SMOKE else 10
ENGINES = ("torch", "jax", "tensorflow")
TOLERANCE = 1e-4


def train(x_train, y_train):
    model = keras.Sequential([
        keras.Input((8, 8, 1)),
        layers.Conv2D(16, 3, padding="same", activation="relu"),
        layers.MaxPooling2D(),
        layers.Flatten(),
        layers.Dense(32, activation="relu"),
        layers.Dense(10, activation="softmax"),
    ])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    model.fit(x_train, y_train, batch_size=32, epochs=EPOCHS, verbose=0)
    return model


def evaluate(model_path, data_path):
    """Loads the saved model and the test data; returns the evaluation and the predictions."""
    model = keras.models.load_model(model_path)
    with np.load(data_path) as data:
        x_test, y_test = data["x"], data["y"]
    results = model.evaluate(x_test, y_test, verbose=0, return_dict=True)
    return {name: float(value) for name, value in results.items()}, model.predict(x_test, verbose=0)


def evaluate_in_subprocess(engine, model_path, data_path, predictions_path):
    """Runs this script with ``--evaluate`` on ``engine``; returns its evaluation and predictions."""
    command = [sys.executable, os.path.abspath(__file__), "--evaluate", model_path, data_path, predictions_path]
    done = subprocess.run(command, env={**os.environ, "FRONTEND_BACKEND": engine}, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"evaluating on {engine} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1]), np.load(predictions_path)


def describe(results):
    return ", ".join(f"{name} {value:.6f}" for name, value in results.items())


def main():
    keras.utils.set_random_seed(0)
    here = keras.backend.backend()
    (x_train, y_train), (x_test, y_test) = keras.datasets.digits.load_data()
    x_train = x_train.reshape(-1, 8, 8, 1).astype("float32") / 16.0
    x_test = x_test.reshape(-1, 8, 8, 1).astype("float32") / 16.0
    if SMOKE:
        x_train, y_train = x_train[:128], y_train[:128]

    model = train(x_train, y_train)
    others = [engine for engine in ENGINES if engine != here and importlib.util.find_spec(engine) is not None]
    failures = []
    with tempfile.TemporaryDirectory() as folder:
        model_path = os.path.join(folder, "digits.keras")
        data_path = os.path.join(folder, "test.npz")
        model.save(model_path)
        np.savez(data_path, x=x_test, y=y_test)
        expected, expected_predictions = evaluate(model_path, data_path)
        print(f"trained and saved on {here}: {describe(expected)}")
        for engine in others:
            results, predictions = evaluate_in_subprocess(engine, model_path, data_path,
                                                          os.path.join(folder, f"{engine}.npy"))
            difference = float(np.max(np.abs(predictions - expected_predictions)))
            matches = difference < TOLERANCE and all(abs(results[k] - v) < TOLERANCE for k, v in expected.items())
            print(f"loaded on {engine}: {describe(results)}, largest prediction difference {difference:.1e}: "
                  f"{'match' if matches else 'MISMATCH'}")
            if not matches:
                failures.append(engine)

    print(f"checked {len(others)} other engine(s): {', '.join(others) or 'none installed'}")
    if failures:
        raise SystemExit(f"the evaluation on {', '.join(failures)} does not match {here}")
    if not SMOKE and expected["accuracy"] < 0.9:
        raise SystemExit(f"test accuracy {expected['accuracy']:.4f} is below the target 0.9")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--evaluate"]:
        model_file, data_file, predictions_file = sys.argv[2:5]
        evaluation, predicted = evaluate(model_file, data_file)
        np.save(predictions_file, predicted)
        print(json.dumps(evaluation))
    else:
        main()
