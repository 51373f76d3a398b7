"""BackupAndRestore: an interrupted fit resumes (at an epoch end or mid-epoch) and ends as the unbroken one.

The interruptions here raise from a callback, in-process; ``test_sigkill_mid_epoch_then_rerun``
kills a real training process with SIGKILL and runs the same script again. The resumed run
must match the unbroken one exactly on every engine, eager or compiled: every real step runs
compiled, the first one included (see ``training/step_function.py``).
"""

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

import frontend as keras
from frontend import backend
from frontend.callbacks import (
    BackupAndRestore,
    EarlyStopping,
    LearningRateScheduler,
    ModelCheckpoint,
    ReduceLROnPlateau,
)
from frontend.callbacks.backup_and_restore import BACKUP_FILE, PREVIOUS_BACKUP_FILE
from frontend.saving.errors import SavedFileError
from frontend.saving.tensor_file import tensors_to_bytes
from frontend.saving.training_backup import read_backup, write_backup

REPO = Path(__file__).resolve().parents[2]
X = np.random.default_rng(0).standard_normal((60, 6)).astype("float32")  # 8 batches of 8, the last of 4
Y = np.random.default_rng(1).standard_normal((60, 1)).astype("float32")


class Interrupted(Exception):
    pass


class Interrupt(keras.callbacks.Callback):
    """Raises after batch ``batch`` of epoch ``epoch`` (``batch=None``: at that epoch's end)."""

    def __init__(self, epoch, batch=None):
        super().__init__()
        self.at, self.epoch = (epoch, batch), None

    def on_epoch_begin(self, epoch, logs=None):
        self.epoch = epoch

    def on_train_batch_end(self, batch, logs=None):
        if (self.epoch, batch) == self.at:
            raise Interrupted()

    def on_epoch_end(self, epoch, logs=None):
        if (epoch, None) == self.at:
            raise Interrupted()


def make_model(run_eagerly=True, steps_per_execution=1, units=16):
    keras.utils.set_random_seed(1)
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(units, activation="relu"),
                              keras.layers.Dropout(0.3), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(1e-2), "mse", metrics=["mae"], run_eagerly=run_eagerly,
                  steps_per_execution=steps_per_execution)
    return model


class Batches(keras.utils.PyDataset):
    """X and Y in batches of 8, for ``fit(shuffle=True)`` to shuffle with Python's RNG."""

    def __len__(self):
        return 8

    def __getitem__(self, index):
        return X[index * 8:(index + 1) * 8], Y[index * 8:(index + 1) * 8]


def train(folder, interrupt=None, make=make_model, extra=(), epochs=3, shuffle=True, data=None, **backup_args):
    """A fresh model trained with a backup in ``folder``; returns (model, history) or raises Interrupted."""
    model = make()
    callbacks = [*([interrupt] if interrupt else []), *extra, BackupAndRestore(folder, **backup_args)]
    x, y = (X, Y) if data is None else (data, None)
    history = model.fit(x, y, batch_size=None if data else 8, epochs=epochs, shuffle=shuffle, verbose=0,
                        callbacks=callbacks)
    return model, history


def interrupted_then_resumed(folder, interrupt, **kwargs):
    with pytest.raises(Interrupted):
        train(folder, interrupt, **kwargs)
    assert os.path.exists(folder / BACKUP_FILE)
    return train(folder, **kwargs)


def assert_same(a, b):
    """Two lists of weights are exactly equal."""
    for left, right in zip(a, b, strict=True):
        np.testing.assert_array_equal(left, right)


@pytest.mark.parametrize("shuffle", [True, "batch"])
@pytest.mark.parametrize("save_freq, stop_at", [("epoch", (1, 4)), (3, (1, 4)), (4, (1, None)), (5, (2, 1))],
                         ids=["from-epoch-end", "mid-epoch", "after-last-batch", "from-previous-epoch"])
