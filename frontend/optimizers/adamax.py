"""``Adamax``: the infinity-norm variant of Adam (Kingma and Ba, 2014, section 7.1)."""

from frontend import ops
from frontend.optimizers.optimizer import Optimizer


class Adamax(Optimizer):
    """``m`` as in Adam, ``u = max(beta_2 * u, |g|)``; ``w -= lr * m / ((1 - beta_1**t) * (u + epsilon))``."""

    def __init__(self, learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7, **kwargs):
        super().__init__(learning_rate=learning_rate, **kwargs)
        self.beta_1 = beta_1
        self.beta_2 = beta_2
        self.epsilon = epsilon

    def build(self, var_list):
        if self.built:
            return
        super().build(var_list)
        self._m, self._u = self.add_optimizer_variables(var_list, ["momentum", "norm"])

    def _slot_lists(self):
        return [self._m, self._u]

    def _update_rule(self, gradient, variable, slots, learning_rate, step):
        correction = ops.subtract(1.0, ops.power(ops.cast(self.beta_1, ops.dtype(step)), step))
        m = slots[0].lerp(gradient, 1 - self.beta_1)
        u = (slots[1] * self.beta_2).maximum(gradient.abs())
        return variable.addcdiv(m, (u + self.epsilon) * correction, ops.negative(learning_rate)), [m, u]

    def get_config(self):
        return {**super().get_config(), "beta_1": self.beta_1, "beta_2": self.beta_2, "epsilon": self.epsilon}
