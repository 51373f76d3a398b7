"""``BackupAndRestore``: an interrupted ``fit`` resumes where it stopped, and ends as if it never had."""

import os
import warnings

import numpy as np

from frontend.callbacks.callback import Callback
from frontend.callbacks.batch_counter import BatchCounter
from frontend.callbacks.log_values import python_logs
from frontend.saving.atomic import TEMP_PREFIX
from frontend.saving.errors import SavedFileError
from frontend.saving.training_backup import read_backup, write_backup
from frontend.saving.weights_store import assign_tensors, collect_tensors
from frontend.utils.random_state import DATA_ORDER_STREAMS, get_random_state, set_random_state

BACKUP_FILE = "training_state.safetensors"
PREVIOUS_BACKUP_FILE = "training_state_previous.safetensors"


class BackupAndRestore(Callback):
    """Backs the training state up to ``backup_dir``; a later ``fit`` with a backup there resumes from it.

    A backup is one file (see ``frontend.saving.training_backup``), replaced atomically, so a
    crash at any moment leaves the last complete backup. It holds the model's weights and seed
    generators, the optimizer's state, the epoch and the batches already done in it, the metric
    states and logs so far in that epoch, the host random streams (``frontend.utils.random_state``:
    the ones data adapters shuffle with as they were when the epoch started, the others as they
    are now), and the state of the fit's other callbacks (``Callback.get_state``).

    On ``on_train_begin`` with a backup present, all of that is restored and ``fit`` goes on at
    that epoch, skipping the batches already trained: they are drawn again, unconverted, so the
    epoch's shuffle and data order are the uninterrupted run's. The fit then ends with the same
    weights as a run that was never interrupted, for inputs that give the same batches when an
    epoch is run again: arrays and PyDatasets, shuffled or not (not a generator that goes on
    where the last epoch stopped, nor ``steps_per_epoch`` shorter than a pass over the data).
    This callback runs after the others in every hook (see ``CallbackList``): its backups see
    their state after the hook, its restore comes after their resets.

    Args:
        backup_dir: the folder for the backup; use a different one for each concurrent ``fit``.
        save_freq: "epoch" (back up at each epoch end), an int (every that many batches) or False
            (never: only restore).
        double_checkpoint: keep the previous backup too, and restore it if the latest cannot be read.
        delete_checkpoint: delete the backup when ``fit`` ends normally.
    """

    accepts_tensor_logs = True

    def __init__(self, backup_dir, save_freq="epoch", double_checkpoint=False, delete_checkpoint=True):
        super().__init__()
        if not backup_dir:
            raise ValueError("BackupAndRestore: empty `backup_dir` argument passed")
        batches = isinstance(save_freq, int) and not isinstance(save_freq, bool) and save_freq >= 1
        if not (batches or save_freq is False or save_freq == "epoch"):
            raise ValueError("BackupAndRestore: save_freq must be 'epoch', a positive int or False, "
                             f"received save_freq={save_freq!r}")
        self.backup_dir = os.fspath(backup_dir)
        self.save_freq = save_freq
        self.double_checkpoint = double_checkpoint
        self.delete_checkpoint = delete_checkpoint
        self._path = os.path.join(self.backup_dir, BACKUP_FILE)
        self._previous_path = os.path.join(self.backup_dir, PREVIOUS_BACKUP_FILE)
        self._peers = []
        self._epoch = 0
        self._epoch_start_streams = None
        self._batches = BatchCounter(save_freq)
        self._pending_metrics = None

    def set_peers(self, callbacks):
        """The fit's other callbacks, whose states each backup holds (``CallbackList`` calls this)."""
        self._peers = [callback for callback in callbacks if callback is not self]

    # ----- hooks -------------------------------------------------------------------------

    def on_train_begin(self, logs=None):
        if not self.model.built:
            raise ValueError(
                f"BackupAndRestore: model '{self.model.name}' must be built before fit() so that a backup "
                "can be restored into it: give it an Input, call model.build(input_shape), or call it on a batch."
            )
        self._batches.restart()
        self._pending_metrics = None
        self._restore_latest()
        self._epoch_start_streams = _data_order_streams()

    def on_epoch_begin(self, epoch, logs=None):
        self._epoch = epoch

    def on_train_batch_begin(self, batch, logs=None):
        if self._pending_metrics is not None:  # the fit's metrics exist and are reset by now
            self._restore_metrics(self._pending_metrics)
            self._pending_metrics = None

    def on_train_batch_end(self, batch, logs=None):
        if self.save_freq not in ("epoch", False) and self._batches.due(batch):
            self._save(self._epoch, batch + 1, python_logs(logs))

    def on_epoch_end(self, epoch, logs=None):
        self._pending_metrics = None
        self._epoch_start_streams = _data_order_streams()  # the other callbacks have run: next epoch's start
        if self.save_freq == "epoch":
            self._save(epoch + 1, 0, {})

    def on_train_end(self, logs=None):
        if self.delete_checkpoint:
            self._delete()

    # ----- saving ------------------------------------------------------------------------

    def _keyed_peers(self):
        """``(key, callback)`` for the other callbacks; keys (``EarlyStopping/0``) survive a changed order."""
        counts, keyed = {}, []
        for peer in self._peers:
            name = type(peer).__name__
            counts[name] = counts.get(name, -1) + 1
            keyed.append((f"{name}/{counts[name]}", peer))
        return keyed

    def _save(self, epoch, batches_done, logs):
        model = self.model
        peer_states = {}
        for key, peer in self._keyed_peers():
            state = peer.get_state() if hasattr(peer, "get_state") else None
            if state is not None:
                peer_states[key] = state
        metrics = []
        if batches_done:  # within an epoch: the running metric values so far
            metrics = [{"name": m.name, "variables": [v.numpy() for v in m.variables]} for m in model.metrics]
        state = {
            "epoch": epoch,
            "batches_done": batches_done,
            "logs": logs,
            "model": collect_tensors(model, include_optimizer=True),
            "metrics": metrics,
            "random": {**get_random_state(), **self._epoch_start_streams},
            "callbacks": peer_states,
        }
        os.makedirs(self.backup_dir, exist_ok=True)
        if self.double_checkpoint and os.path.exists(self._path):
            os.replace(self._path, self._previous_path)
        write_backup(self._path, state)

    def _delete(self):
        for path in (self._path, self._previous_path):
            if os.path.exists(path):
                os.remove(path)
        if os.path.isdir(self.backup_dir):
            for name in os.listdir(self.backup_dir):  # left by a process killed while writing
                if name.startswith(f"{TEMP_PREFIX}{BACKUP_FILE}-"):
                    os.remove(os.path.join(self.backup_dir, name))
            if not os.listdir(self.backup_dir):
                os.rmdir(self.backup_dir)

    # ----- restoring ---------------------------------------------------------------------

    def _restore_latest(self):
        """Restore the latest backup, or the previous one if the latest is unreadable and kept; none: nothing."""
        if os.path.exists(self._path):
            try:
                self._restore(read_backup(self._path), self._path)
                return
            except SavedFileError as error:
                if not (self.double_checkpoint and os.path.exists(self._previous_path)):
                    raise
                warnings.warn(f"BackupAndRestore: {error}. Restoring the previous backup instead.", stacklevel=3)
        if os.path.exists(self._previous_path):  # also after a crash between moving the latest and writing anew
            self._restore(read_backup(self._previous_path), self._previous_path)

    def _restore(self, state, source):
        try:
            epoch, batches_done = _count(state["epoch"]), _count(state["batches_done"])
            logs, tensors = _values_of(state["logs"], (int, float, np.ndarray)), _values_of(state["model"], np.ndarray)
            metrics = _of(state["metrics"], list)
            peer_states, random_state = _of(state["callbacks"], dict), _of(state["random"], dict)
            set_random_state(random_state)
        except (KeyError, TypeError, ValueError) as error:
            raise SavedFileError(f"{source}: not a complete training backup: {error!r}") from None
        optimizer = self.model.optimizer
        if optimizer is not None and not optimizer.built:
            optimizer.build(self.model.trainable_variables)
        assign_tensors(self.model, tensors, source, include_optimizer=optimizer is not None)
        for key, peer in self._keyed_peers():
            if key in peer_states and hasattr(peer, "set_state"):
                try:
                    peer.set_state(peer_states[key])
                except (KeyError, TypeError, ValueError) as error:
                    raise SavedFileError(f"{source}: the state of callback {key} does not fit it: {error!r}") from None
        self._pending_metrics = (metrics, source) if batches_done else None
        self._batches.restart(batches_done)
        self.model._resume_fit_at(epoch, batches_done, logs)

    def _restore_metrics(self, pending):
        """Put back the running metric values of the interrupted epoch; a metric that differs is left as is."""
        saved, source = pending
        skipped = []
        for index, metric in enumerate(self.model.metrics):
            values = _values_for(saved[index] if index < len(saved) else None, metric)
            if values is None:
                skipped.append(metric.name)
                continue
            for variable, value in zip(metric.variables, values):
                variable.assign(value)
        if skipped:
            warnings.warn(f"BackupAndRestore: {source} holds no matching state for metric(s) {', '.join(skipped)}; "
                          "their values for the resumed epoch cover only the batches after the restart.",
                          stacklevel=3)


def _values_for(entry, metric):
    """The saved variable values of ``metric``, or None when ``entry`` is not a state of it."""
    if not isinstance(entry, dict) or entry.get("name") != metric.name:
        return None
    values = entry.get("variables")
    shapes = [tuple(variable.shape) for variable in metric.variables]
    if not isinstance(values, list) or [getattr(value, "shape", None) for value in values] != shapes:
        return None
    return values


def _data_order_streams():
    """The random streams data adapters shuffle with, as they are now."""
    state = get_random_state()
    return {name: state[name] for name in DATA_ORDER_STREAMS}


def _count(value):
    if type(value) is not int or value < 0:
        raise ValueError(f"expected a non-negative integer, found {value!r}")
    return value


def _of(value, kind):
    if not isinstance(value, kind):
        raise TypeError(f"expected a {kind.__name__}, found {type(value).__name__}")
    return value


def _values_of(value, kinds):
    """``value``, checked to be a dict whose values are all of ``kinds``."""
    for key, item in _of(value, dict).items():
        if not isinstance(item, kinds) or isinstance(item, bool):
            raise TypeError(f"{key!r} holds a {type(item).__name__}")
    return value
