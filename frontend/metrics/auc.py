"""AUC: the area under the ROC or precision-recall curve, approximated over fixed thresholds.

TP/FP/TN/FN are kept at ``num_thresholds`` thresholds spread over [0, 1] (the outer two
just outside it, so predictions of exactly 0 or 1 are counted); ``result()`` turns them
into curve points and sums the area with a Riemann sum, or with the Davis & Goadrich
interpolation for the PR curve.
"""

import numpy as np

from frontend import config, ops
from frontend.metrics.confusion_counts import confusion_counts, evenly_spaced
from frontend.metrics.metric import Metric

_CURVES = {"roc": "ROC", "pr": "PR", "prgain": "PRGAIN"}
_SUMMATIONS = ("interpolation", "majoring", "minoring")


def _curve_name(curve):
    name = _CURVES.get(str(getattr(curve, "value", curve)).lower())
    if name is None:
        raise ValueError(f'Invalid AUC curve value: "{curve}". Expected values are ["PR", "ROC", "PRGAIN"]')
    return name


def _summation_name(method):
    name = str(getattr(method, "value", method)).lower()
    if name not in _SUMMATIONS:
        raise ValueError(
            f'Invalid AUC summation method value: "{method}". '
            'Expected values are ["interpolation", "majoring", "minoring"]'
        )
    return name


def _rate(hits, misses):
    return ops.divide_no_nan(hits, ops.add(hits, misses))


