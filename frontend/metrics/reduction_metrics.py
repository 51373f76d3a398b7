"""Sum, Mean and MeanMetricWrapper: running (weighted) totals and means of per-sample values."""

from frontend import ops
from frontend.core.tensor_attributes import get_mask
from frontend.metrics.metric import Metric
from frontend.metrics.function_table import ERROR_FUNCTIONS, deserialize_function
from frontend.metrics.weighting import apply_mask, element_count, reduce_to_samplewise
from frontend.saving.serialization import serialize_object


class Sum(Metric):
    """The running weighted sum of the values seen (variable ``total``)."""

    def __init__(self, name="sum", dtype=None):
        super().__init__(name=name, dtype=dtype)
        self.total = self.add_variable((), "zeros", name="total")

    def update_state(self, values, sample_weight=None):
        values, _ = reduce_to_samplewise(values, sample_weight, ops.sum, self.dtype)
        self.total.assign_add(ops.sum(values))

    def result(self):
        return ops.cast(self.total.value, self.dtype)


class Mean(Metric):
    """The running weighted mean of the values seen: ``total / count``, 0 before any update."""

    def __init__(self, name="mean", dtype=None):
        super().__init__(name=name, dtype=dtype)
        self.total = self.add_variable((), "zeros", name="total")
        self.count = self.add_variable((), "zeros", name="count")

    def update_state(self, values, sample_weight=None):
        if _is_number(sample_weight) and ops.is_tensor(values) and ops.ndim(values) == 0 and get_mask(values) is None:
            # one value (a loss tracker's): total += value * weight, count += weight, in a few ops
            weight = 1.0 if sample_weight is None else float(sample_weight)
            value = ops.cast(values, self.dtype)
            self.total.assign_add(value if sample_weight is None else ops.multiply(value, weight))
            self.count.assign_add(weight)
            return
        values, sample_weight = reduce_to_samplewise(values, sample_weight, ops.mean, self.dtype)
        self.total.assign_add(ops.sum(values))
        if sample_weight is not None:
            count = ops.sum(sample_weight)
        elif len(ops.shape(values)) >= 1:
            count = element_count(values, self.dtype)  # values are 1-D here: one per sample
        else:
            count = 1.0
        self.count.assign_add(ops.cast(count, self.dtype))

    def result(self):
        return ops.divide_no_nan(self.total.value, ops.cast(self.count.value, self.dtype))


def _is_number(x):
    """None or a Python number (not a bool): a weight the fast path of ``Mean.update_state`` takes."""
    return x is None or (isinstance(x, (int, float)) and not isinstance(x, bool))


def serialize_function(fn):
    """Keras's config layout for a function (or the config of a callable object)."""
    if hasattr(fn, "get_config") and not isinstance(fn, type):
        return serialize_object(fn)
    return {"module": "builtins", "class_name": "function", "config": fn.__name__, "registered_name": "function"}


def _is_error_measure(fn):
    """True for functions and objects that measure an error, where smaller is better."""
    return fn in ERROR_FUNCTIONS.values() or type(fn).__module__.startswith("frontend.losses")


class MeanMetricWrapper(Mean):
    """The running mean of ``fn(y_true, y_pred, **kwargs)``, a function returning per-sample values.

    A mask on ``y_pred`` and a mask the function sets on its result both weight the values.
    """

    def __init__(self, fn, name=None, dtype=None, **kwargs):
        super().__init__(name=name, dtype=dtype)
        if not callable(fn):
            raise ValueError(f"MeanMetricWrapper: fn must be callable, received {fn!r}")
        self._fn = fn
        self._fn_kwargs = kwargs
        if _is_error_measure(fn):
            self._direction = "down"

    def update_state(self, y_true, y_pred, sample_weight=None):
        mask = get_mask(y_pred)
        values = self._fn(y_true, y_pred, **self._fn_kwargs)
        sample_weight = apply_mask(sample_weight, mask, self.dtype)
        return super().update_state(values, sample_weight=sample_weight)

    def get_config(self):
        return {**super().get_config(), "fn": serialize_function(self._fn), **self._fn_kwargs}

    @classmethod
    def from_config(cls, config):
        config = dict(config)
        if "fn" in config:
            config["fn"] = deserialize_function(config["fn"])
        return cls(**config)


class FixedFunctionMetric(MeanMetricWrapper):
    """A MeanMetricWrapper around a built-in function; its config holds its own arguments, not ``fn``.

    Subclasses name their arguments in ``config_keys`` (kept as attributes) and say in
    ``direction`` whether higher ("up") or lower ("down") values are better.
    """

    config_keys = ()
    direction = None

    def __init__(self, fn, name=None, dtype=None, **kwargs):
        super().__init__(fn, name=name, dtype=dtype, **kwargs)
        if self.direction is not None:
            self._direction = self.direction

    def get_config(self):
        return {"name": self.name, "dtype": self.dtype, **{key: getattr(self, key) for key in self.config_keys}}

    @classmethod
    def from_config(cls, config):
        return cls(**config)
