"""Cross-entropy losses against NumPy: logits, label smoothing, axis, ignore_class, errors."""

import warnings

import numpy as np
import pytest

from frontend import losses, ops

from . import reference as ref
from .reference import BINARY, LABELS, LOGITS, ONE_HOT, PROBS, SIGMOIDS, WEIGHTS, numpy

F = lambda x: x.astype("float64")  # noqa: E731


def check(result, expected, rtol=1e-5):
    np.testing.assert_allclose(numpy(result), expected, rtol=rtol, atol=1e-6)


@pytest.mark.parametrize("kwargs", [{}, {"from_logits": True}, {"label_smoothing": 0.2}, {"from_logits": True, "label_smoothing": 0.1}])
def test_binary_crossentropy(kwargs):
    y_pred = LOGITS if kwargs.get("from_logits") else SIGMOIDS
    expected = ref.bce(F(BINARY), F(y_pred), **kwargs)
    check(losses.binary_crossentropy(BINARY, y_pred, **kwargs), expected)
    check(losses.BinaryCrossentropy(**kwargs)(BINARY, y_pred), expected.mean())


def test_binary_crossentropy_axis_and_rank_one_labels():
    check(losses.binary_crossentropy(BINARY, SIGMOIDS, axis=0), ref.bce(F(BINARY), F(SIGMOIDS), axis=0))
    # (batch,) labels against (batch, 1) probabilities: the class expands the labels
    expected = ref.bce_elements(F(BINARY[:, 0]), F(SIGMOIDS[:, 0]))
    check(losses.BinaryCrossentropy(reduction="none")(BINARY[:, 0], SIGMOIDS[:, :1]), expected)


def test_binary_crossentropy_extreme_logits_stay_finite():
    result = numpy(losses.binary_crossentropy(np.array([[1.0, 0.0]]), np.array([[-200.0, 200.0]]), from_logits=True))
    np.testing.assert_allclose(result, [200.0], rtol=1e-6)


@pytest.mark.parametrize(
    "kwargs",
    [{}, {"gamma": 1.5}, {"apply_class_balancing": True, "alpha": 0.3}, {"from_logits": True, "label_smoothing": 0.1}],
)
def test_binary_focal_crossentropy(kwargs):
    y_pred = LOGITS if kwargs.get("from_logits") else SIGMOIDS
    expected = ref.binary_focal(
        F(BINARY), F(y_pred), gamma=kwargs.get("gamma", 2.0), alpha=kwargs.get("alpha", 0.25),
        balance=kwargs.get("apply_class_balancing", False), from_logits=kwargs.get("from_logits", False),
        label_smoothing=kwargs.get("label_smoothing", 0.0),
    )
    check(losses.binary_focal_crossentropy(BINARY, y_pred, **kwargs), expected)
    check(losses.BinaryFocalCrossentropy(**kwargs)(BINARY, y_pred), expected.mean())


@pytest.mark.parametrize("kwargs", [{}, {"from_logits": True}, {"label_smoothing": 0.3}, {"from_logits": True, "axis": 0}])
def test_categorical_crossentropy(kwargs):
    y_pred = LOGITS if kwargs.get("from_logits") else PROBS
    expected = ref.cce(F(ONE_HOT), F(y_pred), **kwargs)
    check(losses.categorical_crossentropy(ONE_HOT, y_pred, **kwargs), expected)
    check(losses.CategoricalCrossentropy(**kwargs)(ONE_HOT, y_pred), expected.mean())


def test_label_smoothing_uses_the_class_axis():
    # with axis=0 the 4 rows are the classes: smoothing spreads over 4, not over the 3 columns
    expected = ref.cce(F(ONE_HOT), F(LOGITS), from_logits=True, label_smoothing=0.2, axis=0)
    check(losses.categorical_crossentropy(ONE_HOT, LOGITS, from_logits=True, label_smoothing=0.2, axis=0), expected)


def test_unnormalised_probabilities_are_rescaled():
    check(losses.categorical_crossentropy(ONE_HOT, 3.0 * PROBS), ref.cce(F(ONE_HOT), F(PROBS)))


@pytest.mark.parametrize("kwargs", [{}, {"alpha": 0.5, "gamma": 1.0}, {"from_logits": True, "label_smoothing": 0.1}])
def test_categorical_focal_crossentropy(kwargs):
    y_pred = LOGITS if kwargs.get("from_logits") else PROBS
    expected = ref.categorical_focal(F(ONE_HOT), F(y_pred), **kwargs)
    check(losses.categorical_focal_crossentropy(ONE_HOT, y_pred, **kwargs), expected)
    check(losses.CategoricalFocalCrossentropy(**kwargs)(ONE_HOT, y_pred), expected.mean())