class AUC(Metric):
    """Area under the ROC curve (``curve="ROC"``), the PR curve (``"PR"``) or the PR-gain curve.

    With ``multi_label=True`` each column of 2-D data gets its own curve and the areas are
    averaged (weighted by ``label_weights`` if given); otherwise all entries are pooled,
    each weighted by its column's ``label_weights``. ``from_logits=True`` applies a sigmoid
    to the predictions first.
    """

    def __init__(self, num_thresholds=200, curve="ROC", summation_method="interpolation", name=None, dtype=None,
                 thresholds=None, multi_label=False, num_labels=None, label_weights=None, from_logits=False):
        curve, summation_method = _curve_name(curve), _summation_name(summation_method)
        if thresholds is not None:
            inner = sorted(float(t) for t in thresholds)
            evenly = evenly_spaced([0.0] + inner + [1.0])
        elif num_thresholds <= 1:
            raise ValueError(
                f"Argument `num_thresholds` must be an integer > 1. Received: num_thresholds={num_thresholds}"
            )
        else:
            inner = [(i + 1) / (num_thresholds - 1) for i in range(num_thresholds - 2)]
            evenly = True
        if not multi_label and num_labels:
            raise ValueError("`num_labels` is needed only when `multi_label` is True.")
        super().__init__(name=name, dtype=dtype)
        self._direction = "up"
        self.curve = curve
        self.summation_method = summation_method
        self._init_from_thresholds = thresholds is not None
        self.num_thresholds = len(inner) + 2
        self._thresholds_distributed_evenly = evenly
        self._thresholds = np.array([0.0 - config.epsilon()] + inner + [1.0 + config.epsilon()])
        self.multi_label = multi_label
        self.num_labels = num_labels
        self._label_weights_list = self.label_weights = None
        if label_weights is not None:
            self._label_weights_list = [float(w) for w in np.ravel(ops.convert_to_numpy(label_weights))]
            self.label_weights = ops.convert_to_tensor(np.asarray(self._label_weights_list), self.dtype)
        self._from_logits = from_logits
        self._built = False
        if not multi_label:
            self._build(None)
        elif num_labels:
            self._build((None, num_labels))

    @property
    def thresholds(self):
        """The thresholds in use, including the two just outside [0, 1]."""
        return [float(t) for t in self._thresholds]

    def _build(self, shape):
        if self.multi_label:
            if len(shape) != 2:
                raise ValueError(
                    f"`y_pred` must have rank 2 when `multi_label=True`. Found rank {len(shape)}. "
                    f"Full shape received for `y_pred`: {shape}"
                )
            self._num_labels = shape[1]
            size = (self.num_thresholds, self._num_labels)
        else:
            size = (self.num_thresholds,)
        self._build_input_shape = shape
        self.true_positives = self.add_variable(size, "zeros", name="true_positives")
        self.false_positives = self.add_variable(size, "zeros", name="false_positives")
        self.true_negatives = self.add_variable(size, "zeros", name="true_negatives")
        self.false_negatives = self.add_variable(size, "zeros", name="false_negatives")
        self._built = True

    def update_state(self, y_true, y_pred, sample_weight=None):
        y_pred = ops.convert_to_tensor(y_pred)
        if not self._built:
            self._build(ops.shape(y_pred))
        if self._from_logits:
            y_pred = ops.sigmoid(y_pred)
        counts = confusion_counts(
            y_true, y_pred, self._thresholds, self.true_positives.dtype, sample_weight=sample_weight,
            multi_label=self.multi_label, label_weights=None if self.multi_label else self.label_weights,
            evenly=self._thresholds_distributed_evenly,
        )
        self.true_positives.assign_add(counts["tp"])
        self.false_positives.assign_add(counts["fp"])
        self.true_negatives.assign_add(counts["tn"])
        self.false_negatives.assign_add(counts["fn"])

    def _average_over_labels(self, areas):
        """The per-threshold area terms summed into one area (per label, then averaged, if multi_label)."""
        if not self.multi_label:
            return ops.sum(areas)
        per_label = ops.sum(areas, axis=0)
        if self.label_weights is None:
            return ops.mean(per_label)
        return ops.divide_no_nan(ops.sum(ops.multiply(per_label, self.label_weights)), ops.sum(self.label_weights))

    def interpolate_pr_auc(self):
        """PR area with precision interpolated between thresholds as Davis & Goadrich (2006) describe.

        Between two thresholds TP grows linearly with P = TP + FP, so precision is
        ``slope + intercept / P`` and its integral over recall has a closed form.
        """
        tp, fp, fn = self.true_positives.value, self.false_positives.value, self.false_negatives.value
        predicted = ops.add(tp, fp)
        tp_step = ops.subtract(tp[:-1], tp[1:])
        predicted_step = ops.subtract(predicted[:-1], predicted[1:])
        slope = ops.divide_no_nan(tp_step, ops.maximum(predicted_step, 0.0))
        intercept = ops.subtract(tp[1:], ops.multiply(slope, predicted[1:]))
        both_positive = ops.logical_and(ops.greater(predicted[:-1], 0.0), ops.greater(predicted[1:], 0.0))
        ratio = ops.where(
            both_positive,
            ops.divide_no_nan(predicted[:-1], ops.maximum(predicted[1:], 0.0)),
            ops.ones_like(predicted[1:]),
        )
        areas = ops.divide_no_nan(
            ops.multiply(slope, ops.add(tp_step, ops.multiply(intercept, ops.log(ratio)))),
            ops.maximum(ops.add(tp[1:], fn[1:]), 0.0),
        )
        return self._average_over_labels(areas)

    def _curve_points(self):
        """(x, y) of the curve at every threshold."""
        tp, fp = self.true_positives.value, self.false_positives.value
        tn, fn = self.true_negatives.value, self.false_negatives.value
        if self.curve == "ROC":
            return _rate(fp, tn), _rate(tp, fn)
        if self.curve == "PR":
            return _rate(tp, fn), _rate(tp, fp)
        # PR gain: gains relative to a classifier that predicts everything positive; with no
        # true positives recall gain is 0 and precision gain 1, and a negative recall gain is 0.
        scale = ops.divide_no_nan(ops.add(tp, fn), ops.add(tn, fp))
        no_hits = ops.equal(tp, 0.0)
        recall_gain = ops.subtract(1.0, ops.multiply(scale, ops.divide_no_nan(fn, tp)))
        precision_gain = ops.subtract(1.0, ops.multiply(scale, ops.divide_no_nan(fp, tp)))
        recall_gain = ops.maximum(ops.where(no_hits, ops.zeros_like(recall_gain), recall_gain), 0.0)
        precision_gain = ops.where(no_hits, ops.ones_like(precision_gain), precision_gain)
        return recall_gain, precision_gain

    def result(self):
        if self.curve == "PR" and self.summation_method == "interpolation":
            return self.interpolate_pr_auc()
        x, y = self._curve_points()
        if self.summation_method == "interpolation":
            heights = ops.divide(ops.add(y[:-1], y[1:]), 2.0)
        elif self.summation_method == "minoring":
            heights = ops.minimum(y[:-1], y[1:])
        else:
            heights = ops.maximum(y[:-1], y[1:])
        return self._average_over_labels(ops.multiply(ops.subtract(x[:-1], x[1:]), heights))

    def get_config(self):
        config = {
            **super().get_config(),
            "num_thresholds": self.num_thresholds,
            "curve": self.curve,
            "summation_method": self.summation_method,
            "multi_label": self.multi_label,
            "num_labels": self.num_labels,
            "label_weights": self._label_weights_list,
            "from_logits": self._from_logits,
        }
        if self._init_from_thresholds:
            config["thresholds"] = self.thresholds[1:-1]
        return config
