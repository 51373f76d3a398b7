"""``Nadam``: Adam with Nesterov momentum (Dozat, 2015), with the 0.96 momentum-decay schedule."""

from frontend import config, ops
from frontend.optimizers.optimizer import Optimizer


def _momentum_at(beta_1, step):
    """``beta_1 * (1 - 0.5 * 0.96**step)``: the scheduled momentum of a step."""
    return ops.multiply(beta_1, ops.subtract(1.0, ops.multiply(0.5, ops.power(ops.cast(0.96, ops.dtype(step)), step))))


class Nadam(Optimizer):
    """Nesterov-accelerated Adam; ``u_product`` holds the running product of the scheduled momenta."""

    def __init__(self, learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7, **kwargs):
        super().__init__(learning_rate=learning_rate, **kwargs)
        self.beta_1 = beta_1
        self.beta_2 = beta_2
        self.epsilon = epsilon

    def build(self, var_list):
        if self.built:
            return
        var_list = list(var_list)
        dtype = var_list[0].dtype if var_list else config.floatx()
        super().build(var_list)
        self._momentums, self._velocities = self.add_optimizer_variables(var_list, ["momentum", "velocity"])
        self._u_product = self.add_variable((), initializer="ones", dtype=dtype, name="u_product")

    def _backend_update_step(self, grads, variables, learning_rate):
        step = ops.cast(ops.add(self.iterations, 1), self._u_product.dtype)
        decay = ops.subtract(1.0, ops.multiply(0.5, ops.power(ops.cast(0.96, ops.dtype(step)), step)))
        self._u_product.assign(ops.multiply(ops.multiply(self._u_product.value, self.beta_1), decay))
        super()._backend_update_step(grads, variables, learning_rate)

    def _slot_lists(self):
        return [self._momentums, self._velocities]

    def _update_rule(self, gradient, variable, slots, learning_rate, step):
        dtype = ops.dtype(step)
        beta_1, beta_2 = ops.cast(self.beta_1, dtype), ops.cast(self.beta_2, dtype)  # in the variable dtype, as Keras
        u_t = _momentum_at(beta_1, step)
        u_t_next = _momentum_at(beta_1, ops.add(step, 1.0))
        u_product = ops.cast(self._u_product.value, dtype)
        u_product_next = ops.multiply(u_product, u_t_next)
        m = slots[0].lerp(gradient, ops.subtract(1.0, beta_1))
        v = slots[1].lerp(gradient.square(), ops.subtract(1.0, beta_2))
        m_hat = (m * u_t_next) / ops.subtract(1.0, u_product_next) + (gradient * ops.subtract(1.0, u_t)) / ops.subtract(
            1.0, u_product)
        v_hat = v / ops.subtract(1.0, ops.power(beta_2, step))
        return variable.addcdiv(m_hat, v_hat.sqrt() + self.epsilon, ops.negative(learning_rate)), [m, v]

    def get_config(self):
        return {**super().get_config(), "beta_1": self.beta_1, "beta_2": self.beta_2, "epsilon": self.epsilon}
