"""Categorical encodings shared by CategoryEncoding, Discretization and the lookup layers.

"one_hot" adds a class axis (replacing a trailing axis of size 1); "multi_hot" and
"count" fold axis 1 of a batch (rank >= 2) or the only axis of a single sample (rank
<= 1) into the class axis, as Keras computes them.
"""

from frontend import ops

OUTPUT_MODES = ("int", "one_hot", "multi_hot", "count")


def encode(indices, output_mode, depth, dtype, count_weights=None):
    """Encode integer ``indices`` (negative or >= depth count as no class) into ``depth`` classes."""
    if output_mode == "int":
        return ops.cast(indices, dtype)
    if len(ops.shape(indices)) == 0:
        indices = ops.expand_dims(indices, -1)
    shape = ops.shape(indices)
    if output_mode == "one_hot":
        if len(shape) > 1 and shape[-1] == 1:
            indices = ops.squeeze(indices, -1)
        return ops.one_hot(indices, depth, dtype=dtype)
    axis = 1 if len(shape) > 1 else 0
    hot = ops.one_hot(indices, depth, dtype=dtype)
    if output_mode == "multi_hot":
        return ops.max(hot, axis=axis)
    if count_weights is not None:
        hot = hot * ops.expand_dims(ops.cast(count_weights, dtype), -1)
    return ops.sum(hot, axis=axis)


def encoded_shape(input_shape, output_mode, depth):
    """The output shape of ``encode`` for an input of ``input_shape``."""
    input_shape = tuple(input_shape)
    if output_mode == "int":
        return input_shape
    if output_mode == "one_hot":
        if len(input_shape) > 1 and input_shape[-1] == 1:
            input_shape = input_shape[:-1]
        return input_shape + (depth,)
    if len(input_shape) <= 1:
        return (depth,)
    return input_shape[:1] + input_shape[2:] + (depth,)
