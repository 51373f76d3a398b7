"""Cross-entropy losses: binary, categorical, sparse, their focal forms, and generalized CE.

Probabilities are clipped to [epsilon, 1 - epsilon] before the log; with
``from_logits=True`` the log-probabilities come from a stable log-sigmoid/log-softmax.
"""

import warnings

from frontend import config, ops
from frontend.core.tensor_attributes import set_mask
from frontend.losses.inputs import check_same_shape, dims_match, float_pair
from frontend.losses.wrapper import BuiltinLoss
from frontend.ops import dtypes


def check_axis(name, axis):
    if isinstance(axis, bool) or not isinstance(axis, int):
        raise ValueError(f"{name}: axis must be an int, received axis={axis!r}")


def smooth_binary_labels(y_true, label_smoothing):
    """Labels pulled towards 0.5: y (1 - s) + s / 2."""
    if not label_smoothing:
        return y_true
    return ops.add(ops.multiply(y_true, 1.0 - label_smoothing), 0.5 * label_smoothing)


def smooth_categorical_labels(y_true, label_smoothing, axis):
    """Labels pulled towards uniform over the classes on ``axis``: y (1 - s) + s / classes."""
    if not label_smoothing:
        return y_true
    classes = ops.shape(y_true)[axis]
    return ops.add(ops.multiply(y_true, 1.0 - label_smoothing), label_smoothing / classes)


def _warn_single_class(name, y_pred, axis):
    if ops.shape(y_pred)[axis] == 1:
        warnings.warn(
            f"{name}: y_pred has a single class (shape {tuple(ops.shape(y_pred))}); the loss is always 0. "
            "For two classes use binary_crossentropy.",
            stacklevel=3,
        )


def binary_crossentropy(y_true, y_pred, from_logits=False, label_smoothing=0.0, axis=-1):
    """Mean over ``axis`` of -(y log p + (1 - y) log(1 - p)); y_true and y_pred share one shape."""
    check_axis("binary_crossentropy", axis)
    y_true, y_pred = float_pair(y_true, y_pred)
    check_same_shape("binary_crossentropy", y_true, y_pred)
    y_true = smooth_binary_labels(y_true, label_smoothing)
    return ops.mean(ops.binary_crossentropy(y_true, y_pred, from_logits=from_logits), axis=axis)


def binary_focal_crossentropy(
    y_true, y_pred, apply_class_balancing=False, alpha=0.25, gamma=2.0, from_logits=False, label_smoothing=0.0, axis=-1
):
    """Binary cross-entropy scaled by (1 - p_t)^gamma, so easy examples count less.

    p_t is the probability given to the true label; with ``apply_class_balancing`` the
    positives are also weighted by ``alpha`` and the negatives by ``1 - alpha``.
    """
    check_axis("binary_focal_crossentropy", axis)
    y_true, y_pred = float_pair(y_true, y_pred)
    check_same_shape("binary_focal_crossentropy", y_true, y_pred)
    y_true = smooth_binary_labels(y_true, label_smoothing)
    if from_logits:
        y_pred = ops.sigmoid(y_pred)
    bce = ops.binary_crossentropy(y_true, y_pred, from_logits=False)
    p_t = ops.add(ops.multiply(y_true, y_pred), ops.multiply(ops.subtract(1.0, y_true), ops.subtract(1.0, y_pred)))
    focal = ops.multiply(ops.power(ops.subtract(1.0, p_t), float(gamma)), bce)
    if apply_class_balancing:
        weight = ops.add(ops.multiply(y_true, alpha), ops.multiply(ops.subtract(1.0, y_true), 1.0 - alpha))
        focal = ops.multiply(weight, focal)
    return ops.mean(focal, axis=axis)


