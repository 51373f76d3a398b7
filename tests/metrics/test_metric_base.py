"""Metric base: state variables, reset, __call__, the stateless forms, names, dtypes, configs."""

import numpy as np
import pytest

from frontend import config, metrics, ops
from tests.metrics.helpers import value


class CountAbove(metrics.Metric):
    """Test metric: how many values exceed ``limit``, with a nested Sum of the values."""

    def __init__(self, limit=0.0, name=None, dtype=None):
        super().__init__(name=name, dtype=dtype)
        self.limit = limit
        self.hits = self.add_variable((), name="hits")
        self.seen = self.add_variable((2,), initializer="ones", name="seen")
        self.total = metrics.Sum(name="inner_sum")

    def update_state(self, values):
        values = ops.convert_to_tensor(values, self.dtype)
        self.hits.assign_add(ops.sum(ops.cast(ops.greater(values, self.limit), self.dtype)))
        self.seen.assign_add(ops.ones((2,)))
        self.total.update_state(values)

    def result(self):
        return ops.add(self.hits.value, self.total.result())

    def get_config(self):
        return {**super().get_config(), "limit": self.limit}


def test_variables_are_non_trainable_tracked_in_order_and_named_by_path():
    metric = CountAbove(name="counter")
    assert [v.path for v in metric.variables] == ["counter/hits", "counter/seen", "inner_sum/total"]
    assert not any(v.trainable for v in metric.variables)
    assert value(metric.seen) == pytest.approx([1.0, 1.0])  # the initializer is honoured


def test_update_result_call_and_reset():
    metric = CountAbove(limit=1.0)
    metric.update_state([0.5, 2.0, 3.0])
    assert value(metric.result()) == pytest.approx(2 + 5.5)
    assert value(metric([4.0])) == pytest.approx(3 + 9.5)
    metric.reset_state()
    assert value(metric.result()) == 0.0
    assert value(metric.seen) == pytest.approx([0.0, 0.0])  # reset means zeros, as in Keras


def test_stateless_forms_leave_the_variables_untouched():
    metric = CountAbove(limit=1.0)
    metric.update_state([5.0])
    state = [v.value for v in metric.variables]
    new_state = metric.stateless_update_state(state, [2.0, 0.0])
    assert value(metric.result()) == pytest.approx(1 + 5.0)
    assert value(metric.stateless_result(new_state)) == pytest.approx(2 + 7.0)
    assert [value(v).tolist() for v in metric.stateless_reset_state()] == [0.0, [0.0, 0.0], 0.0]
    assert value(metric.result()) == pytest.approx(6.0)


def test_stateless_update_checks_the_number_of_values():
    metric = metrics.Mean()
    with pytest.raises(ValueError, match=r"one value per variable of metric.variables \(2\), received 1"):
        metric.stateless_update_state([ops.zeros(())], [1.0])
    with pytest.raises(ValueError, match="stateless_result"):
        metric.stateless_result([])


def test_default_names_are_unique_snake_case_and_renaming_moves_paths():
    first, second = metrics.Precision(), metrics.Precision()
    assert first.name.startswith("precision") and second.name != first.name
    assert metrics.Mean().name == "mean" and metrics.Mean().name == "mean"  # explicit defaults are kept
    second.name = "p"
    assert [v.path for v in second.variables] == ["p/true_positives", "p/false_positives"]
    assert repr(second) == "<Precision name=p>"


def test_dtype_defaults_to_floatx_and_accepts_names_and_policies():
    assert metrics.Mean().dtype == "float32"
    assert metrics.Mean(dtype="float64").dtype == "float64"
    assert metrics.Mean(dtype="mixed_float16").dtype == "float16"
    config.set_floatx("float64")
    mean = metrics.Mean()
    assert mean.dtype == "float64" and mean.total.dtype == "float64"
    mean.update_state([1.0, 2.0])
    assert ops.dtype(mean.result()) == "float64"
    with pytest.raises(ValueError, match="unsupported dtype"):
        metrics.Mean(dtype="complex64")


def test_config_round_trip():
    metric = CountAbove(limit=0.5, name="c")
    clone = CountAbove.from_config(metric.get_config())
    assert clone.get_config() == {"name": "c", "dtype": "float32", "limit": 0.5}


def test_subclass_must_call_super_init():
    class Broken(metrics.Metric):
        def __init__(self):
            self.x = 1

    with pytest.raises(RuntimeError, match="super"):
        Broken()


def test_base_methods_must_be_implemented():
    metric = metrics.Metric(name="bare")
    with pytest.raises(NotImplementedError, match="update_state"):
        metric.update_state(1.0)
    with pytest.raises(NotImplementedError, match="result"):
        metric.result()
    assert np.isclose(value(metric.add_weight(name="w")), 0.0)
