"""One rate maximized subject to a floor on another, over evenly spaced thresholds.

SensitivityAtSpecificity, SpecificityAtSensitivity, PrecisionAtRecall and
RecallAtPrecision all keep TP/FP/TN/FN at ``num_thresholds`` thresholds in [0, 1] and
report the best value of one rate among the thresholds where the other reaches ``value``.
"""

from frontend import ops
from frontend.metrics.confusion_counts import confusion_counts
from frontend.metrics.metric import Metric


def _rate(hits, misses):
    return ops.divide_no_nan(hits, ops.add(hits, misses))


class SensitivitySpecificityBase(Metric):
    """Confusion counts at ``num_thresholds`` thresholds; subclasses pick the two rates."""

    argument = None  # the constructor argument holding ``value``

    def __init__(self, value, num_thresholds=200, class_id=None, name=None, dtype=None):
        if not 0 <= value <= 1:
            raise ValueError(
                f"Argument `{self.argument}` must be in the range [0, 1]. Received: {self.argument}={value}"
            )
        if num_thresholds <= 0:
            raise ValueError(
                f"Argument `num_thresholds` must be an integer > 0. Received: num_thresholds={num_thresholds}"
            )
        super().__init__(name=name, dtype=dtype)
        self._direction = "up"
        self.value = value
        self.num_thresholds = num_thresholds
        self.class_id = class_id
        if num_thresholds == 1:
            self.thresholds, self._thresholds_distributed_evenly = [0.5], False
        else:
            self.thresholds = [i / (num_thresholds - 1) for i in range(num_thresholds)]
            self._thresholds_distributed_evenly = True
        size = (len(self.thresholds),)
        self.true_positives = self.add_variable(size, "zeros", name="true_positives")
        self.false_positives = self.add_variable(size, "zeros", name="false_positives")
        self.true_negatives = self.add_variable(size, "zeros", name="true_negatives")
        self.false_negatives = self.add_variable(size, "zeros", name="false_negatives")

    def update_state(self, y_true, y_pred, sample_weight=None):
        counts = confusion_counts(
            y_true, y_pred, self.thresholds, self.true_positives.dtype, class_id=self.class_id,
            sample_weight=sample_weight, evenly=self._thresholds_distributed_evenly,
        )
        self.true_positives.assign_add(counts["tp"])
        self.false_positives.assign_add(counts["fp"])
        self.true_negatives.assign_add(counts["tn"])
        self.false_negatives.assign_add(counts["fn"])

    def _rates(self):
        tp, fp = self.true_positives.value, self.false_positives.value
        tn, fn = self.true_negatives.value, self.false_negatives.value
        return {"sensitivity": _rate(tp, fn), "specificity": _rate(tn, fp), "precision": _rate(tp, fp)}

    def _best_where(self, constrained, dependent):
        """max of ``dependent`` over thresholds where ``constrained >= value``; 0 if there are none."""
        feasible = ops.greater_equal(constrained, self.value)
        return ops.max(ops.where(feasible, dependent, ops.zeros_like(dependent)), initial=0.0)

    def get_config(self):
        return {**super().get_config(), "class_id": self.class_id, "num_thresholds": self.num_thresholds,
                self.argument: self.value}


class SensitivityAtSpecificity(SensitivitySpecificityBase):
    """Best sensitivity (recall) at a specificity of at least ``specificity``."""

    argument = "specificity"

    def __init__(self, specificity, num_thresholds=200, class_id=None, name=None, dtype=None):
        super().__init__(specificity, num_thresholds=num_thresholds, class_id=class_id, name=name, dtype=dtype)
        self.specificity = specificity

    def result(self):
        rates = self._rates()
        return self._best_where(rates["specificity"], rates["sensitivity"])


class SpecificityAtSensitivity(SensitivitySpecificityBase):
    """Best specificity at a sensitivity (recall) of at least ``sensitivity``."""

    argument = "sensitivity"

    def __init__(self, sensitivity, num_thresholds=200, class_id=None, name=None, dtype=None):
        super().__init__(sensitivity, num_thresholds=num_thresholds, class_id=class_id, name=name, dtype=dtype)
        self.sensitivity = sensitivity

    def result(self):
        rates = self._rates()
        return self._best_where(rates["sensitivity"], rates["specificity"])


class PrecisionAtRecall(SensitivitySpecificityBase):
    """Best precision at a recall of at least ``recall``."""

    argument = "recall"

    def __init__(self, recall, num_thresholds=200, class_id=None, name=None, dtype=None):
        super().__init__(recall, num_thresholds=num_thresholds, class_id=class_id, name=name, dtype=dtype)
        self.recall = recall

    def result(self):
        rates = self._rates()
        return self._best_where(rates["sensitivity"], rates["precision"])


class RecallAtPrecision(SensitivitySpecificityBase):
    """Best recall at a precision of at least ``precision``."""

    argument = "precision"

    def __init__(self, precision, num_thresholds=200, class_id=None, name=None, dtype=None):
        super().__init__(precision, num_thresholds=num_thresholds, class_id=class_id, name=name, dtype=dtype)
        self.precision = precision

    def result(self):
        rates = self._rates()
        return self._best_where(rates["precision"], rates["sensitivity"])
