"""Resample images at affinely mapped coordinates, written once in ``frontend.ops``.

A transform is 8 numbers ``[a0, a1, a2, b0, b1, b2, c0, c1]`` per image: output pixel
``(y, x)`` reads the input at ``(b0 x + b1 y + b2, a0 x + a1 y + a2)`` (row, column).
The projective terms ``c0, c1`` must be zero (the layers here never set them). Points
outside the image follow ``fill_mode`` as in ``scipy.ndimage`` (the JAX flavour Keras
uses): "reflect" (d c b a | a b c d | d c b a), "wrap" (a b c d | a b c d),
"nearest" (a a a | a b c d | d d d) and "constant" (``fill_value``). Nearest sampling
rounds half away from zero; bilinear mixes the four neighbours, each neighbour outside
the image counting as ``fill_value`` in "constant" mode. All neighbours of all pixels
are read with one gather, which keeps the op count (and JAX's eager compiles) low.
"""

import numpy as np

from frontend import ops

FILL_MODES = ("reflect", "wrap", "constant", "nearest")
INTERPOLATIONS = ("nearest", "bilinear")

# Bilinear neighbours (top-left, top-right, bottom-left, bottom-right) as row/column steps.
_ROW_STEPS = np.array([0, 0, 1, 1]).reshape(1, 4, 1)
_COL_STEPS = np.array([0, 1, 0, 1]).reshape(1, 4, 1)


def affine_transform(images, transforms, interpolation="bilinear", fill_mode="reflect", fill_value=0.0,
                     data_format="channels_last"):
    """Apply one transform per image to a batch ``images`` (rank 4); ``transforms`` is (batch, 8)."""
    if data_format == "channels_first":
        images = ops.transpose(images, (0, 2, 3, 1))
    _, height, width, channels = ops.shape(images)
    dtype = ops.dtype(images)
    rows, cols = np.meshgrid(np.arange(height), np.arange(width), indexing="ij")
    grid = np.stack([cols.reshape(-1), rows.reshape(-1), np.ones(height * width)]).astype("float32")
    affine = ops.reshape(ops.cast(transforms, "float32")[:, :6], (-1, 2, 3))
    source = ops.matmul(affine, grid)
    source_x, source_y = source[:, 0:1, :], source[:, 1:2, :]
    if interpolation == "nearest":
        row, col = _round_half_away(source_y), _round_half_away(source_x)
        weights = None
    else:
        top, left = ops.floor(source_y), ops.floor(source_x)
        row = ops.add(ops.cast(top, "int32"), _ROW_STEPS.astype("int32"))
        col = ops.add(ops.cast(left, "int32"), _COL_STEPS.astype("int32"))
        weights = ops.multiply(_linear_weights(source_y - top, _ROW_STEPS),
                               _linear_weights(source_x - left, _COL_STEPS))
    neighbours = ops.shape(row)[1]
    index = _fix(row, height, fill_mode) * width + _fix(col, width, fill_mode)
    flat = ops.reshape(images, (-1, height * width, channels))
    values = ops.take_along_axis(flat, ops.reshape(index, (-1, neighbours * height * width, 1)), axis=1)
    values = ops.reshape(values, (-1, neighbours, height * width, channels))
    if fill_mode == "constant":
        inside = (row >= 0) & (row < height) & (col >= 0) & (col < width)
        values = ops.where(ops.expand_dims(inside, -1), values, ops.cast(fill_value, dtype))
    if weights is not None:
        values = ops.sum(values * ops.expand_dims(ops.cast(weights, dtype), -1), axis=1)
    output = ops.reshape(values, (-1, height, width, channels))
    if data_format == "channels_first":
        output = ops.transpose(output, (0, 3, 1, 2))
    return output


def _linear_weights(fraction, steps):
    """1 - fraction for the lower neighbour (step 0), fraction for the upper one (step 1)."""
    return ops.add(ops.multiply(fraction, (2 * steps - 1).astype("float32")), (1 - steps).astype("float32"))


def _round_half_away(x):
    return ops.cast(ops.sign(x) * ops.floor(ops.abs(x) + 0.5), "int32")


def _fix(index, size, fill_mode):
    """Map an integer index outside [0, size) back inside, by ``fill_mode``."""
    if fill_mode == "wrap":
        return ops.mod(index, size)
    if fill_mode == "reflect":
        folded = ops.mod(index, 2 * size)
        return ops.where(folded < size, folded, 2 * size - 1 - folded)
    return ops.clip(index, 0, size - 1)
