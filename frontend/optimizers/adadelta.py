"""``Adadelta``: steps scaled by the ratio of running RMS of updates to running RMS of gradients (Zeiler, 2012)."""

from frontend.optimizers.optimizer import Optimizer


class Adadelta(Optimizer):
    """``delta = -sqrt(E[dx**2] + eps) / sqrt(E[g**2] + eps) * g``; ``w += lr * delta``."""

    def __init__(self, learning_rate=0.001, rho=0.95, epsilon=1e-7, **kwargs):
        super().__init__(learning_rate=learning_rate, **kwargs)
        self.rho = rho
        self.epsilon = epsilon

    def build(self, var_list):
        if self.built:
            return
        super().build(var_list)
        self._accumulated_grads, self._accumulated_delta_vars = self.add_optimizer_variables(
            var_list, ["accumulated_grad", "accumulated_delta_var"])

    def _slot_lists(self):
        return [self._accumulated_grads, self._accumulated_delta_vars]

    def _update_rule(self, gradient, variable, slots, learning_rate, step):
        grads_sq = slots[0] * self.rho + gradient.square() * (1 - self.rho)
        delta = -(((slots[1] + self.epsilon).sqrt() * gradient) / (grads_sq + self.epsilon).sqrt())
        deltas_sq = slots[1] * self.rho + delta.square() * (1 - self.rho)
        return variable + delta * learning_rate, [grads_sq, deltas_sq]

    def get_config(self):
        return {**super().get_config(), "rho": self.rho, "epsilon": self.epsilon}
