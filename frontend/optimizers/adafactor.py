"""``Adafactor``: Adam-like steps with a factored second moment (Shazeer and Stern, 2018).

For a variable of rank >= 2 the second moment of its last two axes is kept as a row
mean ``r`` and a column mean ``c`` (memory O(n + m) instead of O(n * m)).
"""

from frontend import ops
from frontend.optimizers.optimizer import Optimizer


def _rms(x):
    return ops.sqrt(ops.mean(ops.square(x)))


class Adafactor(Optimizer):
    """Relative step sizes ``max(epsilon_2, rms(w)) * min(lr, 1/sqrt(t))`` and update clipping at ``clip_threshold``."""

    def __init__(self, learning_rate=0.001, beta_2_decay=-0.8, epsilon_1=1e-30, epsilon_2=1e-3, clip_threshold=1.0,
                 relative_step=True, **kwargs):
        super().__init__(learning_rate=learning_rate, **kwargs)
        self.beta_2_decay = beta_2_decay
        self.epsilon_1 = epsilon_1
        self.epsilon_2 = epsilon_2
        self.clip_threshold = clip_threshold
        self.relative_step = relative_step

    def build(self, var_list):
        """Per variable: ``r`` and ``c`` (0-d placeholders below rank 2, as Keras keeps them), then ``velocity``."""
        if self.built:
            return
        super().build(var_list)
        self._r, self._c, self._v = [], [], []
        for variable in var_list:
            overwritten = getattr(variable, "overwrite_with_gradient", False)
            if len(variable.shape) < 2:
                self._r.append(self.add_variable((), dtype="int32", name=variable.name))
                self._c.append(self.add_variable((), dtype="int32", name=variable.name))
            elif overwritten:
                self._r.append(None)
                self._c.append(None)
            else:
                shape = tuple(variable.shape)
                self._r.append(self.add_variable(shape[:-1], dtype=variable.dtype, name=variable.name))
                self._c.append(self.add_variable(shape[:-2] + shape[-1:], dtype=variable.dtype, name=variable.name))
            self._v.append(None if overwritten else self.add_variable_from_reference(variable, "velocity"))

    def update_step(self, gradient, variable, learning_rate):
        dtype = variable.dtype
        lr = ops.cast(learning_rate, dtype)
        gradient = ops.cast(gradient, dtype)
        step = ops.cast(ops.add(self.iterations, 1), dtype)
        inverse_sqrt_step = ops.divide(1.0, ops.sqrt(step))
        if not callable(self._learning_rate) and self.relative_step:
            lr = ops.minimum(lr, inverse_sqrt_step)
        index = self._get_variable_index(variable)
        r, c, v = self._r[index], self._c[index], self._v[index]
        rho = ops.minimum(lr, inverse_sqrt_step)
        alpha = ops.multiply(ops.maximum(ops.cast(self.epsilon_2, dtype), _rms(variable.value)), rho)
        squared = ops.add(ops.square(gradient), self.epsilon_1)
        beta_2 = ops.subtract(1.0, ops.power(step, self.beta_2_decay))

        def running(old, new):
            return ops.add(ops.multiply(beta_2, old), ops.multiply(ops.subtract(1.0, beta_2), new))

        if len(variable.shape) >= 2:
            r.assign(running(r.value, ops.mean(squared, axis=-1)))
            c.assign(running(c.value, ops.mean(squared, axis=-2)))
            row = ops.divide(r.value, ops.mean(r.value, axis=-1, keepdims=True))
            v.assign(ops.multiply(ops.expand_dims(row, -1), ops.expand_dims(c.value, -2)))
        else:
            v.assign(running(v.value, squared))
        update = ops.divide(gradient, ops.sqrt(v.value))
        update = ops.divide(update, ops.maximum(ops.ones((), dtype), ops.divide(_rms(update), self.clip_threshold)))
        variable.assign(ops.subtract(variable.value, ops.multiply(alpha, update)))

    def get_config(self):
        return {
            **super().get_config(),
            "beta_2_decay": self.beta_2_decay,
            "epsilon_1": self.epsilon_1,
            "epsilon_2": self.epsilon_2,
            "clip_threshold": self.clip_threshold,
            "relative_step": self.relative_step,
        }
