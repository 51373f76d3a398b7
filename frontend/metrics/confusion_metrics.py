"""Threshold metrics: true/false positive/negative counts, precision and recall."""

from frontend import ops
from frontend.metrics.confusion_counts import NEG_INF, confusion_counts, evenly_spaced, parse_thresholds
from frontend.metrics.metric import Metric


class ThresholdMetric(Metric):
    """Shared machinery: thresholds, one accumulator per tracked count, and the update."""

    def __init__(self, thresholds=None, top_k=None, class_id=None, name=None, dtype=None, default_threshold=0.5):
        super().__init__(name=name, dtype=dtype)
        self.init_thresholds = thresholds
        self.top_k = top_k
        self.class_id = class_id
        self.thresholds = parse_thresholds(thresholds, default_threshold)
        self._thresholds_distributed_evenly = evenly_spaced(self.thresholds)

    def _count(self, y_true, y_pred, sample_weight, accumulators):
        """Add this batch's counts to ``accumulators`` ({kind: variable})."""
        counts = confusion_counts(
            y_true, y_pred, self.thresholds, next(iter(accumulators.values())).dtype, top_k=self.top_k,
            class_id=self.class_id, sample_weight=sample_weight, evenly=self._thresholds_distributed_evenly,
        )
        for kind, variable in accumulators.items():
            variable.assign_add(counts[kind])

    def _single(self, values):
        """A scalar for one threshold, the vector for several."""
        return values[0] if len(self.thresholds) == 1 else values


class _ConditionCount(ThresholdMetric):
    """The weighted number of one confusion-matrix condition at each threshold."""

    kind = None

    def __init__(self, thresholds=None, name=None, dtype=None):
        super().__init__(thresholds=thresholds, name=name, dtype=dtype)
        self.accumulator = self.add_variable((len(self.thresholds),), "zeros", name="accumulator")

    def update_state(self, y_true, y_pred, sample_weight=None):
        self._count(y_true, y_pred, sample_weight, {self.kind: self.accumulator})

    def result(self):
        return self._single(self.accumulator.value)

    def get_config(self):
        return {**super().get_config(), "thresholds": self.init_thresholds}


class TruePositives(_ConditionCount):
    """Weighted count of positive labels predicted positive (``y_pred > threshold``)."""

    kind = "tp"


class FalsePositives(_ConditionCount):
    """Weighted count of negative labels predicted positive."""

    kind = "fp"


class TrueNegatives(_ConditionCount):
    """Weighted count of negative labels predicted negative."""

    kind = "tn"


class FalseNegatives(_ConditionCount):
    """Weighted count of positive labels predicted negative."""

    kind = "fn"


class _Ratio(ThresholdMetric):
    """tp / (tp + other) at each threshold, with top_k and class_id options."""

    other, other_name = None, None  # the second count: its key and its variable's name

    def __init__(self, thresholds=None, top_k=None, class_id=None, name=None, dtype=None):
        super().__init__(thresholds=thresholds, top_k=top_k, class_id=class_id, name=name, dtype=dtype,
                         default_threshold=0.5 if top_k is None else NEG_INF)
        self._direction = "up"
        size = (len(self.thresholds),)
        self.true_positives = self.add_variable(size, "zeros", name="true_positives")
        setattr(self, self.other_name, self.add_variable(size, "zeros", name=self.other_name))

    def update_state(self, y_true, y_pred, sample_weight=None):
        accumulators = {"tp": self.true_positives, self.other: getattr(self, self.other_name)}
        self._count(y_true, y_pred, sample_weight, accumulators)

    def result(self):
        tp = self.true_positives.value
        other = getattr(self, self.other_name).value
        return self._single(ops.divide_no_nan(tp, ops.add(tp, other)))

    def get_config(self):
        return {**super().get_config(), "thresholds": self.init_thresholds, "top_k": self.top_k,
                "class_id": self.class_id}


class Precision(_Ratio):
    """tp / (tp + fp): the share of positive predictions that are right."""

    other, other_name = "fp", "false_positives"


class Recall(_Ratio):
    """tp / (tp + fn): the share of positive labels that are found."""

    other, other_name = "fn", "false_negatives"
