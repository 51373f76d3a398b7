"""AUC, and the rate-at-rate metrics, against curves worked out by hand."""

import math

import numpy as np
import pytest

from frontend import metrics
from tests.metrics.helpers import f32, run

# positives: 0.7 (w 2), 0.4 (w 1), 0.9 (w 0.5); negatives: 0.1 (w 1), 0.6 (w 1)
Y_TRUE = f32([0, 1, 1, 0, 1])
Y_PRED = f32([0.1, 0.7, 0.4, 0.6, 0.9])
WEIGHTS = f32([1, 2, 1, 1, 0.5])
BATCH = (Y_TRUE, Y_PRED, WEIGHTS)
# Curve points at thresholds (-eps, 0.5, 1 + eps):
#   TP 3.5, 2.5, 0 | FP 2, 1, 0 | FN 0, 1, 3.5 | TN 0, 1, 2


def weighted_rank_auc(y_true, y_pred, weights):
    """P(score of a positive > score of a negative), pairs weighted by their sample weights."""
    pos, neg = y_true == 1, y_true == 0
    wins = (y_pred[pos][:, None] > y_pred[neg][None, :]) * weights[pos][:, None] * weights[neg][None, :]
    return wins.sum() / (weights[pos].sum() * weights[neg].sum())


def test_roc_auc_with_fine_thresholds_is_the_rank_statistic():
    assert run(metrics.AUC(), BATCH) == pytest.approx(6 / 7, rel=1e-5)
    rng = np.random.default_rng(1)
    y_true, weights = rng.integers(0, 2, 40), f32(rng.random(40))
    y_pred = f32((rng.permutation(40) + 0.5) / 40)  # distinct scores, each between two thresholds
    metric = metrics.AUC()
    result = run(metric, (y_true[:20], y_pred[:20], weights[:20]), (y_true[20:], y_pred[20:], weights[20:]))
    assert result == pytest.approx(weighted_rank_auc(y_true, y_pred, weights), rel=1e-4)


def test_roc_auc_with_three_thresholds_is_a_trapezoid_sum():
    # fpr 1, 1/2, 0 and recall 1, 5/7, 0: (1/2)(1 + 5/7)/2 + (1/2)(5/7)/2 = 17/28
    assert run(metrics.AUC(num_thresholds=3), BATCH) == pytest.approx(17 / 28, rel=1e-5)
    assert run(metrics.AUC(thresholds=[0.5]), BATCH) == pytest.approx(17 / 28, rel=1e-5)
    # minoring / majoring take the lower / higher recall of each step
    assert run(metrics.AUC(num_thresholds=3, summation_method="minoring"), BATCH) == pytest.approx(5 / 14, rel=1e-5)
    assert run(metrics.AUC(num_thresholds=3, summation_method="majoring"), BATCH) == pytest.approx(6 / 7, rel=1e-5)


def test_pr_auc_with_three_thresholds():
    # recall 1, 5/7, 0; precision 7/11, 5/7, 0; majoring: (2/7)(5/7) + (5/7)(5/7) = 5/7
    assert run(metrics.AUC(num_thresholds=3, curve="PR", summation_method="majoring"), BATCH) == pytest.approx(5 / 7)
    # interpolation: precision follows TP = slope * P + intercept between thresholds
    # step 1: slope 1/2, intercept 3/4, P from 5.5 to 3.5; step 2: slope 5/7, intercept 0
    expected = 0.5 * (1 + 0.75 * math.log(5.5 / 3.5)) / 3.5 + 25 / 49
    assert run(metrics.AUC(num_thresholds=3, curve="PR"), BATCH) == pytest.approx(expected, rel=1e-5)


def test_multi_label_auc_averages_the_columns():
    y_true = np.stack([Y_TRUE, 1 - Y_TRUE], axis=1)
    y_pred = np.stack([Y_PRED, Y_PRED], axis=1)  # the second column ranks every pair wrongly: AUC 1/7
    per_column = [6 / 7, weighted_rank_auc(1 - Y_TRUE, Y_PRED, WEIGHTS)]
    assert run(metrics.AUC(multi_label=True), (y_true, y_pred, WEIGHTS)) == pytest.approx(np.mean(per_column))
    weighted = metrics.AUC(multi_label=True, num_labels=2, label_weights=[3.0, 1.0])
    assert run(weighted, (y_true, y_pred, WEIGHTS)) == pytest.approx((3 * per_column[0] + per_column[1]) / 4)
    assert [v.shape for v in weighted.variables] == [(200, 2)] * 4


def test_from_logits_applies_a_sigmoid():
    logits = f32(np.log(Y_PRED / (1 - Y_PRED)))
    assert run(metrics.AUC(from_logits=True), (Y_TRUE, logits, WEIGHTS)) == pytest.approx(6 / 7, rel=1e-5)


def test_auc_arguments_are_checked_and_configs_round_trip():
    with pytest.raises(ValueError, match='Invalid AUC curve value: "XY"'):
        metrics.AUC(curve="XY")
    with pytest.raises(ValueError, match="Invalid AUC summation method"):
        metrics.AUC(summation_method="simpson")
    with pytest.raises(ValueError, match="num_thresholds` must be an integer > 1"):
        metrics.AUC(num_thresholds=1)
    with pytest.raises(ValueError, match="`num_labels` is needed only when `multi_label` is True"):
        metrics.AUC(num_labels=3)
    with pytest.raises(ValueError, match="`y_pred` must have rank 2 when `multi_label=True`"):
        metrics.AUC(multi_label=True).update_state(Y_TRUE, Y_PRED)
    auc = metrics.AUC(curve="pr", thresholds=[0.7, 0.2], name="pr_auc", label_weights=[1, 2])
    config = auc.get_config()
    assert config["curve"] == "PR" and config["thresholds"] == [0.2, 0.7] and config["label_weights"] == [1.0, 2.0]
    clone = metrics.AUC.from_config(config)
    assert clone.thresholds == auc.thresholds and clone.num_thresholds == 4


@pytest.mark.parametrize("name, value, expected", [
    ("SensitivityAtSpecificity", 0.5, 5 / 7),  # specificity 0, 1/2, 1 -> best recall where >= 0.5
    ("SpecificityAtSensitivity", 0.7, 0.5),  # recall 1, 5/7, 0 -> best specificity where >= 0.7
    ("PrecisionAtRecall", 0.8, 7 / 11),  # only threshold 0 reaches recall 0.8
    ("RecallAtPrecision", 0.7, 5 / 7),  # precision 7/11, 5/7, 0 -> threshold 0.5
    ("RecallAtPrecision", 1.0, 0.0),  # no threshold reaches precision 1
])
def test_rate_at_rate_metrics(name, value, expected):
    metric = getattr(metrics, name)(value, num_thresholds=3)
    assert run(metric, BATCH) == pytest.approx(expected, rel=1e-5)
    assert metric.get_config()[metric.argument] == value


def test_rate_at_rate_checks_its_arguments():
    with pytest.raises(ValueError, match=r"`recall` must be in the range \[0, 1\]"):
        metrics.PrecisionAtRecall(1.5)
    with pytest.raises(ValueError, match="`num_thresholds` must be an integer > 0"):
        metrics.SensitivityAtSpecificity(0.5, num_thresholds=0)
    single = metrics.SpecificityAtSensitivity(0.5, num_thresholds=1)
    assert single.thresholds == [0.5]
    # at 0.5 recall is 5/7 >= 0.5, so the specificity there (1/2) is the answer
    assert run(single, BATCH) == pytest.approx(0.5)
