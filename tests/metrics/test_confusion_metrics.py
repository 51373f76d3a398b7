"""TP/FP/TN/FN, Precision and Recall against hand counts, on both counting routes."""

import numpy as np
import pytest

from frontend import metrics
from tests.metrics.helpers import f32, run

# positives: #1 (0.7, w 2), #2 (0.4, w 1), #4 (0.9, w 0.5); negatives: #0 (0.1, w 1), #3 (0.6, w 1)
Y_TRUE = f32([0, 1, 1, 0, 1])
Y_PRED = f32([0.1, 0.7, 0.4, 0.6, 0.9])
WEIGHTS = f32([1, 2, 1, 1, 0.5])


@pytest.mark.parametrize("name, expected", [
    ("TruePositives", 2.5), ("FalsePositives", 1.0), ("TrueNegatives", 1.0), ("FalseNegatives", 1.0),
])
def test_counts_at_the_default_threshold(name, expected):
    assert run(getattr(metrics, name)(), (Y_TRUE, Y_PRED, WEIGHTS)) == pytest.approx(expected)


def test_counts_at_evenly_spaced_thresholds_use_buckets():
    # thresholds 0, 0.5, 1: all, three, none of the predictions are above
    assert run(metrics.TruePositives([0.0, 0.5, 1.0]), (Y_TRUE, Y_PRED, WEIGHTS)).tolist() == [3.5, 2.5, 0.0]
    assert run(metrics.FalseNegatives([0.0, 0.5, 1.0]), (Y_TRUE, Y_PRED, WEIGHTS)).tolist() == [0.0, 1.0, 3.5]
    assert run(metrics.TrueNegatives([0.0, 0.5, 1.0]), (Y_TRUE, Y_PRED, None)).tolist() == [0.0, 1.0, 2.0]


def test_a_prediction_equal_to_a_threshold_is_negative_on_both_routes():
    y_true, y_pred = f32([1, 1, 0]), f32([0.0, 0.5, 1.0])
    evenly = run(metrics.TruePositives([0.0, 0.5, 1.0]), (y_true, y_pred, None))
    compared = run(metrics.TruePositives([0.0, 0.5, 0.999]), (y_true, y_pred, None))
    assert evenly.tolist() == compared.tolist() == [1.0, 0.0, 0.0]


def test_bucket_and_comparison_routes_agree_on_random_data():
    rng = np.random.default_rng(0)
    y_true, y_pred, weights = rng.integers(0, 2, 50), f32(rng.random(50)), f32(rng.random(50))
    thresholds = [i / 10 for i in range(11)]
    shifted = [t + 1e-4 if 0 < t < 1 else t for t in thresholds]  # not evenly spaced: compared one by one
    for name in ("TruePositives", "FalsePositives", "TrueNegatives", "FalseNegatives"):
        evenly = run(getattr(metrics, name)(thresholds), (y_true, y_pred, weights))
        compared = run(getattr(metrics, name)(shifted), (y_true, y_pred, weights))
        kept = [i for i, t in enumerate(thresholds) if not np.any(np.abs(y_pred - t) < 2e-4)]
        assert evenly[kept] == pytest.approx(compared[kept], rel=1e-5, abs=1e-5)


def test_precision_and_recall_accumulate_over_updates():
    precision, recall = metrics.Precision(), metrics.Recall()
    for metric in (precision, recall):
        metric.update_state(Y_TRUE, Y_PRED, sample_weight=WEIGHTS)
        metric.update_state(f32([1, 0]), f32([0.8, 0.2]))  # one more true positive
    assert float(precision.result()) == pytest.approx(3.5 / 4.5)
    assert float(recall.result()) == pytest.approx(3.5 / 4.5)
    precision.reset_state()
    assert float(precision.result()) == 0.0


def test_precision_recall_at_several_thresholds():
    assert run(metrics.Precision([0.3, 0.65]), (Y_TRUE, Y_PRED, WEIGHTS)) == pytest.approx([3.5 / 4.5, 1.0])
    assert run(metrics.Recall([0.3, 0.65]), (Y_TRUE, Y_PRED, WEIGHTS)) == pytest.approx([1.0, 2.5 / 3.5])


ONE_HOT = f32([[0, 0, 1], [0, 1, 0], [1, 0, 0], [0, 1, 0]])
SCORES = f32([[0.2, 0.5, 0.3], [0.1, 0.6, 0.3], [0.3, 0.2, 0.5], [0.6, 0.3, 0.1]])


def test_top_k_counts_only_the_k_best_classes_as_predicted():
    # top-1 predictions: 1, 1, 2, 0 -> right once (row 1) of 4 predictions and 4 labels
    assert run(metrics.Precision(top_k=1), (ONE_HOT, SCORES, None)) == pytest.approx(0.25)
    # top-2 predictions: rows hit their label in rows 0, 1, 2, 3 -> 4 right of 8 predicted
    assert run(metrics.Precision(top_k=2), (ONE_HOT, SCORES, None)) == pytest.approx(0.5)
    assert run(metrics.Recall(top_k=2), (ONE_HOT, SCORES, None)) == pytest.approx(1.0)


def test_class_id_looks_at_one_column():
    # column 1: labels 0, 1, 0, 1; predictions > 0.5 only in row 1
    assert run(metrics.Precision(class_id=1), (ONE_HOT, SCORES, None)) == pytest.approx(1.0)
    assert run(metrics.Recall(class_id=1), (ONE_HOT, SCORES, f32([1, 3, 1, 1]))) == pytest.approx(0.75)
    with pytest.raises(ValueError, match="class_id is provided, y_pred must be a 2D array"):
        metrics.Precision(class_id=0).update_state(Y_TRUE, Y_PRED)


def test_thresholds_are_validated_and_kept_in_the_config():
    with pytest.raises(ValueError, match=r"Threshold values must be in \[0, 1\]. Received: \[1.5\]"):
        metrics.Precision(thresholds=[0.5, 1.5])
    config = metrics.Recall(thresholds=[0.2, 0.4], class_id=2, name="r").get_config()
    assert config == {"name": "r", "dtype": "float32", "thresholds": [0.2, 0.4], "top_k": None, "class_id": 2}
    assert metrics.TruePositives(0.3).get_config()["thresholds"] == 0.3
