"""Regression metrics against NumPy formulas, over two updates with sample weights."""

import numpy as np
import pytest

from frontend import metrics
from tests.metrics.helpers import f32, run, value

RNG = np.random.default_rng(3)
Y1, P1 = f32(RNG.normal(size=(4, 3))), f32(RNG.normal(size=(4, 3)))
Y2, P2 = f32(RNG.random((2, 3)) + 0.5), f32(RNG.random((2, 3)) + 0.5)
W1 = f32([0.5, 1.0, 0.0, 2.0])
EPS = 1e-7


def weighted_mean(per_sample_1, per_sample_2):
    """The running mean of batch 1 (weights W1) and batch 2 (unweighted)."""
    total = np.sum(per_sample_1 * W1) + np.sum(per_sample_2)
    return total / (np.sum(W1) + len(per_sample_2))


def unit(x):
    return x / np.linalg.norm(x, axis=-1, keepdims=True)


REFERENCES = {
    "MeanSquaredError": lambda y, p: np.mean((y - p) ** 2, axis=-1),
    "MeanAbsoluteError": lambda y, p: np.mean(np.abs(y - p), axis=-1),
    "MeanAbsolutePercentageError": lambda y, p: 100 * np.mean(np.abs((y - p) / np.maximum(np.abs(y), EPS)), axis=-1),
    "MeanSquaredLogarithmicError": lambda y, p: np.mean(
        (np.log1p(np.maximum(p, EPS)) - np.log1p(np.maximum(y, EPS))) ** 2, axis=-1
    ),
    "LogCoshError": lambda y, p: np.mean(np.log(np.cosh(p - y)), axis=-1),
    "CosineSimilarity": lambda y, p: np.sum(unit(y) * unit(p), axis=-1),
    "PearsonCorrelation": lambda y, p: np.array([np.corrcoef(a, b)[0, 1] for a, b in zip(y, p)]),
}


@pytest.mark.parametrize("name", sorted(REFERENCES))
def test_mean_of_per_sample_values(name):
    reference = REFERENCES[name]
    result = run(getattr(metrics, name)(), (Y1, P1, W1), (Y2, P2, None))
    assert result == pytest.approx(weighted_mean(reference(Y1, P1), reference(Y2, P2)), rel=1e-4, abs=1e-5)


def test_root_mean_squared_error_counts_every_element():
    squared = np.sum((Y1 - P1) ** 2 * W1[:, None]) / 3 + np.sum((Y2 - P2) ** 2) / 3
    expected = np.sqrt(squared / (np.sum(W1) + 2))
    assert run(metrics.RootMeanSquaredError(), (Y1, P1, W1), (Y2, P2, None)) == pytest.approx(expected, rel=1e-5)


def test_concordance_correlation_is_one_for_identical_and_lower_for_shifted():
    x = f32([[1, 2, 3, 4]])
    assert value(metrics.concordance_correlation(x, x))[0] == pytest.approx(1.0, rel=1e-5)
    # shifted by 1: var 1.25 each, 2 cov / (1.25 + 1.25 + 1) = 2.5 / 3.5
    assert value(metrics.concordance_correlation(x, x + 1))[0] == pytest.approx(2.5 / 3.5, rel=1e-5)
    assert run(metrics.ConcordanceCorrelation(), (x, x, None)) == pytest.approx(1.0, rel=1e-5)


def test_huber_is_quadratic_inside_delta_and_linear_outside():
    errors = value(metrics.huber(f32([[0.0, 0.0]]), f32([[0.5, 3.0]]), delta=1.0))
    assert errors[0] == pytest.approx((0.125 + (3.0 - 0.5)) / 2)


def r2_columns(y, p, w):
    mean = np.sum(w * y, axis=0) / np.sum(w, axis=0)
    residual = np.sum(w * (y - p) ** 2, axis=0)
    total = np.sum(w * (y - mean) ** 2, axis=0)
    return 1 - residual / total, total


def test_r2_score_aggregations_and_adjustment():
    y, p = np.concatenate([Y1, Y2]), np.concatenate([P1, P2])
    w = np.concatenate([W1, np.ones(2)])[:, None] * np.ones((1, 3))
    scores, totals = r2_columns(y, p, w)
    batches = ((Y1, P1, W1), (Y2, P2, None))
    assert run(metrics.R2Score(class_aggregation=None), *batches) == pytest.approx(scores, rel=1e-4)
    assert run(metrics.R2Score(), *batches) == pytest.approx(np.mean(scores), rel=1e-4)
    weighted = run(metrics.R2Score(class_aggregation="variance_weighted_average"), *batches)
    assert weighted == pytest.approx(np.sum(scores * totals) / np.sum(totals), rel=1e-4)
    n = y.size  # Keras counts every element as a sample
    adjusted = 1 - (1 - np.mean(scores)) * (n - 1) / (n - 2 - 1)
    assert run(metrics.R2Score(num_regressors=2), *batches) == pytest.approx(adjusted, rel=1e-4)
    # too few samples for the adjustment: the plain score
    assert run(metrics.R2Score(num_regressors=50), *batches) == pytest.approx(np.mean(scores), rel=1e-4)


def test_r2_score_checks_arguments_and_rank():
    with pytest.raises(ValueError, match="class_aggregation must be one of"):
        metrics.R2Score(class_aggregation="median")
    with pytest.raises(ValueError, match="num_regressors must be >= 0"):
        metrics.R2Score(num_regressors=-1)
    with pytest.raises(ValueError, match=r"R2Score expects 2-D inputs"):
        metrics.R2Score().update_state(f32([[[1.0]]]), f32([[[1.0]]]))


def test_lazily_built_variables_follow_keras_order():
    metric = metrics.R2Score()
    metric.update_state(Y1, P1)
    assert [v.name for v in metric.variables] == ["num_samples", "squared_sum", "sum", "residual", "count"]
