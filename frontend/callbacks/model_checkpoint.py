"""``ModelCheckpoint``: save the model or its weights during training."""

import os
import warnings

import numpy as np

from frontend.callbacks.batch_counter import BatchCounter
from frontend.callbacks.log_values import python_logs
from frontend.callbacks.monitor_callback import MonitorCallback

WEIGHTS_SUFFIX = ".weights.h5"
MODEL_SUFFIXES = (".keras", ".h5")


class ModelCheckpoint(MonitorCallback):
    """Calls ``model.save_weights(path, overwrite=True)`` or ``model.save(path, overwrite=True)``.

    Args:
        filepath: where to save; may name ``{epoch}`` (1-based), ``{batch}`` (1-based, for
            batch saves) and any log, e.g. ``"w.{epoch:02d}-{val_loss:.2f}.weights.h5"``.
            Must end in ``.weights.h5`` with ``save_weights_only``, else ``.keras`` or ``.h5``.
        monitor: the log compared when ``save_best_only``.
        verbose: 1 prints a line for each decision.
        save_best_only: save only when ``monitor`` improves on the best so far.
        save_weights_only: save the weights only.
        mode: "auto", "min" or "max", for ``save_best_only``.
        save_freq: "epoch" (save at each epoch end) or an int (save every that many batches).
        initial_value_threshold: the best value to beat at first, for ``save_best_only``.
    """

    accepts_tensor_logs = True

    def __init__(
        self,
        filepath,
        monitor="val_loss",
        verbose=0,
        save_best_only=False,
        save_weights_only=False,
        mode="auto",
        save_freq="epoch",
        initial_value_threshold=None,
    ):
        super().__init__(monitor, mode, initial_value_threshold)
        self.filepath = os.fspath(filepath)
        self.verbose = verbose
        self.save_best_only = save_best_only
        self.save_weights_only = save_weights_only
        self.save_freq = save_freq
        self._current_epoch = 0
        self._batches = BatchCounter(save_freq)
        if save_freq != "epoch" and (not isinstance(save_freq, int) or isinstance(save_freq, bool) or save_freq < 1):
            raise ValueError(f"ModelCheckpoint: save_freq must be 'epoch' or a positive int, received {save_freq!r}")
        if save_weights_only and not self.filepath.endswith(WEIGHTS_SUFFIX):
            raise ValueError(
                "ModelCheckpoint: with save_weights_only=True the filepath must end in "
                f"'{WEIGHTS_SUFFIX}', received filepath={self.filepath}"
            )
        if not save_weights_only and not self.filepath.endswith(MODEL_SUFFIXES):
            raise ValueError(
                f"ModelCheckpoint: the filepath must end in '.keras' or '.h5', received filepath={self.filepath}"
            )

    def get_state(self):
        return {"best": self.best, **self._batches.get_state()}

    def set_state(self, state):
        self._batches.set_state(state)
        self.best = state["best"]

    def on_epoch_begin(self, epoch, logs=None):
        self._current_epoch = epoch

    def on_train_batch_end(self, batch, logs=None):
        if self.save_freq != "epoch" and self._batches.due(batch):
            self._save(self._current_epoch, batch, python_logs(logs))

    def on_epoch_end(self, epoch, logs=None):
        if self.save_freq == "epoch":
            self._save(epoch, None, python_logs(logs))

    def _file_path(self, epoch, batch, logs):
        fields = dict(logs)
        fields["epoch"] = epoch + 1
        if batch is not None and "batch" not in logs:
            fields["batch"] = batch + 1
        try:
            return self.filepath.format(**fields)
        except KeyError as error:
            raise KeyError(
                f'ModelCheckpoint: cannot fill in the filepath "{self.filepath}": no log named {error.args[0]}. '
                f"Available: epoch{', batch' if batch is not None else ''}, {', '.join(logs)}"
            ) from None

    def _say(self, epoch, message):
        if self.verbose > 0:
            print(f"\nEpoch {epoch + 1}: {message}", flush=True)

    def _should_save(self, epoch, logs, path):
        if not self.save_best_only:
            self._say(epoch, f"saving model to {path}")
            return True
        current = logs.get(self.monitor)
        if current is None:
            warnings.warn(f"ModelCheckpoint: can save the best model only with {self.monitor} in the logs",
                          stacklevel=4)
            return True
        if isinstance(current, np.ndarray):
            warnings.warn(
                f"ModelCheckpoint: `{self.monitor}` must be a scalar to find the best model, received {current}; "
                "saving as if save_best_only=False",
                stacklevel=4,
            )
            return True
        best = "None" if self.best is None else f"{self.best:.5f}"
        if not self._is_improvement(current, self.best):
            self._say(epoch, f"{self.monitor} did not improve from {best}")
            return False
        self._say(epoch, f"{self.monitor} improved from {best} to {current:.5f}, saving model to {path}")
        self.best = current
        return True

    def _save(self, epoch, batch, logs):
        path = self._file_path(epoch, batch, logs)
        if not self._should_save(epoch, logs, path):
            return
        if os.path.isdir(path):
            raise IsADirectoryError(f"ModelCheckpoint: the filepath is an existing directory: {path}")
        directory = os.path.dirname(path)
        if directory:
            os.makedirs(directory, exist_ok=True)
        if self.save_weights_only:
            self.model.save_weights(path, overwrite=True)
        else:
            self.model.save(path, overwrite=True)
        self._say(epoch, f"finished saving model to {path}")
