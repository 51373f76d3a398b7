"""``Ftrl``: Follow The Regularized Leader (McMahan et al., 2013), with L1, L2 and shrinkage terms."""

from frontend import initializers, ops
from frontend.optimizers.optimizer import Optimizer


class Ftrl(Optimizer):
    """Keeps ``accumulator`` (sum of g**2) and ``linear``; the weight is the closed-form
    minimiser ``(clip(linear, -l1, l1) - linear) / quadratic``."""

    def __init__(self, learning_rate=0.001, learning_rate_power=-0.5, initial_accumulator_value=0.1,
                 l1_regularization_strength=0.0, l2_regularization_strength=0.0,
                 l2_shrinkage_regularization_strength=0.0, beta=0.0, **kwargs):
        super().__init__(learning_rate=learning_rate, **kwargs)
        if learning_rate_power > 0.0:
            raise ValueError(
                "`learning_rate_power` needs to be negative or zero. "
                f"Received: learning_rate_power={learning_rate_power}."
            )
        for name, value in (
            ("initial_accumulator_value", initial_accumulator_value),
            ("l1_regularization_strength", l1_regularization_strength),
            ("l2_regularization_strength", l2_regularization_strength),
            ("l2_shrinkage_regularization_strength", l2_shrinkage_regularization_strength),
        ):
            if value < 0.0:
                raise ValueError(f"`{name}` needs to be positive or zero. Received: {name}={value}.")
        self.learning_rate_power = learning_rate_power
        self.initial_accumulator_value = initial_accumulator_value
        self.l1_regularization_strength = l1_regularization_strength
        self.l2_regularization_strength = l2_regularization_strength
        self.l2_shrinkage_regularization_strength = l2_shrinkage_regularization_strength
        self.beta = beta

    def build(self, var_list):
        if self.built:
            return
        super().build(var_list)
        self._accumulators, self._linears = self.add_optimizer_variables(
            var_list, ["accumulator", "linear"],
            initializer=[initializers.Constant(self.initial_accumulator_value), "zeros"])

    def _slot_lists(self):
        return [self._accumulators, self._linears]

    def _update_rule(self, gradient, variable, slots, learning_rate, step):
        accumulator, linear = slots
        power = -self.learning_rate_power
        l2 = ops.add(self.l2_regularization_strength, ops.divide(self.beta, ops.multiply(2.0, learning_rate)))
        shrunk_gradient = gradient + variable * (2 * self.l2_shrinkage_regularization_strength)
        new_accumulator = accumulator + gradient.square()
        new_power = new_accumulator ** power
        sigma = (new_power - accumulator ** power) / learning_rate
        linear = linear + (shrunk_gradient - sigma * variable)
        quadratic = new_power / learning_rate + ops.multiply(2.0, l2)
        l1 = self.l1_regularization_strength
        return (linear.clip(-l1, l1) - linear) / quadratic, [new_accumulator, linear]

    def get_config(self):
        return {
            **super().get_config(),
            "learning_rate_power": self.learning_rate_power,
            "initial_accumulator_value": self.initial_accumulator_value,
            "l1_regularization_strength": self.l1_regularization_strength,
            "l2_regularization_strength": self.l2_regularization_strength,
            "l2_shrinkage_regularization_strength": self.l2_shrinkage_regularization_strength,
            "beta": self.beta,
        }