def test_resumed_fit_ends_as_the_unbroken_one(tmp_path, save_freq, stop_at, shuffle):
    reference, reference_history = train(tmp_path / "a", save_freq=save_freq, shuffle=shuffle)
    resumed, history = interrupted_then_resumed(tmp_path / "b", Interrupt(*stop_at), save_freq=save_freq,
                                                shuffle=shuffle)
    assert_same(reference.get_weights(), resumed.get_weights())
    assert history.epoch == reference_history.epoch == [0, 1, 2]
    assert history.history == reference_history.history  # the resumed epoch's metrics cover all its batches
    assert int(resumed.optimizer.iterations.numpy()) == 24
    assert not os.path.exists(tmp_path / "b")  # delete_checkpoint


def test_resume_with_a_shuffled_py_dataset(tmp_path):
    reference, _ = train(tmp_path / "a", data=Batches(), save_freq=3)
    resumed, _ = interrupted_then_resumed(tmp_path / "b", Interrupt(1, 5), data=Batches(), save_freq=3)
    assert_same(reference.get_weights(), resumed.get_weights())


def test_resume_with_compiled_steps_and_steps_per_execution(tmp_path):
    def make():
        return make_model(run_eagerly=False, steps_per_execution=2)

    reference, _ = train(tmp_path / "a", make=make, save_freq=2)
    resumed, _ = interrupted_then_resumed(tmp_path / "b", Interrupt(1, 5), make=make, save_freq=2)
    assert_same(reference.get_weights(), resumed.get_weights())


def test_batch_saves_count_across_epochs(tmp_path):
    with pytest.raises(Interrupted):
        train(tmp_path, Interrupt(1, 5), save_freq=3)
    # Saves after 3 and 6 batches of epoch 0 (2 more end it), then after 1 and 4 of epoch 1.
    state = read_backup(tmp_path / BACKUP_FILE)
    assert (state["epoch"], state["batches_done"]) == (1, 4)
    assert set(state["logs"]) == {"loss", "mae"} and int(state["model"]["optimizer/vars/0"]) == 12


def test_keeps_the_backup_without_delete_checkpoint_and_then_trains_no_more(tmp_path):
    model, _ = train(tmp_path, save_freq="epoch", delete_checkpoint=False)
    state = read_backup(tmp_path / BACKUP_FILE)
    assert (state["epoch"], state["batches_done"]) == (3, 0)
    again, history = train(tmp_path, save_freq="epoch", delete_checkpoint=False)
    assert_same(model.get_weights(), again.get_weights())
    assert history.epoch == [0, 1, 2]


@pytest.mark.parametrize("latest", ["corrupt", "missing"])
def test_double_checkpoint_falls_back_to_the_previous_backup(tmp_path, latest):
    reference, _ = train(tmp_path / "a")
    with pytest.raises(Interrupted):
        train(tmp_path / "b", Interrupt(2), double_checkpoint=True)
    assert read_backup(tmp_path / "b" / PREVIOUS_BACKUP_FILE)["epoch"] == 1
    if latest == "missing":  # a crash between moving the latest aside and writing the next
        os.remove(tmp_path / "b" / BACKUP_FILE)
        resumed, _ = train(tmp_path / "b", double_checkpoint=True)
    else:
        (tmp_path / "b" / BACKUP_FILE).write_bytes(b"\x00" * 40)
        with pytest.warns(UserWarning, match="Restoring the previous backup"):
            resumed, _ = train(tmp_path / "b", double_checkpoint=True)
    assert_same(reference.get_weights(), resumed.get_weights())
    assert not os.path.exists(tmp_path / "b")


