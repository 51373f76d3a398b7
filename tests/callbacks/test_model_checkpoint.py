"""ModelCheckpoint: filepath templates, save_best_only, save_freq in batches, argument checks."""

import os

import numpy as np
import pytest

import frontend
from frontend import ops
from frontend.callbacks import ModelCheckpoint
from tests.callbacks.fakes import FakeModel, fit

LOSSES = [{"val_loss": v, "loss": 1.0} for v in (0.5, 0.4, 0.45, 0.3)]


def saved_names(model, directory):
    return [(kind, os.path.relpath(path, directory), overwrite) for kind, path, overwrite in model.saved]


def test_weights_every_epoch_with_template(tmp_path):
    model = FakeModel()
    fit([ModelCheckpoint(str(tmp_path / "w.{epoch:02d}-{val_loss:.2f}.weights.h5"), save_weights_only=True)], model,
        LOSSES)
    assert saved_names(model, tmp_path) == [("weights", f"w.{e:02d}-{v:.2f}.weights.h5", True) for e, v in
                                            [(1, 0.5), (2, 0.4), (3, 0.45), (4, 0.3)]]


def test_best_only_saves_on_improvement(tmp_path, capsys):
    model = FakeModel()
    checkpoint = ModelCheckpoint(tmp_path / "m{epoch}.keras", save_best_only=True, verbose=1)
    fit([checkpoint], model, LOSSES)
    assert saved_names(model, tmp_path) == [("model", "m1.keras", True), ("model", "m2.keras", True),
                                            ("model", "m4.keras", True)]
    assert checkpoint.best == 0.3
    assert "\nEpoch 3: val_loss did not improve from 0.40000\n" in capsys.readouterr().out


def test_best_only_verbose_messages(tmp_path, capsys):
    fit([ModelCheckpoint(tmp_path / "m.keras", save_best_only=True, verbose=1)], FakeModel(), LOSSES[:2])
    path = tmp_path / "m.keras"
    assert capsys.readouterr().out == (
        f"\nEpoch 1: val_loss improved from None to 0.50000, saving model to {path}\n"
        f"\nEpoch 1: finished saving model to {path}\n"
        f"\nEpoch 2: val_loss improved from 0.50000 to 0.40000, saving model to {path}\n"
        f"\nEpoch 2: finished saving model to {path}\n")


def test_initial_value_threshold_and_max_mode(tmp_path):
    model = FakeModel()
    fit([ModelCheckpoint(tmp_path / "m{epoch}.keras", save_best_only=True, initial_value_threshold=0.42)], model,
        LOSSES)
    assert saved_names(model, tmp_path) == [("model", "m2.keras", True), ("model", "m4.keras", True)]
    model = FakeModel()
    fit([ModelCheckpoint(tmp_path / "a{epoch}.keras", monitor="val_acc", save_best_only=True)], model,
        [{"val_acc": v} for v in (0.5, 0.4, 0.6)])
    assert saved_names(model, tmp_path) == [("model", "a1.keras", True), ("model", "a3.keras", True)]


def test_save_freq_in_batches(tmp_path):
    model = FakeModel()
    checkpoint = ModelCheckpoint(tmp_path / "e{epoch}b{batch}-{loss:.1f}.keras", save_freq=2)
    fit([checkpoint], model, LOSSES[:2], steps=3, batch_logs=lambda e, b: {"loss": 1.0 + b})
    # Batches 1..6 overall; a save every 2, named with the epoch and the batch (1-based).
    assert saved_names(model, tmp_path) == [("model", "e1b2-2.0.keras", True), ("model", "e2b1-1.0.keras", True),
                                            ("model", "e2b3-3.0.keras", True)]


def test_save_freq_counts_skipped_batches(tmp_path):
    model = FakeModel()
    checkpoint = ModelCheckpoint(tmp_path / "b{batch}.keras", save_freq=4)
    checkpoint.set_model(model)
    for batch in (1, 3, 5, 7, 1):  # the loop reports every other batch; 1 again means a new epoch
        checkpoint.on_train_batch_end(batch, {"loss": 1.0})
    assert saved_names(model, tmp_path) == [("model", "b4.keras", True), ("model", "b8.keras", True)]


def test_best_only_with_batch_saves_reads_tensor_logs_only_when_saving(tmp_path):
    model = FakeModel()
    checkpoint = ModelCheckpoint(tmp_path / "b{batch}-{loss:.2f}.keras", monitor="loss", save_best_only=True,
                                 save_freq=2)
    fit([checkpoint], model, LOSSES[:1], steps=4, batch_logs=lambda e, b: {"loss": ops.convert_to_tensor(4.0 - b)})
    assert saved_names(model, tmp_path) == [("model", "b2-3.00.keras", True), ("model", "b4-1.00.keras", True)]


def test_directories_are_created(tmp_path):
    model = FakeModel()
    fit([ModelCheckpoint(tmp_path / "run" / "e{epoch}" / "m.keras")], model, LOSSES[:1])
    assert os.path.isdir(tmp_path / "run" / "e1")


def test_missing_monitor_saves_with_a_warning(tmp_path):
    model = FakeModel()
    with pytest.warns(UserWarning, match="can save the best model only with val_loss"):
        fit([ModelCheckpoint(tmp_path / "m.keras", save_best_only=True)], model, [{"loss": 1.0}])
    assert len(model.saved) == 1


def test_non_scalar_monitor_saves_with_a_warning(tmp_path):
    model = FakeModel()
    with pytest.warns(UserWarning, match="must be a scalar"):
        fit([ModelCheckpoint(tmp_path / "m.keras", save_best_only=True)], model, [{"val_loss": np.ones(2)}])
    assert len(model.saved) == 1


@pytest.mark.parametrize("kwargs, message", [
    ({"filepath": "w.h5", "save_weights_only": True}, "must end in '.weights.h5'"),
    ({"filepath": "m.weights"}, "must end in '.keras' or '.h5'"),
    ({"filepath": "m.keras", "save_freq": "batch"}, "save_freq must be 'epoch' or a positive int"),
    ({"filepath": "m.keras", "save_freq": 0}, "save_freq must be 'epoch' or a positive int"),
])
def test_bad_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        ModelCheckpoint(**kwargs)


def test_template_naming_a_missing_log(tmp_path):
    message = r"cannot fill in the filepath .*\{acc\}.*no log named acc\. Available: epoch, loss, val_loss"
    with pytest.raises(KeyError, match=message):
        fit([ModelCheckpoint(str(tmp_path / "{acc}.keras"))], FakeModel(), LOSSES[:1])


def test_filepath_that_is_a_directory(tmp_path):
    (tmp_path / "d.keras").mkdir()
    with pytest.raises(IsADirectoryError, match="existing directory"):
        fit([ModelCheckpoint(tmp_path / "d.keras")], FakeModel(), LOSSES[:1])


def test_real_model_save_weights(tmp_path, monkeypatch):
    model = frontend.Sequential([frontend.Input((2,)), frontend.layers.Dense(1)])
    calls = []
    monkeypatch.setattr(model, "save_weights", lambda path, overwrite=False: calls.append((path, overwrite)),
                        raising=False)
    checkpoint = ModelCheckpoint(tmp_path / "{epoch}.weights.h5", save_weights_only=True, monitor="loss",
                                 save_best_only=True)
    checkpoint.set_model(model)
    for epoch, loss in enumerate((1.0, 2.0, 0.5)):
        checkpoint.on_epoch_end(epoch, {"loss": loss})
    assert calls == [(str(tmp_path / "1.weights.h5"), True), (str(tmp_path / "3.weights.h5"), True)]
