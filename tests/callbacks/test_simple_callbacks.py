"""TerminateOnNaN and LambdaCallback."""

import math

import pytest

from frontend import ops
from frontend.callbacks import CallbackList, LambdaCallback, TerminateOnNaN
from tests.callbacks.fakes import CountingTensor, FakeModel, fit


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_terminate_on_nan_stops_training(bad, capsys):
    model = FakeModel()
    ran = fit([TerminateOnNaN()], model, [{"loss": 1.0}] * 3, steps=3,
              batch_logs=lambda epoch, batch: {"loss": ops.convert_to_tensor(bad if (epoch, batch) == (1, 1) else 1.0)})
    assert ran == 2 and model.stop_training
    assert capsys.readouterr().out == "Batch 1: Invalid loss, terminating training\n"


def test_terminate_on_nan_reads_only_the_loss():
    loss, other = CountingTensor(1.0), CountingTensor(2.0)
    callback_list = CallbackList([TerminateOnNaN()], model=FakeModel())
    callback_list.on_train_batch_end(0, {"loss": loss, "accuracy": other})
    assert (loss.reads, other.reads) == (1, 0)


def test_terminate_on_nan_can_raise():
    callback_list = CallbackList([TerminateOnNaN(raise_error=True)], model=FakeModel())
    callback_list.on_train_batch_end(2, {"loss": 1.0})
    with pytest.raises(RuntimeError, match="NaN or Inf loss encountered at batch 3. Loss value: nan"):
        callback_list.on_train_batch_end(3, {"loss": math.nan})


def test_lambda_callback_hooks():
    calls = []
    callback = LambdaCallback(
        on_train_begin=lambda logs: calls.append(("train_begin", logs)),
        on_epoch_end=lambda epoch, logs: calls.append(("epoch_end", epoch, logs["val_loss"])),
        on_train_batch_end=lambda batch, logs: calls.append(("batch_end", batch, logs["loss"])),
        on_test_end=lambda logs: calls.append(("test_end", logs)),
    )
    fit([callback], FakeModel(), [{"val_loss": 0.5}], steps=2, batch_logs=lambda e, b: {"loss": CountingTensor(b)})
    CallbackList([callback]).on_test_end({"loss": 1.0})
    assert calls == [("train_begin", {}), ("batch_end", 0, 0.0), ("batch_end", 1, 1.0), ("epoch_end", 0, 0.5),
                     ("test_end", {"loss": 1.0})]


def test_lambda_callback_rejects_unknown_hooks():
    with pytest.raises(ValueError, match=r"unknown hook name\(s\) \['on_epoch_ends'\]"):
        LambdaCallback(on_epoch_ends=print)
