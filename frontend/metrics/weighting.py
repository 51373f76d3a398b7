"""Shape and weight plumbing shared by the metrics: rank matching, masks, per-sample reduction.

The rules are Keras 3's, so a metric gives the same number for the same labels,
predictions, sample weights and masks.
"""

from frontend import ops
from frontend.core.tensor_attributes import get_mask
from frontend.losses.loss import squeeze_or_expand_to_same_rank as match_rank  # one rule for losses and metrics


def apply_mask(sample_weight, mask, dtype):
    """``sample_weight`` multiplied by ``mask`` (as 0/1 weights); the mask alone when there are no weights."""
    if mask is None:
        return sample_weight
    mask = ops.cast(mask, dtype)
    if sample_weight is None:
        return mask
    mask, sample_weight = match_rank(mask, ops.cast(ops.convert_to_tensor(sample_weight), dtype))
    while len(ops.shape(sample_weight)) < len(ops.shape(mask)):  # per-sample weights on a per-step mask
        sample_weight = ops.expand_dims(sample_weight, -1)
    return ops.multiply(sample_weight, mask)


def element_count(x, dtype):
    """How many elements ``x`` has, as a scalar tensor of ``dtype`` (counted in-graph if a size is unknown)."""
    if any(size is None for size in ops.shape(x)):
        return ops.cast(ops.sum(ops.where(ops.isnan(x), 1.0, 1.0)), dtype)  # a 1 per element, any shape
    return ops.convert_to_tensor(ops.size(x), dtype)


def reduce_to_samplewise(values, sample_weight, reduce_fn, dtype):
    """Weighted per-sample values and per-sample weights, as Mean and Sum accumulate them.

    ``values`` are reduced with ``reduce_fn`` over the axes the weights do not cover, then
    multiplied by the weights; weights of rank > 1 are reduced to one weight per sample the
    same way. A mask on ``values`` (set by the function that computed them) is folded
    into the weights first.
    """
    mask = get_mask(values)
    values = ops.cast(ops.convert_to_tensor(values), dtype)
    sample_weight = apply_mask(sample_weight, mask, dtype)
    if sample_weight is not None:
        sample_weight = ops.cast(ops.convert_to_tensor(sample_weight), dtype)
        values, sample_weight = match_rank(values, sample_weight)
        weight_rank, value_rank = len(ops.shape(sample_weight)), len(ops.shape(values))
        if value_rank > weight_rank:
            values = reduce_fn(values, axis=tuple(range(weight_rank, value_rank)))
        sample_weight = ops.broadcast_to(sample_weight, ops.shape(values))
        values = ops.multiply(values, sample_weight)
        if weight_rank > 1:
            sample_weight = reduce_fn(sample_weight, axis=tuple(range(1, weight_rank)))
    if len(ops.shape(values)) > 1:
        values = reduce_fn(values, axis=tuple(range(1, len(ops.shape(values)))))
    return values, sample_weight

