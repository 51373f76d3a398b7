"""``Callback``: the base class whose hooks the fit/evaluate/predict loops call."""


class Callback:
    """Override any ``on_*`` hook to act at that point of training, evaluation or prediction.

    ``params`` holds the loop's settings (``verbose``, ``epochs``, ``steps``) and ``model``
    the model being run. Batch hooks receive the step's logs as the loop produced them
    (engine tensors unless the callback list converts them, see ``CallbackList``); epoch,
    begin and end hooks always receive Python numbers.

    ``accepts_tensor_logs``: set True on a subclass whose batch hooks convert log values
    themselves (with ``frontend.callbacks.log_values.to_python``) only when they need
    them, so that the callback list need not wait for the device on every batch.
    """

    accepts_tensor_logs = False

    def __init__(self):
        self.params = None
        self._model = None

    def set_params(self, params):
        self.params = params

    def set_model(self, model):
        self._model = model

    @property
    def model(self):
        return self._model

    def get_state(self):
        """What this callback has gathered during ``fit`` (counters, best values), for ``BackupAndRestore``.

        A dict of JSON values and NumPy arrays, nested as needed; None (the default) when there is nothing
        to keep. A callback whose decisions depend on earlier epochs implements it and ``set_state``, so a
        resumed fit decides as the uninterrupted one would have.
        """
        return None

    def set_state(self, state):
        """Take back what ``get_state`` returned; ``BackupAndRestore`` calls it after every ``on_train_begin``."""

    def on_batch_begin(self, batch, logs=None):
        """Old name of ``on_train_batch_begin``, still called by it."""

    def on_batch_end(self, batch, logs=None):
        """Old name of ``on_train_batch_end``, still called by it."""

    def on_epoch_begin(self, epoch, logs=None):
        """Start of training epoch ``epoch`` (0-based)."""

    def on_epoch_end(self, epoch, logs=None):
        """End of an epoch; ``logs`` holds the epoch's metrics, validation ones prefixed ``val_``."""

    def on_train_batch_begin(self, batch, logs=None):
        """Start of training batch ``batch`` (0-based within the epoch)."""
        self.on_batch_begin(batch, logs=logs)

    def on_train_batch_end(self, batch, logs=None):
        """End of a training batch; ``logs`` holds the metrics so far in this epoch."""
        self.on_batch_end(batch, logs=logs)

    def on_test_batch_begin(self, batch, logs=None):
        """Start of an evaluation (or validation) batch."""

    def on_test_batch_end(self, batch, logs=None):
        """End of an evaluation (or validation) batch; ``logs`` holds the metrics so far."""

    def on_predict_batch_begin(self, batch, logs=None):
        """Start of a prediction batch."""

    def on_predict_batch_end(self, batch, logs=None):
        """End of a prediction batch."""

    def on_train_begin(self, logs=None):
        """Start of ``fit``."""

    def on_train_end(self, logs=None):
        """End of ``fit``; ``logs`` holds the last epoch's logs."""

    def on_test_begin(self, logs=None):
        """Start of ``evaluate`` or of a validation pass."""

    def on_test_end(self, logs=None):
        """End of ``evaluate`` or of a validation pass; ``logs`` holds its metrics."""

    def on_predict_begin(self, logs=None):
        """Start of ``predict``."""

    def on_predict_end(self, logs=None):
        """End of ``predict``."""
