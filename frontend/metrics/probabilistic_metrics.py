"""Crossentropy, Poisson and KL-divergence metrics: running means of the per-sample functions."""

from frontend.metrics import probabilistic_functions as fns
from frontend.metrics.reduction_metrics import FixedFunctionMetric


class BinaryCrossentropy(FixedFunctionMetric):
    direction, config_keys = "down", ("from_logits", "label_smoothing")

    def __init__(self, name="binary_crossentropy", dtype=None, from_logits=False, label_smoothing=0):
        super().__init__(fns.binary_crossentropy, name, dtype, from_logits=from_logits,
                         label_smoothing=label_smoothing)
        self.from_logits = from_logits
        self.label_smoothing = label_smoothing


class CategoricalCrossentropy(FixedFunctionMetric):
    direction, config_keys = "down", ("from_logits", "label_smoothing", "axis")

    def __init__(self, name="categorical_crossentropy", dtype=None, from_logits=False, label_smoothing=0, axis=-1):
        super().__init__(fns.categorical_crossentropy, name, dtype, from_logits=from_logits,
                         label_smoothing=label_smoothing, axis=axis)
        self.from_logits = from_logits
        self.label_smoothing = label_smoothing
        self.axis = axis


class SparseCategoricalCrossentropy(FixedFunctionMetric):
    """Crossentropy against integer labels; labels equal to ``ignore_class`` are left out of the mean."""

    direction, config_keys = "down", ("from_logits", "ignore_class", "axis")

    def __init__(self, name="sparse_categorical_crossentropy", dtype=None, from_logits=False, ignore_class=None,
                 axis=-1):
        super().__init__(fns.sparse_categorical_crossentropy, name, dtype, from_logits=from_logits,
                         ignore_class=ignore_class, axis=axis)
        self.from_logits = from_logits
        self.ignore_class = ignore_class
        self.axis = axis


class Poisson(FixedFunctionMetric):
    direction = "down"

    def __init__(self, name="poisson", dtype=None):
        super().__init__(fns.poisson, name, dtype)


class KLDivergence(FixedFunctionMetric):
    direction = "down"

    def __init__(self, name="kl_divergence", dtype=None):
        super().__init__(fns.kl_divergence, name, dtype)
