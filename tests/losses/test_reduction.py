"""The Loss base: reductions, sample weights, masks, dtypes, names and compiled use."""

import numpy as np
import pytest

import frontend
from frontend import losses, ops
from frontend.core.tensor_attributes import set_mask
from frontend.losses.loss import Loss, squeeze_or_expand_to_same_rank

from .reference import REG_PRED, REG_TRUE, WEIGHTS, mse, numpy

PER_SAMPLE = mse(REG_TRUE.astype("float64"), REG_PRED.astype("float64"))  # (4,)
SEQ_TRUE = np.arange(24, dtype="float32").reshape(2, 3, 4) / 10
SEQ_PRED = np.cos(np.arange(24, dtype="float32")).reshape(2, 3, 4)
SEQ_VALUES = mse(SEQ_TRUE.astype("float64"), SEQ_PRED.astype("float64"))  # (2, 3)
SEQ_MASK = np.array([[True, True, False], [True, False, False]])
SEQ_WEIGHTS = np.array([[1.0, 2.0, 3.0], [0.5, 1.0, 4.0]], "float32")


def masked_pred(mask=SEQ_MASK):
    y_pred = ops.convert_to_tensor(SEQ_PRED)
    set_mask(y_pred, ops.convert_to_tensor(mask))
    return y_pred


@pytest.mark.parametrize(
    "reduction, expected",
    [
        ("sum_over_batch_size", PER_SAMPLE.mean()),
        ("mean", PER_SAMPLE.mean()),
        ("sum", PER_SAMPLE.sum()),
        ("mean_with_sample_weight", PER_SAMPLE.mean()),
        ("none", PER_SAMPLE),
        (None, PER_SAMPLE),
    ],
)
def test_reductions_without_weights(reduction, expected):
    result = losses.MeanSquaredError(reduction=reduction)(REG_TRUE, REG_PRED)
    np.testing.assert_allclose(numpy(result), expected, rtol=1e-6)


@pytest.mark.parametrize("weights", [WEIGHTS, WEIGHTS[:, None]], ids=["rank1", "rank2_column"])
def test_per_sample_weights(weights):
    w = WEIGHTS.astype("float64")
    cases = {
        "sum_over_batch_size": (PER_SAMPLE * w).sum() / 4,
        "sum": (PER_SAMPLE * w).sum(),
        "mean_with_sample_weight": (PER_SAMPLE * w).sum() / w.sum(),
        "none": (PER_SAMPLE * w).reshape(weights.shape),  # a (batch, 1) weight makes (batch, 1) losses, as in Keras
    }
    for reduction, expected in cases.items():
        result = losses.MeanSquaredError(reduction=reduction)(REG_TRUE, REG_PRED, sample_weight=weights)
        np.testing.assert_allclose(numpy(result), expected, rtol=1e-6, err_msg=reduction)


def test_scalar_weight_scales_everything():
    result = losses.MeanAbsoluteError(reduction="sum")(REG_TRUE, REG_PRED, sample_weight=2.5)
    np.testing.assert_allclose(numpy(result), 2.5 * np.abs(REG_TRUE - REG_PRED).mean(-1).sum(), rtol=1e-6)


def test_rank2_weights_on_sequence_losses():
    w = SEQ_WEIGHTS.astype("float64")
    mean = losses.MeanSquaredError()(SEQ_TRUE, SEQ_PRED, sample_weight=SEQ_WEIGHTS)
    np.testing.assert_allclose(numpy(mean), (SEQ_VALUES * w).sum() / 6, rtol=1e-6)
    weighted = losses.MeanSquaredError(reduction="mean_with_sample_weight")(SEQ_TRUE, SEQ_PRED, sample_weight=SEQ_WEIGHTS)
    np.testing.assert_allclose(numpy(weighted), (SEQ_VALUES * w).sum() / w.sum(), rtol=1e-6)


