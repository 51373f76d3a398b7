"""Small helpers for the metric tests: run updates and read results as NumPy."""

import numpy as np

from frontend import ops


def value(x):
    return np.asarray(ops.convert_to_numpy(x))


def run(metric, *batches):
    """``update_state`` for each ``(args..., sample_weight)`` batch, then the result as NumPy."""
    for batch in batches:
        *args, weight = batch
        metric.update_state(*args, sample_weight=weight)
    return value(metric.result())


def f32(x):
    return np.asarray(x, dtype="float32")
