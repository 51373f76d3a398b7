"""Convolution and pooling on PyTorch, with Keras kernel layouts and TensorFlow padding."""

import torch
import torch.nn.functional as F

from frontend.backends.common.conv_geometry import conv_padding, transpose_geometry

_CONV = {1: F.conv1d, 2: F.conv2d, 3: F.conv3d}
_CONV_T = {1: F.conv_transpose1d, 2: F.conv_transpose2d, 3: F.conv_transpose3d}
_MAX_POOL = {1: F.max_pool1d, 2: F.max_pool2d, 3: F.max_pool3d}
_AVG_POOL = {1: F.avg_pool1d, 2: F.avg_pool2d, 3: F.avg_pool3d}


def _channels_first(x, data_format):
    return x.movedim(-1, 1) if data_format == "channels_last" else x


def _restore(y, data_format):
    return y.movedim(1, -1) if data_format == "channels_last" else y


def _tuple(value, n):
    return (value,) * n if isinstance(value, int) else tuple(value)


def _flat_pad(pairs):
    """F.pad's argument (last axis first) for (before, after) pairs over the spatial axes."""
    return [v for before, after in reversed(pairs) for v in (before, after)]


def _pairs(x, window, strides, dilation, padding):
    """TensorFlow's (before, after) padding for each spatial axis of channels-first x."""
    return [conv_padding(n, k, s, d, padding) for n, k, s, d in zip(x.shape[2:], window, strides, dilation)]


def _pad(x, pairs, value=0.0):
    return F.pad(x, _flat_pad(pairs), value=value) if any(before or after for before, after in pairs) else x


def _kernel_to_torch(kernel):
    """Keras (*window, in, out) to torch (out, in, *window); also (*window, out, in) to (in, out, *window)."""
    n = kernel.ndim - 2
    return kernel.permute(n + 1, n, *range(n)).contiguous()  # conv_transpose's backward needs contiguous weights


def _convolve(x, weight, window, strides, padding, data_format, dilation_rate, groups):
    n = x.ndim - 2
    strides, dilation = _tuple(strides, n), _tuple(dilation_rate, n)
    x = _channels_first(x, data_format)
    pairs = _pairs(x, window, strides, dilation, padding)
    if all(before == after for before, after in pairs):  # let torch pad symmetrically
        y = _CONV[n](x, weight, None, strides, [before for before, _ in pairs], dilation, groups)
    else:
        y = _CONV[n](_pad(x, pairs), weight, None, strides, 0, dilation, groups)
    return _restore(y, data_format)


def conv(x, kernel, strides, padding, data_format, dilation_rate):
    n = x.ndim - 2
    channels = x.shape[-1] if data_format == "channels_last" else x.shape[1]
    groups = channels // kernel.shape[-2]
    return _convolve(x, _kernel_to_torch(kernel), kernel.shape[:n], strides, padding, data_format, dilation_rate, groups)


def depthwise_conv(x, kernel, strides, padding, data_format, dilation_rate):
    n = x.ndim - 2
    window, channels = tuple(kernel.shape[:n]), kernel.shape[n]
    weight = _kernel_to_torch(kernel.reshape(window + (1, channels * kernel.shape[-1])))
    return _convolve(x, weight, window, strides, padding, data_format, dilation_rate, channels)


def conv_transpose(x, kernel, strides, padding, output_padding, data_format, dilation_rate):
    n = x.ndim - 2
    strides, dilation = _tuple(strides, n), _tuple(dilation_rate, n)
    output_padding = (None,) * n if output_padding is None else _tuple(output_padding, n)
    x = _channels_first(x, data_format)
    y = _CONV_T[n](x, _kernel_to_torch(kernel), None, strides, 0, 0, 1, dilation)
    pairs = []
    for size, full, k, s, d, op in zip(x.shape[2:], y.shape[2:], kernel.shape[:n], strides, dilation, output_padding):
        length, pad_lo, _ = transpose_geometry(size, k, s, d, padding, op)
        offset = (k - 1) * d - pad_lo  # where the wanted output starts inside the full one
        pairs.append((-offset, length - (full - offset)))
    return _restore(F.pad(y, _flat_pad(pairs)), data_format)


def _pool_args(x, pool_size, strides):
    n = x.ndim - 2
    pool_size = _tuple(pool_size, n)
    return n, pool_size, pool_size if strides is None else _tuple(strides, n)


def max_pool(x, pool_size, strides, padding, data_format):
    n, window, strides = _pool_args(x, pool_size, strides)
    x = _channels_first(x, data_format)
    x = _pad(x, _pairs(x, window, strides, (1,) * n, padding), float("-inf"))
    return _restore(_MAX_POOL[n](x, window, strides), data_format)


def average_pool(x, pool_size, strides, padding, data_format):
    n, window, strides = _pool_args(x, pool_size, strides)
    x = _channels_first(x, data_format)
    if padding == "valid":
        return _restore(_AVG_POOL[n](x, window, strides), data_format)
    pairs = _pairs(x, window, strides, (1,) * n, padding)
    ones = torch.ones((1, 1) + tuple(x.shape[2:]), dtype=x.dtype, device=x.device)
    total = _AVG_POOL[n](_pad(x, pairs), window, strides)
    count = _AVG_POOL[n](_pad(ones, pairs), window, strides)
    return _restore(total / count, data_format)


def relu(x):
    return torch.relu(x)


def sparse_softmax_cross_entropy(logits, labels):
    # cross_entropy fuses log_softmax and the pick of each label's term (one autograd node each way).
    if logits.ndim == 2:
        return F.cross_entropy(logits, labels.long(), reduction="none")
    flat = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), labels.reshape(-1).long(), reduction="none")
    return flat.reshape(labels.shape)
