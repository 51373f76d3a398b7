"""LearningRateScheduler and ReduceLROnPlateau, on a plain-float and on a Variable-backed learning rate."""

import numpy as np
import pytest

import frontend
from frontend.callbacks import LambdaCallback, LearningRateScheduler, ReduceLROnPlateau
from tests.callbacks.fakes import FakeModel, FakeOptimizer, fit


class VariableRateOptimizer:
    """Keeps its learning rate in a frontend.Variable, as real optimizers do."""

    def __init__(self, learning_rate):
        self._rate = frontend.Variable(learning_rate, dtype="float32")

    @property
    def learning_rate(self):
        return self._rate

    @learning_rate.setter
    def learning_rate(self, value):
        self._rate.assign(value)


def rates_seen(model):
    """A callback recording (learning rate at epoch end, the logged learning_rate)."""
    seen = []
    recorder = LambdaCallback(on_epoch_end=lambda epoch, logs: seen.append(
        (round(float(np.asarray(frontend.ops.convert_to_numpy(model.optimizer.learning_rate))), 7),
         logs.get("learning_rate"))))
    return recorder, seen


def test_scheduler_sets_rate_each_epoch_and_logs_it(capsys):
    model = FakeModel(learning_rate=0.1)
    recorder, seen = rates_seen(model)
    scheduler = LearningRateScheduler(lambda epoch, lr: lr if epoch < 2 else lr / 2, verbose=1)
    fit([scheduler, recorder], model, [{"loss": 1.0}] * 4)
    assert seen == [(0.1, 0.1), (0.1, 0.1), (0.05, 0.05), (0.025, 0.025)]
    assert capsys.readouterr().out.splitlines()[-1] == "Epoch 4: LearningRateScheduler setting learning rate to 0.025."


def test_scheduler_one_argument_schedule_and_variable_rate():
    model = FakeModel()
    model.optimizer = VariableRateOptimizer(0.5)
    recorder, seen = rates_seen(model)
    fit([LearningRateScheduler(lambda epoch: 0.25 / (epoch + 1)), recorder], model, [{"loss": 1.0}] * 2)
    assert seen == [(0.25, 0.25), (0.125, 0.125)]


def test_scheduler_with_several_optimizers():
    model = FakeModel()
    model.optimizer = type("Multi", (), {"optimizers": [FakeOptimizer(0.1, "a"), FakeOptimizer(0.2, "b")]})()
    logs = []
    fit([LearningRateScheduler(lambda epoch, lr: lr * 10), LambdaCallback(on_epoch_end=lambda e, l: logs.append(l))],
        model, [{"loss": 1.0}])
    assert logs[0]["learning_rate_a"] == pytest.approx(1.0) and logs[0]["learning_rate_b"] == pytest.approx(2.0)


@pytest.mark.parametrize("bad", ["0.1", [0.1], None])
def test_scheduler_rejects_non_numbers(bad):
    with pytest.raises(ValueError, match="should be a float. Got:"):
        fit([LearningRateScheduler(lambda epoch, lr: bad)], FakeModel(), [{"loss": 1.0}])


def test_scheduler_needs_a_learning_rate():
    model = FakeModel()
    model.optimizer = object()
    with pytest.raises(ValueError, match='Optimizer must have a "learning_rate" attribute'):
        fit([LearningRateScheduler(lambda epoch, lr: lr)], model, [{"loss": 1.0}])


def plateau_run(values, model=None, **kwargs):
    model = model or FakeModel(learning_rate=0.01)
    recorder, seen = rates_seen(model)
    callback = ReduceLROnPlateau(**kwargs)
    fit([callback, recorder], model, [{"val_loss": v} for v in values])
    return callback, [rate for rate, _ in seen]


def test_plateau_reduces_after_patience():
    # Best 0.4 at epoch 1; epochs 2 and 3 wait 1, 2 -> reduce at epoch 3; the wait restarts.
    _, rates = plateau_run((0.5, 0.4, 0.45, 0.41, 0.42, 0.43), patience=2)
    assert rates == [0.01, 0.01, 0.01, 0.001, 0.001, 0.0001]


def test_plateau_min_delta_cooldown_and_min_lr(capsys):
    # min_delta 0.05: 0.47 is no improvement on 0.5. Cooldown 2: the counter drops at each epoch
    # end before the check (as in Keras), so one epoch after a reduction does not count.
    # min_lr 0.0005 bounds the second reduction; at min_lr nothing is reduced and the wait stays.
    callback, rates = plateau_run((0.5, 0.47, 0.46, 0.45, 0.44, 0.43), patience=1, min_delta=0.05, cooldown=2,
                                  min_lr=0.0005, verbose=1)
    assert rates == [0.01, 0.001, 0.001, 0.0005, 0.0005, 0.0005]
    assert capsys.readouterr().out == ("\nEpoch 2: ReduceLROnPlateau reducing learning rate to 0.001.\n"
                                       "\nEpoch 4: ReduceLROnPlateau reducing learning rate to 0.0005.\n")
    assert callback.wait == 1 and callback.best == 0.44  # 0.44 is 0.06 below 0.5


def test_plateau_on_a_variable_rate_stops_at_min_lr_in_float32():
    model = FakeModel()
    model.optimizer = VariableRateOptimizer(0.01)
    callback, rates = plateau_run((1.0, 1.0, 1.0, 1.0), model=model, patience=1, factor=0.5, min_lr=0.004)
    assert rates == [0.01, 0.005, 0.004, 0.004]
    assert callback.wait == 1  # at min_lr nothing is reduced, so the wait is not reset


def test_plateau_max_mode_and_logs_learning_rate():
    model = FakeModel(learning_rate=0.01)
    recorder, seen = rates_seen(model)
    fit([ReduceLROnPlateau(monitor="val_acc", patience=1), recorder], model, [{"val_acc": v} for v in (0.5, 0.6, 0.55)])
    assert seen == [(0.01, 0.01), (0.01, 0.01), (0.001, 0.01)]


def test_plateau_rejects_factor_of_one_or_more():
    with pytest.raises(ValueError, match="does not support a factor >= 1.0. Received factor=1.5"):
        ReduceLROnPlateau(factor=1.5)


def test_plateau_missing_monitor_warns():
    with pytest.warns(UserWarning, match="Learning rate reduction is conditioned on metric `val_loss`.*"
                                         "Available metrics are: loss,learning_rate"):
        fit([ReduceLROnPlateau()], FakeModel(), [{"loss": 1.0}])