def categorical_crossentropy(y_true, y_pred, from_logits=False, label_smoothing=0.0, axis=-1):
    """-sum(y_true log p) over the class ``axis``; y_true is one-hot (or a distribution)."""
    check_axis("categorical_crossentropy", axis)
    y_true, y_pred = float_pair(y_true, y_pred)
    check_same_shape("categorical_crossentropy", y_true, y_pred)
    _warn_single_class("categorical_crossentropy", y_pred, axis)
    y_true = smooth_categorical_labels(y_true, label_smoothing, axis)
    return ops.categorical_crossentropy(y_true, y_pred, from_logits=from_logits, axis=axis)


def categorical_focal_crossentropy(
    y_true, y_pred, alpha=0.25, gamma=2.0, from_logits=False, label_smoothing=0.0, axis=-1
):
    """Categorical cross-entropy with each class term scaled by alpha (1 - p)^gamma."""
    check_axis("categorical_focal_crossentropy", axis)
    y_true, y_pred = float_pair(y_true, y_pred)
    check_same_shape("categorical_focal_crossentropy", y_true, y_pred)
    _warn_single_class("categorical_focal_crossentropy", y_pred, axis)
    y_true = smooth_categorical_labels(y_true, label_smoothing, axis)
    if from_logits:
        y_pred = ops.softmax(y_pred, axis=axis)
    eps = config.epsilon()
    probabilities = ops.clip(ops.divide(y_pred, ops.sum(y_pred, axis=axis, keepdims=True)), eps, 1.0 - eps)
    cross_entropy = ops.negative(ops.multiply(y_true, ops.log(probabilities)))
    weight = ops.multiply(ops.power(ops.subtract(1.0, probabilities), float(gamma)), alpha)
    return ops.sum(ops.multiply(weight, cross_entropy), axis=axis)


def _class_labels(name, y_true, y_pred, axis):
    """Integer labels shaped like y_pred without its class axis (a size-1 class axis is dropped)."""
    rank = len(ops.shape(y_pred))
    class_axis = axis % rank if -rank <= axis < rank else None
    if class_axis is None:
        raise ValueError(f"{name}: axis={axis} is out of range for y_pred of shape {tuple(ops.shape(y_pred))}")
    y_true = ops.convert_to_tensor(y_true)
    if len(ops.shape(y_true)) == rank and ops.shape(y_true)[class_axis] == 1:
        y_true = ops.squeeze(y_true, axis=class_axis)
    expected = tuple(d for i, d in enumerate(ops.shape(y_pred)) if i != class_axis)
    received = ops.shape(y_true)
    if not dims_match(received, expected):
        raise ValueError(
            f"{name}: y_true must hold one class index per y_pred row, with shape {expected} "
            f"(y_pred.shape={tuple(ops.shape(y_pred))} without axis {axis}), received y_true.shape={tuple(received)}"
        )
    return ops.cast(y_true, "int32"), class_axis


def sparse_categorical_crossentropy(y_true, y_pred, from_logits=False, ignore_class=None, axis=-1):
    """-log p[y_true] with integer class labels; entries labelled ``ignore_class`` get 0 and are masked.

    The mask rides on the result, so a ``Loss`` averages over the kept entries only.
    """
    check_axis("sparse_categorical_crossentropy", axis)
    y_pred = ops.convert_to_tensor(y_pred)
    y_pred = ops.cast(y_pred, dtypes.float_result(ops.dtype(y_pred)))
    labels, class_axis = _class_labels("sparse_categorical_crossentropy", y_true, y_pred, axis)
    if ignore_class is not None:
        valid = ops.not_equal(labels, int(ignore_class))
        labels = ops.where(valid, labels, 0)
    if class_axis != len(ops.shape(y_pred)) - 1:
        y_pred = ops.moveaxis(y_pred, class_axis, -1)
    result = ops.sparse_categorical_crossentropy(labels, y_pred, from_logits=from_logits, axis=-1)
    if ignore_class is not None:
        result = ops.where(valid, result, ops.zeros((), ops.dtype(result)))
        set_mask(result, valid)
    return result


sparse_categorical_crossentropy.integer_targets = True  # y_true holds class indices (see Loss)


