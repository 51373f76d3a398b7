"""EarlyStopping: patience, min_delta, baseline, restore_best_weights, start_from_epoch, mode rules."""

import numpy as np
import pytest

import frontend
from frontend.callbacks import EarlyStopping
from tests.callbacks.fakes import FakeModel, fit


def val_losses(*values):
    return [{"val_loss": v, "loss": 1.0} for v in values]


def test_patience_zero_stops_at_first_epoch_without_improvement():
    model, stopper = FakeModel(), EarlyStopping()
    assert fit([stopper], model, val_losses(0.5, 0.4, 0.45, 0.3)) == 3
    assert model.stop_training and stopper.stopped_epoch == 2 and stopper.best == 0.4


def test_patience_counts_epochs_without_improvement():
    model, stopper = FakeModel(), EarlyStopping(patience=2)
    # Best 0.4 at epoch 1; 0.45 and 0.41 do not improve: stop after epoch 3.
    assert fit([stopper], model, val_losses(0.5, 0.4, 0.45, 0.41, 0.1)) == 4
    assert (stopper.stopped_epoch, stopper.wait, stopper.best_epoch) == (3, 2, 1)


def test_min_delta_ignores_small_improvements():
    stopper = EarlyStopping(patience=2, min_delta=-0.05)  # the sign is ignored
    # 0.47 and 0.46 are within 0.05 of the best (0.5): no improvement.
    assert fit([stopper], FakeModel(), val_losses(0.5, 0.47, 0.46, 0.1)) == 3
    assert stopper.best == 0.5 and stopper.min_delta == 0.05


def test_baseline_must_be_beaten_to_reset_patience():
    # The wait grows each epoch and resets only on beating both the best and the baseline;
    # the stop is checked on epochs without improvement.
    stopper = EarlyStopping(patience=3, baseline=0.35)
    assert fit([stopper], FakeModel(), val_losses(0.5, 0.4, 0.45, 0.2)) == 3
    assert stopper.best == 0.4 and stopper.wait == 3
    assert fit([EarlyStopping(patience=3)], FakeModel(), val_losses(0.5, 0.4, 0.45, 0.2)) == 4
    stopper = EarlyStopping(patience=1, baseline=0.35)
    assert fit([stopper], FakeModel(), val_losses(0.3, 0.25, 0.2, 0.3, 0.1)) == 4


def test_restore_best_weights_at_train_end(capsys):
    model, stopper = FakeModel(), EarlyStopping(patience=1, restore_best_weights=True, verbose=1)
    # fit() gives the weights value e during epoch e; the best epoch is 1.
    assert fit([stopper], model, val_losses(0.5, 0.4, 0.45, 0.5, 0.1)) == 3
    np.testing.assert_array_equal(model.weights[0], [1.0, 1.0])
    assert capsys.readouterr().out == (
        "Epoch 3: early stopping\nRestoring model weights from the end of the best epoch: 2.\n")


def test_restore_without_any_improvement_over_baseline_takes_best_seen():
    model, stopper = FakeModel(), EarlyStopping(patience=2, baseline=0.1, restore_best_weights=True)
    assert fit([stopper], model, val_losses(0.5, 0.3, 0.4)) == 3
    np.testing.assert_array_equal(model.weights[0], [1.0, 1.0])


def test_start_from_epoch_skips_warm_up():
    model, stopper = FakeModel(), EarlyStopping(patience=1, start_from_epoch=2, restore_best_weights=True)
    # Epochs 0 and 1 (best values, but warm-up) are not watched; best 0.41 at epoch 3.
    assert fit([stopper], model, val_losses(0.1, 0.2, 0.45, 0.41, 0.42, 0.0)) == 5
    assert (stopper.best, stopper.best_epoch, stopper.stopped_epoch) == (0.41, 3, 4)
    np.testing.assert_array_equal(model.weights[0], [3.0, 3.0])


def test_reused_across_fits():
    stopper = EarlyStopping(patience=0)
    fit([stopper], FakeModel(), val_losses(0.5, 0.6))
    model = FakeModel()
    assert fit([stopper], model, val_losses(0.9, 0.8, 0.7)) == 3 and not model.stop_training


@pytest.mark.parametrize("monitor, values, epochs", [
    ("val_accuracy", (0.5, 0.6, 0.55), 3),   # maximized: 0.55 is worse
    ("val_auc", (0.5, 0.6, 0.55), 3),
    ("precision", (0.5, 0.6, 0.55), 3),
    ("val_mae", (0.5, 0.6, 0.55), 2),        # minimized: 0.6 is worse
    ("out_2_loss", (0.5, 0.6, 0.55), 2),
])
def test_auto_mode_from_the_name(monitor, values, epochs):
    assert fit([EarlyStopping(monitor=monitor)], FakeModel(), [{monitor: v} for v in values]) == epochs


def test_explicit_mode_and_metric_direction():
    assert fit([EarlyStopping(monitor="loss", mode="max")], FakeModel(), [{"loss": v} for v in (0.5, 0.6, 0.4)]) == 3

    class Metric:
        name, _direction = "score", "up"

    model = FakeModel()
    model.metrics = [type("Container", (), {"metrics": [Metric()]})()]
    assert fit([EarlyStopping(monitor="val_score")], model, [{"val_score": v} for v in (0.5, 0.6, 0.55)]) == 3


def test_unknown_mode_warns_and_falls_back_to_auto():
    with pytest.warns(UserWarning, match="mode 'sideways' is unknown"):
        stopper = EarlyStopping(mode="sideways")
    assert stopper.mode == "auto"


def test_missing_monitor_warns_with_available_names():
    with pytest.warns(UserWarning, match="Early stopping is conditioned on metric `val_loss`.*are: acc,loss"):
        assert fit([EarlyStopping()], FakeModel(), [{"loss": 1.0, "acc": 0.5}] * 3) == 3


def test_real_model_weights_are_restored():
    model = frontend.Sequential([frontend.Input((2,)), frontend.layers.Dense(1)])
    kernel = model.layers[0].kernel
    stopper = EarlyStopping(monitor="loss", patience=1, restore_best_weights=True)
    stopper.set_model(model)
    stopper.on_train_begin()
    for epoch, loss in enumerate((0.5, 0.3, 0.4, 0.6)):
        kernel.assign(np.full((2, 1), float(epoch), "float32"))
        stopper.on_epoch_end(epoch, {"loss": loss})
    stopper.on_train_end()
    assert model.stop_training
    np.testing.assert_array_equal(kernel.numpy(), np.ones((2, 1)))
