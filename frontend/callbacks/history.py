"""``History``: every epoch's logs, kept as lists; ``fit`` returns it."""

from frontend.callbacks.callback import Callback


class History(Callback):
    """``history`` maps each log name to its per-epoch values; ``epoch`` lists the epochs seen.

    The same object is set as ``model.history`` (by ``CallbackList`` and after each epoch).
    """

    def __init__(self):
        super().__init__()
        self.history = {}
        self.epoch = []

    def on_train_begin(self, logs=None):
        self.epoch = []

    def get_state(self):
        return {"epoch": self.epoch, "history": self.history}

    def set_state(self, state):
        self.epoch = list(state["epoch"])
        self.history = {key: list(values) for key, values in state["history"].items()}

    def on_epoch_end(self, epoch, logs=None):
        self.epoch.append(epoch)
        for key, value in (logs or {}).items():
            self.history.setdefault(key, []).append(value)
        self.model.history = self
