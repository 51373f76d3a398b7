"""Weight penalties: L1, L2, both, and a push towards orthogonal rows or columns.

A regularizer is called on a weight (or an activation) and returns a scalar tensor that
the training loop adds to the loss.
"""

import math

from frontend import ops


def validate_factor(value, name, argument):
    """A penalty factor as a float, or a ValueError if it is not a finite number >= 0."""
    valid = isinstance(value, (int, float)) and not isinstance(value, bool)
    if not valid or math.isnan(value) or math.isinf(value) or value < 0:
        raise ValueError(f"{name}: {argument} must be a finite number >= 0, received {argument}={value!r}")
    return float(value)


def _weighted(factor, value, like):
    return ops.multiply(ops.convert_to_tensor(factor, ops.dtype(like)), value)


class Regularizer:
    """Base class: ``__call__(x)`` returns a scalar penalty; ``get_config`` its arguments."""

    def __call__(self, x):
        return 0.0

    def get_config(self):
        raise NotImplementedError(f"{type(self).__name__} does not implement get_config()")

    @classmethod
    def from_config(cls, config):
        return cls(**config)


class L1(Regularizer):
    """``l1 * sum(abs(x))``."""

    def __init__(self, l1=0.01):
        self.l1 = validate_factor(0.01 if l1 is None else l1, "L1", "l1")

    def __call__(self, x):
        x = ops.convert_to_tensor(x)
        return _weighted(self.l1, ops.sum(ops.abs(x)), x)

    def get_config(self):
        return {"l1": self.l1}


class L2(Regularizer):
    """``l2 * sum(square(x))``."""

    def __init__(self, l2=0.01):
        self.l2 = validate_factor(0.01 if l2 is None else l2, "L2", "l2")

    def __call__(self, x):
        x = ops.convert_to_tensor(x)
        return _weighted(self.l2, ops.sum(ops.square(x)), x)

    def get_config(self):
        return {"l2": self.l2}


class L1L2(Regularizer):
    """``l1 * sum(abs(x)) + l2 * sum(square(x))``; both factors default to 0."""

    def __init__(self, l1=0.0, l2=0.0):
        self.l1 = validate_factor(0.0 if l1 is None else l1, "L1L2", "l1")
        self.l2 = validate_factor(0.0 if l2 is None else l2, "L1L2", "l2")

    def __call__(self, x):
        x = ops.convert_to_tensor(x)
        penalty = ops.zeros((), ops.dtype(x))
        if self.l1:
            penalty = ops.add(penalty, _weighted(self.l1, ops.sum(ops.abs(x)), x))
        if self.l2:
            penalty = ops.add(penalty, _weighted(self.l2, ops.sum(ops.square(x)), x))
        return penalty

    def get_config(self):
        return {"l1": self.l1, "l2": self.l2}


class OrthogonalRegularizer(Regularizer):
    """Penalises overlap between the rows (or columns) of a 2-D weight.

    The rows (``mode="rows"``) or columns (``mode="columns"``) are scaled to unit L2
    norm; the penalty is ``factor`` times the mean absolute dot product over all distinct
    pairs of them, so it is 0 exactly when they are orthogonal.
    """

    def __init__(self, factor=0.01, mode="rows"):
        self.factor = validate_factor(factor, "OrthogonalRegularizer", "factor")
        if mode not in ("rows", "columns"):
            raise ValueError(f"OrthogonalRegularizer: mode must be 'rows' or 'columns', received mode={mode!r}")
        self.mode = mode

    def __call__(self, x):
        x = ops.convert_to_tensor(x)
        if ops.ndim(x) != 2:
            raise ValueError(f"OrthogonalRegularizer: needs a 2-D input, received shape={ops.shape(x)}")
        if self.mode == "columns":
            x = ops.transpose(x)
        vectors = ops.normalize(x, axis=1)
        count = ops.shape(vectors)[0]
        if count < 2:  # no pairs, no overlap
            return ops.zeros((), ops.dtype(vectors))
        gram = ops.matmul(vectors, ops.transpose(vectors))
        off_diagonal = ops.multiply(gram, ops.subtract(1.0, ops.eye(count, dtype=ops.dtype(vectors))))
        pairs = count * (count - 1) / 2.0
        return _weighted(self.factor / (2.0 * pairs), ops.sum(ops.abs(off_diagonal)), vectors)

    def get_config(self):
        return {"factor": self.factor, "mode": self.mode}
