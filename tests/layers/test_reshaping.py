"""Reshaping layers: values against NumPy, eager and symbolic shapes, data formats, configs, errors."""

import numpy as np
import pytest

from frontend import config, layers, ops

RNG = np.random.default_rng(0)
IMAGES = RNG.normal(size=(2, 4, 6, 3)).astype("float32")
SEQUENCES = RNG.normal(size=(2, 5, 3)).astype("float32")
VOLUMES = RNG.normal(size=(2, 3, 4, 5, 2)).astype("float32")


def run(layer, x):
    """Eager output as NumPy, after checking that a symbolic call predicts its shape and dtype."""
    symbolic = layer(layers.Input(x.shape[1:], dtype=str(x.dtype)))
    y = ops.convert_to_numpy(layer(x))
    assert symbolic.shape == (None,) + y.shape[1:]
    assert symbolic.dtype == str(y.dtype)
    return y


def round_trip(layer):
    clone = type(layer).from_config(layer.get_config())
    assert clone.get_config() == layer.get_config()
    return clone


# ----- Flatten, Reshape, Permute, RepeatVector -------------------------------------------


@pytest.mark.parametrize("data_format", ["channels_last", "channels_first"])
def test_flatten(data_format):
    layer = layers.Flatten(data_format=data_format)
    y = run(layer, IMAGES)
    order = IMAGES if data_format == "channels_last" else IMAGES.transpose(0, 2, 3, 1)
    np.testing.assert_array_equal(y, order.reshape(2, -1))
    assert round_trip(layer).data_format == data_format
    assert layer.weights == []


def test_flatten_vector_unknown_size_and_integers():
    assert run(layers.Flatten(), np.arange(3, dtype="int32")).tolist() == [[0], [1], [2]]
    assert layers.Flatten()(layers.Input((None, 3))).shape == (None, None)
    assert run(layers.Flatten(), np.arange(12, dtype="int32").reshape(2, 2, 3)).dtype == np.int32


def test_flatten_follows_global_data_format():
    config.set_image_data_format("channels_first")
    assert layers.Flatten().data_format == "channels_first"
    with pytest.raises(ValueError, match="data_format"):
        layers.Flatten(data_format="channels_middle")


def test_reshape():
    layer = layers.Reshape((-1, 2, 3))
    np.testing.assert_array_equal(run(layer, IMAGES), IMAGES.reshape(2, 12, 2, 3))
    assert round_trip(layer).target_shape == (-1, 2, 3)
    assert layers.Reshape((-1, 3))(layers.Input((None, 3))).shape == (None, None, 3)
    np.testing.assert_array_equal(run(layers.Reshape((72,)), IMAGES), IMAGES.reshape(2, 72))


def test_reshape_errors():
    with pytest.raises(ValueError, match="at most one -1"):
        layers.Reshape((-1, -1))
    with pytest.raises(ValueError, match=r"Reshape 'bad'.*\(4, 6, 3\)"):
        layers.Reshape((5, -1), name="bad")(layers.Input((4, 6, 3)))
    with pytest.raises(ValueError, match="cannot reshape"):
        layers.Reshape((7,))(IMAGES)


def test_permute():
    layer = layers.Permute((3, 1, 2))
    np.testing.assert_array_equal(run(layer, IMAGES), IMAGES.transpose(0, 3, 1, 2))
    assert round_trip(layer).dims == (3, 1, 2)
    with pytest.raises(ValueError, match="permutation"):
        layers.Permute((0, 1))
    with pytest.raises(ValueError, match=r"'perm'.*expected rank 4.*\(2, 5, 3\)"):
        layers.Permute((3, 1, 2), name="perm")(SEQUENCES)


def test_repeat_vector():
    x = SEQUENCES[:, 0]
    layer = layers.RepeatVector(3)
    np.testing.assert_array_equal(run(layer, x), np.stack([x] * 3, axis=1))
    assert round_trip(layer).n == 3
    with pytest.raises(TypeError, match="n must be an int"):
        layers.RepeatVector(2.0)
    with pytest.raises(ValueError, match="positive"):
        layers.RepeatVector(0)
    with pytest.raises(ValueError, match="expected rank 2"):
        layer(SEQUENCES)


# ----- Cropping --------------------------------------------------------------------------