def categorical_generalized_cross_entropy(y_true, y_pred, q):
    """(1 - p^q) / q with p the probability of the integer label: robust to noisy labels (0 < q < 1)."""
    y_pred = ops.convert_to_tensor(y_pred)
    y_pred = ops.cast(y_pred, dtypes.float_result(ops.dtype(y_pred)))
    labels, _ = _class_labels("categorical_generalized_cross_entropy", y_true, y_pred, -1)
    one_hot = ops.one_hot(labels, ops.shape(y_pred)[-1], dtype=ops.dtype(y_pred))
    p = ops.sum(ops.multiply(y_pred, one_hot), axis=-1)
    return ops.divide(ops.subtract(1.0, ops.power(p, float(q))), float(q))


class BinaryCrossentropy(BuiltinLoss):
    """Cross-entropy of 0/1 labels against probabilities (or logits); see ``binary_crossentropy``."""

    def __init__(self, from_logits=False, label_smoothing=0.0, axis=-1, reduction="sum_over_batch_size",
                 name="binary_crossentropy", dtype=None):
        super().__init__(binary_crossentropy, name=name, reduction=reduction, dtype=dtype,
                         from_logits=from_logits, label_smoothing=label_smoothing, axis=axis)


class BinaryFocalCrossentropy(BuiltinLoss):
    """Binary cross-entropy that down-weights easy examples; see ``binary_focal_crossentropy``."""

    def __init__(self, apply_class_balancing=False, alpha=0.25, gamma=2.0, from_logits=False, label_smoothing=0.0,
                 axis=-1, reduction="sum_over_batch_size", name="binary_focal_crossentropy", dtype=None):
        super().__init__(binary_focal_crossentropy, name=name, reduction=reduction, dtype=dtype,
                         apply_class_balancing=apply_class_balancing, alpha=alpha, gamma=gamma,
                         from_logits=from_logits, label_smoothing=label_smoothing, axis=axis)


class CategoricalCrossentropy(BuiltinLoss):
    """Cross-entropy of one-hot labels; see ``categorical_crossentropy``."""

    def __init__(self, from_logits=False, label_smoothing=0.0, axis=-1, reduction="sum_over_batch_size",
                 name="categorical_crossentropy", dtype=None):
        super().__init__(categorical_crossentropy, name=name, reduction=reduction, dtype=dtype,
                         from_logits=from_logits, label_smoothing=label_smoothing, axis=axis)


class CategoricalFocalCrossentropy(BuiltinLoss):
    """Categorical cross-entropy that down-weights easy examples; see ``categorical_focal_crossentropy``."""

    def __init__(self, alpha=0.25, gamma=2.0, from_logits=False, label_smoothing=0.0, axis=-1,
                 reduction="sum_over_batch_size", name="categorical_focal_crossentropy", dtype=None):
        super().__init__(categorical_focal_crossentropy, name=name, reduction=reduction, dtype=dtype,
                         alpha=alpha, gamma=gamma, from_logits=from_logits, label_smoothing=label_smoothing, axis=axis)


class SparseCategoricalCrossentropy(BuiltinLoss):
    """Cross-entropy of integer labels; see ``sparse_categorical_crossentropy``."""

    def __init__(self, from_logits=False, ignore_class=None, reduction="sum_over_batch_size", axis=-1,
                 name="sparse_categorical_crossentropy", dtype=None):
        super().__init__(sparse_categorical_crossentropy, name=name, reduction=reduction, dtype=dtype,
                         from_logits=from_logits, ignore_class=ignore_class, axis=axis)


class CategoricalGeneralizedCrossEntropy(BuiltinLoss):
    """Generalized cross-entropy of integer labels; see ``categorical_generalized_cross_entropy``."""

    def __init__(self, q=0.5, reduction="sum_over_batch_size", name="categorical_generalized_cross_entropy",
                 dtype=None):
        if not 0 < q < 1:
            raise ValueError(f"CategoricalGeneralizedCrossEntropy: q must be in (0, 1), received q={q!r}")
        super().__init__(categorical_generalized_cross_entropy, name=name, reduction=reduction, dtype=dtype, q=q)
