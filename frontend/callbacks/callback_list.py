"""``CallbackList``: one object that forwards every hook to a list of callbacks, in order."""

from frontend import tree
from frontend.callbacks.backup_and_restore import BackupAndRestore
from frontend.callbacks.callback import Callback
from frontend.callbacks.history import History
from frontend.callbacks.log_values import flat_logs, python_logs
from frontend.callbacks.progbar_logger import ProgbarLogger

_BATCH_HOOKS = {
    "train": ("on_batch_begin", "on_batch_end", "on_train_batch_begin", "on_train_batch_end"),
    "test": ("on_test_batch_begin", "on_test_batch_end"),
    "predict": ("on_predict_batch_begin", "on_predict_batch_end"),
}


def _overrides(callback, hook):
    """True when ``callback`` replaces the base class's empty ``hook`` (by subclassing or by attribute)."""
    return getattr(getattr(callback, hook), "__func__", None) is not getattr(Callback, hook)


class CallbackList(Callback):
    """Calls each hook on every callback in order; what the fit/evaluate/predict loops talk to.

    Epoch, begin and end hooks get logs flattened, key-sorted and converted to Python
    numbers. Batch hooks get them flattened and sorted but converted only when some
    callback overrides a batch hook of that loop without ``accepts_tensor_logs``: reading
    a tensor waits for the device, and the built-in callbacks read only when they must.

    ``BackupAndRestore`` callbacks are moved to the end, so they run each hook after the others:
    a backup then holds every other callback's state after the hook, and the restore in
    ``on_train_begin`` comes after the others have reset themselves.

    Args:
        callbacks: callbacks (a list, possibly nested) or None.
        add_history: append a ``History`` unless the list already has one.
        add_progbar: append a ``ProgbarLogger`` unless the list already has one.
        model: the model given to every callback (and ``model.history`` is set).
        **params: the loop's settings, given to every callback through ``set_params``.
    """

    accepts_tensor_logs = True

    def __init__(self, callbacks=None, add_history=False, add_progbar=False, model=None, **params):
        super().__init__()
        self.callbacks = list(tree.flatten(callbacks)) if callbacks else []
        self._history = next((c for c in self.callbacks if isinstance(c, History)), None)
        self._progbar = next((c for c in self.callbacks if isinstance(c, ProgbarLogger)), None)
        if self._history is None and add_history:
            self._history = History()
            self.callbacks.append(self._history)
        if self._progbar is None and add_progbar:
            self._progbar = ProgbarLogger()
            self.callbacks.append(self._progbar)
        self.callbacks.sort(key=lambda callback: isinstance(callback, BackupAndRestore))
        for callback in self.callbacks:
            if isinstance(callback, BackupAndRestore):
                callback.set_peers(self.callbacks)
        self._plan_conversions()
        self.set_model(model)
        self.set_params(params)

    def _plan_conversions(self):
        self._python_batch_logs = {
            mode: any(
                not c.accepts_tensor_logs and any(_overrides(c, hook) for hook in hooks) for c in self.callbacks
            )
            for mode, hooks in _BATCH_HOOKS.items()
        }

    def _batch_logs(self, mode, logs):
        return python_logs(logs) if self._python_batch_logs[mode] else flat_logs(logs)

    def set_params(self, params):
        self.params = params
        if params:
            for callback in self.callbacks:
                callback.set_params(params)

    def set_model(self, model):
        if model is None:
            return
        super().set_model(model)
        if self._history is not None:
            model.history = self._history
        for callback in self.callbacks:
            callback.set_model(model)

    def _call_batch(self, hook, batch, logs):
        """Batch hooks get ``logs`` by keyword, as Keras passes them."""
        for callback in self.callbacks:
            getattr(callback, hook)(batch, logs=logs)

    def _call(self, hook, *args):
        """Epoch, begin and end hooks get every argument by position, as Keras passes them."""
        for callback in self.callbacks:
            getattr(callback, hook)(*args)

    def on_batch_begin(self, batch, logs=None):
        self._call_batch("on_batch_begin", batch, self._batch_logs("train", logs))

    def on_batch_end(self, batch, logs=None):
        self._call_batch("on_batch_end", batch, self._batch_logs("train", logs))

    def on_train_batch_begin(self, batch, logs=None):
        self._call_batch("on_train_batch_begin", batch, self._batch_logs("train", logs))

    def on_train_batch_end(self, batch, logs=None):
        self._call_batch("on_train_batch_end", batch, self._batch_logs("train", logs))

    def on_test_batch_begin(self, batch, logs=None):
        self._call_batch("on_test_batch_begin", batch, self._batch_logs("test", logs))

    def on_test_batch_end(self, batch, logs=None):
        self._call_batch("on_test_batch_end", batch, self._batch_logs("test", logs))

    def on_predict_batch_begin(self, batch, logs=None):
        self._call_batch("on_predict_batch_begin", batch, self._batch_logs("predict", logs))

    def on_predict_batch_end(self, batch, logs=None):
        self._call_batch("on_predict_batch_end", batch, self._batch_logs("predict", logs))

    def on_epoch_begin(self, epoch, logs=None):
        self._call("on_epoch_begin", epoch, python_logs(logs))

    def on_epoch_end(self, epoch, logs=None):
        self._call("on_epoch_end", epoch, python_logs(logs))

    def on_train_begin(self, logs=None):
        self._plan_conversions()
        self._call("on_train_begin", python_logs(logs))

    def on_train_end(self, logs=None):
        self._call("on_train_end", python_logs(logs))

    def on_test_begin(self, logs=None):
        self._plan_conversions()
        self._call("on_test_begin", python_logs(logs))

    def on_test_end(self, logs=None):
        self._call("on_test_end", python_logs(logs))

    def on_predict_begin(self, logs=None):
        self._plan_conversions()
        self._call("on_predict_begin", python_logs(logs))

    def on_predict_end(self, logs=None):
        self._call("on_predict_end", python_logs(logs))
