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


def _strided_dilated(op, x, kernel, strides, padding, dilation):
    """TF refuses strides together with dilation: pad explicitly, convolve densely, subsample."""
    if not (builtins.any(s > 1 for s in strides) and builtins.any(d > 1 for d in dilation)):
        return op(x, kernel, strides, padding, dilation)
    window = kernel.shape[:len(strides)]
    pads = [conv_geometry.conv_padding(size, k, s, d, padding.lower())
            for size, k, s, d in zip(x.shape[1:-1], window, strides, dilation)]
    x = tf.pad(x, [(0, 0), *pads, (0, 0)])
    out = op(x, kernel, (1,) * len(strides), "VALID", dilation)
    return out[(_slice(None),) + tuple(_slice(None, None, s) for s in strides)]


def _grouped_conv(x, kernel, strides, padding, dilation):
    groups = x.shape[-1] // kernel.shape[-2]
    if groups > 1 and x.shape.rank == 5 and current_device().startswith("cpu"):
        # TF's CPU Conv3D has no grouped kernel: convolve each group and concatenate.
        parts = zip(tf.split(x, groups, axis=-1), tf.split(kernel, groups, axis=-1))
        return tf.concat([tf.nn.convolution(a, k, strides, padding, dilations=dilation) for a, k in parts], -1)
    return tf.nn.convolution(x, kernel, strides, padding, dilations=dilation)


def _depthwise(x, kernel, strides, padding, dilation):
    if x.shape.rank == 4:
        return tf.nn.depthwise_conv2d(x, kernel, (1, *strides, 1), padding, dilations=dilation)
    if x.shape.rank == 3:
        out = tf.nn.depthwise_conv2d(x[:, None], kernel[None], (1, 1, *strides, 1), padding, dilations=(1, *dilation))
        return out[:, 0]
    channels, multiplier = kernel.shape[-2:]
    kernel = tf.reshape(kernel, (*kernel.shape[:-2], 1, channels * multiplier))
    return _grouped_conv(x, kernel, strides, padding, dilation)


def _spatial(x, strides, dilation_rate):
    n = x.shape.rank - 2
    return _tuple(strides, n), _tuple(dilation_rate, n)


def conv(x, kernel, strides, padding, data_format, dilation_rate):
    strides, dilation = _spatial(x, strides, dilation_rate)
    return _in_channels_last(lambda t: _strided_dilated(_grouped_conv, t, kernel, strides, _padding(padding), dilation), x, data_format)


def depthwise_conv(x, kernel, strides, padding, data_format, dilation_rate):
    strides, dilation = _spatial(x, strides, dilation_rate)
    return _in_channels_last(lambda t: _strided_dilated(_depthwise, t, kernel, strides, _padding(padding), dilation), x, data_format)


def _conv_transpose_last(x, kernel, strides, padding, output_padding, dilation):
    if builtins.any(s > 1 for s in strides) and builtins.any(d > 1 for d in dilation):
        raise ValueError(f"conv_transpose: TensorFlow does not support dilation_rate > 1 together with strides > 1 "
                         f"(received strides={strides}, dilation_rate={dilation})")
    n = len(strides)
    output_padding = (None,) * n if output_padding is None else _tuple(output_padding, n)
    spatial = [conv_geometry.transpose_output_length(size, k, s, d, padding, p)
               for size, k, s, d, p in zip(x.shape[1:-1], kernel.shape[:n], strides, dilation, output_padding)]
    output_shape = tf.stack([tf.shape(x)[0], *spatial, kernel.shape[-2]])
    return tf.nn.conv_transpose(x, kernel, output_shape, strides, _padding(padding), dilations=dilation)


def conv_transpose(x, kernel, strides, padding, output_padding, data_format, dilation_rate):
    strides, dilation = _spatial(x, strides, dilation_rate)
    return _in_channels_last(lambda t: _conv_transpose_last(t, kernel, strides, padding, output_padding, dilation), x, data_format)


def _pool(kind):
    def run(x, pool_size, strides, padding, data_format):
        n = x.shape.rank - 2
        window = _tuple(pool_size, n)
        strides = window if strides is None else _tuple(strides, n)
        return _in_channels_last(lambda t: tf.nn.pool(t, window, kind, strides=strides, padding=_padding(padding)), x, data_format)
    return run


max_pool = _pool("MAX")
average_pool = _pool("AVG")
