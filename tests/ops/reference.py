"""Hand-written NumPy references for the ops NumPy lacks (special functions, nn, images).

Written for clarity: direct loops over output positions on the tiny shapes the suite
uses. 'same' padding is TensorFlow's rule (``ceil(n / stride)`` outputs, the odd element
of padding at the end), transposed convolutions follow Keras 3 (TensorFlow's
``conv_transpose``), and image resizing uses half-pixel centers; none of it is imported
from the library.
"""

import itertools
import math

import numpy as np

# --------------------------------------------------------------------------- special functions

_erf = np.vectorize(math.erf, otypes=[np.float64])


def erf(x):
    return _erf(np.asarray(x, np.float64))


def erfinv(y):
    """Inverse of erf by Newton's method (|y| < 1)."""
    y = np.asarray(y, np.float64)
    x = np.zeros_like(y)
    for _ in range(100):
        x = x - (erf(x) - y) / (2.0 / math.sqrt(math.pi) * np.exp(-x * x))
    return x


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-np.asarray(x, np.float64)))


def softplus(x):
    x = np.asarray(x, np.float64)
    return np.log1p(np.exp(-np.abs(x))) + np.maximum(x, 0)


def softmax(x, axis=-1):
    x = np.asarray(x, np.float64)
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def log_softmax(x, axis=-1):
    x = np.asarray(x, np.float64)
    shifted = x - x.max(axis=axis, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=axis, keepdims=True))


def logsumexp(x, axis=None, keepdims=False):
    x = np.asarray(x, np.float64)
    peak = x.max(axis=axis, keepdims=True)
    result = np.log(np.exp(x - peak).sum(axis=axis, keepdims=True)) + peak
    return result if keepdims else np.squeeze(result, axis=axis) if axis is not None else result.reshape(())


# --------------------------------------------------------------------------- convolution geometry


