"""The ``Loss`` base class and the weighting/reduction rules every loss shares.

A loss turns ``(y_true, y_pred)`` into per-sample values (``call``), then ``__call__``
folds in the sample weights and any mask carried by ``y_pred`` and reduces. Everything
here is written with ``frontend.ops`` on tensors only, so a loss runs inside a compiled
training step on every engine.
"""

from frontend import config, dtype_policies, ops, tree
from frontend.core.tensor_attributes import get_mask
from frontend.losses.inputs import dims_match, shapes_broadcast
from frontend.ops.operation import snake_case, unique_name

REDUCTIONS = ("sum_over_batch_size", "sum", "mean", "mean_with_sample_weight", "none", None)


def standardize_reduction(reduction):
    """``reduction`` if it is one Keras knows, else a ValueError listing the choices."""
    if reduction not in REDUCTIONS:
        raise ValueError(f"Loss: reduction must be one of {REDUCTIONS}, received reduction={reduction!r}")
    return reduction


def squeeze_or_expand_to_same_rank(x1, x2, expand_rank_1=True):
    """Make ranks agree when they differ by one trailing axis of size 1.

    The tensor with the extra size-1 axis loses it, except that a rank-1 partner gains
    one instead (``expand_rank_1``), so ``(batch,)`` against ``(batch, 1)`` stays 2-D.
    """
    rank1, rank2 = len(ops.shape(x1)), len(ops.shape(x2))
    if rank1 == rank2 + 1 and ops.shape(x1)[-1] == 1:
        if rank2 == 1 and expand_rank_1:
            x2 = ops.expand_dims(x2, -1)
        else:
            x1 = ops.squeeze(x1, -1)
    elif rank2 == rank1 + 1 and ops.shape(x2)[-1] == 1:
        if rank1 == 1 and expand_rank_1:
            x1 = ops.expand_dims(x1, -1)
        else:
            x2 = ops.squeeze(x2, -1)
    return x1, x2


def _element_count(x, dtype):
    """The number of entries of ``x`` as a ``dtype`` scalar (dynamic where the shape is not known)."""
    shape = ops.shape(x)
    if any(dim is None for dim in shape):  # x == x or x != x is true everywhere, NaN included
        return ops.sum(ops.cast(ops.logical_or(ops.equal(x, x), ops.not_equal(x, x)), dtype))
    count = 1
    for dim in shape:
        count *= dim
    return ops.convert_to_tensor(float(count), dtype=dtype)


def align_weights(values, weights, name="Loss"):
    """``weights`` shaped to multiply ``values``: ranks matched as Keras does, then per-sample
    weights of a leading-dims shape (``(batch,)`` for ``(batch, steps)`` values) get trailing
    axes of size 1. Shapes that still do not broadcast raise an error naming the loss."""
    values, weights = squeeze_or_expand_to_same_rank(values, weights)
    value_shape, weight_shape = ops.shape(values), ops.shape(weights)
    if len(weight_shape) < len(value_shape) and dims_match(weight_shape, value_shape[: len(weight_shape)]):
        for _ in range(len(value_shape) - len(weight_shape)):
            weights = ops.expand_dims(weights, -1)
    if not shapes_broadcast(value_shape, ops.shape(weights)):
        raise ValueError(
            f"{name}: sample_weight of shape {tuple(ops.shape(weights))} does not broadcast against the "
            f"per-sample losses of shape {tuple(value_shape)}"
        )
    return values, weights


def apply_mask(sample_weight, mask, dtype, reduction, name="Loss"):
    """Merge a boolean mask into the sample weights.

    For the mean reductions, kept entries are weighted ``total / kept`` so that dividing
    by the full size later is the same as dividing by the number of kept entries.
    """
    if mask is None:
        return sample_weight
    if reduction in ("mean", "sum_over_batch_size"):
        kept = ops.sum(ops.cast(mask, dtype))
        scale = ops.divide_no_nan(_element_count(mask, dtype), kept)
        float_mask = ops.where(ops.cast(mask, "bool"), scale, ops.zeros((), dtype))
    else:
        float_mask = ops.cast(mask, dtype)
    if sample_weight is None:
        return float_mask
    float_mask, sample_weight = align_weights(float_mask, ops.cast(sample_weight, dtype), name)
    return ops.multiply(sample_weight, float_mask)


