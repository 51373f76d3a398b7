"""Forecast the next value of a noisy seasonal series from a window of past values.

The series is hourly-like: a daily cycle (period 24), a weekly one and noise. A small
Conv1D + LSTM model reads the last 48 values and predicts the next one. It is compared
with the naive forecast "the next value equals the last one".

Run with FRONTEND_BACKEND=torch|jax|tensorflow. FRONTEND_EXAMPLE_SMOKE=1 runs a tiny version.
"""

import os

import numpy as np

import frontend as keras
from frontend import layers

SMOKE = os.environ.get("FRONTEND_EXAMPLE_SMOKE") == "1"
LENGTH = 600 if SMOKE else 6000
EPOCHS = 1 if SMOKE else 15
WINDOW = 48
NOISE = 0.2


def make_series(length, seed):
    rng = np.random.default_rng(seed)
    t = np.arange(length)
    daily = np.sin(2 * np.pi * t / 24)
    weekly = 0.5 * np.sin(2 * np.pi * t / (24 * 7))
    return (daily + weekly + rng.normal(0, NOISE, length)).astype("float32")


def make_windows(series, window):
    """Every run of ``window`` values as an input of shape (window, 1), and the value after it."""
    starts = np.arange(len(series) - window)
    x = series[starts[:, None] + np.arange(window)]
    return x[..., None], series[starts + window][:, None]


def main():
    keras.utils.set_random_seed(0)
    series = make_series(LENGTH, seed=0)
    split = int(len(series) * 0.8)
    x_train, y_train = make_windows(series[:split], WINDOW)
    x_test, y_test = make_windows(series[split:], WINDOW)
    print(f"{len(x_train)} training windows, {len(x_test)} test windows of {WINDOW} steps")

    model = keras.Sequential([
        keras.Input((WINDOW, 1)),
        layers.Conv1D(16, 5, activation="relu"),
        layers.LSTM(32),
        layers.Dense(1),
    ])
    model.compile(optimizer=keras.optimizers.Adam(3e-3), loss="mse", metrics=["mae"])
    model.fit(x_train, y_train, batch_size=64, epochs=EPOCHS, validation_split=0.1, verbose=2,
              callbacks=[keras.callbacks.EarlyStopping(patience=3, restore_best_weights=True)])

    model_mae = model.evaluate(x_test, y_test, verbose=0, return_dict=True)["mae"]
    naive_mae = float(np.mean(np.abs(x_test[:, -1] - y_test)))
    print(f"test MAE: model {model_mae:.4f}, naive last value {naive_mae:.4f} "
          f"(the noise alone: {NOISE * np.sqrt(2 / np.pi):.4f})")
    forecast = model.predict(x_test[:5], verbose=0)[:, 0]
    print("next values:", " ".join(f"{v:6.2f}" for v in y_test[:5, 0]))
    print("forecast:   ", " ".join(f"{v:6.2f}" for v in forecast))

    if not SMOKE and model_mae > 0.8 * naive_mae:
        raise SystemExit(f"the model (MAE {model_mae:.4f}) is not clearly better than the naive forecast "
                         f"(MAE {naive_mae:.4f})")


if __name__ == "__main__":
    main()
