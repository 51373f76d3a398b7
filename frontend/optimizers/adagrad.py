"""``Adagrad``: per-parameter rates scaled by the accumulated squared gradients (Duchi et al., 2011)."""

from frontend import initializers, ops
from frontend.optimizers.optimizer import Optimizer


class Adagrad(Optimizer):
    """``accumulator += g**2``; ``w -= lr * g / sqrt(accumulator + epsilon)``."""

    def __init__(self, learning_rate=0.001, initial_accumulator_value=0.1, epsilon=1e-7, **kwargs):
        super().__init__(learning_rate=learning_rate, **kwargs)
        self.initial_accumulator_value = initial_accumulator_value
        self.epsilon = epsilon

    def build(self, var_list):
        if self.built:
            return
        super().build(var_list)
        self._accumulators = self.add_optimizer_variables(
            var_list, "accumulator", initializer=initializers.Constant(self.initial_accumulator_value))

    def _slot_lists(self):
        return [self._accumulators]

    def _update_rule(self, gradient, variable, slots, learning_rate, step):
        accumulator = slots[0] + gradient.square()
        denominator = (accumulator + self.epsilon).sqrt()
        return variable.addcdiv(gradient, denominator, ops.negative(learning_rate)), [accumulator]

    def get_config(self):
        return {**super().get_config(), "initial_accumulator_value": self.initial_accumulator_value,
                "epsilon": self.epsilon}
