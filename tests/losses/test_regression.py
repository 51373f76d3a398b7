"""Regression, distribution and count losses against NumPy, function and class forms."""

import numpy as np
import pytest

from frontend import losses

from . import reference as ref
from .reference import POS_PRED, POS_TRUE, PROBS, REG_PRED, REG_TRUE, numpy

F64 = {k: v.astype("float64") for k, v in dict(rt=REG_TRUE, rp=REG_PRED, pt=POS_TRUE, pp=POS_PRED, pr=PROBS).items()}

CASES = [
    ("mean_squared_error", losses.MeanSquaredError, {}, "rt", "rp", ref.mse),
    ("mean_absolute_error", losses.MeanAbsoluteError, {}, "rt", "rp", ref.mae),
    ("mean_absolute_percentage_error", losses.MeanAbsolutePercentageError, {}, "rt", "rp", ref.mape),
    ("mean_squared_logarithmic_error", losses.MeanSquaredLogarithmicError, {}, "pt", "pp", ref.msle),
    ("huber", losses.Huber, {"delta": 0.6}, "rt", "rp", lambda t, p: ref.huber(t, p, 0.6)),
    ("log_cosh", losses.LogCosh, {}, "rt", "rp", ref.log_cosh),
    ("cosine_similarity", losses.CosineSimilarity, {}, "rt", "rp", ref.cosine),
    ("cosine_similarity", losses.CosineSimilarity, {"axis": 0}, "rt", "rp", lambda t, p: ref.cosine(t, p, 0)),
    ("kl_divergence", losses.KLDivergence, {}, "pr", "pr_reversed", ref.kld),
    ("poisson", losses.Poisson, {}, "pt", "pp", ref.poisson),
]


def _inputs(true_key, pred_key):
    if pred_key == "pr_reversed":
        return PROBS, PROBS[::-1].copy(), F64["pr"], F64["pr"][::-1]
    return {"rt": REG_TRUE, "pt": POS_TRUE}[true_key], {"rp": REG_PRED, "pp": POS_PRED}[pred_key], F64[true_key], F64[pred_key]


@pytest.mark.parametrize("name, cls, kwargs, true_key, pred_key, reference", CASES, ids=lambda c: c if isinstance(c, str) else "")
def test_function_and_class_match_numpy(name, cls, kwargs, true_key, pred_key, reference):
    y_true, y_pred, t64, p64 = _inputs(true_key, pred_key)
    expected = reference(t64, p64)
    np.testing.assert_allclose(numpy(getattr(losses, name)(y_true, y_pred, **kwargs)), expected, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(numpy(cls(**kwargs)(y_true, y_pred)), expected.mean(), rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(numpy(cls(reduction="sum", **kwargs)(y_true, y_pred, sample_weight=ref.WEIGHTS[: len(expected)])),
                               (expected * ref.WEIGHTS[: len(expected)]).sum(), rtol=1e-5, atol=1e-6)


def test_huber_default_delta_and_both_branches():
    y_true, y_pred = np.zeros((1, 4), "float32"), np.array([[0.5, -0.9, 1.5, -3.0]], "float32")
    # 0.125, 0.405 quadratic; 1.0, 2.5 linear (|e| - 0.5)
    np.testing.assert_allclose(numpy(losses.huber(y_true, y_pred)), [(0.125 + 0.405 + 1.0 + 2.5) / 4], rtol=1e-6)


def test_log_cosh_stays_finite_for_large_errors():
    assert np.isfinite(numpy(losses.log_cosh(np.zeros((1, 2)), np.array([[500.0, -800.0]])))).all()
    np.testing.assert_allclose(numpy(losses.log_cosh(np.zeros((1, 1)), np.array([[500.0]]))), [500.0 - np.log(2.0)], rtol=1e-6)


def test_mape_guards_zero_targets():
    assert numpy(losses.mape(np.zeros((1, 1)), np.full((1, 1), 1e-3))) == pytest.approx(100 * 1e-3 / 1e-7, rel=1e-4)


def test_aliases_are_the_functions():
    assert losses.mse is losses.MSE is losses.mean_squared_error
    assert losses.mae is losses.MAE is losses.mean_absolute_error
    assert losses.mape is losses.MAPE is losses.mean_absolute_percentage_error
    assert losses.msle is losses.MSLE is losses.mean_squared_logarithmic_error
    assert losses.kld is losses.KLD is losses.kl_divergence
    assert losses.logcosh is losses.log_cosh


def test_rank_one_labels_against_column_predictions():
    vector, column = REG_TRUE[:, 0], REG_PRED[:, :1]
    np.testing.assert_allclose(numpy(losses.mse(vector, column)), (vector - column[:, 0]) ** 2, rtol=1e-6)
    np.testing.assert_allclose(numpy(losses.MeanSquaredError()(vector, column)), ((vector - column[:, 0]) ** 2).mean(), rtol=1e-6)


@pytest.mark.parametrize("name", ["mean_squared_error", "mean_absolute_error", "huber", "log_cosh", "kl_divergence", "poisson"])
def test_mismatched_shapes_name_the_loss_and_shapes(name):
    pattern = rf"{name}: y_true and y_pred must have broadcastable shapes, received y_true.shape=\(4, 3\) and y_pred.shape=\(4, 2\)"
    with pytest.raises(ValueError, match=pattern):
        getattr(losses, name)(REG_TRUE, REG_PRED[:, :2])


def test_class_reports_the_same_shape_error():
    with pytest.raises(ValueError, match=r"mean_absolute_percentage_error: .*y_true.shape=\(4, 3\) and y_pred.shape=\(2, 3\)"):
        losses.MeanAbsolutePercentageError()(REG_TRUE, REG_PRED[:2])
