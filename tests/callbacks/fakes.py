"""Stand-ins for what callbacks touch: a model, its optimizer, a device tensor, and a fit loop."""

import numpy as np

from frontend.callbacks import CallbackList


class FakeOptimizer:
    def __init__(self, learning_rate=0.01, name="opt"):
        self.learning_rate = learning_rate
        self.name = name


class FakeModel:
    """Has what callbacks use: stop_training, optimizer, get/set_weights, save/save_weights (recorded)."""

    def __init__(self, learning_rate=0.01):
        self.stop_training = False
        self.optimizer = FakeOptimizer(learning_rate)
        self.weights = [np.zeros(2, "float32")]
        self.saved = []

    def get_weights(self):
        return [w.copy() for w in self.weights]

    def set_weights(self, weights):
        self.weights = [np.array(w) for w in weights]

    def save(self, filepath, overwrite=False):
        self.saved.append(("model", filepath, overwrite))

    def save_weights(self, filepath, overwrite=False):
        self.saved.append(("weights", filepath, overwrite))


class CountingTensor:
    """Stands for a device tensor: every read of its value (``float()``) is counted."""

    def __init__(self, value):
        self.value = value
        self.reads = 0

    def __float__(self):
        self.reads += 1
        return float(self.value)


def fit(callbacks, model, epoch_logs, steps=2, batch_logs=None, params=None):
    """Drive ``callbacks`` as a fit loop would over ``len(epoch_logs)`` epochs; returns epochs run.

    Before epoch ``e`` the model's weights become ``[[e, e]]``, so a restore can be told apart.
    """
    params = params or {"verbose": 0, "epochs": len(epoch_logs), "steps": steps}
    callback_list = CallbackList(callbacks, model=model, **params)
    callback_list.on_train_begin()
    ran = 0
    for epoch, logs in enumerate(epoch_logs):
        model.weights = [np.full(2, epoch, "float32")]
        callback_list.on_epoch_begin(epoch)
        for batch in range(steps):
            callback_list.on_train_batch_begin(batch)
            callback_list.on_train_batch_end(batch, batch_logs(epoch, batch) if batch_logs else {"loss": 1.0})
        callback_list.on_epoch_end(epoch, dict(logs))
        ran += 1
        if model.stop_training:
            break
    callback_list.on_train_end(dict(epoch_logs[ran - 1]) if ran else None)
    return ran
