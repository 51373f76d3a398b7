"""``Lamb``: Adam with a per-layer trust ratio ``||w|| / ||update||`` (You et al., 2020)."""

from frontend import ops
from frontend.optimizers.optimizer import Optimizer


class Lamb(Optimizer):
    """Adam's bias-corrected direction, scaled per variable by ``||w|| / ||update||`` (1 when either is 0).

    The trust ratio needs one norm per variable, so this optimizer updates variable by variable.
    """

    def __init__(self, learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7, **kwargs):
        super().__init__(learning_rate=learning_rate, **kwargs)
        self.beta_1 = beta_1
        self.beta_2 = beta_2
        self.epsilon = epsilon

    def build(self, var_list):
        if self.built:
            return
        super().build(var_list)
        self._momentums, self._velocities = self.add_optimizer_variables(var_list, ["momentum", "velocity"])

    def update_step(self, gradient, variable, learning_rate):
        dtype = variable.dtype
        lr = ops.cast(learning_rate, dtype)
        gradient = ops.cast(gradient, dtype)
        step = ops.cast(ops.add(self.iterations, 1), dtype)
        index = self._get_variable_index(variable)
        m, v = self._momentums[index], self._velocities[index]
        m.assign(ops.add(m.value, ops.multiply(ops.subtract(gradient, m.value), 1 - self.beta_1)))
        v.assign(ops.add(v.value, ops.multiply(ops.subtract(ops.square(gradient), v.value), 1 - self.beta_2)))
        m_hat = ops.divide(m.value, ops.subtract(1.0, ops.power(ops.cast(self.beta_1, dtype), step)))
        v_hat = ops.divide(v.value, ops.subtract(1.0, ops.power(ops.cast(self.beta_2, dtype), step)))
        update = ops.divide(m_hat, ops.add(ops.sqrt(v_hat), self.epsilon))
        w_norm = ops.sqrt(ops.sum(ops.square(variable.value)))
        u_norm = ops.sqrt(ops.sum(ops.square(update)))
        one = ops.ones((), dtype)
        trusted = ops.where(ops.greater(u_norm, 0), ops.divide(w_norm, u_norm), one)
        ratio = ops.where(ops.greater(w_norm, 0), trusted, one)
        variable.assign(ops.subtract(variable.value, ops.multiply(ops.multiply(ratio, lr), update)))

    def get_config(self):
        return {**super().get_config(), "beta_1": self.beta_1, "beta_2": self.beta_2, "epsilon": self.epsilon}
