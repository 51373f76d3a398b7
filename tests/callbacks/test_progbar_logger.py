"""ProgbarLogger and Progbar: output for verbose 1 and 2, terminal redraws, and lazy value reads."""

import io
import re
import sys

import pytest

from frontend import ops
from frontend.callbacks import CallbackList, ProgbarLogger, progbar
from tests.callbacks.fakes import CountingTensor, FakeModel

BAR = "━" * 20


class Clock:
    """Replaces the ``time`` module inside progbar: the test sets ``now``."""

    now = 0.0

    def monotonic(self):
        return self.now


class Terminal(io.StringIO):
    def isatty(self):
        return True


@pytest.fixture(autouse=True)
def no_ide_console(monkeypatch):
    """PyCharm's console counts as a terminal; tests decide that themselves."""
    monkeypatch.delenv("PYCHARM_HOSTED", raising=False)


@pytest.fixture
def clock(monkeypatch):
    fake = Clock()
    monkeypatch.setattr(progbar, "time", fake)
    return fake


def use_terminal(monkeypatch):
    """Point sys.stdout at a fake terminal (in the test body: pytest resets sys.stdout before it)."""
    screen = Terminal()
    monkeypatch.setattr(sys, "stdout", screen)
    return screen


def plain(text):
    return re.sub(r"\x1b\[[0-9;]*m", "", text)


def run_epochs(clock, verbose, epochs=2, steps=3, batch_logs=None, epoch_logs=None, step_seconds=0.5, batches=3):
    """A fit loop whose batch ``b`` ends at ``step_seconds * (b + 1)`` after its epoch began.

    ``steps`` is what the loop announces (None: unknown); it runs ``steps or batches`` batches.
    """
    callback_list = CallbackList(add_progbar=True, model=FakeModel(), verbose=verbose, epochs=epochs, steps=steps)
    callback_list.on_train_begin()
    for epoch in range(epochs):
        clock.now = 0.0
        callback_list.on_epoch_begin(epoch)
        for batch in range(steps or batches):
            clock.now = step_seconds * (batch + 1)
            callback_list.on_train_batch_end(batch, batch_logs(batch) if batch_logs else {"loss": 1.0})
        callback_list.on_epoch_end(epoch, epoch_logs if epoch_logs is not None else {"loss": 0.5, "val_loss": 0.25})
    callback_list.on_train_end()


def test_verbose_1_without_terminal_prints_one_line_per_epoch_and_reads_no_batch_value(clock, capsys):
    values = [CountingTensor(1.0 / (b + 1)) for b in range(3)]
    run_epochs(clock, verbose=1, batch_logs=lambda b: {"loss": values[b]})
    # 3 steps in 1.5 s; the first step is left out of the per-step time: (1.5 - 0.5) / 2 = 500ms.
    line = f"3/3 {BAR} 2s 500ms/step - loss: 0.5000 - val_loss: 0.2500\n"
    assert capsys.readouterr().out == f"Epoch 1/2\n{line}Epoch 2/2\n{line}"
    assert [v.reads for v in values] == [0, 0, 0]


def test_verbose_2_prints_one_summary_line_per_epoch(clock, capsys):
    values = [CountingTensor(1.0) for _ in range(3)]
    run_epochs(clock, verbose=2, batch_logs=lambda b: {"loss": values[b]},
               epoch_logs={"loss": 0.0001, "accuracy": -0.5})
    # Names keep the order they first appeared in (batch logs first), as in Keras.
    line = "3/3 - 2s - 500ms/step - loss: 1.0000e-04 - accuracy: -0.5000\n"
    assert capsys.readouterr().out == f"Epoch 1/2\n{line}Epoch 2/2\n{line}"
    assert [v.reads for v in values] == [0, 0, 0]


def test_verbose_0_and_single_epoch(clock, capsys):
    run_epochs(clock, verbose=0)
    assert capsys.readouterr().out == ""
    run_epochs(clock, verbose=2, epochs=1)
    assert capsys.readouterr().out.startswith("3/3 - ")


