"""``Lion``: sign-of-momentum updates found by program search (Chen et al., 2023)."""

from frontend import ops
from frontend.optimizers.optimizer import Optimizer


class Lion(Optimizer):
    """``w -= lr * sign(beta_1 * m + (1 - beta_1) * g)``, then ``m = beta_2 * m + (1 - beta_2) * g``."""

    def __init__(self, learning_rate=0.001, beta_1=0.9, beta_2=0.99, **kwargs):
        super().__init__(learning_rate=learning_rate, **kwargs)
        if beta_1 <= 0 or beta_1 > 1:
            raise ValueError(
                "Argument `beta_1` must be in the [0, 1] range. Otherwise, the optimizer degenerates to SignSGD. "
                f"Received: beta_1={beta_1}."
            )
        self.beta_1 = beta_1
        self.beta_2 = beta_2

    def build(self, var_list):
        if self.built:
            return
        super().build(var_list)
        self._momentums = self.add_optimizer_variables(var_list, "momentum")

    def _slot_lists(self):
        return [self._momentums]

    def _update_rule(self, gradient, variable, slots, learning_rate, step):
        m = slots[0]
        beta_1, beta_2 = ops.cast(self.beta_1, ops.dtype(step)), ops.cast(self.beta_2, ops.dtype(step))
        direction = (m * beta_1 + gradient * ops.subtract(1.0, beta_1)).sign()
        return variable - direction * learning_rate, [m * beta_2 + gradient * ops.subtract(1.0, beta_2)]

    def get_config(self):
        return {**super().get_config(), "beta_1": self.beta_1, "beta_2": self.beta_2}
