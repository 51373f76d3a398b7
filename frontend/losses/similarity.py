"""Metric-learning loss: Circle loss over the cosine distances between embeddings."""

from frontend import ops
from frontend.core.tensor_attributes import set_mask
from frontend.losses.wrapper import BuiltinLoss
from frontend.ops import dtypes


def _pair_masks(query_labels, key_labels, remove_diagonal):
    """(same-label mask, different-label mask) of shape (queries, keys); the diagonal is no positive pair."""
    query_labels = ops.reshape(query_labels, (-1, 1))
    key_labels = ops.reshape(key_labels, (1, -1))
    positive = ops.equal(query_labels, key_labels)
    negative = ops.logical_not(positive)
    if remove_diagonal:
        off_diagonal = ops.logical_not(ops.eye(ops.shape(query_labels)[0], ops.shape(key_labels)[1], dtype="bool"))
        positive = ops.logical_and(positive, off_diagonal)
    return positive, negative


def circle(y_true, y_pred, ref_labels=None, ref_embeddings=None, remove_diagonal=True, gamma=80, margin=0.4):
    """Circle loss (Sun et al., 2020) of L2-normalised embeddings ``y_pred`` with integer labels ``y_true``.

    Same-label pairs are pulled below distance ``margin`` and different-label pairs pushed
    past ``1 - margin``, each weighted by how far it is from its optimum; ``gamma`` scales
    the logits. Rows with no valid pair give 0 and are masked out of the mean.
    """
    y_pred = ops.convert_to_tensor(y_pred)
    y_pred = ops.cast(y_pred, dtypes.float_result(ops.dtype(y_pred)))
    y_true = ops.cast(y_true, "int32")
    ref_embeddings = y_pred if ref_embeddings is None else ops.cast(ref_embeddings, ops.dtype(y_pred))
    ref_labels = y_true if ref_labels is None else ops.cast(ref_labels, "int32")
    distances = ops.maximum(ops.subtract(1.0, ops.matmul(y_pred, ops.transpose(ref_embeddings))), 0.0)
    positive, negative = _pair_masks(y_true, ref_labels, remove_diagonal)
    dtype = ops.dtype(distances)
    positive_weights = ops.maximum(ops.multiply(ops.add(distances, margin), ops.cast(positive, dtype)), 0.0)
    negative_weights = ops.maximum(ops.multiply(ops.subtract(1.0 + margin, distances), ops.cast(negative, dtype)), 0.0)
    positive_logits = ops.multiply(ops.multiply(positive_weights, ops.subtract(margin, distances)), -float(gamma))
    negative_logits = ops.multiply(ops.multiply(negative_weights, ops.subtract(1.0 - margin, distances)), float(gamma))
    lowest = ops.full((), float("-inf"), dtype)
    positive_term = ops.logsumexp(ops.where(positive, positive_logits, lowest), axis=1)
    negative_term = ops.logsumexp(ops.where(negative, negative_logits, lowest), axis=1)
    result = ops.softplus(ops.add(positive_term, negative_term))
    set_mask(result, ops.greater(result, 0.0))
    return result


class Circle(BuiltinLoss):
    """Circle loss for embeddings; see ``circle``."""

    def __init__(self, gamma=80.0, margin=0.4, remove_diagonal=True, reduction="sum_over_batch_size", name="circle",
                 dtype=None):
        super().__init__(circle, name=name, reduction=reduction, dtype=dtype, gamma=gamma, margin=margin,
                         remove_diagonal=remove_diagonal)
