"""Regression metrics: running means of per-sample errors, similarities and correlations."""

from frontend import ops
from frontend.metrics import regression_functions as fns
from frontend.metrics.reduction_metrics import FixedFunctionMetric, Mean
from frontend.metrics.weighting import match_rank


class MeanSquaredError(FixedFunctionMetric):
    direction = "down"

    def __init__(self, name="mean_squared_error", dtype=None):
        super().__init__(fns.mean_squared_error, name, dtype)


class MeanAbsoluteError(FixedFunctionMetric):
    direction = "down"

    def __init__(self, name="mean_absolute_error", dtype=None):
        super().__init__(fns.mean_absolute_error, name, dtype)


class MeanAbsolutePercentageError(FixedFunctionMetric):
    direction = "down"

    def __init__(self, name="mean_absolute_percentage_error", dtype=None):
        super().__init__(fns.mean_absolute_percentage_error, name, dtype)


class MeanSquaredLogarithmicError(FixedFunctionMetric):
    direction = "down"

    def __init__(self, name="mean_squared_logarithmic_error", dtype=None):
        super().__init__(fns.mean_squared_logarithmic_error, name, dtype)


class LogCoshError(FixedFunctionMetric):
    direction = "down"

    def __init__(self, name="logcosh", dtype=None):
        super().__init__(fns.log_cosh, name, dtype)


class CosineSimilarity(FixedFunctionMetric):
    """Mean cosine of the angle between labels and predictions along ``axis``."""

    direction, config_keys = "up", ("axis",)

    def __init__(self, name="cosine_similarity", dtype=None, axis=-1):
        super().__init__(fns.cosine_similarity, name, dtype, axis=axis)
        self.axis = axis


class PearsonCorrelation(FixedFunctionMetric):
    """Mean per-sample Pearson correlation along ``axis``."""

    direction, config_keys = "up", ("axis",)

    def __init__(self, name="pearson_correlation", dtype=None, axis=-1):
        super().__init__(fns.pearson_correlation, name, dtype, axis=axis)
        self.axis = axis


class ConcordanceCorrelation(FixedFunctionMetric):
    """Mean per-sample concordance correlation along ``axis``."""

    direction, config_keys = "up", ("axis",)

    def __init__(self, name="concordance_correlation", dtype=None, axis=-1):
        super().__init__(fns.concordance_correlation, name, dtype, axis=axis)
        self.axis = axis


class RootMeanSquaredError(Mean):
    """sqrt of the running (weighted) mean of the squared errors, every element counted."""

    def __init__(self, name="root_mean_squared_error", dtype=None):
        super().__init__(name=name, dtype=dtype)
        self._direction = "down"

    def update_state(self, y_true, y_pred, sample_weight=None):
        y_true = ops.convert_to_tensor(y_true, self.dtype)
        y_true, y_pred = match_rank(y_true, ops.convert_to_tensor(y_pred, self.dtype))
        return super().update_state(ops.square(ops.subtract(y_pred, y_true)), sample_weight=sample_weight)

    def result(self):
        return ops.sqrt(super().result())
