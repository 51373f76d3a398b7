"""``ReduceLROnPlateau``: multiply the learning rate by ``factor`` when progress stalls."""

import numpy as np

from frontend.callbacks.learning_rates import log_learning_rates, optimizers_of, read_learning_rate
from frontend.callbacks.monitor_callback import MonitorCallback


class ReduceLROnPlateau(MonitorCallback):
    """After ``patience`` epochs without improvement, sets ``lr = max(lr * factor, min_lr)``.

    Args:
        monitor: the log name to watch.
        factor: the multiplier, below 1.
        patience: epochs without improvement before reducing.
        verbose: 1 prints each reduction.
        mode: "auto", "min" or "max".
        min_delta: smallest change that counts as an improvement.
        cooldown: epochs after a reduction during which no waiting is counted.
        min_lr: the learning rate is never set below this.
    """

    def __init__(
        self,
        monitor="val_loss",
        factor=0.1,
        patience=10,
        verbose=0,
        mode="auto",
        min_delta=1e-4,
        cooldown=0,
        min_lr=0.0,
    ):
        super().__init__(monitor, mode, min_delta=min_delta)
        if factor >= 1.0:
            raise ValueError(f"ReduceLROnPlateau does not support a factor >= 1.0. Received factor={factor}")
        self.factor = factor
        self.patience = patience
        self.verbose = verbose
        self.cooldown = cooldown
        self.min_lr = min_lr
        self.cooldown_counter = 0
        self.wait = 0

    def on_train_begin(self, logs=None):
        self.best = None
        self.cooldown_counter = 0
        self.wait = 0

    def get_state(self):
        return {"best": self.best, "wait": self.wait, "cooldown_counter": self.cooldown_counter}

    def set_state(self, state):
        self.best, self.wait, self.cooldown_counter = state["best"], int(state["wait"]), int(state["cooldown_counter"])

    def in_cooldown(self):
        return self.cooldown_counter > 0

    def _reduce(self, label, optimizer, epoch):
        """Reduce one optimizer's rate; False when it is already at ``min_lr`` (compared in float32,
        the precision the rate is stored in)."""
        old = read_learning_rate(optimizer)
        if np.float32(old) <= np.float32(self.min_lr):
            return False
        new = max(old * self.factor, self.min_lr)
        optimizer.learning_rate = new
        if self.verbose > 0:
            which = f" {label}" if label else ""
            print(f"\nEpoch {epoch + 1}: ReduceLROnPlateau reducing{which} learning rate to {new}.", flush=True)
        return True

    def on_epoch_end(self, epoch, logs=None):
        logs = {} if logs is None else logs
        log_learning_rates(self.model, logs)
        current = self._monitor_value(logs, "Learning rate reduction")
        if current is None:
            return
        if self.in_cooldown():
            self.cooldown_counter -= 1
            self.wait = 0
        if self._is_improvement(current, self.best):
            self.best = current
            self.wait = 0
        elif not self.in_cooldown():
            self.wait += 1
            if self.wait >= self.patience:
                reduced = [self._reduce(label, opt, epoch) for label, opt in optimizers_of(self.model)]
                if any(reduced):
                    self.cooldown_counter = self.cooldown
                    self.wait = 0
