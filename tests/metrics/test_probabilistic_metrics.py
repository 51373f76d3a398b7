"""Crossentropy, Poisson, KL-divergence and hinge metrics against NumPy formulas."""

import numpy as np
import pytest

from frontend import metrics
from tests.metrics.helpers import f32, run, value

EPS = 1e-7
RNG = np.random.default_rng(5)
PROBS = f32(RNG.random((4, 3)) + 0.05)
PROBS /= PROBS.sum(-1, keepdims=True)
LABELS = np.array([0, 2, 1, 2])
ONE_HOT = f32(np.eye(3)[LABELS])
WEIGHTS = f32([1.0, 0.5, 2.0, 0.0])


def weighted(values, weights=WEIGHTS):
    return np.sum(values * weights) / np.sum(weights)


def test_categorical_and_sparse_crossentropy():
    expected = weighted(-np.log(PROBS[np.arange(4), LABELS]))
    assert run(metrics.CategoricalCrossentropy(), (ONE_HOT, PROBS, WEIGHTS)) == pytest.approx(expected, rel=1e-5)
    sparse = metrics.SparseCategoricalCrossentropy()
    assert run(sparse, (LABELS, PROBS, WEIGHTS)) == pytest.approx(expected, rel=1e-5)


def test_crossentropy_from_logits_and_label_smoothing():
    logits = f32(RNG.normal(size=(4, 3)))
    log_probs = logits - np.log(np.sum(np.exp(logits), -1, keepdims=True))
    smoothed = ONE_HOT * 0.8 + 0.2 / 3
    expected = np.mean(-np.sum(smoothed * log_probs, -1))
    metric = metrics.CategoricalCrossentropy(from_logits=True, label_smoothing=0.2)
    assert run(metric, (ONE_HOT, logits, None)) == pytest.approx(expected, rel=1e-5)


def test_sparse_crossentropy_leaves_out_ignored_labels():
    labels = np.array([0, -1, 1, -1])
    expected = np.mean(-np.log(PROBS[[0, 2], [0, 1]]))
    metric = metrics.SparseCategoricalCrossentropy(ignore_class=-1)
    assert run(metric, (labels, PROBS, None)) == pytest.approx(expected, rel=1e-5)
    assert value(metrics.sparse_categorical_crossentropy(labels, PROBS, ignore_class=-1))[1] == 0.0


def test_binary_crossentropy_averages_the_last_axis():
    y_true, y_pred = f32([[1, 0], [0, 0]]), f32([[0.9, 0.2], [0.3, 0.6]])
    per_sample = -np.mean(y_true * np.log(y_pred) + (1 - y_true) * np.log(1 - y_pred), axis=-1)
    assert run(metrics.BinaryCrossentropy(), (y_true, y_pred, f32([1, 3]))) == pytest.approx(
        weighted(per_sample, f32([1, 3])), rel=1e-5
    )
    smoothed = y_true * 0.9 + 0.05
    logits = np.log(y_pred / (1 - y_pred))
    per_sample = -np.mean(smoothed * np.log(y_pred) + (1 - smoothed) * np.log(1 - y_pred), axis=-1)
    metric = metrics.BinaryCrossentropy(from_logits=True, label_smoothing=0.1)
    assert run(metric, (y_true, f32(logits), None)) == pytest.approx(np.mean(per_sample), rel=1e-4)


def test_poisson_and_kl_divergence():
    counts = f32([[1, 0, 2], [3, 1, 0], [0, 0, 1], [2, 2, 2]])
    rates = PROBS * 3
    poisson = np.mean(rates - counts * np.log(rates + EPS), axis=-1)
    assert run(metrics.Poisson(), (counts, rates, WEIGHTS)) == pytest.approx(weighted(poisson), rel=1e-5)
    target = np.clip(PROBS[::-1], EPS, 1)
    kl = np.sum(target * np.log(target / PROBS), axis=-1)
    assert run(metrics.KLDivergence(), (PROBS[::-1], PROBS, WEIGHTS)) == pytest.approx(weighted(kl), rel=1e-5)


def test_hinge_family_converts_binary_labels():
    y_true, y_pred = f32([[0, 1], [1, 1]]), f32([[-0.5, 0.3], [2.0, -1.0]])
    signed = 2 * y_true - 1
    margins = np.maximum(1 - signed * y_pred, 0)
    assert run(metrics.Hinge(), (y_true, y_pred, None)) == pytest.approx(np.mean(margins))
    assert run(metrics.Hinge(), (signed, y_pred, None)) == pytest.approx(np.mean(margins))
    assert run(metrics.SquaredHinge(), (y_true, y_pred, f32([1, 3]))) == pytest.approx(
        weighted(np.mean(margins**2, -1), f32([1, 3]))
    )
    scores = f32([[0.2, 0.5, 0.1], [1.0, 0.0, 2.0]])
    one_hot = f32([[0, 1, 0], [1, 0, 0]])
    # true-class score minus the best other score: 0.5 - 0.2 -> loss 0.7; 1.0 - 2.0 -> loss 2.0
    assert run(metrics.CategoricalHinge(), (one_hot, scores, None)) == pytest.approx(1.35)


def test_focal_crossentropies_reduce_to_crossentropy_without_focus():
    y_true, y_pred = f32([[1, 0]]), f32([[0.8, 0.4]])
    plain = value(metrics.binary_crossentropy(y_true, y_pred))
    assert value(metrics.binary_focal_crossentropy(y_true, y_pred, gamma=0.0)) == pytest.approx(plain, rel=1e-5)
    probs, labels = f32([[0.7, 0.2, 0.1]]), f32([[1, 0, 0]])
    focal = value(metrics.categorical_focal_crossentropy(labels, probs, alpha=1.0, gamma=0.0))
    assert focal == pytest.approx(value(metrics.categorical_crossentropy(labels, probs)), rel=1e-5)


def test_categorical_crossentropy_rejects_a_bool_axis():
    with pytest.raises(ValueError, match="axis must be an int"):
        metrics.categorical_crossentropy(ONE_HOT, PROBS, axis=True)
