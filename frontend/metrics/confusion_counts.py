"""Weighted confusion-matrix counts (TP, FP, TN, FN) at a list of decision thresholds.

A prediction counts as positive at threshold ``t`` when ``y_pred > t``; a label is
positive when it is non-zero. Evenly spaced thresholds (``i / (n - 1)``) take a bucket
route that costs O(n + batch): each prediction falls into one bucket between two
thresholds, bucket totals are summed with ``segment_sum``, and a reversed cumulative sum
gives the count above every threshold. Other thresholds are compared one by one.
"""

import numpy as np

from frontend import config, ops
from frontend.metrics.weighting import match_rank

NEG_INF = -1e10  # the threshold that makes every top-k prediction positive


def parse_thresholds(thresholds, default):
    """``thresholds`` (a number or a list, each in [0, 1]) as a list of floats; ``[default]`` for None."""
    if thresholds is None:
        return [default]
    values = list(thresholds) if isinstance(thresholds, (list, tuple, np.ndarray)) else [thresholds]
    invalid = [t for t in values if t is None or not 0 <= t <= 1]
    if invalid:
        raise ValueError(f"Threshold values must be in [0, 1]. Received: {invalid}")
    return [float(t) for t in values]


def evenly_spaced(thresholds):
    """True when ``thresholds`` are ``0, 1/(n-1), ..., 1`` (n >= 3) up to epsilon."""
    n = len(thresholds)
    if n < 3:
        return False
    return bool(np.allclose(thresholds, np.arange(n) / (n - 1), atol=config.epsilon()))


def keep_top_k(x, k):
    """``x`` with every value outside the ``k`` largest of its last axis replaced by NEG_INF."""
    _, indices = ops.top_k(x, k)
    keep = ops.sum(ops.one_hot(indices, ops.shape(x)[-1], dtype=ops.dtype(x)), axis=-2)
    return ops.add(ops.multiply(x, keep), ops.multiply(NEG_INF, ops.subtract(1.0, keep)))


def _prepare(y_true, y_pred, sample_weight, top_k, class_id, dtype):
    y_true = ops.cast(ops.convert_to_tensor(y_true), dtype)
    y_pred = ops.cast(ops.convert_to_tensor(y_pred), dtype)
    y_pred, y_true = match_rank(y_pred, y_true)
    if sample_weight is not None:
        sample_weight = ops.expand_dims(ops.cast(ops.convert_to_tensor(sample_weight), dtype), -1)
        _, sample_weight = match_rank(y_true, sample_weight, expand_rank_1=False)
    if top_k is not None:
        y_pred = keep_top_k(y_pred, top_k)
    if class_id is not None:
        if len(ops.shape(y_pred)) == 1:
            raise ValueError(
                "When class_id is provided, y_pred must be a 2D array with shape (num_samples, num_classes), "
                f"found shape: {ops.shape(y_pred)}"
            )
        y_true = ops.take(y_true, [class_id], axis=-1)
        y_pred = ops.take(y_pred, [class_id], axis=-1)
    return y_true, y_pred, sample_weight


def _weights(sample_weight, label_weights, y_pred, multi_label, dtype):
    """One weight per prediction (flattened unless multi_label), or None when all are 1."""
    weights = None
    if sample_weight is not None:
        weights = ops.broadcast_to(sample_weight, ops.shape(y_pred))
    if label_weights is not None:
        broadcast = ops.broadcast_to(ops.cast(label_weights, dtype), ops.shape(y_pred))
        weights = broadcast if weights is None else ops.multiply(weights, broadcast)
    if weights is not None and not multi_label:
        weights = ops.reshape(weights, (-1,))
    return weights


def _reverse_cumsum(x, axis):
    return ops.flip(ops.cumsum(ops.flip(x, axis), axis), axis)