def test_rank1_weights_broadcast_over_steps():
    # Keras 3 raises here; per-sample weights of a sequence loss apply to every step.
    result = losses.MeanSquaredError(reduction="sum")(SEQ_TRUE, SEQ_PRED, sample_weight=np.array([2.0, 0.5]))
    np.testing.assert_allclose(numpy(result), (SEQ_VALUES * np.array([[2.0], [0.5]])).sum(), rtol=1e-6)


def test_mask_on_y_pred_zeroes_and_averages_over_kept_entries():
    kept = SEQ_MASK.astype("float64")
    cases = {
        "sum_over_batch_size": (SEQ_VALUES * kept).sum() / kept.sum(),
        "sum": (SEQ_VALUES * kept).sum(),
        "mean_with_sample_weight": (SEQ_VALUES * kept).sum() / kept.sum(),
        "none": SEQ_VALUES * kept,
    }
    for reduction, expected in cases.items():
        result = losses.MeanSquaredError(reduction=reduction)(SEQ_TRUE, masked_pred())
        np.testing.assert_allclose(numpy(result), expected, rtol=1e-6, err_msg=reduction)


def test_mask_combines_with_sample_weights():
    kept, w = SEQ_MASK.astype("float64"), SEQ_WEIGHTS.astype("float64")
    mean = losses.MeanSquaredError()(SEQ_TRUE, masked_pred(), sample_weight=SEQ_WEIGHTS)
    np.testing.assert_allclose(numpy(mean), (SEQ_VALUES * kept * w).sum() / kept.sum(), rtol=1e-6)
    by_weight = losses.MeanSquaredError(reduction="mean_with_sample_weight")
    np.testing.assert_allclose(
        numpy(by_weight(SEQ_TRUE, masked_pred(), sample_weight=SEQ_WEIGHTS)),
        (SEQ_VALUES * kept * w).sum() / (kept * w).sum(),
        rtol=1e-6,
    )


def test_fully_masked_batch_gives_zero():
    result = losses.MeanSquaredError()(SEQ_TRUE, masked_pred(np.zeros((2, 3), bool)))
    assert numpy(result) == 0.0


def test_input_mask_and_ignore_class_mask_intersect():
    labels = np.array([[0, 1, 2], [2, 3, 1]])
    logits = SEQ_PRED
    loss = losses.SparseCategoricalCrossentropy(from_logits=True, ignore_class=1)
    log_probs = logits - np.log(np.exp(logits.astype("float64")).sum(-1, keepdims=True))
    values = -np.take_along_axis(log_probs, labels[..., None], -1)[..., 0]
    kept = SEQ_MASK & (labels != 1)  # only (0, 0) and (1, 0)
    np.testing.assert_allclose(numpy(loss(labels, masked_pred())), (values * kept).sum() / kept.sum(), rtol=1e-5)


def test_float64_inputs_follow_the_loss_dtype():
    t, p = REG_TRUE.astype("float64"), REG_PRED.astype("float64") + 1e-9
    default = losses.MeanSquaredError()(t, p)
    assert ops.dtype(default) == "float32"
    precise = losses.MeanSquaredError(dtype="float64")(t, p)
    assert ops.dtype(precise) == "float64"
    np.testing.assert_allclose(numpy(precise), mse(t, p).mean(), rtol=1e-12)
    assert losses.MeanSquaredError(dtype="float64").dtype == "float64"


def test_floatx_sets_the_default_dtype():
    frontend.config.set_floatx("float64")
    assert ops.dtype(losses.Huber()(REG_TRUE, REG_PRED)) == "float64"


def test_invalid_reduction_is_refused():
    with pytest.raises(ValueError, match=r"reduction must be one of .*received reduction='avg'"):
        losses.MeanSquaredError(reduction="avg")


def test_weights_that_do_not_fit_name_the_loss_and_shapes():
    with pytest.raises(ValueError, match=r"MeanSquaredError 'mse_here': sample_weight of shape \(3,\) does not broadcast "
                                         r"against the per-sample losses of shape \(4,\)"):
        losses.MeanSquaredError(name="mse_here")(REG_TRUE, REG_PRED, sample_weight=np.ones(3))


