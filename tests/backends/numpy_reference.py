"""Plain NumPy reference implementations used by the primitive conformance tests.

Everything here is written for clarity, not speed: direct loops over output positions
on the small shapes the tests use. The padding rules come from
``frontend.backends.common.conv_geometry`` so that the references and the backends share
one definition of 'same' and of the transposed-convolution geometry; the arithmetic is
independent of every engine.
"""

import math

import numpy as np

from frontend.backends.common import conv_geometry


# --------------------------------------------------------------------------- special functions

_erf_scalar = np.vectorize(math.erf, otypes=[np.float64])


def erf(x):
    return _erf_scalar(np.asarray(x, np.float64))


def erfinv(y):
    """Inverse error function by Newton iteration on ``math.erf`` (|y| < 1)."""
    y = np.asarray(y, np.float64)
    # Giles' single-precision approximation is a good start; Newton polishes it.
    w = -np.log((1.0 - y) * (1.0 + y))
    x = y * np.where(w < 5.0, 1.5 + 0.25 * (w - 2.5), 3.0)
    x = np.clip(x, -6, 6)
    for _ in range(60):
        err = erf(x) - y
        x = x - err / (2.0 / math.sqrt(math.pi) * np.exp(-x * x))
    return x


def sigmoid(x):
    x = np.asarray(x, np.float64)
    return 1.0 / (1.0 + np.exp(-x))


# --------------------------------------------------------------------------- layout helpers

def to_channels_last(x, data_format):
    if data_format == "channels_last":
        return x
    return np.moveaxis(x, 1, -1)


def from_channels_last(x, data_format):
    if data_format == "channels_last":
        return x
    return np.moveaxis(x, -1, 1)


def _pad_spatial(x, pads, value=0.0):
    """Pad the spatial axes of a channels-last array (batch, *spatial, C)."""
    width = [(0, 0)] + [tuple(p) for p in pads] + [(0, 0)]
    return np.pad(x, width, mode="constant", constant_values=value)


# --------------------------------------------------------------------------- convolutions

def conv(x, kernel, strides, padding, data_format="channels_last", dilation_rate=None):
    """N-D grouped convolution; x (batch, *spatial, C) or channels_first; kernel (*window, C // groups, filters)."""
    x = to_channels_last(np.asarray(x, np.float64), data_format)
    kernel = np.asarray(kernel, np.float64)
    nd = x.ndim - 2
    window = kernel.shape[:nd]
    strides = tuple(strides)
    dilation = tuple(dilation_rate) if dilation_rate is not None else (1,) * nd
    channels = x.shape[-1]
    group_in = kernel.shape[-2]
    filters = kernel.shape[-1]
    groups = channels // group_in
    assert groups * group_in == channels and filters % groups == 0
    group_out = filters // groups

    pads = [
        conv_geometry.conv_padding(x.shape[1 + i], window[i], strides[i], dilation[i], padding)
        for i in range(nd)
    ]
    xp = _pad_spatial(x, pads)
    out_sizes = [
        conv_geometry.conv_output_length(x.shape[1 + i], window[i], strides[i], dilation[i], padding)
        for i in range(nd)
    ]
    out = np.zeros((x.shape[0], *out_sizes, filters), np.float64)
    # kernel (*window, group_in, groups, group_out)
    k = kernel.reshape(*window, group_in, groups, group_out)
    for pos in np.ndindex(*out_sizes):
        index = (slice(None),) + tuple(
            slice(pos[i] * strides[i], pos[i] * strides[i] + (window[i] - 1) * dilation[i] + 1, dilation[i])
            for i in range(nd)
        )
        patch = xp[index]  # (batch, *window, C)
        patch = patch.reshape(patch.shape[0], *window, groups, group_in)
        # sum over window taps and the input channels of each group
        flat_patch = patch.reshape(patch.shape[0], -1, groups, group_in)
        flat_kernel = k.reshape(-1, group_in, groups, group_out)
        value = np.einsum("nwgc,wcgo->ngo", flat_patch, flat_kernel)
        out[(slice(None),) + pos] = value.reshape(patch.shape[0], filters)
    return from_channels_last(out, data_format)


def depthwise_conv(x, kernel, strides, padding, data_format="channels_last", dilation_rate=None):
    """kernel (*window, C, multiplier); output channel c * multiplier + m reads input channel c."""
    kernel = np.asarray(kernel, np.float64)
    window = kernel.shape[:-2]
    channels, multiplier = kernel.shape[-2:]
    grouped = kernel.reshape(*window, 1, channels * multiplier)
    return conv(x, grouped, strides, padding, data_format, dilation_rate)


