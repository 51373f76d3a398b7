"""A functional model with two named inputs and two named outputs.

A shop's order: a few numeric features and the product category. One head predicts the
price (regression), the other whether the customer returns the product (classification).
Losses, metrics and loss weights are given per output name; inputs and targets are dicts.

Run with FRONTEND_BACKEND=torch|jax|tensorflow. FRONTEND_EXAMPLE_SMOKE=1 runs a tiny version.
"""

import os

import numpy as np

import frontend as keras
from frontend import layers

SMOKE = os.environ.get("FRONTEND_EXAMPLE_SMOKE") == "1"
SAMPLES = 256 if SMOKE else 4000
EPOCHS = 1 if SMOKE else 30
CATEGORIES = 6
NUM_FEATURES = 4


def make_orders(count, seed):
    """Generated orders: numeric features, a category, and the two targets they determine."""
    rng = np.random.default_rng(seed)
    features = rng.normal(size=(count, NUM_FEATURES)).astype("float32")
    category = rng.integers(0, CATEGORIES, size=(count, 1)).astype("int32")
    base_price = np.linspace(1.0, 3.0, CATEGORIES)[category[:, 0]]
    price = base_price + features @ np.array([0.5, -0.3, 0.2, 0.0]) + rng.normal(0, 0.1, count)
    risky = np.isin(category[:, 0], [1, 4])
    returned = ((features[:, 3] > 0.3) | (risky & (features[:, 0] > 0))).astype("int32")
    inputs = {"features": features, "category": category}
    targets = {"price": price.astype("float32")[:, None], "returned": returned[:, None]}
    return inputs, targets


def build_model():
    features = keras.Input((NUM_FEATURES,), name="features")
    category = keras.Input((1,), dtype="int32", name="category")
    embedded = layers.Flatten()(layers.Embedding(CATEGORIES, 4)(category))
    hidden = layers.Concatenate()([features, embedded])
    hidden = layers.Dense(32, activation="relu")(hidden)
    hidden = layers.Dense(32, activation="relu")(hidden)
    price = layers.Dense(1, name="price")(hidden)
    returned = layers.Dense(1, activation="sigmoid", name="returned")(hidden)
    return keras.Model(inputs={"features": features, "category": category},
                       outputs={"price": price, "returned": returned})


def main():
    keras.utils.set_random_seed(0)
    x_train, y_train = make_orders(SAMPLES, seed=1)
    x_test, y_test = make_orders(SAMPLES // 4, seed=2)

    model = build_model()
    model.summary()
    model.compile(
        optimizer=keras.optimizers.Adam(3e-3),
        loss={"price": "mean_squared_error", "returned": "binary_crossentropy"},
        loss_weights={"price": 1.0, "returned": 0.5},
        metrics={"price": ["mean_absolute_error"], "returned": ["accuracy"]},
    )
    model.fit(x_train, y_train, batch_size=64, epochs=EPOCHS, validation_split=0.1, verbose=2)

    results = model.evaluate(x_test, y_test, verbose=0, return_dict=True)
    baseline_mae = float(np.mean(np.abs(y_test["price"] - y_train["price"].mean())))
    print("test results:", {name: round(float(value), 4) for name, value in results.items()})
    print(f"price MAE: {results['price_mean_absolute_error']:.3f} (predicting the mean: {baseline_mae:.3f})")
    print(f"returned accuracy: {results['returned_accuracy']:.3f}")

    predictions = model.predict({name: value[:3] for name, value in x_test.items()}, verbose=0)
    for i in range(3):
        print(f"order {i}: price {predictions['price'][i, 0]:.2f} (true {y_test['price'][i, 0]:.2f}), "
              f"returned probability {predictions['returned'][i, 0]:.2f} (true {y_test['returned'][i, 0]})")

    if not SMOKE and (results["price_mean_absolute_error"] > 0.25 or results["returned_accuracy"] < 0.9):
        raise SystemExit("the model missed its targets: price MAE <= 0.25 and returned accuracy >= 0.9")


if __name__ == "__main__":
    main()
