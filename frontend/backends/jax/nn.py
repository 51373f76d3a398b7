"""Convolution and pooling on JAX (lax.conv_general_dilated, lax.reduce_window)."""

import jax
import jax.numpy as jnp
import numpy as np
from jax import lax

from frontend.backends.common import conv_geometry


def _tuple(value, n):
    return (value,) * n if isinstance(value, int) else tuple(value)


def _layouts(n, data_format):
    """(input/output layout, kernel layout) strings for n spatial axes."""
    spatial = "DHW"[3 - n:] if n <= 3 else None
    if spatial is None:
        raise ValueError(f"conv: expected 1 to 3 spatial axes, received {n}")
    image = "N" + spatial + "C" if data_format == "channels_last" else "NC" + spatial
    return image, spatial + "IO"


def _conv(x, kernel, strides, padding, dilation, data_format, groups, lhs_dilation=None):
    n = x.ndim - 2
    image, weights = _layouts(n, data_format)
    return lax.conv_general_dilated(
        x, kernel, window_strides=_tuple(strides, n), padding=padding,
        lhs_dilation=lhs_dilation, rhs_dilation=_tuple(dilation, n),
        dimension_numbers=(image, weights, image), feature_group_count=groups,
    )


def _channels(x, data_format):
    return x.shape[-1] if data_format == "channels_last" else x.shape[1]


def _spatial(x, data_format):
    return x.shape[1:-1] if data_format == "channels_last" else x.shape[2:]


def conv(x, kernel, strides, padding, data_format, dilation_rate):
    groups = _channels(x, data_format) // kernel.shape[-2]
    return _conv(x, kernel, strides, padding.upper(), dilation_rate, data_format, groups)


def depthwise_conv(x, kernel, strides, padding, data_format, dilation_rate):
    *window, channels, multiplier = kernel.shape
    kernel = kernel.reshape(*window, 1, channels * multiplier)
    return _conv(x, kernel, strides, padding.upper(), dilation_rate, data_format, channels)


def conv_transpose(x, kernel, strides, padding, output_padding, data_format, dilation_rate):
    n, padding = x.ndim - 2, padding.lower()
    strides, dilation = _tuple(strides, n), _tuple(dilation_rate, n)
    output_padding = (None,) * n if output_padding is None else _tuple(output_padding, n)
    pads = [
        conv_geometry.transpose_geometry(size, k, s, d, padding, op)[1:]
        for size, k, s, d, op in zip(_spatial(x, data_format), kernel.shape[:n], strides, dilation, output_padding)
    ]
    kernel = lax.rev(kernel, tuple(range(n))).swapaxes(-1, -2)  # (*window, C, filters)
    return _conv(x, kernel, (1,) * n, pads, dilation, data_format, 1, lhs_dilation=strides)


def _window(x, pool_size, strides, data_format):
    n = x.ndim - 2
    pool_size = _tuple(pool_size, n)
    strides = pool_size if strides is None else _tuple(strides, n)
    if data_format == "channels_last":
        return (1, *pool_size, 1), (1, *strides, 1)
    return (1, 1, *pool_size), (1, 1, *strides)


def max_pool(x, pool_size, strides, padding, data_format):
    window, steps = _window(x, pool_size, strides, data_format)
    kind = np.dtype(x.dtype)
    lowest = -np.inf if kind.kind == "f" or kind.name == "bfloat16" else np.iinfo(kind).min
    return lax.reduce_window(x, np.array(lowest, kind), lax.max, window, steps, padding.upper())


def average_pool(x, pool_size, strides, padding, data_format):
    window, steps = _window(x, pool_size, strides, data_format)
    zero = np.array(0, x.dtype)
    total = lax.reduce_window(x, zero, lax.add, window, steps, padding.upper())
    if padding.lower() == "valid":
        return total / np.array(np.prod(window), x.dtype)
    ones = lax.full((1, *x.shape[1:]), 1, x.dtype)
    count = lax.reduce_window(ones, zero, lax.add, window, steps, "SAME")
    return total / count


def relu(x):
    return jax.nn.relu(x)


def sparse_softmax_cross_entropy(logits, labels):
    log_probs = jax.nn.log_softmax(logits, axis=-1)
    labels = labels.astype(jnp.int32)
    picked = jnp.take_along_axis(log_probs, jnp.clip(labels, 0, logits.shape[-1] - 1)[..., None], axis=-1)[..., 0]
    valid = (labels >= 0) & (labels < logits.shape[-1])
    return jnp.where(valid, -picked, jnp.nan)  # an impossible label gives NaN (a jitted step cannot raise)
