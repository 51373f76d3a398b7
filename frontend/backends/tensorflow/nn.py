"""Convolutions and pooling on TensorFlow (computed channels_last; TF's CPU kernels need it)."""

import builtins

import tensorflow as tf

from ..common import conv_geometry
from .core import current_device

_slice = builtins.slice


def _tuple(value, n):
    return (value,) * n if isinstance(value, int) else tuple(value)


def _padding(padding):
    if padding not in ("valid", "same"):
        raise ValueError(f"padding must be 'valid' or 'same', received {padding!r}")
    return padding.upper()


def _in_channels_last(fn, x, data_format):
    """fn(x) computed on channels_last data, the result returned in ``data_format``."""
    if data_format not in ("channels_last", "channels_first"):
        raise ValueError(f"data_format must be 'channels_last' or 'channels_first', received {data_format!r}")
    if data_format == "channels_last":
        return fn(x)
    rank = x.shape.rank
    out = fn(tf.transpose(x, [0, *range(2, rank), 1]))
    return tf.transpose(out, [0, rank - 1, *range(1, rank - 1)])


def _subsampled(op, x, kernel, strides, padding, dilation):
    """op at stride 1 on explicitly padded input, keeping every stride-th output position."""
    window = kernel.shape[:len(strides)]
    pads = [conv_geometry.conv_padding(size, k, s, d, padding.lower())
            for size, k, s, d in zip(x.shape[1:-1], window, strides, dilation)]
    out = op(tf.pad(x, [(0, 0), *pads, (0, 0)]), kernel, (1,) * len(strides), "VALID", dilation)
    return out[(_slice(None),) + tuple(_slice(None, None, s) for s in strides)]


def _strided_and_dilated(strides, dilation):
    return builtins.any(s > 1 for s in strides) and builtins.any(d > 1 for d in dilation)


def _grouped_conv(x, kernel, strides, padding, dilation):
    if _strided_and_dilated(strides, dilation):  # TF refuses strides together with dilation
        return _subsampled(_grouped_conv, x, kernel, strides, padding, dilation)
    groups = x.shape[-1] // kernel.shape[-2]
    if groups > 1 and x.shape.rank == 5 and current_device().startswith("cpu"):
        # TF's CPU Conv3D has no grouped kernel: convolve each group and concatenate.
        parts = zip(tf.split(x, groups, axis=-1), tf.split(kernel, groups, axis=-1))
        return tf.concat([tf.nn.convolution(a, k, strides, padding, dilations=dilation) for a, k in parts], -1)
    return tf.nn.convolution(x, kernel, strides, padding, dilations=dilation)


def _depthwise(x, kernel, strides, padding, dilation):
    if x.shape.rank != 4:  # a grouped convolution with one input channel per group
        channels, multiplier = kernel.shape[-2:]
        kernel = tf.reshape(kernel, (*kernel.shape[:-2], 1, channels * multiplier))
        return _grouped_conv(x, kernel, strides, padding, dilation)
    if _strided_and_dilated(strides, dilation) or strides[0] != strides[1]:  # unsupported by the TF kernel
        return _subsampled(_depthwise, x, kernel, strides, padding, dilation)
    return tf.nn.depthwise_conv2d(x, kernel, (1, *strides, 1), padding, dilations=dilation)


def _spatial(x, strides, dilation_rate):
    n = x.shape.rank - 2
    return _tuple(strides, n), _tuple(dilation_rate, n)


def conv(x, kernel, strides, padding, data_format, dilation_rate):
    strides, dilation = _spatial(x, strides, dilation_rate)
    return _in_channels_last(lambda t: _grouped_conv(t, kernel, strides, _padding(padding), dilation), x, data_format)


def depthwise_conv(x, kernel, strides, padding, data_format, dilation_rate):
    strides, dilation = _spatial(x, strides, dilation_rate)
    return _in_channels_last(lambda t: _depthwise(t, kernel, strides, _padding(padding), dilation), x, data_format)


def _dilate(x, strides):
    """Insert ``stride - 1`` zeros between neighbouring elements along each spatial axis."""
    for axis, s in enumerate(strides, start=1):
        if s > 1:
            size = tf.shape(x)
            x = tf.pad(tf.expand_dims(x, axis + 1), [(0, 0)] * (axis + 1) + [(0, s - 1)] + [(0, 0)] * (x.shape.rank - axis - 1))
            x = tf.reshape(x, tf.concat([size[:axis], [size[axis] * s], size[axis + 1:]], 0))
            x = x[(_slice(None),) * axis + (_slice(None, -(s - 1)),)]
    return x


def _conv_transpose_last(x, kernel, strides, padding, output_padding, dilation):
    n, _ = len(strides), _padding(padding)
    output_padding = (None,) * n if output_padding is None else _tuple(output_padding, n)
    geometry = [conv_geometry.transpose_geometry(size, k, s, d, padding, p)
                for size, k, s, d, p in zip(x.shape[1:-1], kernel.shape[:n], strides, dilation, output_padding)]
    if builtins.all(d == 1 for d in dilation) and builtins.all(
            conv_geometry.conv_output_length(g[0], k, s, 1, padding) == size
            for g, size, k, s in zip(geometry, x.shape[1:-1], kernel.shape[:n], strides)):
        output_shape = tf.stack([tf.shape(x)[0], *(g[0] for g in geometry), kernel.shape[-2]])
        return tf.nn.conv_transpose(x, kernel, output_shape, strides, _padding(padding))
    # Where TF's kernel cannot (dilation on CPU, or an output_padding its shape check rejects),
    # convolve the stride-dilated, padded input with the flipped kernel (a negative pad crops).
    x = tf.pad(_dilate(x, strides), [(0, 0), *((builtins.max(lo, 0), builtins.max(hi, 0)) for _, lo, hi in geometry), (0, 0)])
    x = x[(_slice(None),) + tuple(_slice(builtins.max(-lo, 0), hi if hi < 0 else None) for _, lo, hi in geometry)]
    kernel = tf.reverse(tf.transpose(kernel, [*range(n), n + 1, n]), list(range(n)))
    return tf.nn.convolution(x, kernel, 1, "VALID", dilations=dilation)


def conv_transpose(x, kernel, strides, padding, output_padding, data_format, dilation_rate):
    strides, dilation = _spatial(x, strides, dilation_rate)
    return _in_channels_last(lambda t: _conv_transpose_last(t, kernel, strides, padding, output_padding, dilation), x, data_format)


def _pool(pool):
    def run(x, pool_size, strides, padding, data_format):
        n = x.shape.rank - 2
        window = _tuple(pool_size, n)
        strides = window if strides is None else _tuple(strides, n)
        if n == 3 and x.dtype in (tf.float16, tf.float64):  # no such 3-D pooling kernels on CPU
            return tf.cast(run(tf.cast(x, tf.float32), pool_size, strides, padding, data_format), x.dtype)
        return _in_channels_last(lambda t: pool(t, window, strides, _padding(padding)), x, data_format)
    return run


max_pool = _pool(tf.nn.max_pool)
average_pool = _pool(tf.nn.avg_pool)  # 'same' averages only the elements inside the input


def relu(x):
    return tf.nn.relu(x)


def sparse_softmax_cross_entropy(logits, labels):
    if logits.dtype in (tf.float16, tf.bfloat16):  # the fused kernel takes float32 and float64
        return tf.cast(sparse_softmax_cross_entropy(tf.cast(logits, tf.float32), labels), logits.dtype)
    return tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits)
