"""Gradient clipping by value range, by each gradient's norm, and by the global norm of all gradients."""

from frontend import ops


def clip_by_norm(gradient, clip_norm):
    """``gradient * clip_norm / max(norm, clip_norm)``; an all-zero gradient stays zero (and NaN-free)."""
    squares = ops.sum(ops.square(gradient), keepdims=True)
    positive = ops.greater(squares, 0)
    # sqrt only of positive sums, so neither the value nor its gradient becomes NaN
    norm = ops.where(positive, ops.sqrt(ops.where(positive, squares, ops.ones_like(squares))), squares)
    return ops.divide(ops.multiply(gradient, clip_norm), ops.maximum(norm, clip_norm))


def global_norm(values):
    """The L2 norm of all ``values`` taken together (``None`` entries are skipped)."""
    return ops.sqrt(ops.sum(ops.stack([ops.sum(ops.square(v)) for v in values if v is not None])))


def clip_by_global_norm(values, clip_norm):
    """Scale every value by ``clip_norm / max(global_norm, clip_norm)``; a non-finite norm makes them all NaN."""
    norm = global_norm(values)
    scale = ops.multiply(clip_norm, ops.minimum(ops.divide(1.0, norm), 1.0 / clip_norm))
    scale = ops.add(scale, ops.subtract(norm, norm))  # inf - inf = NaN marks a non-finite norm
    return [None if v is None else ops.multiply(v, scale) for v in values]