def test_scalar_and_empty_values_are_returned_unreduced():
    dice = losses.Dice(reduction="sum")(np.ones((2, 2)), np.ones((2, 2)))
    assert ops.shape(dice) == ()
    empty = losses.MeanSquaredError()(np.zeros((0, 3)), np.zeros((0, 3)))
    assert ops.shape(empty) == (0,)


class ScaledAbsolute(Loss):
    def call(self, y_true, y_pred):
        return ops.multiply(ops.abs(ops.subtract(y_true, y_pred)), 3.0)


def test_custom_subclass_gets_reduction_and_a_unique_name():
    first, second = ScaledAbsolute(), ScaledAbsolute(reduction="sum")
    assert first.name.startswith("scaled_absolute") and first.name != second.name
    np.testing.assert_allclose(numpy(second([1.0, 2.0], [0.0, 4.0])), 9.0)
    assert first.get_config() == {"name": first.name, "reduction": "sum_over_batch_size"}
    with pytest.raises(NotImplementedError, match="Loss must implement call"):
        Loss()(1.0, 1.0)


def test_squeeze_or_expand_to_same_rank():
    column, vector = ops.zeros((4, 1)), ops.zeros((4,))
    assert [ops.shape(x) for x in squeeze_or_expand_to_same_rank(column, vector)] == [(4, 1), (4, 1)]
    assert [ops.shape(x) for x in squeeze_or_expand_to_same_rank(ops.zeros((4, 3, 1)), ops.zeros((4, 3)))] == [
        (4, 3), (4, 3)]
    assert [ops.shape(x) for x in squeeze_or_expand_to_same_rank(vector, ops.zeros((4, 3)))] == [(4,), (4, 3)]


def test_structures_of_outputs_are_handled_leaf_by_leaf():
    loss = losses.LossFunctionWrapper(lambda t, p: ops.add(losses.mse(t[0], p[0]), losses.mae(t[1], p[1])))
    result = loss([REG_TRUE, REG_TRUE[:, :1]], [REG_PRED, REG_PRED[:, 0]])
    expected = mse(REG_TRUE, REG_PRED) + np.abs(REG_TRUE[:, 0] - REG_PRED[:, 0])
    np.testing.assert_allclose(numpy(result), expected.mean(), rtol=1e-6)


def test_compiled_step_matches_eager_with_masks():
    loss = losses.SparseCategoricalCrossentropy(from_logits=True, ignore_class=1)
    labels = np.array([[0, 1, 2], [2, 3, 1]])
    eager = loss(labels, SEQ_PRED)
    compiled = frontend.backend.compile(lambda t, p: loss(t, p))
    np.testing.assert_allclose(numpy(compiled(ops.convert_to_tensor(labels), ops.convert_to_tensor(SEQ_PRED))),
                               numpy(eager), rtol=1e-6)


def test_gradient_of_a_loss_through_a_variable():
    weights = frontend.Variable(np.array([[0.5], [-1.0], [2.0]], "float32"))
    x = REG_TRUE
    y = np.array([1.0, 0.0, 1.0, 0.0], "float32")
    loss = losses.BinaryCrossentropy(from_logits=True)
    value, grads = frontend.backend.compute_gradients(lambda: loss(y, ops.matmul(x, weights)), [weights])
    z = x.astype("float64") @ np.array([[0.5], [-1.0], [2.0]])
    p = 1 / (1 + np.exp(-z[:, 0]))
    np.testing.assert_allclose(numpy(grads[0])[:, 0], x.T.astype("float64") @ (p - y) / 4, rtol=1e-5)
    assert np.isfinite(numpy(value))


def test_mean_reductions_of_empty_values_give_zero():
    from frontend.losses.loss import reduce_values

    for reduction in ("sum_over_batch_size", "mean", "sum", "mean_with_sample_weight"):
        assert float(numpy(reduce_values(ops.zeros((0, 3)), reduction=reduction))) == 0.0
