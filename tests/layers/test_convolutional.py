"""Convolution layers against direct NumPy loops; shapes, weights, configs and errors."""

import numpy as np
import pytest

from frontend import layers, ops

RNG = np.random.default_rng(7)


def _numpy(x):
    return ops.convert_to_numpy(x)


def _to_last(x, data_format):
    return x if data_format == "channels_last" else np.moveaxis(x, 1, -1)


def _from_last(x, data_format):
    return x if data_format == "channels_last" else np.moveaxis(x, -1, 1)


def _pads(sizes, window, strides, dilation, padding):
    pads = []
    for size, k, s, d in zip(sizes, window, strides, dilation):
        span = (k - 1) * d + 1
        if padding == "valid":
            pads.append((0, 0))
        elif padding == "causal":
            pads.append((span - 1, 0))
        else:
            total = max((-(-size // s) - 1) * s + span - size, 0)
            pads.append((total // 2, total - total // 2))
    return pads


def conv_reference(x, kernel, strides, padding, dilation, groups=1):
    """Channels-last grouped convolution: a loop over kernel taps, each a matmul per group."""
    rank = x.ndim - 2
    window = kernel.shape[:rank]
    x = np.pad(x, [(0, 0)] + _pads(x.shape[1:-1], window, strides, dilation, padding) + [(0, 0)])
    sizes = [(n - (k - 1) * d - 1) // s + 1 for n, k, s, d in zip(x.shape[1:-1], window, strides, dilation)]
    per_in, per_out = kernel.shape[-2], kernel.shape[-1] // groups
    out = np.zeros((x.shape[0], *sizes, kernel.shape[-1]))
    for tap in np.ndindex(*window):
        index = tuple(slice(t * d, t * d + (o - 1) * s + 1, s) for t, d, o, s in zip(tap, dilation, sizes, strides))
        patch = x[(slice(None),) + index]
        for g in range(groups):
            out[..., g * per_out:(g + 1) * per_out] += (
                patch[..., g * per_in:(g + 1) * per_in] @ kernel[tap][:, g * per_out:(g + 1) * per_out]
            )
    return out


def conv_transpose_reference(x, kernel, strides, padding, output_padding, dilation):
    """Channels-last transposed convolution: scatter-add every input position, then crop."""
    rank = x.ndim - 2
    window = kernel.shape[:rank]
    spans = [(k - 1) * d + 1 for k, d in zip(window, dilation)]
    full = np.zeros((x.shape[0], *[(n - 1) * s + span for n, s, span in zip(x.shape[1:-1], strides, spans)],
                     kernel.shape[-2]))
    for position in np.ndindex(*x.shape[1:-1]):
        for tap in np.ndindex(*window):
            target = tuple(p * s + t * d for p, s, t, d in zip(position, strides, tap, dilation))
            full[(slice(None),) + target] += x[(slice(None),) + position] @ kernel[tap].T
    output_padding = output_padding or (None,) * rank
    lengths, starts = [], []
    for n, s, span, op in zip(x.shape[1:-1], strides, spans, output_padding):
        if op is None:
            length = n * s if padding == "same" else (n - 1) * s + max(span, s)
        else:
            length = (n - 1) * s + (span % 2 if padding == "same" else span) + op
        lengths.append(length)
        starts.append(max((n - 1) * s + span - length, 0) // 2 if padding == "same" else 0)
    out = np.zeros((x.shape[0], *lengths, kernel.shape[-2]))
    index = tuple(slice(0, min(length, full_size - start)) for length, full_size, start
                  in zip(lengths, full.shape[1:-1], starts))
    source = tuple(slice(start, start + sl.stop) for start, sl in zip(starts, index))
    out[(slice(None),) + index] = full[(slice(None),) + source]
    return out


def depthwise_reference(x, kernel, strides, padding, dilation):
    """Each channel convolved with its own ``multiplier`` filters; output channel c * m + j."""
    channels, multiplier = kernel.shape[-2:]
    grouped = kernel.reshape(*kernel.shape[:-2], 1, channels * multiplier)
    return conv_reference(x, grouped, strides, padding, dilation, groups=channels)


def _build_with_random_weights(layer, x):
    layer(x)
    weights = [RNG.standard_normal(w.shape).astype("float32") for w in layer.weights]
    layer.set_weights(weights)
    return weights


def _check(layer, x, expected, expected_shape):
    out = _numpy(layer(x))
    assert out.shape == expected_shape
    np.testing.assert_allclose(out, expected, rtol=1e-4, atol=1e-4)
    symbolic = layer(layers.Input(x.shape[1:]))
    assert symbolic.shape == (None,) + expected_shape[1:]


CONV_CASES = [
    ("Conv1D", dict(filters=4, kernel_size=3), (2, 10, 6), (2, 8, 4)),
    ("Conv1D", dict(filters=4, kernel_size=3, padding="causal", dilation_rate=2), (2, 10, 6), (2, 10, 4)),
    ("Conv1D", dict(filters=4, kernel_size=3, strides=2, padding="same", groups=2), (2, 11, 6), (2, 6, 4)),
    ("Conv1D", dict(filters=4, kernel_size=2, data_format="channels_first"), (2, 6, 9), (2, 4, 8)),
    ("Conv2D", dict(filters=4, kernel_size=(3, 2), strides=(2, 1), padding="same"), (2, 9, 8, 3), (2, 5, 8, 4)),
    ("Conv2D", dict(filters=6, kernel_size=3, dilation_rate=2, groups=3), (2, 9, 8, 6), (2, 5, 4, 6)),
    ("Conv2D", dict(filters=4, kernel_size=3, padding="same", data_format="channels_first"), (2, 3, 7, 8),
     (2, 4, 7, 8)),
    ("Conv3D", dict(filters=3, kernel_size=2, strides=(1, 2, 1), padding="same"), (2, 5, 6, 4, 2), (2, 5, 3, 4, 3)),
]


@pytest.mark.parametrize("name, kwargs, shape, out_shape", CONV_CASES)
def test_conv_matches_loop_reference(name, kwargs, shape, out_shape):
    layer = getattr(layers, name)(**kwargs)
    x = RNG.standard_normal(shape).astype("float32")
    kernel, bias = _build_with_random_weights(layer, x)
    fmt = layer.data_format
    rank = len(shape) - 2
    expected = conv_reference(_to_last(x, fmt), kernel, layer.strides, layer.padding, layer.dilation_rate,
                              kwargs.get("groups", 1)) + bias
    _check(layer, x, _from_last(expected, fmt), out_shape)
    assert kernel.shape == layer.kernel_size + (_to_last(x, fmt).shape[-1] // layer.groups, kwargs["filters"])
    assert len(layer.kernel_size) == rank


TRANSPOSE_CASES = [
    ("Conv1DTranspose", dict(filters=3, kernel_size=3, strides=2), (2, 5, 4), (2, 11, 3)),
    ("Conv1DTranspose", dict(filters=3, kernel_size=4, strides=3, padding="same", output_padding=2), (2, 5, 4),
     (2, 14, 3)),
    ("Conv2DTranspose", dict(filters=3, kernel_size=3, strides=2, padding="same"), (2, 4, 5, 2), (2, 8, 10, 3)),
    ("Conv2DTranspose", dict(filters=3, kernel_size=(3, 2), strides=(2, 3), output_padding=(1, 2)), (2, 4, 5, 2),
     (2, 10, 16, 3)),
    ("Conv2DTranspose", dict(filters=3, kernel_size=3, dilation_rate=2, data_format="channels_first"),
     (2, 2, 4, 5), (2, 3, 8, 9)),
    ("Conv2DTranspose", dict(filters=2, kernel_size=2, strides=3), (1, 3, 3, 2), (1, 9, 9, 2)),
    ("Conv3DTranspose", dict(filters=2, kernel_size=2, strides=2, padding="same"), (1, 3, 4, 2, 2),
     (1, 6, 8, 4, 2)),
]


@pytest.mark.parametrize("name, kwargs, shape, out_shape", TRANSPOSE_CASES)
def test_conv_transpose_matches_scatter_reference(name, kwargs, shape, out_shape):
    layer = getattr(layers, name)(**kwargs)
    x = RNG.standard_normal(shape).astype("float32")
    kernel, bias = _build_with_random_weights(layer, x)
    fmt = layer.data_format
    assert kernel.shape == layer.kernel_size + (kwargs["filters"], _to_last(x, fmt).shape[-1])
    expected = conv_transpose_reference(_to_last(x, fmt), kernel, layer.strides, layer.padding,
                                        layer.output_padding, layer.dilation_rate) + bias
    _check(layer, x, _from_last(expected, fmt), out_shape)


DEPTHWISE_CASES = [
    ("DepthwiseConv1D", dict(kernel_size=3, depth_multiplier=2, strides=2, padding="same"), (2, 9, 3), (2, 5, 6)),
    ("DepthwiseConv1D", dict(kernel_size=3, dilation_rate=2, data_format="channels_first"), (2, 3, 9), (2, 3, 5)),
    ("DepthwiseConv2D", dict(kernel_size=3, depth_multiplier=3), (2, 6, 7, 2), (2, 4, 5, 6)),
    ("DepthwiseConv2D", dict(kernel_size=(2, 3), strides=2, padding="same", data_format="channels_first"),
     (2, 2, 7, 6), (2, 2, 4, 3)),
]


@pytest.mark.parametrize("name, kwargs, shape, out_shape", DEPTHWISE_CASES)
def test_depthwise_conv_matches_reference(name, kwargs, shape, out_shape):
    layer = getattr(layers, name)(**kwargs)
    x = RNG.standard_normal(shape).astype("float32")
    kernel, bias = _build_with_random_weights(layer, x)
    fmt = layer.data_format
    assert [w.name for w in layer.weights] == ["kernel", "bias"]
    assert kernel.shape == layer.kernel_size + (_to_last(x, fmt).shape[-1], layer.depth_multiplier)
    expected = depthwise_reference(_to_last(x, fmt), kernel, layer.strides, layer.padding, layer.dilation_rate)
    _check(layer, x, _from_last(expected + bias, fmt), out_shape)


SEPARABLE_CASES = [
    ("SeparableConv1D", dict(filters=5, kernel_size=3, depth_multiplier=2, padding="same"), (2, 8, 3), (2, 8, 5)),
    ("SeparableConv2D", dict(filters=4, kernel_size=3, strides=2, depth_multiplier=2), (2, 9, 8, 3),
     (2, 4, 3, 4)),
    ("SeparableConv2D", dict(filters=4, kernel_size=3, dilation_rate=2, data_format="channels_first"),
     (2, 3, 8, 8), (2, 4, 4, 4)),
]


@pytest.mark.parametrize("name, kwargs, shape, out_shape", SEPARABLE_CASES)
def test_separable_conv_matches_reference(name, kwargs, shape, out_shape):
    layer = getattr(layers, name)(**kwargs)
    x = RNG.standard_normal(shape).astype("float32")
    depthwise, pointwise, bias = _build_with_random_weights(layer, x)
    fmt = layer.data_format
    channels = _to_last(x, fmt).shape[-1]
    assert [w.name for w in layer.weights] == ["depthwise_kernel", "pointwise_kernel", "bias"]
    assert pointwise.shape == (1,) * len(layer.kernel_size) + (channels * layer.depth_multiplier, kwargs["filters"])
    middle = depthwise_reference(_to_last(x, fmt), depthwise, layer.strides, layer.padding, layer.dilation_rate)
    expected = middle @ pointwise.reshape(pointwise.shape[-2:]) + bias
    _check(layer, x, _from_last(expected, fmt), out_shape)


def test_activation_bias_and_direct_build():
    layer = layers.Conv2D(3, 2, activation="relu", use_bias=False)
    layer.build((None, 5, 5, 2))
    assert layer.built and [w.name for w in layer.weights] == ["kernel"] and layer.bias is None
    x = RNG.standard_normal((1, 5, 5, 2)).astype("float32")
    out = _numpy(layer(x))
    assert len(layer.weights) == 1
    expected = np.maximum(conv_reference(x, layer.kernel.numpy(), (1, 1), "valid", (1, 1)), 0)
    np.testing.assert_allclose(out, expected, rtol=1e-5, atol=1e-5)


def test_weight_regularizers_add_losses():
    layer = layers.Conv1D(2, 3, kernel_regularizer="l2", bias_regularizer="l1", bias_initializer="ones")
    layer(np.ones((1, 4, 2), "float32"))
    kernel = layer.kernel.numpy()
    losses = [float(_numpy(loss)) for loss in layer.losses]
    np.testing.assert_allclose(losses, [0.01 * np.sum(kernel**2), 0.01 * 2], rtol=1e-5)


@pytest.mark.parametrize("layer", [
    layers.Conv1D(4, 3, strides=2, padding="causal", groups=2, activation="relu", kernel_regularizer="l2"),
    layers.Conv3D(2, (1, 2, 3), data_format="channels_first", use_bias=False, bias_constraint="non_neg"),
    layers.Conv2DTranspose(3, 3, strides=2, output_padding=1, kernel_initializer="he_normal"),
    layers.Conv3DTranspose(3, 2),
    layers.DepthwiseConv2D(3, depth_multiplier=2, depthwise_regularizer="l1", activity_regularizer="l2"),
    layers.SeparableConv1D(4, 3, pointwise_initializer="zeros", depthwise_constraint="unit_norm"),
])
def test_config_round_trip(layer):
    config = layer.get_config()
    clone = type(layer).from_config(config)
    assert clone.get_config() == config
    assert config["activity_regularizer"] == layer.get_config()["activity_regularizer"]


def test_config_keys_follow_keras():
    conv = layers.Conv2D(2, 3).get_config()
    assert conv["kernel_size"] == (3, 3) and conv["strides"] == (1, 1) and conv["dilation_rate"] == (1, 1)
    assert conv["activation"] == "linear" and conv["groups"] == 1 and conv["padding"] == "valid"
    assert {"kernel_initializer", "bias_initializer", "kernel_regularizer", "bias_regularizer",
            "activity_regularizer", "kernel_constraint", "bias_constraint", "use_bias"} <= set(conv)
    assert layers.Conv1DTranspose(2, 3).get_config()["output_padding"] is None
    separable = layers.SeparableConv2D(2, 3).get_config()
    assert {"depthwise_initializer", "pointwise_initializer", "depth_multiplier", "filters"} <= set(separable)


def test_unknown_spatial_sizes_stay_unknown():
    assert layers.Conv2D(4, 3)(layers.Input((None, None, 3))).shape == (None, None, None, 4)
    assert layers.Conv1DTranspose(2, 3, strides=2)(layers.Input((None, 3))).shape == (None, None, 2)


def test_aliases_are_the_same_classes():
    assert layers.Convolution1D is layers.Conv1D and layers.Convolution3D is layers.Conv3D
    assert layers.Convolution2DTranspose is layers.Conv2DTranspose
    assert layers.SeparableConvolution2D is layers.SeparableConv2D


def test_constructor_errors():
    with pytest.raises(ValueError, match="filters"):
        layers.Conv2D(0, 3)
    with pytest.raises(ValueError, match="divisible by `groups`"):
        layers.Conv2D(3, 3, groups=2)
    with pytest.raises(ValueError, match="dilation_rate > 1"):
        layers.Conv2D(4, 3, strides=2, dilation_rate=2)
    with pytest.raises(ValueError, match="output_padding"):
        layers.Conv2DTranspose(4, 3, strides=2, output_padding=2)
    with pytest.raises(ValueError, match="Conv2D: `padding`"):
        layers.Conv2D(4, 3, padding="causal")
    with pytest.raises(ValueError, match="kernel_size"):
        layers.Conv2D(4, (3, 3, 3))
    with pytest.raises(ValueError, match="depth_multiplier"):
        layers.DepthwiseConv2D(3, depth_multiplier=0)


def test_input_errors_name_layer_and_shapes():
    x = np.zeros((2, 6, 6, 3), "float32")
    with pytest.raises(ValueError, match=r"Layer 'c1'.*rank >= 4.*\(6, 6, 3\)"):
        layers.Conv2D(4, 3, name="c1")(x[0])
    with pytest.raises(ValueError, match=r"Layer 'c5'.*expected rank 3.*\(2, 6, 6, 3\)"):
        layers.Conv1D(4, 3, name="c5")(x)
    with pytest.raises(ValueError, match=r"Layer 'c2'.*zero or negative"):
        layers.Conv2D(4, 7, name="c2")(x)
    with pytest.raises(ValueError, match=r"Layer 'c3'.*not divisible by groups=2"):
        layers.Conv2D(4, 3, groups=2, name="c3")(x)
    layer = layers.Conv2D(4, 3, name="c4")
    layer(x)
    with pytest.raises(ValueError, match=r"Layer 'c4'.*axis -1: 3.*\(2, 6, 6, 5\)"):
        layer(np.zeros((2, 6, 6, 5), "float32"))
