"""Losses between distributions or counts: Kullback-Leibler divergence and Poisson."""

from frontend import config, ops
from frontend.losses.inputs import check_broadcastable, float_pair
from frontend.losses.wrapper import BuiltinLoss


def kl_divergence(y_true, y_pred):
    """sum(y_true log(y_true / y_pred)) over the last axis, both clipped to [epsilon, 1]."""
    y_true, y_pred = float_pair(y_true, y_pred)
    check_broadcastable("kl_divergence", y_true, y_pred)
    eps = config.epsilon()
    y_true, y_pred = ops.clip(y_true, eps, 1.0), ops.clip(y_pred, eps, 1.0)
    return ops.sum(ops.multiply(y_true, ops.log(ops.divide(y_true, y_pred))), axis=-1)


def poisson(y_true, y_pred):
    """mean(y_pred - y_true log(y_pred + epsilon)) over the last axis: Poisson negative log-likelihood
    up to a constant."""
    y_true, y_pred = float_pair(y_true, y_pred)
    check_broadcastable("poisson", y_true, y_pred)
    return ops.mean(ops.subtract(y_pred, ops.multiply(y_true, ops.log(ops.add(y_pred, config.epsilon())))), axis=-1)


class KLDivergence(BuiltinLoss):
    """Kullback-Leibler divergence of y_pred from y_true; see ``kl_divergence``."""

    def __init__(self, reduction="sum_over_batch_size", name="kl_divergence", dtype=None):
        super().__init__(kl_divergence, name=name, reduction=reduction, dtype=dtype)


class Poisson(BuiltinLoss):
    """Poisson loss of predicted rates against counts; see ``poisson``."""

    def __init__(self, reduction="sum_over_batch_size", name="poisson", dtype=None):
        super().__init__(poisson, name=name, reduction=reduction, dtype=dtype)