def test_other_callbacks_states_are_restored(tmp_path):
    def callbacks(folder):
        return [EarlyStopping("loss", patience=5, restore_best_weights=True),
                ReduceLROnPlateau("loss", factor=0.5, patience=0, min_delta=10.0),
                ModelCheckpoint(str(folder / "best.keras"), "loss", save_best_only=True, save_freq=3),
                LearningRateScheduler(lambda epoch, lr: lr * 0.9)]

    reference_callbacks = callbacks(tmp_path)
    reference, reference_history = train(tmp_path / "a", extra=reference_callbacks, epochs=4, save_freq=5)
    with pytest.raises(Interrupted):
        train(tmp_path / "b", Interrupt(2, 3), extra=callbacks(tmp_path), epochs=4, save_freq=5)
    resumed_callbacks = callbacks(tmp_path)
    resumed, history = train(tmp_path / "b", extra=resumed_callbacks, epochs=4, save_freq=5)
    assert_same(reference.get_weights(), resumed.get_weights())
    assert history.history == reference_history.history
    assert float(resumed.optimizer.learning_rate.numpy()) == float(reference.optimizer.learning_rate.numpy())
    for before, after in zip(reference_callbacks, resumed_callbacks):
        left, right = before.get_state(), after.get_state()
        weights = (left.pop("best_weights", None), right.pop("best_weights", None))
        assert left == right, type(before).__name__
        if weights[0] is not None:
            for a, b in zip(*weights, strict=True):
                np.testing.assert_array_equal(a, b)


def test_callback_list_runs_backup_and_restore_last():
    backup, stopper = BackupAndRestore("unused"), EarlyStopping()
    callback_list = keras.callbacks.CallbackList([backup, stopper], add_history=True)
    assert callback_list.callbacks[-1] is backup
    assert backup._peers == callback_list.callbacks[:-1]


@pytest.mark.parametrize("content, problem", [
    (b"", "truncated"),
    (b"\x10\x00\x00\x00\x00\x00\x00\x00{not json at all", "JSON"),
    (b"garbage" * 20, "header length"),
])
def test_corrupt_backup_raises_naming_the_file(tmp_path, content, problem):
    tmp_path.joinpath(BACKUP_FILE).write_bytes(content)
    with pytest.raises(SavedFileError, match=problem) as error:
        train(tmp_path)
    assert str(error.value).startswith(str(tmp_path / BACKUP_FILE))


def test_truncated_backup_raises(tmp_path):
    with pytest.raises(Interrupted):
        train(tmp_path, Interrupt(1))
    path = tmp_path / BACKUP_FILE
    path.write_bytes(path.read_bytes()[:-100])
    with pytest.raises(SavedFileError, match=f"^{re.escape(str(path))}: "):
        train(tmp_path)


@pytest.mark.parametrize("change", [
    lambda state: state.pop("epoch"),
    lambda state: state.update(batches_done=-1),
    lambda state: state["random"].pop("numpy"),
    lambda state: state["random"]["python"].update(internal=np.zeros(3, "uint32")),
    lambda state: state["model"].update({"vars/0": 1.5}),
    lambda state: state["logs"].update(loss="high"),
    lambda state: state["callbacks"].update({"History/0": {"epoch": [0]}}),
], ids=["no-epoch", "negative-batches", "no-numpy-state", "short-python-state", "number-for-tensor", "text-log",
        "history-without-values"])
def test_malformed_training_state_is_refused(tmp_path, change):
    with pytest.raises(Interrupted):
        train(tmp_path, Interrupt(1, 2), save_freq=2)
    state = read_backup(tmp_path / BACKUP_FILE)
    change(state)
    write_backup(tmp_path / BACKUP_FILE, state)
    with pytest.raises(SavedFileError, match=f"^{re.escape(str(tmp_path / BACKUP_FILE))}: "):
        train(tmp_path, save_freq=2)


def test_dangling_tensor_reference_is_refused(tmp_path):
    metadata = {"format": "frontend.training_backup", "format_version": "1",
                "state": json.dumps({"epoch": {"__tensor__": "missing"}})}
    (tmp_path / BACKUP_FILE).write_bytes(tensors_to_bytes({"extra": np.zeros(2)}, metadata))
    with pytest.raises(SavedFileError, match="refers to tensor 'missing'"):
        train(tmp_path)


def test_a_weights_file_is_not_a_backup(tmp_path):
    make_model().save_weights(tmp_path / BACKUP_FILE)
    with pytest.raises(SavedFileError, match="not a training backup"):
        train(tmp_path)