def test_cropping1d():
    layer = layers.Cropping1D((1, 2))
    np.testing.assert_array_equal(run(layer, SEQUENCES), SEQUENCES[:, 1:3])
    assert layer.get_config()["cropping"] == (1, 2)
    np.testing.assert_array_equal(run(layers.Cropping1D(0), SEQUENCES), SEQUENCES)
    assert layers.Cropping1D()(layers.Input((None, 3))).shape == (None, None, 3)
    round_trip(layer)


@pytest.mark.parametrize("data_format", ["channels_last", "channels_first"])
def test_cropping2d(data_format):
    layer = layers.Cropping2D(((1, 0), (2, 1)), data_format=data_format)
    if data_format == "channels_last":
        y = run(layer, IMAGES)
    else:
        y = run(layer, IMAGES.transpose(0, 3, 1, 2)).transpose(0, 2, 3, 1)
    np.testing.assert_array_equal(y, IMAGES[:, 1:, 2:-1])
    assert round_trip(layer).cropping == ((1, 0), (2, 1))


def test_cropping_argument_forms():
    assert layers.Cropping2D(1).cropping == ((1, 1), (1, 1))
    assert layers.Cropping2D((1, 2)).cropping == ((1, 1), (2, 2))
    assert layers.Cropping3D(2).cropping == ((2, 2),) * 3
    assert layers.Cropping3D((0, 1, 2)).cropping == ((0, 0), (1, 1), (2, 2))
    assert layers.Cropping2D([[1, 0], [0, 2]]).cropping == ((1, 0), (0, 2))
    with pytest.raises(ValueError, match="cropping"):
        layers.Cropping2D((1, 2, 3))
    with pytest.raises(ValueError, match=">= 0"):
        layers.Cropping1D(-1)


@pytest.mark.parametrize("data_format", ["channels_last", "channels_first"])
def test_cropping3d(data_format):
    layer = layers.Cropping3D(((0, 1), (1, 1), (1, 0)), data_format=data_format)
    y = run(layer, VOLUMES)
    if data_format == "channels_last":
        expected = VOLUMES[:, 0:-1, 1:-1, 1:]
    else:
        expected = VOLUMES[:, :, 0:-1, 1:-1, 1:]
    np.testing.assert_array_equal(y, expected)
    round_trip(layer)


def test_cropping_too_much():
    with pytest.raises(ValueError, match=r"'crop'.*\(2, 4, 6, 3\)"):
        layers.Cropping2D(((2, 2), (0, 0)), name="crop")(IMAGES)
    with pytest.raises(ValueError, match="smaller than its axis"):
        layers.Cropping1D((3, 2))(layers.Input((5, 3)))
    with pytest.raises(ValueError, match="expected rank 5"):
        layers.Cropping3D()(IMAGES)


# ----- ZeroPadding -----------------------------------------------------------------------


@pytest.mark.parametrize("data_format", ["channels_last", "channels_first"])
def test_zero_padding1d(data_format):
    layer = layers.ZeroPadding1D((1, 2), data_format=data_format)
    widths = ((0, 0), (1, 2), (0, 0)) if data_format == "channels_last" else ((0, 0), (0, 0), (1, 2))
    np.testing.assert_array_equal(run(layer, SEQUENCES), np.pad(SEQUENCES, widths))
    assert round_trip(layer).padding == (1, 2)


@pytest.mark.parametrize("data_format", ["channels_last", "channels_first"])
def test_zero_padding2d(data_format):
    layer = layers.ZeroPadding2D(((1, 0), (2, 1)), data_format=data_format)
    spatial = ((1, 0), (2, 1))
    widths = ((0, 0), *spatial, (0, 0)) if data_format == "channels_last" else ((0, 0), (0, 0), *spatial)
    np.testing.assert_array_equal(run(layer, IMAGES), np.pad(IMAGES, widths))
    assert round_trip(layer).padding == spatial
    assert layers.ZeroPadding2D(2).padding == ((2, 2), (2, 2))
    assert layers.ZeroPadding2D((1, 3)).padding == ((1, 1), (3, 3))


@pytest.mark.parametrize("data_format", ["channels_last", "channels_first"])
def test_zero_padding3d(data_format):
    layer = layers.ZeroPadding3D((1, 0, 2), data_format=data_format)
    spatial = ((1, 1), (0, 0), (2, 2))
    widths = ((0, 0), *spatial, (0, 0)) if data_format == "channels_last" else ((0, 0), (0, 0), *spatial)
    np.testing.assert_array_equal(run(layer, VOLUMES), np.pad(VOLUMES, widths))
    assert round_trip(layer).padding == spatial


