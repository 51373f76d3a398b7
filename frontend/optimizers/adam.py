"""``Adam``: adaptive moment estimation (Kingma and Ba, 2014), with the optional AMSGrad variant."""

from frontend import ops
from frontend.optimizers.optimizer import Optimizer


def bias_corrected_rate(learning_rate, beta_1, beta_2, step):
    """``lr * sqrt(1 - beta_2**t) / (1 - beta_1**t)``: Adam's step size with both moments debiased.

    The betas are Python floats; they enter in ``step``'s dtype (a 0-d tensor), as Keras casts them.
    """
    return ops.divide(ops.multiply(learning_rate, ops.sqrt(ops.subtract(1.0, ops.power(beta_2, step)))),
                      ops.subtract(1.0, ops.power(beta_1, step)))


class Adam(Optimizer):
    """``m`` and ``v`` track the mean and uncentered variance of the gradient;
    ``w -= alpha * m / (sqrt(v) + epsilon)`` with the bias-corrected rate ``alpha``.
    ``amsgrad`` divides by the running maximum of ``v`` instead."""

    def __init__(self, learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7, amsgrad=False, **kwargs):
        super().__init__(learning_rate=learning_rate, **kwargs)
        self.beta_1 = beta_1
        self.beta_2 = beta_2
        self.epsilon = epsilon
        self.amsgrad = amsgrad

    def build(self, var_list):
        if self.built:
            return
        super().build(var_list)
        self._momentums, self._velocities = self.add_optimizer_variables(var_list, ["momentum", "velocity"])
        if self.amsgrad:
            self._velocity_hats = self.add_optimizer_variables(var_list, "velocity_hat")

    def _slot_lists(self):
        slots = [self._momentums, self._velocities]
        return slots + [self._velocity_hats] if self.amsgrad else slots

    def _update_rule(self, gradient, variable, slots, learning_rate, step):
        alpha = bias_corrected_rate(learning_rate, self.beta_1, self.beta_2, step)
        m = slots[0].lerp_(gradient, 1 - self.beta_1)
        v = slots[1].lerp_(gradient.square(), 1 - self.beta_2)
        new_slots = [m, v]
        if self.amsgrad:
            v = slots[2].maximum_(v)
            new_slots.append(v)
        denominator = v.sqrt()
        denominator += self.epsilon
        return variable.addcdiv_(m, denominator, ops.negative(alpha)), new_slots

    def get_config(self):
        return {**super().get_config(), "beta_1": self.beta_1, "beta_2": self.beta_2, "epsilon": self.epsilon,
                "amsgrad": self.amsgrad}
