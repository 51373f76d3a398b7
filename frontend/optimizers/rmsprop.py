"""``RMSprop``: divide the gradient by a running root mean square (Hinton, 2012)."""

from frontend import ops
from frontend.optimizers.optimizer import Optimizer


class RMSprop(Optimizer):
    """``velocity = rho * velocity + (1 - rho) * g**2``; ``w -= lr * g / sqrt(velocity + epsilon)``.

    ``centered`` subtracts the squared running mean gradient (a variance estimate);
    ``momentum > 0`` accumulates the increments with plain (not Nesterov) momentum.
    """

    def __init__(self, learning_rate=0.001, rho=0.9, momentum=0.0, epsilon=1e-7, centered=False, **kwargs):
        super().__init__(learning_rate=learning_rate, **kwargs)
        self.rho = rho
        self.momentum = momentum
        self.epsilon = epsilon
        self.centered = centered

    def build(self, var_list):
        if self.built:
            return
        super().build(var_list)
        self._velocities = self.add_optimizer_variables(var_list, "velocity")
        self._momentums = self.add_optimizer_variables(var_list, "momentum") if self.momentum > 0 else []
        self._average_gradients = self.add_optimizer_variables(var_list, "average_gradient") if self.centered else []

    def _slot_lists(self):
        return [self._velocities] + ([self._momentums] if self.momentum > 0 else []) + (
            [self._average_gradients] if self.centered else [])

    def _update_rule(self, gradient, variable, slots, learning_rate, step):
        velocity, *rest = slots
        momentum = rest.pop(0) if self.momentum > 0 else None
        average = rest.pop(0) if self.centered else None
        velocity = velocity * self.rho + gradient.square() * (1 - self.rho)
        if average is not None:
            average = average * self.rho + gradient * (1 - self.rho)
            denominator = velocity - average.square() + self.epsilon
        else:
            denominator = velocity + self.epsilon
        if momentum is None:
            variable = variable.addcdiv(gradient, denominator.sqrt(), ops.negative(learning_rate))
        else:
            momentum = momentum * self.momentum + (gradient * learning_rate) / denominator.sqrt()
            variable = variable - momentum
        return variable, [velocity] + [s for s in (momentum, average) if s is not None]

    def get_config(self):
        return {**super().get_config(), "rho": self.rho, "momentum": self.momentum, "epsilon": self.epsilon,
                "centered": self.centered}
