"""``SGD``: gradient descent, optionally with (Nesterov) momentum."""

import numbers

from frontend.optimizers.optimizer import Optimizer


class SGD(Optimizer):
    """``w -= lr * g``; with momentum ``m = momentum * m - lr * g`` then ``w += m``
    (Nesterov: ``w += momentum * m - lr * g``)."""

    def __init__(self, learning_rate=0.01, momentum=0.0, nesterov=False, **kwargs):
        super().__init__(learning_rate=learning_rate, **kwargs)
        if not isinstance(momentum, numbers.Real) or isinstance(momentum, bool) or not 0 <= momentum <= 1:
            raise ValueError(f"`momentum` must be a float between [0, 1]. Received: momentum={momentum!r}")
        self.momentum = momentum
        self.nesterov = nesterov

    def build(self, variables):
        if self.built:
            return
        super().build(variables)
        self.momentums = self.add_optimizer_variables(variables, "momentum") if self.momentum != 0 else []

    def _slot_lists(self):
        return [self.momentums] if self.momentum != 0 else []

    def _update_rule(self, gradient, variable, slots, learning_rate, step):
        if not slots:
            return variable - gradient * learning_rate, []
        momentum = slots[0] * self.momentum - gradient * learning_rate
        if self.nesterov:
            return variable + (momentum * self.momentum - gradient * learning_rate), [momentum]
        return variable + momentum, [momentum]

    def get_config(self):
        return {**super().get_config(), "momentum": self.momentum, "nesterov": self.nesterov}
