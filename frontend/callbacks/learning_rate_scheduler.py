"""``LearningRateScheduler``: set the learning rate at each epoch start from a function."""

import inspect
import numbers

import numpy as np

from frontend.callbacks.callback import Callback
from frontend.callbacks.learning_rates import log_learning_rates, optimizers_of, read_learning_rate
from frontend.callbacks.log_values import to_python


def _takes_learning_rate(schedule):
    """True for ``schedule(epoch, lr)``, False for the older one-argument ``schedule(epoch)``."""
    try:
        parameters = inspect.signature(schedule).parameters.values()
    except (TypeError, ValueError):
        return True
    positional = [p for p in parameters if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    return len(positional) >= 2 or any(p.kind == p.VAR_POSITIONAL for p in parameters)


class LearningRateScheduler(Callback):
    """At each epoch start sets ``optimizer.learning_rate = schedule(epoch, current_lr)``.

    Args:
        schedule: ``f(epoch, lr) -> float`` (epoch 0-based), or ``f(epoch) -> float``.
        verbose: 1 prints the rate set at each epoch.
    """

    def __init__(self, schedule, verbose=0):
        super().__init__()
        self.schedule = schedule
        self.verbose = verbose
        self._two_arguments = _takes_learning_rate(schedule)
        self._epoch_start = None  # {"epoch", "rates"}: the rates the last epoch started from
        self._resumed_start = None

    def get_state(self):
        return self._epoch_start

    def set_state(self, state):
        self._resumed_start = {"epoch": int(state["epoch"]), "rates": [float(rate) for rate in state["rates"]]}

    def _rates_before(self, epoch, optimizers):
        """The current rates, or, when a fit resumes inside an epoch, the rates that epoch started from
        (so that ``schedule(epoch, lr)`` is not applied to its own result a second time)."""
        resumed, self._resumed_start = self._resumed_start, None
        if resumed is not None and resumed["epoch"] == epoch and len(resumed["rates"]) == len(optimizers):
            return resumed["rates"]
        return [read_learning_rate(optimizer) for _, optimizer in optimizers]

    def _new_rate(self, optimizer, epoch, current):
        rate = self.schedule(epoch, current) if self._two_arguments else self.schedule(epoch)
        rate = to_python(rate)
        if not isinstance(rate, numbers.Real) or isinstance(rate, (bool, np.ndarray)):
            raise ValueError(f"The output of the `schedule` function should be a float. Got: {rate}")
        optimizer.learning_rate = float(rate)
        return float(rate)

    def on_epoch_begin(self, epoch, logs=None):
        optimizers = list(optimizers_of(self.model))
        rates = self._rates_before(epoch, optimizers)
        self._epoch_start = {"epoch": epoch, "rates": rates}
        for (label, optimizer), current in zip(optimizers, rates):
            rate = self._new_rate(optimizer, epoch, current)
            if self.verbose > 0:
                which = f"{label} learning rate" if label else "learning rate"
                print(f"\nEpoch {epoch + 1}: LearningRateScheduler setting {which} to {rate}.", flush=True)

    def on_epoch_end(self, epoch, logs=None):
        if logs is not None:
            log_learning_rates(self.model, logs)