def test_zero_padding_integers_and_unknown_sizes():
    x = np.arange(6, dtype="int32").reshape(1, 3, 2)
    np.testing.assert_array_equal(run(layers.ZeroPadding1D(1), x), np.pad(x, ((0, 0), (1, 1), (0, 0))))
    assert layers.ZeroPadding2D(1)(layers.Input((None, 4, 3))).shape == (None, None, 6, 3)


# ----- UpSampling ------------------------------------------------------------------------


def test_up_sampling1d():
    layer = layers.UpSampling1D(3)
    np.testing.assert_array_equal(run(layer, SEQUENCES), np.repeat(SEQUENCES, 3, axis=1))
    assert round_trip(layer).size == 3
    with pytest.raises(TypeError, match="size must be an int"):
        layers.UpSampling1D((2,))


@pytest.mark.parametrize("data_format", ["channels_last", "channels_first"])
def test_up_sampling2d_nearest(data_format):
    layer = layers.UpSampling2D((2, 3), data_format=data_format)
    first = 1 if data_format == "channels_last" else 2
    expected = np.repeat(np.repeat(IMAGES, 2, axis=first), 3, axis=first + 1)
    np.testing.assert_array_equal(run(layer, IMAGES), expected)
    assert round_trip(layer).get_config()["interpolation"] == "nearest"


def _bilinear_reference(images, factors):
    """Channels-last bilinear upsampling, half-pixel centers, edges clamped (loops, for clarity)."""
    batch, height, width, channels = images.shape
    out = np.zeros((batch, height * factors[0], width * factors[1], channels), "float64")

    def taps(i, size, factor):
        center = min(max((i + 0.5) / factor - 0.5, 0.0), size - 1)
        low = int(np.floor(center))
        return low, min(low + 1, size - 1), center - low

    for i in range(out.shape[1]):
        r0, r1, fr = taps(i, height, factors[0])
        for j in range(out.shape[2]):
            c0, c1, fc = taps(j, width, factors[1])
            top = images[:, r0, c0] * (1 - fc) + images[:, r0, c1] * fc
            bottom = images[:, r1, c0] * (1 - fc) + images[:, r1, c1] * fc
            out[:, i, j] = top * (1 - fr) + bottom * fr
    return out


@pytest.mark.parametrize("data_format", ["channels_last", "channels_first"])
def test_up_sampling2d_bilinear(data_format):
    layer = layers.UpSampling2D((2, 3), data_format=data_format, interpolation="Bilinear")
    assert layer.interpolation == "bilinear"
    if data_format == "channels_last":
        y = run(layer, IMAGES)
    else:
        y = run(layer, IMAGES.transpose(0, 3, 1, 2)).transpose(0, 2, 3, 1)
    np.testing.assert_allclose(y, _bilinear_reference(IMAGES, (2, 3)), atol=1e-5)
    with pytest.raises(ValueError, match="interpolation"):
        layers.UpSampling2D(interpolation="cubic-ish")


@pytest.mark.parametrize("data_format", ["channels_last", "channels_first"])
def test_up_sampling3d(data_format):
    layer = layers.UpSampling3D((1, 2, 3), data_format=data_format)
    first = 1 if data_format == "channels_last" else 2
    expected = np.repeat(np.repeat(VOLUMES, 2, axis=first + 1), 3, axis=first + 2)
    np.testing.assert_array_equal(run(layer, VOLUMES), expected)
    assert round_trip(layer).size == (1, 2, 3)
    with pytest.raises(ValueError, match="> 0"):
        layers.UpSampling3D((1, 0, 1))


def test_keras_default_arguments():
    assert layers.Cropping1D().cropping == (1, 1)
    assert layers.Cropping2D().cropping == ((0, 0), (0, 0))
    assert layers.Cropping3D().cropping == ((1, 1),) * 3
    assert layers.ZeroPadding1D().padding == (1, 1)
    assert layers.ZeroPadding2D().padding == ((1, 1), (1, 1))
    assert layers.ZeroPadding3D().padding == ((1, 1),) * 3
    assert layers.UpSampling1D().size == 2
    assert layers.UpSampling2D().size == (2, 2)
    assert layers.UpSampling3D().size == (2, 2, 2)
    assert layers.Flatten().data_format == "channels_last"
