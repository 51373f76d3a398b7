"""Connectionist temporal classification loss, written once from public ops.

The forward algorithm runs in log space over the "extended" label sequence
(blank, l1, blank, l2, ..., lL, blank): alpha[t, s] is the log-probability of all
alignments of the first t + 1 frames that end in extended position s. One ``scan`` over
time updates every sample of the batch at once; each sample's answer is read at its own
last frame and label position.
"""

from frontend.ops.control_flow import scan
from frontend.ops.creation import arange, full
from frontend.ops.elementwise import (
    add, equal, greater, less, logaddexp, logical_and, maximum, minimum, mod, multiply, negative, not_equal,
    subtract, where,
)
from frontend.ops.errors import OpError, op
from frontend.ops.indexing import getitem, take_along_axis
from frontend.ops.reductions import logsumexp
from frontend.ops.shapes import concatenate, expand_dims, moveaxis, reshape, stack
from frontend.ops.tensors import cast, convert_to_tensor, dtype, shape


def _check_shapes(target, output, target_length, output_length):
    if len(shape(target)) != 2 or len(shape(output)) != 3:
        raise OpError(
            "ops.ctc_loss: target must be (batch, max_label_length) and output (batch, frames, classes), "
            f"received target shape {shape(target)} and output shape {shape(output)}"
        )
    batch = shape(output)[0]
    for name, value in (("target", target), ("target_length", target_length), ("output_length", output_length)):
        if shape(value)[:1] != (batch,) or (name != "target" and len(shape(value)) != 1):
            raise OpError(
                f"ops.ctc_loss: {name} of shape {shape(value)} needs batch size {batch} of output {shape(output)}"
            )


def _shift(alpha, steps, fill):
    """alpha moved ``steps`` positions to the right along the label axis, ``fill`` entering on the left."""
    batch, positions = shape(alpha)
    if steps >= positions:
        return full((batch, positions), fill, dtype(alpha))
    padding = full((batch, steps), fill, dtype(alpha))
    return concatenate([padding, getitem(alpha, (slice(None), slice(0, positions - steps)))], axis=1)


@op("ctc_loss")
def ctc_loss(target, output, target_length, output_length, mask_index=0):
    """Per-sample CTC negative log-likelihood of integer ``target`` under the logits ``output``.

    Args:
        target: (batch, max_label_length) class indices; entries past ``target_length`` are ignored.
        output: (batch, frames, classes) unnormalised logits.
        target_length: (batch,) number of labels of each sample.
        output_length: (batch,) number of frames of each sample.
        mask_index: the class index of the blank symbol.

    Returns a (batch,) tensor in float32 (float64 for float64 logits); it is +inf where no
    alignment fits the frames.
    """
    target, target_length = convert_to_tensor(target, "int32"), convert_to_tensor(target_length, "int32")
    output_length = convert_to_tensor(output_length, "int32")
    output = convert_to_tensor(output)
    output = cast(output, "float64" if dtype(output) == "float64" else "float32")
    _check_shapes(target, output, target_length, output_length)
    batch, frames, _ = shape(output)
    labels = shape(target)[1]
    positions = 2 * labels + 1
    log_zero = full((), float("-inf"), dtype(output))

    log_probs = subtract(output, logsumexp(output, axis=-1, keepdims=True))
    blanks = full((batch, labels), mask_index, "int32")
    interleaved = reshape(stack([blanks, target], axis=-1), (batch, 2 * labels))
    extended = concatenate([interleaved, full((batch, 1), mask_index, "int32")], axis=1)
    emissions = take_along_axis(log_probs, expand_dims(extended, 1), axis=-1)  # (batch, frames, positions)
    emissions = moveaxis(emissions, 1, 0)  # time first, for the scan

    # A label may be reached from two positions back (skipping a blank) unless it repeats the previous label.
    position = reshape(arange(positions, dtype="int32"), (1, positions))
    can_skip = logical_and(not_equal(extended, _shift(extended, 2, -1)), equal(mod(position, 2), 1))
    alpha = where(less(position, 2), getitem(emissions, 0), log_zero)

    def step(alpha, emission):
        stay_or_advance = logaddexp(alpha, _shift(alpha, 1, float("-inf")))
        skipped = where(can_skip, _shift(alpha, 2, float("-inf")), log_zero)
        alpha = add(logaddexp(stay_or_advance, skipped), emission)
        return alpha, alpha

    if frames > 1:
        _, later = scan(step, alpha, getitem(emissions, slice(1, None)))
        alphas = concatenate([expand_dims(alpha, 0), later], axis=0)
    else:
        alphas = expand_dims(alpha, 0)

    last_frame = maximum(subtract(output_length, 1), 0)
    at_last_frame = take_along_axis(moveaxis(alphas, 0, 1), reshape(last_frame, (batch, 1, 1)), axis=1)
    final = reshape(at_last_frame, (batch, positions))
    end = minimum(multiply(target_length, 2), positions - 1)

    def at_position(index):
        return reshape(take_along_axis(final, reshape(index, (batch, 1)), axis=1), (batch,))

    ends_in_blank = at_position(end)
    ends_in_label = at_position(maximum(subtract(end, 1), 0))
    ends_in_label = where(greater(target_length, 0), ends_in_label, log_zero)
    return negative(logaddexp(ends_in_blank, ends_in_label))
