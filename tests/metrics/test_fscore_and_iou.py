"""F-scores against a NumPy reference; IoU metrics against hand-built confusion matrices."""

import numpy as np
import pytest

from frontend import metrics
from tests.metrics.helpers import f32, run

RNG = np.random.default_rng(7)
Y_TRUE = f32(RNG.integers(0, 2, (6, 3)))
Y_PRED = f32(RNG.random((6, 3)))
WEIGHTS = f32(RNG.random(6) + 0.5)


def fbeta_reference(y_true, predicted, weights, beta, average):
    w = weights[:, None]
    axis = None if average == "micro" else 0
    tp = np.sum(predicted * y_true * w, axis=axis)
    fp = np.sum(predicted * (1 - y_true) * w, axis=axis)
    fn = np.sum((1 - predicted) * y_true * w, axis=axis)
    with np.errstate(invalid="ignore"):  # 0 / 0 counts as 0, as epsilon makes it in the metric
        precision, recall = np.nan_to_num(tp / (tp + fp)), np.nan_to_num(tp / (tp + fn))
        score = np.nan_to_num((1 + beta**2) * precision * recall / (beta**2 * precision + recall))
    if average == "weighted":
        support = np.sum(y_true * w, axis=0)
        return np.sum(score * support / support.sum())
    return score if average is None else np.mean(score)


@pytest.mark.parametrize("average", [None, "micro", "macro", "weighted"])
def test_fbeta_with_a_threshold(average):
    predicted = (Y_PRED > 0.4).astype("float32")
    expected = fbeta_reference(Y_TRUE, predicted, WEIGHTS, 2.0, average)
    metric = metrics.FBetaScore(average=average, beta=2.0, threshold=0.4)
    result = run(metric, (Y_TRUE[:3], Y_PRED[:3], WEIGHTS[:3]), (Y_TRUE[3:], Y_PRED[3:], WEIGHTS[3:]))
    assert result == pytest.approx(expected, rel=1e-4)


def test_f1_without_threshold_takes_each_rows_best_class():
    predicted = (Y_PRED == Y_PRED.max(axis=1, keepdims=True)).astype("float32")
    expected = fbeta_reference(Y_TRUE, predicted, np.ones(6, "float32"), 1.0, "macro")
    assert run(metrics.F1Score(average="macro"), (Y_TRUE, Y_PRED, None)) == pytest.approx(expected, rel=1e-4)
    # an all-zero row predicts nothing rather than every class
    assert run(metrics.F1Score(), (f32([[1, 0]]), f32([[0, 0]]), None)) == pytest.approx([0.0, 0.0])


def test_fbeta_checks_arguments_and_rank():
    with pytest.raises(ValueError, match="Invalid `average` argument value"):
        metrics.FBetaScore(average="median")
    with pytest.raises(ValueError, match="It should be a Python float"):
        metrics.FBetaScore(beta=2)
    with pytest.raises(ValueError, match="It should verify 0 < threshold <= 1"):
        metrics.F1Score(threshold=1.5)
    with pytest.raises(ValueError, match="F1Score expects 2D inputs"):
        metrics.F1Score().update_state(f32([1, 0]), f32([0.5, 0.5]))
    assert "beta" not in metrics.F1Score().get_config()
    assert metrics.FBetaScore(beta=0.5).get_config()["beta"] == 0.5


def test_mean_iou_from_the_confusion_matrix():
    y_true, y_pred = np.array([0, 0, 1, 1]), np.array([0, 1, 0, 1])
    # every cell holds one pair: IoU = 1 / (2 + 2 - 1) for both classes
    assert run(metrics.MeanIoU(num_classes=2), (y_true, y_pred, None)) == pytest.approx(1 / 3, rel=1e-5)
    weights = f32([0.2, 0.3, 0.4, 0.1])
    weighted = metrics.MeanIoU(num_classes=2, dtype="float32")
    expected = (0.2 / (0.6 + 0.5 - 0.2) + 0.1 / (0.4 + 0.5 - 0.1)) / 2
    assert run(weighted, (y_true, y_pred, weights)) == pytest.approx(expected, rel=1e-5)


def test_iou_leaves_out_absent_ignored_and_out_of_range_classes():
    metric = metrics.MeanIoU(num_classes=3, ignore_class=2)
    # class 2 labels and the out-of-range prediction 7 are dropped; class 2 never occurs otherwise
    result = run(metric, (np.array([0, 0, 1, 2, 1]), np.array([0, 1, 1, 0, 7]), None))
    assert result == pytest.approx((1 / 2 + 1 / 2) / 2, rel=1e-5)
    assert metric.total_cm.dtype == "int32"
    target = metrics.IoU(num_classes=3, target_class_ids=[1])
    assert run(target, (np.array([0, 1, 1]), np.array([1, 1, 0]), None)) == pytest.approx(1 / 3, rel=1e-5)
    with pytest.raises(ValueError, match=r"Target class id 3 is out of range, which is \[0, 3\)"):
        metrics.IoU(num_classes=3, target_class_ids=[3])


def test_binary_and_one_hot_iou():
    binary = metrics.BinaryIoU(target_class_ids=[1], threshold=0.3)
    # predictions >= 0.3 are 1: [1, 0, 1, 1] against [1, 0, 0, 1] -> class 1 IoU 2/3
    assert run(binary, (f32([1, 0, 0, 1]), f32([0.9, 0.1, 0.3, 0.5]), None)) == pytest.approx(2 / 3, rel=1e-5)
    one_hot = f32([[1, 0, 0], [0, 1, 0], [0, 1, 0]])
    scores = f32([[0.8, 0.1, 0.1], [0.2, 0.7, 0.1], [0.6, 0.3, 0.1]])
    # argmaxes: true 0, 1, 1; predicted 0, 1, 0 -> class 0 IoU 1/2, class 1 IoU 1/2, class 2 absent
    assert run(metrics.OneHotMeanIoU(num_classes=3), (one_hot, scores, None)) == pytest.approx(0.5, rel=1e-5)
    assert run(metrics.OneHotIoU(3, target_class_ids=[1]), (one_hot, scores, None)) == pytest.approx(0.5, rel=1e-5)


def test_iou_configs_follow_keras():
    assert set(metrics.MeanIoU(3).get_config()) == {
        "name", "dtype", "num_classes", "ignore_class", "sparse_y_true", "sparse_y_pred", "axis"
    }
    assert set(metrics.OneHotIoU(3, [0]).get_config()) == {
        "name", "dtype", "num_classes", "target_class_ids", "ignore_class", "sparse_y_pred", "axis"
    }
    assert metrics.BinaryIoU(name="b").get_config() == {
        "target_class_ids": [0, 1], "threshold": 0.5, "name": "b", "dtype": "int32"
    }
