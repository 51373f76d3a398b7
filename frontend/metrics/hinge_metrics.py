"""Hinge metrics: running means of the per-sample hinge errors."""

from frontend.metrics import hinge_functions as fns
from frontend.metrics.reduction_metrics import FixedFunctionMetric


class Hinge(FixedFunctionMetric):
    direction = "down"

    def __init__(self, name="hinge", dtype=None):
        super().__init__(fns.hinge, name, dtype)


class SquaredHinge(FixedFunctionMetric):
    direction = "down"

    def __init__(self, name="squared_hinge", dtype=None):
        super().__init__(fns.squared_hinge, name, dtype)


class CategoricalHinge(FixedFunctionMetric):
    direction = "down"

    def __init__(self, name="categorical_hinge", dtype=None):
        super().__init__(fns.categorical_hinge, name, dtype)
