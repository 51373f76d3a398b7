"""Per-sample crossentropies, focal crossentropies, Poisson deviance and KL divergence.

Each returns one value per sample (the class or last axis reduced); the formulas and
their ``epsilon()`` clipping are Keras 3's.
"""

from frontend import config, ops
from frontend.core.tensor_attributes import set_mask
from frontend.losses.crossentropy import check_axis, smooth_binary_labels, smooth_categorical_labels
from frontend.ops import dtypes


def _predictions(y_pred):
    y_pred = ops.convert_to_tensor(y_pred)
    return y_pred if dtypes.is_float(ops.dtype(y_pred)) else ops.cast(y_pred, config.floatx())


def binary_crossentropy(y_true, y_pred, from_logits=False, label_smoothing=0.0, axis=-1):
    """Mean over ``axis`` of -(t log p + (1 - t) log(1 - p))."""
    y_pred = _predictions(y_pred)
    y_true = smooth_binary_labels(ops.cast(ops.convert_to_tensor(y_true), ops.dtype(y_pred)), label_smoothing)
    return ops.mean(ops.binary_crossentropy(y_true, y_pred, from_logits=from_logits), axis=axis)


def binary_focal_crossentropy(y_true, y_pred, apply_class_balancing=False, alpha=0.25, gamma=2.0,
                              from_logits=False, label_smoothing=0.0, axis=-1):
    """Binary crossentropy scaled by (1 - p_t)^gamma, optionally by alpha / (1 - alpha) per class."""
    y_pred = _predictions(y_pred)
    y_true = smooth_binary_labels(ops.cast(ops.convert_to_tensor(y_true), ops.dtype(y_pred)), label_smoothing)
    if from_logits:
        y_pred = ops.sigmoid(y_pred)
    crossentropy = ops.binary_crossentropy(y_true, y_pred)
    p_t = ops.add(ops.multiply(y_true, y_pred), ops.multiply(ops.subtract(1.0, y_true), ops.subtract(1.0, y_pred)))
    focal = ops.multiply(ops.power(ops.subtract(1.0, p_t), gamma), crossentropy)
    if apply_class_balancing:
        balance = ops.add(ops.multiply(y_true, alpha), ops.multiply(ops.subtract(1.0, y_true), 1.0 - alpha))
        focal = ops.multiply(balance, focal)
    return ops.mean(focal, axis=axis)


def categorical_crossentropy(y_true, y_pred, from_logits=False, label_smoothing=0.0, axis=-1):
    """-sum(t log p) over the class ``axis``; predictions are normalized to sum to 1 first."""
    check_axis("categorical_crossentropy", axis)
    y_pred = _predictions(y_pred)
    y_true = smooth_categorical_labels(ops.cast(ops.convert_to_tensor(y_true), ops.dtype(y_pred)), label_smoothing, axis)
    return ops.categorical_crossentropy(y_true, y_pred, from_logits=from_logits, axis=axis)


def categorical_focal_crossentropy(y_true, y_pred, alpha=0.25, gamma=2.0, from_logits=False,
                                   label_smoothing=0.0, axis=-1):
    """-sum(alpha (1 - p)^gamma t log p) over the class ``axis``."""
    check_axis("categorical_focal_crossentropy", axis)
    y_pred = _predictions(y_pred)
    y_true = smooth_categorical_labels(ops.cast(ops.convert_to_tensor(y_true), ops.dtype(y_pred)), label_smoothing, axis)
    if from_logits:
        y_pred = ops.softmax(y_pred, axis=axis)
    eps = config.epsilon()
    probabilities = ops.clip(ops.divide(y_pred, ops.sum(y_pred, axis=axis, keepdims=True)), eps, 1.0 - eps)
    weight = ops.multiply(ops.power(ops.subtract(1.0, probabilities), gamma), alpha)
    return ops.sum(ops.multiply(weight, ops.multiply(ops.negative(y_true), ops.log(probabilities))), axis=axis)


def sparse_categorical_crossentropy(y_true, y_pred, from_logits=False, ignore_class=None, axis=-1):
    """Crossentropy against integer labels; entries labelled ``ignore_class`` give 0 and are masked out."""
    y_pred = _predictions(y_pred)
    y_true = ops.convert_to_tensor(y_true)
    if len(ops.shape(y_true)) == len(ops.shape(y_pred)) and ops.shape(y_true)[axis] == 1:
        y_true = ops.squeeze(y_true, axis)
    if ignore_class is None:
        return ops.sparse_categorical_crossentropy(y_true, y_pred, from_logits=from_logits, axis=axis)
    valid = ops.not_equal(y_true, ops.cast(ignore_class, ops.dtype(y_true)))
    y_true = ops.where(valid, y_true, ops.zeros_like(y_true))
    y_pred = ops.where(ops.expand_dims(valid, axis), y_pred, ops.ones_like(y_pred))
    values = ops.sparse_categorical_crossentropy(y_true, y_pred, from_logits=from_logits, axis=axis)
    values = ops.where(valid, values, ops.zeros_like(values))
    set_mask(values, valid)
    return values


def poisson(y_true, y_pred):
    """mean(y_pred - y_true * log(y_pred + epsilon))."""
    y_pred = _predictions(y_pred)
    y_true = ops.convert_to_tensor(y_true, ops.dtype(y_pred))
    return ops.mean(ops.subtract(y_pred, ops.multiply(y_true, ops.log(ops.add(y_pred, config.epsilon())))), axis=-1)


def kl_divergence(y_true, y_pred):
    """sum(t log(t / p)) with both clipped to [epsilon, 1]."""
    y_pred = _predictions(y_pred)
    y_true = ops.clip(ops.convert_to_tensor(y_true, ops.dtype(y_pred)), config.epsilon(), 1.0)
    y_pred = ops.clip(y_pred, config.epsilon(), 1.0)
    return ops.sum(ops.multiply(y_true, ops.log(ops.divide(y_true, y_pred))), axis=-1)
