"""Padding and output-size arithmetic for convolutions and pooling, one rule for all engines.

``same`` padding follows TensorFlow: the output has ``ceil(size / stride)`` positions and
any odd padding element goes at the end. Transposed convolutions follow TensorFlow's
``conv_transpose`` as Keras 3 exposes it.
"""

import math


def dilated_size(kernel_size, dilation):
    """The span of a kernel of ``kernel_size`` taps spread ``dilation`` apart."""
    return (kernel_size - 1) * dilation + 1


def same_padding(size, kernel_size, stride, dilation=1):
    """(before, after) padding that gives ``ceil(size / stride)`` outputs."""
    out = math.ceil(size / stride)
    total = max((out - 1) * stride + dilated_size(kernel_size, dilation) - size, 0)
    return total // 2, total - total // 2


def conv_padding(size, kernel_size, stride, dilation, padding):
    """(before, after) padding for ``padding`` in {'valid', 'same'}."""
    if padding == "valid":
        return 0, 0
    if padding == "same":
        return same_padding(size, kernel_size, stride, dilation)
    raise ValueError(f"conv: padding must be 'valid' or 'same', received {padding!r}")


def conv_output_length(size, kernel_size, stride, dilation, padding):
    before, after = conv_padding(size, kernel_size, stride, dilation, padding)
    return (size + before + after - dilated_size(kernel_size, dilation)) // stride + 1


def transpose_output_length(size, kernel_size, stride, dilation, padding, output_padding=None):
    """Length of a transposed convolution's output along one axis (TensorFlow's rule)."""
    span = dilated_size(kernel_size, dilation)
    if output_padding is None:
        if padding == "valid":
            return size * stride + max(span - stride, 0)
        return size * stride
    pad = span // 2 if padding == "same" else 0
    return (size - 1) * stride + span - 2 * pad + output_padding


def transpose_geometry(size, kernel_size, stride, dilation, padding, output_padding=None):
    """(length, pad_lo, pad_hi) for a transposed convolution along one axis.

    The transposed convolution equals a plain convolution, with the spatially flipped
    kernel, over the input dilated by ``stride`` (``stride - 1`` zeros between elements)
    and padded by ``pad_lo`` / ``pad_hi`` (either may be negative, meaning a crop).
    """
    length = transpose_output_length(size, kernel_size, stride, dilation, padding, output_padding)
    span = dilated_size(kernel_size, dilation)
    if padding == "same":
        before = max((size - 1) * stride + span - length, 0) // 2
    else:
        before = 0
    pad_lo = span - 1 - before
    pad_hi = length + span - 2 - (size - 1) * stride - pad_lo
    return length, pad_lo, pad_hi