def test_terminal_redraws_in_place_throttled_and_reads_values_only_when_drawing(clock, monkeypatch):
    terminal = use_terminal(monkeypatch)
    values = [CountingTensor(10.0 - b) for b in range(10)]
    epoch_loss = CountingTensor(0.5)
    run_epochs(clock, verbose=1, epochs=1, steps=10, step_seconds=0.125,
               batch_logs=lambda b: {"loss": values[b]}, epoch_logs={"loss": epoch_loss})
    # Batches end every 0.125 s and the bar redraws at most every 0.25 s: after steps 1, 3, 5, 7, 9.
    assert [v.reads for v in values] == [1, 0, 1, 0, 1, 0, 1, 0, 1, 0]
    assert epoch_loss.reads == 1
    out = terminal.getvalue()
    assert "\x1b[32m" in out and out.endswith("\n") and out.count("\n") == 1
    frames = [frame.rstrip(" \n") for frame in plain(out).split("\r")[1:]]
    assert len(frames) == 6
    # Step 1 took 0.125 s (the estimate until a second step ends); 9 steps remain: ETA 1s.
    assert frames[0] == " 1/10 ━━" + "━" * 18 + " 1s 125ms/step - loss: 10.0000"
    # Step 3 ends at 0.375 s: (0.375 - 0.125) / 2 = 125ms per step, 7 left: 0.875 s shown as 0s.
    assert frames[1] == " 3/10 ━━━━━━" + "━" * 14 + " 0s 125ms/step - loss: 8.0000"
    assert frames[5] == f"10/10 {BAR} 1s 125ms/step - loss: 0.5000"


def test_terminal_unknown_step_count_then_known(clock, monkeypatch):
    terminal = use_terminal(monkeypatch)
    run_epochs(clock, verbose=1, epochs=2, steps=None)
    frames = [frame.rstrip(" \n") for frame in plain(terminal.getvalue()).split("\r")[1:]]
    assert frames[0] == "      1/Unknown 0s 500ms/step - loss: 1.0000"
    assert f"3/3 {BAR} 2s 500ms/step - loss: 0.5000 - val_loss: 0.2500" in frames
    assert any(frame.startswith("1/3 ━━━━━━") for frame in frames)


def test_unknown_step_count_without_terminal(clock, capsys):
    run_epochs(clock, verbose=1, epochs=1, steps=None)
    assert capsys.readouterr().out == f"3/3 {BAR} 2s 500ms/step - loss: 0.5000 - val_loss: 0.2500\n"


def test_evaluate_and_predict_bars_and_silent_validation_in_fit(clock, capsys):
    logger = ProgbarLogger()
    callback_list = CallbackList([logger], verbose=1, epochs=1, steps=2)
    callback_list.on_test_begin()
    for batch in range(2):
        clock.now = 0.5 * (batch + 1)
        callback_list.on_test_batch_end(batch, {"loss": 3.0})
    callback_list.on_test_end({"loss": 2.0})
    assert capsys.readouterr().out == f"2/2 {BAR} 1s 500ms/step - loss: 2.0000\n"
    clock.now = 0.0
    callback_list.on_predict_begin()
    for batch in range(2):
        clock.now = 0.5 * (batch + 1)
        callback_list.on_predict_batch_end(batch, {"outputs": 1.0})
    callback_list.on_predict_end()
    assert capsys.readouterr().out == f"2/2 {BAR} 1s 500ms/step\n"
    callback_list.on_train_begin()
    callback_list.on_test_begin()
    callback_list.on_test_batch_end(0, {"loss": 3.0})
    callback_list.on_test_end({"loss": 2.0})
    assert capsys.readouterr().out == ""


def test_engine_tensors_are_shown(clock, monkeypatch):
    terminal = use_terminal(monkeypatch)
    run_epochs(clock, verbose=1, epochs=1, steps=1, batch_logs=lambda b: {"loss": ops.convert_to_tensor(0.75)},
               epoch_logs={"loss": ops.convert_to_tensor(0.375)})
    frames = [frame.rstrip(" \n") for frame in plain(terminal.getvalue()).split("\r")[1:]]
    assert frames[0].endswith("loss: 0.7500") and frames[-1].endswith("loss: 0.3750")


@pytest.mark.parametrize("value, text", [(0.5, "0.5000"), (-2.25, "-2.2500"), (0.0001, "1.0000e-04"),
                                         (-0.0005, "-5.0000e-04"), (0, "0.0000e+00"), ("n/a", "n/a")])
def test_format_value(value, text):
    assert progbar.format_value(value) == text


def test_format_times():
    assert [progbar.format_duration(s) for s in (12.7, 125, 3725)] == ["12s", "2:05", "1:02:05"]
    assert [progbar.format_step_time(s, "step") for s in (2.0, 0, 0.015, 0.00008)] == [
        "2s/step", "0s/step", "15ms/step", "80us/step"]
