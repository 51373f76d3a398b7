"""Transfer learning: reuse a convnet trained on digits 0-4 to recognise digits 5-9.

1. Train a base model on the digits 0-4.
2. Take its convolutional feature extractor, freeze it (trainable=False) and train a
   new classification head on the digits 5-9, from only a few hundred images.
3. Unfreeze the extractor and fine-tune everything with a low learning rate.

Run with FRONTEND_BACKEND=torch|jax|tensorflow. FRONTEND_EXAMPLE_SMOKE=1 runs a tiny version.
"""

import os

import numpy as np

import frontend as keras
from frontend import layers

SMOKE = os.environ.get("FRONTEND_EXAMPLE_SMOKE") == "1"
EPOCHS = 1 if SMOKE else 15
NEW_TASK_IMAGES = 64 if SMOKE else 300


def split_digits(images, labels, low, high, count=None):
    """The images of digits low..high, as (8, 8, 1) floats, with labels counted from ``low``."""
    keep = (labels >= low) & (labels <= high)
    images, labels = images[keep][:count], labels[keep][:count]
    return images.reshape(-1, 8, 8, 1).astype("float32") / 16.0, (labels - low).astype("int32")


def accuracy(model, x, y):
    return model.evaluate(x, y, verbose=0, return_dict=True)["accuracy"]


def main():
    keras.utils.set_random_seed(0)
    (train_images, train_labels), (test_images, test_labels) = keras.datasets.digits.load_data()
    x_old, y_old = split_digits(train_images, train_labels, 0, 4, 128 if SMOKE else None)
    x_old_test, y_old_test = split_digits(test_images, test_labels, 0, 4)
    x_new, y_new = split_digits(train_images, train_labels, 5, 9, NEW_TASK_IMAGES)
    x_new_test, y_new_test = split_digits(test_images, test_labels, 5, 9)
    print(f"digits 0-4: {len(x_old)} training images; digits 5-9: {len(x_new)} training images")

    features = keras.Sequential([
        keras.Input((8, 8, 1)),
        layers.Conv2D(32, 3, padding="same", activation="relu"),
        layers.MaxPooling2D(),
        layers.Conv2D(64, 3, padding="same", activation="relu"),
        layers.MaxPooling2D(),
        layers.Flatten(),
    ], name="features")
    base = keras.Sequential([features, layers.Dense(5, activation="softmax")], name="base")
    base.compile(optimizer=keras.optimizers.Adam(3e-3), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    base.fit(x_old, y_old, batch_size=32, epochs=EPOCHS, verbose=0)
    base_accuracy = accuracy(base, x_old_test, y_old_test)
    print(f"1. base model on digits 0-4: test accuracy {base_accuracy:.4f}")

    features.trainable = False
    model = keras.Sequential([keras.Input((8, 8, 1)), features, layers.Dropout(0.2),
                              layers.Dense(5, activation="softmax")], name="transfer")
    model.compile(optimizer=keras.optimizers.Adam(3e-3), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    print(f"   new model: {len(model.trainable_weights)} trainable and "
          f"{len(model.non_trainable_weights)} frozen weight tensors")
    frozen_before = [w.copy() for w in features.get_weights()]
    model.fit(x_new, y_new, batch_size=32, epochs=EPOCHS, verbose=0)
    assert all(np.array_equal(a, b) for a, b in zip(features.get_weights(), frozen_before)), "frozen weights moved"
    frozen_accuracy = accuracy(model, x_new_test, y_new_test)
    print(f"2. new head on frozen features, digits 5-9: test accuracy {frozen_accuracy:.4f}")

    features.trainable = True
    model.compile(optimizer=keras.optimizers.Adam(1e-4), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    model.fit(x_new, y_new, batch_size=32, epochs=EPOCHS, verbose=0)
    tuned_accuracy = accuracy(model, x_new_test, y_new_test)
    print(f"3. fine-tuned with learning rate 1e-4, digits 5-9: test accuracy {tuned_accuracy:.4f}")

    if not SMOKE and (base_accuracy < 0.95 or frozen_accuracy < 0.85 or tuned_accuracy < frozen_accuracy - 0.01):
        raise SystemExit("transfer learning missed its targets: base >= 0.95, frozen >= 0.85, "
                         "fine-tuning no worse than the frozen model")


if __name__ == "__main__":
    main()
