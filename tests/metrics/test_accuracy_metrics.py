"""Accuracy metrics and their function forms against hand-counted matches."""

import numpy as np
import pytest

from frontend import metrics
from tests.metrics.helpers import f32, run, value

PROBS = f32([[0.1, 0.9, 0.8], [0.05, 0.95, 0.0], [0.6, 0.3, 0.1]])
ONE_HOT = f32([[0, 0, 1], [0, 1, 0], [1, 0, 0]])  # argmax hits: no, yes, yes
LABELS = np.array([2, 1, 0])


def test_accuracy_counts_exact_matches_with_weights():
    result = run(metrics.Accuracy(), (f32([[1], [2], [3], [4]]), f32([[0], [2], [3], [4]]), f32([1, 1, 0, 0])))
    assert result == pytest.approx(0.5)


def test_binary_accuracy_thresholds_predictions():
    y_true, y_pred = f32([[1], [1], [0], [0]]), f32([[0.98], [1], [0], [0.6]])
    assert run(metrics.BinaryAccuracy(), (y_true, y_pred, None)) == pytest.approx(0.75)
    assert run(metrics.BinaryAccuracy(threshold=0.7), (y_true, y_pred, None)) == pytest.approx(1.0)
    assert run(metrics.BinaryAccuracy(), (y_true, y_pred, f32([1, 0, 0, 1]))) == pytest.approx(0.5)
    assert value(metrics.binary_accuracy(f32([1, 0]), f32([0.6, 0.4]))).tolist() == [1.0, 1.0]


def test_categorical_and_sparse_accuracy_over_two_batches():
    weights = f32([0.7, 0.3, 1.0])
    expected = (0.3 + 1.0 + 2.0) / (2.0 + 2.0)  # weighted batch (hits 2, 3), then two unweighted hits
    categorical = run(metrics.CategoricalAccuracy(), (ONE_HOT, PROBS, weights), (ONE_HOT[1:], PROBS[1:], None))
    assert categorical == pytest.approx(expected)
    sparse = run(metrics.SparseCategoricalAccuracy(), (LABELS[:, None], PROBS, weights), (LABELS[1:], PROBS[1:], None))
    assert sparse == pytest.approx(expected)


def test_sparse_accuracy_on_sequences_keeps_per_step_values():
    labels = np.array([[0, 1], [1, 1]])
    probs = f32([[[0.9, 0.1], [0.2, 0.8]], [[0.7, 0.3], [0.4, 0.6]]])
    assert value(metrics.sparse_categorical_accuracy(labels, probs)).tolist() == [[1.0, 1.0], [0.0, 1.0]]


def test_top_k_accuracies():
    assert run(metrics.TopKCategoricalAccuracy(k=1), (ONE_HOT, PROBS, None)) == pytest.approx(2 / 3)
    assert run(metrics.TopKCategoricalAccuracy(k=2), (ONE_HOT, PROBS, f32([1, 1, 2]))) == pytest.approx(1.0)
    assert run(metrics.SparseTopKCategoricalAccuracy(k=1), (LABELS, PROBS, f32([3, 1, 0]))) == pytest.approx(0.25)
    assert run(metrics.SparseTopKCategoricalAccuracy(k=2), (LABELS, PROBS, None)) == pytest.approx(1.0)


def test_sparse_top_k_from_sorted_ids():
    metric = metrics.SparseTopKCategoricalAccuracy(k=1, from_sorted_ids=True)
    assert run(metric, (np.array([2, 1]), np.array([[1, 0, 3], [1, 2, 3]]), None)) == pytest.approx(0.5)
    assert metric.get_config()["from_sorted_ids"] is True
    assert "from_sorted_ids" not in metrics.SparseTopKCategoricalAccuracy().get_config()


def test_configs_hold_the_arguments():
    assert metrics.BinaryAccuracy(threshold=0.3).get_config() == {
        "name": "binary_accuracy", "dtype": "float32", "threshold": 0.3
    }
    clone = metrics.TopKCategoricalAccuracy.from_config(metrics.TopKCategoricalAccuracy(k=3, name="t3").get_config())
    assert (clone.k, clone.name) == (3, "t3")
