"""Pooling layers against NumPy loops; global pooling, masks, configs and errors."""

import numpy as np
import pytest

from frontend import layers, ops
from frontend.core.tensor_attributes import get_mask

RNG = np.random.default_rng(3)


def _numpy(x):
    return ops.convert_to_numpy(x)


def pool_reference(x, pool_size, strides, padding, mode):
    """Channels-last pooling; 'same' pads with NaN so pads never win a max nor count in a mean."""
    sizes = x.shape[1:-1]
    pads = [(0, 0)] * len(sizes)
    if padding == "same":
        pads = []
        for n, k, s in zip(sizes, pool_size, strides):
            total = max((-(-n // s) - 1) * s + k - n, 0)
            pads.append((total // 2, total - total // 2))
    x = np.pad(x, [(0, 0)] + pads + [(0, 0)], constant_values=np.nan)
    outs = [(n - k) // s + 1 for n, k, s in zip(x.shape[1:-1], pool_size, strides)]
    out = np.zeros((x.shape[0], *outs, x.shape[-1]))
    for position in np.ndindex(*outs):
        window = tuple(slice(p * s, p * s + k) for p, s, k in zip(position, strides, pool_size))
        values = x[(slice(None),) + window].reshape(x.shape[0], -1, x.shape[-1])
        out[(slice(None),) + position] = np.nanmax(values, 1) if mode == "max" else np.nanmean(values, 1)
    return out


POOL_CASES = [
    ("MaxPooling1D", dict(), (2, 9, 3), (2, 4, 3)),
    ("MaxPooling1D", dict(pool_size=3, strides=2, padding="same", data_format="channels_first"), (2, 3, 8),
     (2, 3, 4)),
    ("MaxPooling2D", dict(pool_size=(3, 2), strides=(2, 1), padding="same"), (2, 7, 6, 3), (2, 4, 6, 3)),
    ("MaxPooling3D", dict(padding="same"), (1, 5, 4, 3, 2), (1, 3, 2, 2, 2)),
    ("AveragePooling1D", dict(pool_size=3, strides=2, padding="same"), (2, 8, 3), (2, 4, 3)),
    ("AveragePooling2D", dict(pool_size=3, strides=2, padding="same"), (2, 7, 6, 3), (2, 4, 3, 3)),
    ("AveragePooling2D", dict(pool_size=2, strides=1, data_format="channels_first"), (2, 3, 5, 4), (2, 3, 4, 3)),
    ("AveragePooling3D", dict(pool_size=(2, 3, 2), strides=1, padding="same"), (1, 4, 5, 3, 2), (1, 4, 5, 3, 2)),
]


@pytest.mark.parametrize("name, kwargs, shape, out_shape", POOL_CASES)
def test_pooling_matches_loop_reference(name, kwargs, shape, out_shape):
    layer = getattr(layers, name)(**kwargs)
    x = RNG.standard_normal(shape).astype("float32")
    last = x if layer.data_format == "channels_last" else np.moveaxis(x, 1, -1)
    mode = "max" if name.startswith("Max") else "average"
    expected = pool_reference(last, layer.pool_size, layer.strides, layer.padding, mode)
    if layer.data_format == "channels_first":
        expected = np.moveaxis(expected, -1, 1)
    out = _numpy(layer(x))
    assert out.shape == out_shape
    np.testing.assert_allclose(out, expected, rtol=1e-5, atol=1e-6)
    assert layer(layers.Input(shape[1:])).shape == (None,) + out_shape[1:]
    assert layer.weights == []


def test_default_pool_sizes_and_strides():
    assert layers.MaxPooling1D().pool_size == (2,) and layers.MaxPooling2D().strides == (2, 2)
    assert layers.MaxPooling3D().pool_size == (2, 2, 2)
    assert layers.AveragePooling2D(3, strides=1).strides == (1, 1)
    with pytest.raises(TypeError):
        layers.AveragePooling2D()


GLOBAL_CASES = [
    ("GlobalMaxPooling1D", dict(keepdims=True), (2, 7, 3), (1,), (2, 1, 3)),
    ("GlobalMaxPooling2D", dict(data_format="channels_first"), (2, 3, 4, 5), (2, 3), (2, 3)),
    ("GlobalMaxPooling3D", dict(), (2, 3, 4, 5, 2), (1, 2, 3), (2, 2)),
    ("GlobalAveragePooling1D", dict(data_format="channels_first"), (2, 3, 7), (2,), (2, 3)),
    ("GlobalAveragePooling2D", dict(keepdims=True), (2, 3, 4, 5), (1, 2), (2, 1, 1, 5)),
    ("GlobalAveragePooling3D", dict(data_format="channels_first", keepdims=True), (2, 3, 4, 5, 2), (2, 3, 4),
     (2, 3, 1, 1, 1)),
]


@pytest.mark.parametrize("name, kwargs, shape, axes, out_shape", GLOBAL_CASES)
def test_global_pooling(name, kwargs, shape, axes, out_shape):
    layer = getattr(layers, name)(**kwargs)
    x = RNG.standard_normal(shape).astype("float32")
    reduce = np.max if "Max" in name else np.mean
    expected = reduce(x, axis=axes, keepdims=kwargs.get("keepdims", False))
    out = _numpy(layer(x))
    assert out.shape == out_shape
    np.testing.assert_allclose(out, expected, rtol=1e-5, atol=1e-6)
    assert layer(layers.Input(shape[1:])).shape == (None,) + out_shape[1:]


@pytest.mark.parametrize("data_format", ["channels_last", "channels_first"])
def test_global_average_pooling_1d_averages_unmasked_steps(data_format):
    x = RNG.standard_normal((2, 6, 3)).astype("float32")
    mask = np.array([[1, 1, 0, 1, 0, 0], [1, 1, 1, 1, 1, 1]], bool)
    expected = (x * mask[..., None]).sum(1) / mask.sum(1, keepdims=True)
    layer = layers.GlobalAveragePooling1D(data_format=data_format)
    assert layer.supports_masking
    inputs = x if data_format == "channels_last" else np.moveaxis(x, -1, 1)
    out = layer(inputs, mask=mask)
    np.testing.assert_allclose(_numpy(out), expected, rtol=1e-5, atol=1e-6)
    assert get_mask(out) is None
    kept = _numpy(layers.GlobalAveragePooling1D(keepdims=True)(x, mask=mask))
    np.testing.assert_allclose(kept, expected[:, None, :], rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("layer", [
    layers.MaxPooling2D((3, 2), strides=1, padding="same", data_format="channels_first"),
    layers.AveragePooling1D(4),
    layers.AvgPool3D(2, strides=(1, 2, 1)),
    layers.GlobalMaxPooling3D(keepdims=True),
    layers.GlobalAveragePooling1D(data_format="channels_first"),
])
def test_config_round_trip(layer):
    config = layer.get_config()
    assert type(layer).from_config(config).get_config() == config


def test_config_keys_follow_keras():
    config = layers.MaxPooling2D().get_config()
    assert config["pool_size"] == (2, 2) and config["strides"] == (2, 2)
    assert config["padding"] == "valid" and config["data_format"] == "channels_last"
    assert layers.GlobalAvgPool2D().get_config()["keepdims"] is False


def test_aliases_are_the_same_classes():
    assert layers.MaxPool2D is layers.MaxPooling2D and layers.AvgPool1D is layers.AveragePooling1D
    assert layers.GlobalMaxPool1D is layers.GlobalMaxPooling1D
    assert layers.GlobalAvgPool3D is layers.GlobalAveragePooling3D


def test_errors_name_layer_and_shapes():
    with pytest.raises(ValueError, match=r"Layer 'p1'.*rank 4.*\(2, 6, 3\)"):
        layers.MaxPooling2D(name="p1")(np.zeros((2, 6, 3), "float32"))
    with pytest.raises(ValueError, match=r"Layer 'p2'.*zero or negative"):
        layers.AveragePooling2D(4, name="p2")(np.zeros((1, 3, 5, 2), "float32"))
    with pytest.raises(ValueError, match=r"Layer 'p3'.*rank 3"):
        layers.GlobalAveragePooling1D(name="p3")(np.zeros((2, 3, 4, 5), "float32"))
    with pytest.raises(ValueError, match="MaxPooling1D: `padding`"):
        layers.MaxPooling1D(padding="causal")