@pytest.mark.parametrize("labels", [LABELS, LABELS[:, None], LABELS.astype("float32")], ids=["vector", "column", "float"])
@pytest.mark.parametrize("from_logits", [False, True])
def test_sparse_categorical_crossentropy(labels, from_logits):
    y_pred = LOGITS if from_logits else PROBS
    expected = ref.sparse_cce(LABELS, F(y_pred), from_logits)
    check(losses.sparse_categorical_crossentropy(labels, y_pred, from_logits=from_logits), expected)
    check(losses.SparseCategoricalCrossentropy(from_logits=from_logits)(labels, y_pred, sample_weight=WEIGHTS),
          (expected * WEIGHTS).mean())


def test_sparse_categorical_crossentropy_ignore_class_masks_and_averages_kept():
    labels = np.array([0, -1, 1, -1])
    kept = labels != -1
    per_sample = ref.sparse_cce(np.where(kept, labels, 0), F(LOGITS), True)
    values = losses.sparse_categorical_crossentropy(labels, LOGITS, from_logits=True, ignore_class=-1)
    check(values, np.where(kept, per_sample, 0.0))
    loss = losses.SparseCategoricalCrossentropy(from_logits=True, ignore_class=-1)
    check(loss(labels, LOGITS), per_sample[kept].mean())
    check(losses.SparseCategoricalCrossentropy(from_logits=True, ignore_class=-1, reduction="sum")(labels, LOGITS),
          per_sample[kept].sum())


def test_sparse_categorical_crossentropy_class_axis():
    logits = np.moveaxis(np.stack([LOGITS, LOGITS[::-1]], 1), -1, 1)  # (4, 3 classes, 2 steps)
    labels = np.stack([LABELS, LABELS[::-1]], 1)  # (4, 2)
    expected = ref.sparse_cce(labels, np.moveaxis(F(logits), 1, -1), True)
    check(losses.sparse_categorical_crossentropy(labels, logits, from_logits=True, axis=1), expected)
    check(losses.SparseCategoricalCrossentropy(from_logits=True, axis=1)(labels, logits), expected.mean())


def test_categorical_generalized_cross_entropy():
    q = 0.7
    p = PROBS.astype("float64")[np.arange(4), LABELS]
    check(losses.categorical_generalized_cross_entropy(LABELS, PROBS, q), (1 - p**q) / q)
    check(losses.CategoricalGeneralizedCrossEntropy(q=q)(LABELS[:, None], PROBS), ((1 - p**q) / q).mean())
    with pytest.raises(ValueError, match=r"q must be in \(0, 1\), received q=1.5"):
        losses.CategoricalGeneralizedCrossEntropy(q=1.5)


@pytest.mark.parametrize("name", ["binary_crossentropy", "binary_focal_crossentropy", "categorical_crossentropy",
                                  "categorical_focal_crossentropy"])
def test_shape_mismatch_names_the_loss_and_shapes(name):
    with pytest.raises(ValueError, match=rf"{name}: y_true and y_pred must have the same shape, "
                                         r"received y_true.shape=\(4, 3\) and y_pred.shape=\(4, 2\)"):
        getattr(losses, name)(ONE_HOT, PROBS[:, :2])


def test_sparse_shape_mismatch_explains_the_expected_label_shape():
    with pytest.raises(ValueError, match=r"sparse_categorical_crossentropy: y_true must hold one class index per y_pred "
                                         r"row, with shape \(4,\) .*received y_true.shape=\(3,\)"):
        losses.SparseCategoricalCrossentropy()(LABELS[:3], PROBS)


def test_axis_must_be_an_int():
    with pytest.raises(ValueError, match="categorical_crossentropy: axis must be an int, received axis=True"):
        losses.categorical_crossentropy(ONE_HOT, PROBS, axis=True)


def test_single_class_predictions_warn():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        losses.categorical_crossentropy(np.ones((2, 1)), np.ones((2, 1)))
    assert any("single class" in str(w.message) for w in caught)


def test_integer_predictions_become_float():
    result = losses.categorical_crossentropy(ONE_HOT.astype("int32"), np.ones((4, 3), "int32"))
    assert ops.dtype(result) == "float32"
    check(result, np.full(4, np.log(3.0)))