def same_pads(size, window, stride, dilation=1):
    """TensorFlow 'same': ceil(size / stride) outputs, the odd padding element after."""
    span = (window - 1) * dilation + 1
    out = -(-size // stride)
    total = max((out - 1) * stride + span - size, 0)
    return total // 2, total - total // 2


def _channels_last(x, data_format):
    return x if data_format == "channels_last" else np.moveaxis(x, 1, -1)


def _restore(y, data_format):
    return y if data_format == "channels_last" else np.moveaxis(y, -1, 1)


def _pads(spatial, window, strides, dilation, padding):
    if padding == "valid":
        return [(0, 0)] * len(spatial)
    return [same_pads(n, k, s, d) for n, k, s, d in zip(spatial, window, strides, dilation)]


def _as_tuple(value, n):
    return (value,) * n if isinstance(value, int) else tuple(value)


def conv(x, kernel, strides=1, padding="valid", data_format="channels_last", dilation_rate=1):
    """Grouped N-D convolution; kernel (*window, C // groups, filters); 'causal' for 1-D."""
    x = _channels_last(np.asarray(x, np.float64), data_format)
    kernel = np.asarray(kernel, np.float64)
    n = x.ndim - 2
    window = kernel.shape[:n]
    strides, dilation = _as_tuple(strides, n), _as_tuple(dilation_rate, n)
    if padding == "causal":
        pads = [((window[0] - 1) * dilation[0], 0)]
    else:
        pads = _pads(x.shape[1:-1], window, strides, dilation, padding)
    x = np.pad(x, [(0, 0)] + pads + [(0, 0)])
    channels, per_group, filters = x.shape[-1], kernel.shape[-2], kernel.shape[-1]
    groups = channels // per_group
    out_per_group = filters // groups
    spans = [(k - 1) * d + 1 for k, d in zip(window, dilation)]
    out_shape = [(size - span) // s + 1 for size, span, s in zip(x.shape[1:-1], spans, strides)]
    y = np.zeros((x.shape[0], *out_shape, filters))
    for position in itertools.product(*[range(o) for o in out_shape]):
        for tap in itertools.product(*[range(k) for k in window]):
            index = tuple(p * s + t * d for p, s, t, d in zip(position, strides, tap, dilation))
            patch = x[(slice(None),) + index]  # (batch, C)
            for f in range(filters):
                g = f // out_per_group
                y[(slice(None),) + position + (f,)] += patch[:, g * per_group:(g + 1) * per_group] @ kernel[tap + (slice(None), f)]
    return _restore(y, data_format)


def depthwise_conv(x, kernel, strides=1, padding="valid", data_format="channels_last", dilation_rate=1):
    """Each input channel c convolved with kernel[..., c, m] gives output channel c * M + m."""
    x = _channels_last(np.asarray(x, np.float64), data_format)
    kernel = np.asarray(kernel, np.float64)
    n = x.ndim - 2
    channels, multiplier = kernel.shape[-2], kernel.shape[-1]
    outputs = []
    for c in range(channels):
        for m in range(multiplier):
            single = kernel[..., c:c + 1, m:m + 1]
            outputs.append(conv(x[..., c:c + 1], single, strides, padding, "channels_last", dilation_rate))
    return _restore(np.concatenate(outputs, axis=-1), data_format)


def separable_conv(x, depthwise_kernel, pointwise_kernel, strides=1, padding="valid",
                   data_format="channels_last", dilation_rate=1):
    depthwise = depthwise_conv(x, depthwise_kernel, strides, padding, data_format, dilation_rate)
    return conv(depthwise, pointwise_kernel, 1, "valid", data_format, 1)


def conv_transpose_length(size, window, stride, dilation, padding, output_padding):
    """Keras 3's output length of a transposed convolution along one axis."""
    span = (window - 1) * dilation + 1
    if output_padding is None:
        return size * stride + max(span - stride, 0) if padding == "valid" else size * stride
    pad = span // 2 if padding == "same" else 0
    return (size - 1) * stride + span - 2 * pad + output_padding


def conv_transpose(x, kernel, strides=1, padding="valid", output_padding=None, data_format="channels_last",
                   dilation_rate=1):
    """The adjoint of conv: kernel (*window, filters, C); each input element scatters a kernel copy.

    The output of length L is what a 'same'/'valid' convolution of an L-long signal reads:
    input position j and tap k land on output j * stride + k * dilation - before, where
    ``before`` is that forward convolution's leading padding.
    """
    x = _channels_last(np.asarray(x, np.float64), data_format)
    kernel = np.asarray(kernel, np.float64)
    n = x.ndim - 2
    window = kernel.shape[:n]
    strides, dilation = _as_tuple(strides, n), _as_tuple(dilation_rate, n)
    out_pad = (None,) * n if output_padding is None else _as_tuple(output_padding, n)
    lengths = [conv_transpose_length(s, k, st, d, padding, op)
               for s, k, st, d, op in zip(x.shape[1:-1], window, strides, dilation, out_pad)]
    befores = [same_pads(L, k, st, d)[0] if padding == "same" else 0
               for L, k, st, d in zip(lengths, window, strides, dilation)]
    y = np.zeros((x.shape[0], *lengths, kernel.shape[-2]))
    for position in itertools.product(*[range(s) for s in x.shape[1:-1]]):
        for tap in itertools.product(*[range(k) for k in window]):
            target = tuple(p * st + t * d - b for p, st, t, d, b in zip(position, strides, tap, dilation, befores))
            if all(0 <= t < L for t, L in zip(target, lengths)):
                # x[..., C] @ kernel[tap][filters, C]^T -> (batch, filters)
                y[(slice(None),) + target] += x[(slice(None),) + position] @ kernel[tap].T
    return _restore(y, data_format)


def pool(x, pool_size, strides=None, padding="valid", data_format="channels_last", kind="max"):
    """Max pooling (padding never wins) or average pooling over the elements inside the input."""
    x = _channels_last(np.asarray(x, np.float64), data_format)
    n = x.ndim - 2
    window = _as_tuple(pool_size, n)
    strides = window if strides is None else _as_tuple(strides, n)
    pads = _pads(x.shape[1:-1], window, strides, (1,) * n, padding)
    spatial = x.shape[1:-1]
    out_shape = [(size + a + b - k) // s + 1 for size, (a, b), k, s in zip(spatial, pads, window, strides)]
    y = np.zeros((x.shape[0], *out_shape, x.shape[-1]))
    for position in itertools.product(*[range(o) for o in out_shape]):
        ranges = []
        for p, s, k, (before, _), size in zip(position, strides, window, pads, spatial):
            start = p * s - before
            ranges.append(slice(max(start, 0), min(start + k, size)))
        block = x[(slice(None),) + tuple(ranges) + (slice(None),)]
        block = block.reshape(x.shape[0], -1, x.shape[-1])
        y[(slice(None),) + position] = block.max(axis=1) if kind == "max" else block.mean(axis=1)
    return _restore(y, data_format)


# --------------------------------------------------------------------------- images


def _resize_axis(x, axis, out_size, interpolation):
    in_size = x.shape[axis]
    scale = in_size / out_size
    result = []
    for i in range(out_size):
        if interpolation == "nearest":
            j = min(int(math.floor((i + 0.5) * scale)), in_size - 1)
            result.append(np.take(x, j, axis=axis))
        else:
            center = min(max((i + 0.5) * scale - 0.5, 0.0), in_size - 1)
            low = int(math.floor(center))
            high = min(low + 1, in_size - 1)
            frac = center - low
            result.append(np.take(x, low, axis=axis) * (1 - frac) + np.take(x, high, axis=axis) * frac)
    return np.stack(result, axis=axis)


def resize(images, size, interpolation="bilinear", data_format="channels_last"):
    """Half-pixel-center resampling (TensorFlow 2's tf.image.resize without antialiasing)."""
    x = np.asarray(images, np.float64)
    h_axis, w_axis = (x.ndim - 3, x.ndim - 2) if data_format == "channels_last" else (x.ndim - 2, x.ndim - 1)
    x = _resize_axis(x, h_axis, size[0], interpolation)
    return _resize_axis(x, w_axis, size[1], interpolation)
