"""Accuracy metrics: running means of the per-sample accuracy functions."""

from frontend.metrics import accuracy_functions as fns
from frontend.metrics.reduction_metrics import FixedFunctionMetric


class Accuracy(FixedFunctionMetric):
    """How often predictions equal labels exactly."""

    direction = "up"

    def __init__(self, name="accuracy", dtype=None):
        super().__init__(fns.accuracy, name, dtype)


class BinaryAccuracy(FixedFunctionMetric):
    """How often ``y_pred > threshold`` matches the 0/1 labels."""

    direction, config_keys = "up", ("threshold",)

    def __init__(self, name="binary_accuracy", dtype=None, threshold=0.5):
        super().__init__(fns.binary_accuracy, name, dtype, threshold=threshold)
        self.threshold = threshold


class CategoricalAccuracy(FixedFunctionMetric):
    """How often the argmax of the predictions is the one-hot label's class."""

    direction = "up"

    def __init__(self, name="categorical_accuracy", dtype=None):
        super().__init__(fns.categorical_accuracy, name, dtype)


class SparseCategoricalAccuracy(FixedFunctionMetric):
    """How often the argmax of the predictions is the integer label."""

    direction = "up"

    def __init__(self, name="sparse_categorical_accuracy", dtype=None):
        super().__init__(fns.sparse_categorical_accuracy, name, dtype)


class TopKCategoricalAccuracy(FixedFunctionMetric):
    """How often the one-hot label's class is among the ``k`` highest predictions."""

    direction, config_keys = "up", ("k",)

    def __init__(self, k=5, name="top_k_categorical_accuracy", dtype=None):
        super().__init__(fns.top_k_categorical_accuracy, name, dtype, k=k)
        self.k = k


class SparseTopKCategoricalAccuracy(FixedFunctionMetric):
    """How often the integer label is among the ``k`` highest predictions (or first ``k`` sorted ids)."""

    direction, config_keys = "up", ("k",)

    def __init__(self, k=5, name="sparse_top_k_categorical_accuracy", dtype=None, from_sorted_ids=False):
        super().__init__(fns.sparse_top_k_categorical_accuracy, name, dtype, k=k, from_sorted_ids=from_sorted_ids)
        self.k = k
        self.from_sorted_ids = from_sorted_ids

    def get_config(self):
        config = super().get_config()
        if self.from_sorted_ids:
            config["from_sorted_ids"] = True
        return config