def reduce_values(values, sample_weight=None, reduction="sum_over_batch_size"):
    """Sum, or average, the (already weighted) per-sample values; scalars and empty vectors pass."""
    if reduction in (None, "none") or ops.shape(values) in ((), (0,)):
        return values
    if reduction in ("sum_over_batch_size", "mean") or (reduction == "mean_with_sample_weight" and sample_weight is None):
        count = 1
        for dim in ops.shape(values):
            count = 0 if dim is None else count * dim
        if count:  # the divisor is the known, nonzero element count: one mean op (one node to differentiate)
            return ops.mean(values)
    total = ops.sum(values)
    if reduction == "sum":
        return total
    if reduction == "mean_with_sample_weight" and sample_weight is not None:
        divisor = ops.cast(ops.sum(sample_weight), ops.dtype(total))
    else:
        divisor = _element_count(values, ops.dtype(total))
    return ops.divide_no_nan(total, divisor)


def reduce_weighted_values(values, sample_weight=None, mask=None, reduction="sum_over_batch_size", dtype=None,
                           name="Loss"):
    """Weight ``values`` by ``sample_weight`` and ``mask`` (zero weight where masked), then reduce.

    ``name`` (the loss's) appears in the error raised for weights that do not fit the values.
    """
    reduction = standardize_reduction(reduction)
    values = ops.convert_to_tensor(values, dtype=dtype)
    dtype = ops.dtype(values)
    if sample_weight is not None:
        sample_weight = ops.convert_to_tensor(sample_weight, dtype=dtype)
    sample_weight = apply_mask(sample_weight, mask, dtype, reduction, name)
    if sample_weight is not None:
        values, sample_weight = align_weights(values, sample_weight, name)
        values = ops.multiply(values, sample_weight)
    return reduce_values(values, sample_weight, reduction)


def _is_plain_data(x):
    """Python numbers or lists of them: one tensor, not a structure of tensors."""
    if isinstance(x, (list, tuple)):
        return all(_is_plain_data(item) for item in x)
    return isinstance(x, (bool, int, float))


def convert_structure(x, dtype):
    """Each tensor of a nest converted to ``dtype``; a plain list of numbers is one tensor."""
    if isinstance(x, dict) or (isinstance(x, (list, tuple)) and not _is_plain_data(x)):
        return tree.map_structure(lambda leaf: ops.convert_to_tensor(leaf, dtype=dtype), x)
    return ops.convert_to_tensor(x, dtype=dtype)


class Loss:
    """Base class of every loss: subclasses implement ``call(y_true, y_pred)`` -> per-sample values.

    Args:
        name: the loss's name (default: the snake-case class name, made unique).
        reduction: "sum_over_batch_size" (default; same as "mean"), "sum",
            "mean_with_sample_weight" (divide by the sum of the weights), "none" or None.
        dtype: the dtype computations run in (a name or a ``DTypePolicy``; default floatx()).
    """

    _integer_targets = False  # True where y_true holds class indices: they stay integers (no round trip through floats)

    def __init__(self, name=None, reduction="sum_over_batch_size", dtype=None):
        self.name = name or unique_name(snake_case(type(self).__name__))
        self.reduction = standardize_reduction(reduction)
        self._dtype_argument = dtype
        self._dtype_policy = dtype_policies.get(dtype or config.floatx())
        self._dtype = self._dtype_policy.compute_dtype

    @property
    def dtype(self):
        return self._dtype

    def __call__(self, y_true, y_pred, sample_weight=None):
        in_mask = None if tree.is_nested(y_pred) else get_mask(y_pred)
        y_pred = convert_structure(y_pred, self.dtype)
        y_true = convert_structure(y_true, None if self._integer_targets else self.dtype)
        losses = self.call(y_true, y_pred)
        out_mask = get_mask(losses)
        if in_mask is not None and out_mask is not None:
            mask = ops.logical_and(ops.cast(in_mask, "bool"), ops.cast(out_mask, "bool"))
        else:
            mask = in_mask if out_mask is None else out_mask
        return reduce_weighted_values(losses, sample_weight, mask, self.reduction, self.dtype, self._label())

    def _label(self):
        """How errors name this loss: ``ClassName 'name'``."""
        return f"{type(self).__name__} {self.name!r}"

    def call(self, y_true, y_pred):
        raise NotImplementedError(f"{type(self).__name__} must implement call(y_true, y_pred)")

    def get_config(self):
        config = {"name": self.name, "reduction": self.reduction}
        if self._dtype_argument is not None:
            config["dtype"] = self._dtype_policy.name
        return config

    @classmethod
    def from_config(cls, config):
        return cls(**config)

    def __repr__(self):
        return f"<{type(self).__name__} name={self.name!r} reduction={self.reduction!r}>"
