"""Per-sample accuracy functions: 1.0 where the prediction is right, 0.0 where it is wrong.

They return floatx values shaped like the labels without the class axis, ready for a
``MeanMetricWrapper``; ``keras.metrics`` exports them under the same names.
"""

from frontend import config, ops
from frontend.metrics.weighting import match_rank


def _as_float(matches):
    return ops.cast(matches, config.floatx())


def accuracy(y_true, y_pred):
    """Exact equality of labels and predictions."""
    y_pred = ops.convert_to_tensor(y_pred)
    y_true = ops.convert_to_tensor(y_true, ops.dtype(y_pred))
    y_true, y_pred = match_rank(y_true, y_pred)
    return _as_float(ops.equal(y_true, y_pred))


def binary_accuracy(y_true, y_pred, threshold=0.5):
    """Labels against ``y_pred > threshold``."""
    y_pred = ops.convert_to_tensor(y_pred)
    y_true = ops.convert_to_tensor(y_true)
    y_true, y_pred = match_rank(y_true, y_pred)
    predicted = ops.cast(ops.greater(y_pred, threshold), ops.dtype(y_true))
    return _as_float(ops.equal(y_true, predicted))


def _argmax_matches(labels, y_pred, class_axis_kept):
    """Compare integer ``labels`` with argmax(y_pred); ``class_axis_kept`` keeps the labels' trailing 1."""
    shape = ops.shape(labels)
    if class_axis_kept:
        labels = ops.squeeze(labels, -1)
    predicted = ops.cast(ops.argmax(y_pred, axis=-1), ops.dtype(labels))
    matches = _as_float(ops.equal(labels, predicted))
    return ops.reshape(matches, shape) if class_axis_kept else matches


def categorical_accuracy(y_true, y_pred):
    """argmax of one-hot labels against argmax of the predictions."""
    y_pred = ops.convert_to_tensor(y_pred)
    labels = ops.cast(ops.argmax(y_true, axis=-1), ops.dtype(y_pred))
    return _argmax_matches(labels, y_pred, len(ops.shape(labels)) == len(ops.shape(y_pred)))


def sparse_categorical_accuracy(y_true, y_pred):
    """Integer labels (with or without a trailing axis of 1) against argmax of the predictions."""
    y_pred = ops.convert_to_tensor(y_pred)
    labels = ops.convert_to_tensor(y_true, ops.dtype(y_pred))
    kept = len(ops.shape(labels)) == len(ops.shape(y_pred)) and ops.shape(labels)[-1] == 1
    matches = _argmax_matches(labels, y_pred, kept)
    if len(ops.shape(matches)) > 1 and ops.shape(matches)[-1] == 1:
        matches = ops.squeeze(matches, -1)
    return matches


def _flatten_for_top_k(labels, y_pred):
    """2-D predictions and 1-D labels, plus the labels' shape to restore."""
    shape = ops.shape(labels)
    if len(ops.shape(y_pred)) > 2:
        y_pred = ops.reshape(y_pred, (-1, ops.shape(y_pred)[-1]))
    if len(shape) > 1:
        labels = ops.reshape(labels, (-1,))
    return labels, y_pred, shape


def top_k_categorical_accuracy(y_true, y_pred, k=5):
    """Whether the one-hot label's class is among the ``k`` highest predictions."""
    y_pred = ops.convert_to_tensor(y_pred)
    labels = ops.cast(ops.argmax(y_true, axis=-1), "int32")
    labels, y_pred, shape = _flatten_for_top_k(labels, y_pred)
    return ops.reshape(_as_float(ops.in_top_k(labels, y_pred, k)), shape)


def sparse_top_k_categorical_accuracy(y_true, y_pred, k=5, from_sorted_ids=False):
    """Whether the integer label is among the ``k`` highest predictions.

    With ``from_sorted_ids=True``, ``y_pred`` already holds class ids sorted from best to
    worst and the label is looked for in its first ``k`` columns.
    """
    y_pred = ops.convert_to_tensor(y_pred)
    labels = ops.convert_to_tensor(y_true, ops.dtype(y_pred) if from_sorted_ids else "int32")
    labels, y_pred, shape = _flatten_for_top_k(labels, y_pred)
    if from_sorted_ids:
        matches = ops.any(ops.equal(ops.expand_dims(labels, 1), y_pred[:, :k]), axis=1)
    else:
        matches = ops.in_top_k(labels, y_pred, k)
    return ops.reshape(_as_float(matches), shape)