def test_backup_of_another_architecture_is_refused_before_any_write(tmp_path):
    with pytest.raises(Interrupted):
        train(tmp_path, Interrupt(1))
    model = make_model(units=8)
    before = model.get_weights()
    with pytest.raises(SavedFileError, match="does not match model"):
        model.fit(X, Y, batch_size=8, epochs=2, verbose=0, callbacks=[BackupAndRestore(tmp_path)])
    assert_same(before, model.get_weights())


def test_arguments_are_checked(tmp_path):
    with pytest.raises(ValueError, match="empty `backup_dir`"):
        BackupAndRestore("")
    for bad in (0, "batch", 1.5, True):
        with pytest.raises(ValueError, match="save_freq"):
            BackupAndRestore(tmp_path, save_freq=bad)
    model = keras.Sequential([keras.layers.Dense(1)])
    model.compile("sgd", "mse")
    with pytest.raises(ValueError, match="must be built"):
        model.fit(X, Y, epochs=1, verbose=0, callbacks=[BackupAndRestore(tmp_path)])


# ----- the crash test: a real process, a real SIGKILL -----------------------------------------

SCRIPT = """
import os, sys, time
import numpy as np
import frontend as keras

backup_dir, output, marker = sys.argv[1], sys.argv[2], (sys.argv[3] if len(sys.argv) > 3 else None)
keras.utils.set_random_seed(3)
x = np.random.default_rng(0).standard_normal((64, 6)).astype("float32")
y = np.random.default_rng(1).standard_normal((64, 1)).astype("float32")
model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(16, activation="relu"), keras.layers.Dropout(0.3),
                          keras.layers.Dense(1)])
model.compile(keras.optimizers.Adam(1e-2), "mse")


class KillPoint(keras.callbacks.Callback):
    def on_epoch_begin(self, epoch, logs=None):
        self.epoch = epoch

    def on_train_batch_end(self, batch, logs=None):
        if marker and (self.epoch, batch) == (1, 5):
            open(marker, "w").close()
            time.sleep(600)


model.fit(x, y, batch_size=8, epochs=3, shuffle=True, verbose=0,
          callbacks=[KillPoint(), keras.callbacks.BackupAndRestore(backup_dir, save_freq=3)])
np.savez(output, *model.get_weights())
"""


def _start(*args):
    env = dict(os.environ, FRONTEND_BACKEND=backend.backend(), TF_CPP_MIN_LOG_LEVEL="3")
    return subprocess.Popen([sys.executable, "-c", SCRIPT, *map(str, args)], env=env, cwd=REPO,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def _finish(process):
    output, _ = process.communicate(timeout=300)
    assert process.returncode == 0, output


def _weights(path):
    with np.load(path) as file:
        return [file[f"arr_{i}"] for i in range(len(file.files))]


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_mid_epoch_then_rerun(tmp_path):
    reference = _start(tmp_path / "reference_backup", tmp_path / "reference.npz")
    marker = tmp_path / "in_epoch_2"
    victim = _start(tmp_path / "backup", tmp_path / "resumed.npz", marker)
    try:
        deadline = time.monotonic() + 300
        while not marker.exists():
            assert victim.poll() is None, f"the training process ended before the kill point:\n{victim.stdout.read()}"
            assert time.monotonic() < deadline, "the training process never reached the kill point"
            time.sleep(0.05)
        os.kill(victim.pid, signal.SIGKILL)
        victim.wait(timeout=60)
    finally:
        if victim.poll() is None:
            victim.kill()
        victim.stdout.close()
    assert victim.returncode == -signal.SIGKILL
    state = read_backup(tmp_path / "backup" / BACKUP_FILE)
    assert (state["epoch"], state["batches_done"]) == (1, 4)  # the kill came after 6 batches of epoch 1
    _finish(_start(tmp_path / "backup", tmp_path / "resumed.npz"))
    _finish(reference)
    assert not (tmp_path / "backup").exists()
    assert_same(_weights(tmp_path / "reference.npz"), _weights(tmp_path / "resumed.npz"))
