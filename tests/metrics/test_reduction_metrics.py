"""Mean, Sum and MeanMetricWrapper: weighted running statistics, masks, configs."""

import json

import numpy as np
import pytest

from frontend import metrics, ops
from frontend.core.tensor_attributes import set_mask
from tests.metrics.helpers import f32, run, value


def test_sum_and_mean_over_several_weighted_updates():
    batches = [(f32([1, 3, 5, 7]), f32([1, 1, 0, 0])), (f32([2, 4]), None), (f32([10.0]), f32([0.5]))]
    values = np.concatenate([b[0] for b in batches])
    weights = np.concatenate([np.ones(len(b[0])) if b[1] is None else b[1] for b in batches])
    assert run(metrics.Sum(), *batches) == pytest.approx(np.sum(values * weights))
    assert run(metrics.Mean(), *batches) == pytest.approx(np.sum(values * weights) / np.sum(weights))


def test_mean_reduces_extra_axes_per_sample_and_counts_samples():
    values = f32([[1, 2, 3], [4, 5, 6]])
    assert run(metrics.Mean(), (values, None)) == pytest.approx(3.5)
    # per-sample weights: each row's mean is weighted (2 * 2 + 1 * 5) / 3
    assert run(metrics.Mean(), (values, f32([2, 1]))) == pytest.approx(3.0)
    # element weights of the same rank: rows reduce to mean(v * w), weights to mean(w)
    weights = f32([[1, 0, 0], [0, 0, 1]])
    expected = np.sum(np.mean(values * weights, axis=1)) / np.sum(np.mean(weights, axis=1))
    assert run(metrics.Mean(), (values, weights)) == pytest.approx(expected)
    summed = metrics.Sum()
    assert run(summed, (values, weights)) == pytest.approx(7.0)


def test_scalar_values_count_once_and_empty_mean_is_zero():
    mean = metrics.Mean()
    assert value(mean.result()) == 0.0
    assert run(mean, (f32(4.0), None), (f32(2.0), None)) == pytest.approx(3.0)


def test_one_value_with_a_number_as_weight_matches_the_general_path():
    """A loss tracker's update (a 0-d value, a Python number as weight) has a fast path; same numbers."""
    fast, general = metrics.Mean(), metrics.Mean()
    for loss, weight in [(2.0, 128), (5.0, 64), (1.0, 3.5)]:
        fast.update_state(ops.convert_to_tensor(f32(loss)), sample_weight=weight)
        general.update_state(f32([loss]), sample_weight=f32([weight]))
    assert value(fast.result()) == pytest.approx(value(general.result()))
    assert value(fast.count.value) == pytest.approx(195.5)
    unweighted = metrics.Mean()
    unweighted.update_state(ops.convert_to_tensor(f32(4.0)))
    unweighted.update_state(ops.convert_to_tensor(np.float64(2.0)))
    assert value(unweighted.result()) == pytest.approx(3.0) and value(unweighted.count.value) == 2.0


def test_mean_metric_wrapper_passes_kwargs_and_weights():
    def scaled_error(y_true, y_pred, scale=1.0):
        return ops.multiply(scale, ops.abs(ops.subtract(y_true, y_pred)))

    metric = metrics.MeanMetricWrapper(scaled_error, name="scaled", scale=2.0)
    result = run(metric, (f32([1, 2]), f32([2, 2]), f32([3, 1])), (f32([0]), f32([4]), None))
    assert result == pytest.approx((2 * 3 + 0 + 8) / 5)
    assert metric.name == "scaled"


def test_mask_on_predictions_weights_the_steps():
    y_true = f32([[1, 2, 3], [4, 5, 6]])[..., None]
    y_pred = ops.convert_to_tensor(f32([[1, 0, 0], [0, 5, 6]])[..., None])
    set_mask(y_pred, ops.convert_to_tensor(np.array([[True, True, False], [False, True, True]])))
    # masked-in squared errors: 0, 4 | 0, 0 -> mean 1
    assert run(metrics.MeanSquaredError(), (y_true, y_pred, None)) == pytest.approx(1.0)
    # per-sample weights combine with the per-step mask: (3 * 4 + 1 * 0) / (3 * 2 + 1 * 2)
    weighted = run(metrics.MeanSquaredError(), (y_true, y_pred, f32([3, 1])))
    assert weighted == pytest.approx(12.0 / 8.0)


def test_wrapper_config_names_the_function_in_keras_layout():
    metric = metrics.MeanMetricWrapper(metrics.binary_accuracy, name="acc_at_3", threshold=0.3)
    config = metrics.serialize(metric)
    assert config["config"]["fn"] == {
        "module": "builtins", "class_name": "function", "config": "binary_accuracy", "registered_name": "function"
    }
    clone = metrics.deserialize(json.loads(json.dumps(config)))
    assert isinstance(clone, metrics.MeanMetricWrapper) and clone.name == "acc_at_3"
    assert run(clone, (f32([[1], [0]]), f32([[0.4], [0.2]]), None)) == pytest.approx(1.0)


def test_wrapper_rejects_unknown_functions_and_non_callables():
    with pytest.raises(ValueError, match="Unknown metric function: 'nope'"):
        metrics.MeanMetricWrapper.from_config({"name": "x", "fn": "nope"})
    with pytest.raises(ValueError, match="fn must be callable"):
        metrics.MeanMetricWrapper(3)


def test_direction_tells_callbacks_which_way_is_better():
    assert metrics.MeanMetricWrapper(metrics.mean_squared_error)._direction == "down"
    assert metrics.Accuracy()._direction == "up"
    assert metrics.Mean()._direction is None
