"""Hinge, segmentation-overlap and Circle losses against hand computations and NumPy."""

import numpy as np
import pytest

from frontend import losses

from . import reference as ref
from .reference import BINARY, LOGITS, ONE_HOT, REG_PRED, SIGMOIDS, WEIGHTS, numpy

F = lambda x: x.astype("float64")  # noqa: E731
SIGNED = 2 * BINARY - 1


@pytest.mark.parametrize("labels", [BINARY, SIGNED], ids=["zero_one", "signed"])
def test_hinge_and_squared_hinge(labels):
    # 0/1 labels are read as -1/+1, so both label styles give the same numbers
    expected = ref.hinge(F(SIGNED), F(REG_PRED))
    np.testing.assert_allclose(numpy(losses.hinge(labels, REG_PRED)), expected, rtol=1e-6)
    np.testing.assert_allclose(numpy(losses.Hinge()(labels, REG_PRED)), expected.mean(), rtol=1e-6)
    squared = ref.hinge(F(SIGNED), F(REG_PRED), squared=True)
    np.testing.assert_allclose(numpy(losses.squared_hinge(labels, REG_PRED)), squared, rtol=1e-6)
    np.testing.assert_allclose(numpy(losses.SquaredHinge(reduction="sum")(labels, REG_PRED)), squared.sum(), rtol=1e-6)


def test_hinge_by_hand():
    # margins max(1 - y p, 0): y=+1, p=0.3 -> 0.7; y=-1, p=0.5 -> 1.5; y=+1, p=2 -> 0
    np.testing.assert_allclose(numpy(losses.hinge(np.array([[1.0, 0.0, 1.0]]), np.array([[0.3, 0.5, 2.0]]))), [2.2 / 3], rtol=1e-6)


def test_categorical_hinge():
    expected = ref.categorical_hinge(F(ONE_HOT), F(LOGITS))
    np.testing.assert_allclose(numpy(losses.categorical_hinge(ONE_HOT, LOGITS)), expected, rtol=1e-6)
    np.testing.assert_allclose(numpy(losses.CategoricalHinge()(ONE_HOT, LOGITS, sample_weight=WEIGHTS)),
                               (expected * WEIGHTS).mean(), rtol=1e-6)
    # true score 2, best other 0.5: max(0, 0.5 - 2 + 1) = 0; true 0.2, best other 1: 1.8
    np.testing.assert_allclose(numpy(losses.categorical_hinge([[0, 1, 0], [1, 0, 0]], [[0.5, 2.0, 0.1], [0.2, 1.0, 0.0]])),
                               [0.0, 1.8], rtol=1e-6)


SEG_TRUE = (np.arange(32).reshape(2, 4, 4, 1) % 3 == 0).astype("float32")
SEG_PRED = (np.sin(np.arange(32)).reshape(2, 4, 4, 1) * 0.5 + 0.5).astype("float32")


@pytest.mark.parametrize("axis", [None, (1, 2, 3)])
def test_dice(axis):
    expected = ref.dice(F(SEG_TRUE), F(SEG_PRED), axis)
    np.testing.assert_allclose(numpy(losses.dice(SEG_TRUE, SEG_PRED, axis=axis)), expected, rtol=1e-6)
    np.testing.assert_allclose(numpy(losses.Dice(axis=axis)(SEG_TRUE, SEG_PRED)), np.mean(expected), rtol=1e-6)


def test_dice_by_hand():
    # intersection 1, sums 2 and 1: 1 - 2/3
    np.testing.assert_allclose(numpy(losses.dice([1.0, 1.0, 0.0], [1.0, 0.0, 0.0])), 1 / 3, rtol=1e-6)


@pytest.mark.parametrize("axis", [None, (1, 2)])
def test_tversky(axis):
    expected = ref.tversky(F(SEG_TRUE), F(SEG_PRED), 0.3, 0.7, axis)
    np.testing.assert_allclose(numpy(losses.tversky(SEG_TRUE, SEG_PRED, alpha=0.3, beta=0.7, axis=axis)), expected, rtol=1e-6)
    loss = losses.Tversky(alpha=0.3, beta=0.7, axis=axis, reduction="sum")
    np.testing.assert_allclose(numpy(loss(SEG_TRUE, SEG_PRED)), np.sum(expected), rtol=1e-6)


def test_tversky_with_equal_weights_is_dice():
    np.testing.assert_allclose(numpy(losses.tversky(SEG_TRUE, SEG_PRED)), numpy(losses.dice(SEG_TRUE, SEG_PRED)), rtol=1e-6)


def circle_reference(labels, embeddings, gamma, margin):
    distances = np.maximum(1 - embeddings @ embeddings.T, 0)
    same = labels[:, None] == labels[None, :]
    positive, negative = same & ~np.eye(len(labels), dtype=bool), ~same
    pos_logits = -gamma * np.maximum((margin + distances) * positive, 0) * (margin - distances)
    neg_logits = gamma * np.maximum((1 + margin - distances) * negative, 0) * (1 - margin - distances)
    lse = lambda x, m: np.log(np.where(m, np.exp(x), 0).sum(1))  # noqa: E731
    return np.logaddexp(0, lse(pos_logits, positive) + lse(neg_logits, negative))


def test_circle():
    embeddings = np.array([[1, 0, 0], [0.8, 0.6, 0], [0, 1, 0], [0, 0.6, 0.8], [0.6, 0, 0.8], [0, 0, 1]], "float32")
    labels = np.array([0, 0, 1, 1, 2, 2])
    expected = circle_reference(labels, F(embeddings), 10.0, 0.4)
    np.testing.assert_allclose(numpy(losses.circle(labels, embeddings, gamma=10.0)), expected, rtol=1e-5)
    np.testing.assert_allclose(numpy(losses.Circle(gamma=10.0)(labels, embeddings)), expected.mean(), rtol=1e-5)


def test_circle_rows_without_positives_are_masked_out():
    embeddings = np.array([[1, 0, 0], [0.8, 0.6, 0], [0, 0, 1]], "float32")
    labels = np.array([0, 0, 5])  # the last row has no positive pair: loss 0, left out of the mean
    values = numpy(losses.circle(labels, embeddings, gamma=10.0))
    assert values[2] == 0.0
    np.testing.assert_allclose(numpy(losses.Circle(gamma=10.0)(labels, embeddings)), values[:2].mean(), rtol=1e-5)


@pytest.mark.parametrize("name", ["hinge", "squared_hinge", "categorical_hinge", "dice", "tversky"])
def test_mismatched_shapes_name_the_loss(name):
    with pytest.raises(ValueError, match=rf"{name}: y_true and y_pred must have broadcastable shapes, received "
                                         r"y_true.shape=\(4, 3\) and y_pred.shape=\(4, 2\)"):
        getattr(losses, name)(BINARY, SIGMOIDS[:, :2])