def conv_transpose(x, kernel, strides, padding, output_padding=None, data_format="channels_last", dilation_rate=None):
    """Transposed convolution by scattering: every input element times the kernel, added into
    the full output, then cropped (or zero-extended) by ``conv_geometry.transpose_geometry``.

    kernel (*window, filters, C): input channel c contributes ``x[..., c] * kernel[..., f, c]``
    to output channel f.
    """
    x = to_channels_last(np.asarray(x, np.float64), data_format)
    kernel = np.asarray(kernel, np.float64)
    nd = x.ndim - 2
    window = kernel.shape[:nd]
    filters = kernel.shape[-2]
    strides = tuple(strides)
    dilation = tuple(dilation_rate) if dilation_rate is not None else (1,) * nd
    out_pad = tuple(output_padding) if output_padding is not None else (None,) * nd
    sizes = x.shape[1:-1]

    geometry = [
        conv_geometry.transpose_geometry(sizes[i], window[i], strides[i], dilation[i], padding, out_pad[i])
        for i in range(nd)
    ]
    spans = [conv_geometry.dilated_size(window[i], dilation[i]) for i in range(nd)]
    # ``before`` = how much of the start of the full scatter output is cropped away
    befores = [spans[i] - 1 - geometry[i][1] for i in range(nd)]
    full_sizes = [
        max((sizes[i] - 1) * strides[i] + spans[i], befores[i] + geometry[i][0]) for i in range(nd)
    ]
    full = np.zeros((x.shape[0], *full_sizes, filters), np.float64)
    for pos in np.ndindex(*sizes):
        contribution = np.einsum("nc,...fc->n...f", x[(slice(None),) + pos], kernel)  # (n, *window, f)
        index = (slice(None),) + tuple(
            slice(pos[i] * strides[i], pos[i] * strides[i] + spans[i], dilation[i]) for i in range(nd)
        )
        full[index] += contribution
    crop = (slice(None),) + tuple(slice(befores[i], befores[i] + geometry[i][0]) for i in range(nd))
    out = full[crop]
    assert out.shape[1:-1] == tuple(g[0] for g in geometry)
    return from_channels_last(out, data_format)


# --------------------------------------------------------------------------- pooling

def _pool(x, pool_size, strides, padding, data_format, reduce):
    x = to_channels_last(np.asarray(x, np.float64), data_format)
    nd = x.ndim - 2
    pool_size = tuple(pool_size)
    strides = tuple(strides)
    sizes = x.shape[1:-1]
    pads = [conv_geometry.conv_padding(sizes[i], pool_size[i], strides[i], 1, padding) for i in range(nd)]
    out_sizes = [
        conv_geometry.conv_output_length(sizes[i], pool_size[i], strides[i], 1, padding) for i in range(nd)
    ]
    out = np.zeros((x.shape[0], *out_sizes, x.shape[-1]), np.float64)
    for pos in np.ndindex(*out_sizes):
        index = [slice(None)]
        for i in range(nd):
            start = pos[i] * strides[i] - pads[i][0]
            stop = start + pool_size[i]
            # only the positions inside the input take part ('same' pads with -inf for max,
            # and averages only real elements)
            index.append(slice(max(start, 0), min(stop, sizes[i])))
        window = x[tuple(index)]
        window = window.reshape(window.shape[0], -1, window.shape[-1])
        out[(slice(None),) + pos] = reduce(window, axis=1)
    return from_channels_last(out, data_format)


def max_pool(x, pool_size, strides, padding, data_format="channels_last"):
    return _pool(x, pool_size, strides, padding, data_format, np.max)


def average_pool(x, pool_size, strides, padding, data_format="channels_last"):
    return _pool(x, pool_size, strides, padding, data_format, np.mean)


# --------------------------------------------------------------------------- indexing helpers

def segment_sum(data, segment_ids, num_segments):
    data = np.asarray(data)
    out = np.zeros((num_segments,) + data.shape[1:], data.dtype)
    np.add.at(out, np.asarray(segment_ids), data)
    return out


def segment_max(data, segment_ids, num_segments, empty_value):
    data = np.asarray(data)
    out = np.full((num_segments,) + data.shape[1:], empty_value, data.dtype)
    np.maximum.at(out, np.asarray(segment_ids), data)
    return out


def scatter_add(shape, indices, values, dtype):
    out = np.zeros(shape, dtype)
    indices = np.asarray(indices)
    np.add.at(out, tuple(indices[:, j] for j in range(indices.shape[1])), np.asarray(values, dtype))
    return out


def scatter_update(x, indices, updates):
    out = np.array(x, copy=True)
    for i, index in enumerate(np.asarray(indices)):
        out[tuple(index)] = updates[i]
    return out
