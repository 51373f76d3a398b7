"""CallbackList: forwarding order, default callbacks, params/model, and when log values are converted."""

import numpy as np
import pytest

from frontend import ops
from frontend.callbacks import Callback, CallbackList, History, LambdaCallback, ProgbarLogger
from tests.callbacks.fakes import CountingTensor, FakeModel

HOOKS_WITH_BATCH = ["on_train_batch_begin", "on_train_batch_end", "on_test_batch_begin", "on_test_batch_end",
                    "on_predict_batch_begin", "on_predict_batch_end", "on_batch_begin", "on_batch_end"]
HOOKS_WITH_EPOCH = ["on_epoch_begin", "on_epoch_end"]
HOOKS_LOGS_ONLY = ["on_train_begin", "on_train_end", "on_test_begin", "on_test_end", "on_predict_begin",
                   "on_predict_end"]


class Recorder(Callback):
    """Records every hook call as (tag, hook, positional args, keyword args) into a shared list."""

    def __init__(self, tag, calls):
        super().__init__()
        for hook in HOOKS_WITH_BATCH + HOOKS_WITH_EPOCH + HOOKS_LOGS_ONLY:
            setattr(self, hook, self._recording(hook, tag, calls))

    @staticmethod
    def _recording(hook, tag, calls):
        def record(*args, **kwargs):
            calls.append((tag, hook, args, kwargs))
        return record


def test_every_hook_reaches_every_callback_in_order():
    calls = []
    callback_list = CallbackList([Recorder("a", calls), Recorder("b", calls)])
    logs = {"loss": 0.5}
    for hook in HOOKS_WITH_BATCH + HOOKS_WITH_EPOCH:
        getattr(callback_list, hook)(3, logs)
    for hook in HOOKS_LOGS_ONLY:
        getattr(callback_list, hook)(logs)
    # Batch hooks get logs by keyword, epoch and begin/end hooks by position, as Keras calls them.
    expected = []
    for hook in HOOKS_WITH_BATCH:
        expected += [(tag, hook, (3,), {"logs": logs}) for tag in "ab"]
    for hook in HOOKS_WITH_EPOCH:
        expected += [(tag, hook, (3, logs), {}) for tag in "ab"]
    for hook in HOOKS_LOGS_ONLY:
        expected += [(tag, hook, (logs,), {}) for tag in "ab"]
    assert calls == expected


def test_base_callback_train_batch_hooks_call_old_names():
    seen = []

    class Old(Callback):
        def on_batch_begin(self, batch, logs=None):
            seen.append(("begin", batch))

        def on_batch_end(self, batch, logs=None):
            seen.append(("end", batch, logs))

    callback_list = CallbackList([Old()])
    callback_list.on_train_batch_begin(0)
    callback_list.on_train_batch_end(0, {"loss": 2.0})
    callback_list.on_test_batch_end(0, {"loss": 3.0})
    assert seen == [("begin", 0), ("end", 0, {"loss": 2.0})]


def test_default_callbacks_params_and_model():
    model = FakeModel()
    own_history = History()
    callback_list = CallbackList([[own_history]], add_history=True, add_progbar=True, model=model, verbose=2, epochs=3,
                                 steps=4)
    assert callback_list.callbacks[0] is own_history
    assert isinstance(callback_list.callbacks[1], ProgbarLogger) and len(callback_list.callbacks) == 2
    assert model.history is own_history
    assert all(c.model is model for c in callback_list.callbacks)
    assert own_history.params == {"verbose": 2, "epochs": 3, "steps": 4}
    progbar = callback_list.callbacks[1]
    assert (progbar.verbose, progbar.epochs, progbar.target) == (2, 3, 4)
    fresh = CallbackList(add_history=True)
    assert isinstance(fresh.callbacks[0], History) and len(fresh.callbacks) == 1
    assert CallbackList().callbacks == []


def test_history_collects_epoch_logs_and_sets_model_history():
    model = FakeModel()
    history = History()
    callback_list = CallbackList([history], model=model)
    callback_list.on_train_begin()
    callback_list.on_epoch_end(0, {"loss": 1.0, "acc": 0.5})
    callback_list.on_epoch_end(1, {"loss": 0.5, "acc": 0.75})
    assert history.history == {"acc": [0.5, 0.75], "loss": [1.0, 0.5]}
    assert history.epoch == [0, 1] and model.history is history
    callback_list.on_train_begin()
    assert history.epoch == [] and history.history["loss"] == [1.0, 0.5]


def test_epoch_logs_become_python_floats_sorted_and_flattened():
    received = []
    callback_list = CallbackList([LambdaCallback(on_epoch_end=lambda epoch, logs: received.append(logs))])
    tensor_logs = {"loss": ops.convert_to_tensor(0.25), "acc": np.float32(0.5),
                   "outputs": {"out_loss": ops.convert_to_tensor([0.125])}, "vec": ops.convert_to_tensor([1.0, 2.0])}
    callback_list.on_epoch_end(0, tensor_logs)
    logs = received[0]
    assert list(logs) == ["acc", "loss", "out_loss", "vec"]
    assert [type(logs[k]) for k in ("acc", "loss", "out_loss")] == [float, float, float]
    assert (logs["acc"], logs["loss"], logs["out_loss"]) == (0.5, 0.25, 0.125)
    np.testing.assert_array_equal(logs["vec"], [1.0, 2.0])


def test_batch_logs_stay_unconverted_when_no_callback_needs_them():
    value = CountingTensor(0.5)
    passed = []

    class Lazy(Callback):
        accepts_tensor_logs = True

        def on_train_batch_end(self, batch, logs=None):
            passed.append(logs["loss"])

    callback_list = CallbackList([Lazy(), History()], add_progbar=True, verbose=0, epochs=1, steps=1)
    callback_list.on_train_begin()
    for batch in range(5):
        callback_list.on_train_batch_end(batch, {"loss": value})
    assert value.reads == 0 and all(v is value for v in passed)


@pytest.mark.parametrize("needs_floats", [
    lambda seen: LambdaCallback(on_train_batch_end=lambda batch, logs: seen.append(logs["loss"])),
    lambda seen: type("Sub", (Callback,), {"on_batch_end": lambda self, batch, logs=None: seen.append(logs["loss"])})(),
])
def test_batch_logs_converted_once_for_callbacks_that_override_batch_hooks(needs_floats):
    value = CountingTensor(0.5)
    seen = []
    callback_list = CallbackList([needs_floats(seen), ProgbarLogger()], verbose=0, epochs=1, steps=3)
    callback_list.on_train_begin()
    for batch in range(3):
        callback_list.on_train_batch_end(batch, {"loss": value})
    assert seen == [0.5, 0.5, 0.5] and value.reads == 3
    callback_list.on_test_batch_end(0, {"loss": value})
    assert value.reads == 3


def test_conversion_plan_follows_callbacks_added_before_a_loop():
    value = CountingTensor(1.0)
    callback_list = CallbackList([History()])
    callback_list.callbacks.append(LambdaCallback(on_predict_batch_end=lambda batch, logs: None))
    callback_list.on_predict_begin()
    callback_list.on_predict_batch_end(0, {"outputs": value})
    callback_list.on_train_batch_end(0, {"outputs": value})
    assert value.reads == 1
