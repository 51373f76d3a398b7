"""``MonitorCallback``: watching one logged quantity and deciding what counts as better."""

import warnings

from frontend.callbacks.callback import Callback
from frontend.callbacks.log_values import to_python

# In mode "auto", a name (after "val_") with a "_"-separated part starting with one of
# these is maximized; other names are minimized, unless the model's metric says otherwise.
_MAXIMIZED_PREFIXES = ("acc", "auc", "precision", "recall", "f1", "fbeta", "fmeasure", "iou", "r2")


def _model_metrics(metrics):
    """Metric objects of ``model.metrics``, containers (objects with ``.metrics``) opened."""
    for metric in metrics or ():
        inner = getattr(metric, "metrics", None)
        if isinstance(inner, (list, tuple)):
            yield from _model_metrics(inner)
        else:
            yield metric


def maximizes(monitor, model=None):
    """Whether mode "auto" should maximize ``monitor`` (a log name, maybe with "val_")."""
    name = monitor.removeprefix("val_")
    for metric in _model_metrics(getattr(model, "metrics", None)):
        if getattr(metric, "name", None) == name and getattr(metric, "_direction", None) in ("up", "down"):
            return metric._direction == "up"
    if name == "loss" or name.endswith("_loss"):
        return False
    return any(part.startswith(_MAXIMIZED_PREFIXES) for part in name.split("_"))


class MonitorCallback(Callback):
    """Base of callbacks that compare a logged quantity (``monitor``) with its best value so far.

    Args:
        monitor: the log name, e.g. "val_loss".
        mode: "min", "max", or "auto" (decided from the name, see ``maximizes``).
        baseline: the starting best value, or None to take the first one seen.
        min_delta: how much better than the best a value must be to count as an improvement.
    """

    def __init__(self, monitor="val_loss", mode="auto", baseline=None, min_delta=0):
        super().__init__()
        if mode not in ("auto", "min", "max"):
            warnings.warn(f"{type(self).__name__}: mode '{mode}' is unknown, using 'auto'", stacklevel=3)
            mode = "auto"
        self.monitor = monitor
        self.mode = mode
        self.best = baseline
        self.min_delta = abs(min_delta)
        self._maximize = None

    def _decide_direction(self):
        """Decide the direction once, at the first check (the model's metrics exist by then)."""
        if self._maximize is None:
            self._maximize = self.mode == "max" or (self.mode == "auto" and maximizes(self.monitor, self.model))

    def _is_improvement(self, value, reference):
        """True when ``value`` beats ``reference`` by more than ``min_delta`` (always, if no reference)."""
        if reference is None:
            return True
        self._decide_direction()
        if self._maximize:
            return value - self.min_delta > reference
        return value + self.min_delta < reference

    def _monitor_value(self, logs, purpose):
        """The monitored value as a Python number, or None with a warning naming the logs there are."""
        value = (logs or {}).get(self.monitor)
        if value is None:
            warnings.warn(
                f"{purpose} is conditioned on metric `{self.monitor}`, which is not in the logs. "
                f"Available metrics are: {','.join(logs or {})}",
                stacklevel=3,
            )
            return None
        return to_python(value)