def _bucket_counts(labels, y_pred, weights, num_thresholds, with_epsilon, multi_label, dtype):
    """(tp, fp, positives, negatives) for evenly spaced thresholds, via bucket totals."""
    one = ops.ones((), dtype)
    positives = labels if weights is None else ops.multiply(labels, weights)
    negatives = ops.subtract(one, labels) if weights is None else ops.multiply(ops.subtract(one, labels), weights)
    # A prediction p lies in (t_b, t_b+1] for b = ceil(p (n - 1)) - 1, so it is above thresholds 0..b.
    buckets = ops.subtract(ops.ceil(ops.multiply(ops.clip(y_pred, 0.0, 1.0), float(num_thresholds - 1))), 1.0)
    counted_positives, counted_negatives = positives, negatives
    if not with_epsilon:  # b = -1 (p == 0) is above no threshold; with epsilon the first one lies below 0
        counted = ops.greater_equal(buckets, 0.0)
        counted_positives = ops.where(counted, positives, ops.zeros_like(positives))
        counted_negatives = ops.where(counted, negatives, ops.zeros_like(negatives))
    buckets = ops.cast(ops.maximum(buckets, 0.0), "int32")
    if multi_label:
        num_labels = ops.shape(y_pred)[-1]
        ids = ops.reshape(ops.add(buckets, ops.multiply(ops.arange(num_labels, dtype="int32"), num_thresholds)), (-1,))

        def per_threshold(values):
            totals = ops.segment_sum(ops.reshape(values, (-1,)), ids, num_segments=num_labels * num_thresholds)
            return ops.transpose(ops.reshape(totals, (num_labels, num_thresholds)))

        tp_buckets, fp_buckets = per_threshold(counted_positives), per_threshold(counted_negatives)
    else:
        tp_buckets = ops.segment_sum(counted_positives, buckets, num_segments=num_thresholds)
        fp_buckets = ops.segment_sum(counted_negatives, buckets, num_segments=num_thresholds)
    tp, fp = _reverse_cumsum(tp_buckets, 0), _reverse_cumsum(fp_buckets, 0)
    return tp, fp, ops.sum(positives, axis=0), ops.sum(negatives, axis=0)


def _compared_counts(labels, y_pred, weights, thresholds, multi_label, dtype):
    """(tp, fp, positives, negatives) by comparing every prediction with every threshold."""
    one = ops.ones((), dtype)
    weights = one if weights is None else ops.expand_dims(weights, 0)
    level = ops.convert_to_tensor(np.asarray(thresholds), dtype)
    if multi_label:
        level = ops.reshape(level, (-1, 1, 1))
    else:
        level = ops.reshape(level, (-1, 1))
        labels, y_pred = ops.reshape(labels, (-1,)), ops.reshape(y_pred, (-1,))
    above = ops.cast(ops.greater(ops.expand_dims(y_pred, 0), level), dtype)
    positives = ops.multiply(ops.expand_dims(labels, 0), weights)
    negatives = ops.multiply(ops.subtract(one, ops.expand_dims(labels, 0)), weights)
    tp = ops.sum(ops.multiply(above, positives), axis=1)
    fp = ops.sum(ops.multiply(above, negatives), axis=1)
    return tp, fp, ops.sum(positives, axis=1), ops.sum(negatives, axis=1)


def confusion_counts(y_true, y_pred, thresholds, dtype, top_k=None, class_id=None, sample_weight=None,
                     multi_label=False, label_weights=None, evenly=False):
    """{"tp", "fp", "tn", "fn"}: weighted counts of shape (thresholds,), or (thresholds, labels) if multi_label.

    ``top_k`` keeps only the k highest predictions of each sample positive; ``class_id``
    looks at one column only; ``label_weights`` weigh the columns (not with multi_label).
    """
    if multi_label and label_weights is not None:
        raise ValueError("label_weights are applied outside confusion_counts when multi_label=True")
    y_true, y_pred, sample_weight = _prepare(y_true, y_pred, sample_weight, top_k, class_id, dtype)
    labels = ops.cast(ops.not_equal(y_true, 0.0), dtype)
    weights = _weights(sample_weight, label_weights, y_pred, multi_label, dtype)
    if evenly:
        if not multi_label:
            labels, y_pred = ops.reshape(labels, (-1,)), ops.reshape(y_pred, (-1,))
        with_epsilon = thresholds[0] < 0.0 or thresholds[-1] > 1.0
        tp, fp, positives, negatives = _bucket_counts(
            labels, y_pred, weights, len(thresholds), with_epsilon, multi_label, dtype
        )
    else:
        tp, fp, positives, negatives = _compared_counts(labels, y_pred, weights, thresholds, multi_label, dtype)
    return {"tp": tp, "fp": fp, "tn": ops.subtract(negatives, fp), "fn": ops.subtract(positives, tp)}
