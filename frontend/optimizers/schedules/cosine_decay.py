"""Cosine schedules: ``CosineDecay`` (with an optional linear warmup) and ``CosineDecayRestarts`` (SGDR)."""

import math

from frontend import ops
from frontend.optimizers.schedules.learning_rate_schedule import LearningRateSchedule, check_decay_steps, initial_rate


def _cosine(fraction, dtype):
    """``0.5 * (1 + cos(pi * fraction))``: 1 at the start of a period, 0 at its end."""
    return ops.multiply(0.5, ops.add(1.0, ops.cos(ops.multiply(ops.cast(math.pi, dtype), fraction))))


class CosineDecay(LearningRateSchedule):
    """Cosine decay from ``initial_learning_rate`` (or from ``warmup_target`` after a warmup) to ``alpha`` times it.

    With ``warmup_target`` set, the rate first climbs linearly from ``initial_learning_rate``
    to ``warmup_target`` over ``warmup_steps``, then decays over ``decay_steps``.
    """

    def __init__(self, initial_learning_rate, decay_steps, alpha=0.0, name="CosineDecay", warmup_target=None,
                 warmup_steps=0):
        check_decay_steps(decay_steps)
        self.initial_learning_rate = initial_learning_rate
        self.decay_steps = decay_steps
        self.alpha = alpha
        self.name = name
        self.warmup_steps = warmup_steps
        self.warmup_target = warmup_target

    def _decayed(self, step, decay_steps, start, dtype):
        decayed = ops.add(ops.multiply(1.0 - self.alpha, _cosine(ops.divide(step, decay_steps), dtype)), self.alpha)
        return ops.multiply(start, decayed)

    def __call__(self, step):
        rate, dtype = initial_rate(self.initial_learning_rate)
        decay_steps = ops.cast(self.decay_steps, dtype)
        step = ops.cast(step, dtype)
        if self.warmup_target is None:
            return self._decayed(ops.minimum(step, decay_steps), decay_steps, rate, dtype)
        target = ops.cast(self.warmup_target, dtype)
        warmup_steps = ops.cast(self.warmup_steps, dtype)
        step = ops.minimum(step, ops.add(decay_steps, warmup_steps))
        warming = ops.add(ops.multiply(ops.subtract(target, rate), ops.divide(step, warmup_steps)), rate)
        decaying = self._decayed(ops.subtract(step, warmup_steps), decay_steps, target, dtype)
        return ops.where(ops.less(step, warmup_steps), warming, decaying)

    def get_config(self):
        return {
            "initial_learning_rate": self.initial_learning_rate,
            "decay_steps": self.decay_steps,
            "alpha": self.alpha,
            "name": self.name,
            "warmup_target": self.warmup_target,
            "warmup_steps": self.warmup_steps,
        }


class CosineDecayRestarts(LearningRateSchedule):
    """Cosine decay that restarts: period ``i`` lasts ``first_decay_steps * t_mul**i`` and peaks at ``m_mul**i``."""

    def __init__(self, initial_learning_rate, first_decay_steps, t_mul=2.0, m_mul=1.0, alpha=0.0, name="SGDRDecay"):
        check_decay_steps(first_decay_steps, "first_decay_steps")
        self.initial_learning_rate = initial_learning_rate
        self.first_decay_steps = first_decay_steps
        self._t_mul = t_mul
        self._m_mul = m_mul
        self.alpha = alpha
        self.name = name

    def __call__(self, step):
        rate, dtype = initial_rate(self.initial_learning_rate)
        t_mul = ops.cast(self._t_mul, dtype)
        fraction = ops.divide(ops.cast(step, dtype), ops.cast(self.first_decay_steps, dtype))
        if self._t_mul == 1.0:
            restart = ops.floor(fraction)
            fraction = ops.subtract(fraction, restart)
        else:
            # periods grow geometrically: restart i begins at (1 - t_mul**i) / (1 - t_mul)
            restart = ops.floor(ops.divide(ops.log(ops.subtract(1.0, ops.multiply(fraction, ops.subtract(1.0, t_mul)))),
                                           ops.log(t_mul)))
            start = ops.divide(ops.subtract(1.0, ops.power(t_mul, restart)), ops.subtract(1.0, t_mul))
            fraction = ops.divide(ops.subtract(fraction, start), ops.power(t_mul, restart))
        peak = ops.power(ops.cast(self._m_mul, dtype), restart)
        decayed = ops.add(ops.multiply(1.0 - self.alpha, ops.multiply(peak, _cosine(fraction, dtype))), self.alpha)
        return ops.multiply(rate, ops.cast(decayed, dtype))

    def get_config(self):
        return {
            "initial_learning_rate": self.initial_learning_rate,
            "first_decay_steps": self.first_decay_steps,
            "t_mul": self._t_mul,
            "m_mul": self._m_mul,
            "alpha": self.alpha,
            "name": self.name,
        }
