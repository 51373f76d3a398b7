"""Regularization layers: identity at inference, the right noise in training, seeds, configs, errors."""

import math

import numpy as np
import pytest

from frontend import layers, ops
from frontend.core.tensor_attributes import get_mask

RNG = np.random.default_rng(2)
X = RNG.normal(size=(32, 6, 10)).astype("float32")  # jax compiles each random shape: reuse few
IMAGES = RNG.normal(size=(8, 4, 5, 6)).astype("float32")
VOLUMES = IMAGES.reshape(8, 4, 5, 2, 3)


def numpy(x):
    return ops.convert_to_numpy(x)


def round_trip(layer):
    clone = type(layer).from_config(layer.get_config())
    assert clone.get_config() == layer.get_config()
    return clone


RANDOM_LAYERS = [
    lambda: layers.Dropout(0.5, seed=1),
    lambda: layers.SpatialDropout1D(0.5, seed=1),
    lambda: layers.GaussianNoise(0.5, seed=1),
    lambda: layers.GaussianDropout(0.5, seed=1),
    lambda: layers.AlphaDropout(0.5, seed=1),
]
IDS = ["dropout", "spatial1d", "gaussian_noise", "gaussian_dropout", "alpha_dropout"]


@pytest.mark.parametrize("make", RANDOM_LAYERS, ids=IDS)
def test_identity_at_inference_and_noise_in_training(make):
    layer = make()
    np.testing.assert_array_equal(numpy(layer(X)), X)
    np.testing.assert_array_equal(numpy(layer(X, training=False)), X)
    first = numpy(layer(X, training=True))
    second = numpy(layer(X, training=True))
    assert first.shape == X.shape and not np.allclose(first, X)
    assert not np.array_equal(first, second)  # the seed generator advances
    np.testing.assert_array_equal(numpy(make()(X, training=True)), first)  # same seed, same draw
    assert layer.built and layer.weights == []
    symbolic = layer(layers.Input((6, 10)))
    assert symbolic.shape == (None, 6, 10) and symbolic.dtype == "float32"
    assert type(round_trip(layer)) is type(layer)


def test_dropout_zeroes_and_rescales():
    y = numpy(layers.Dropout(0.25, seed=3)(X, training=True))
    kept = y != 0
    np.testing.assert_allclose(y[kept], X[kept] / 0.75, rtol=1e-6)
    assert 0.15 < 1 - kept.mean() < 0.35
    assert layers.Dropout(0.25).get_config()["rate"] == 0.25


def test_dropout_noise_shape_shares_draws():
    y = numpy(layers.Dropout(0.5, noise_shape=(None, 1, 10), seed=4)(X, training=True))
    dropped = y == 0
    assert np.all(dropped == dropped[:, :1, :])
    assert 0 < dropped.mean() < 1
    assert layers.Dropout(0.5, noise_shape=[None, 1, 10]).get_config()["noise_shape"] == (None, 1, 10)
    with pytest.raises(ValueError, match="noise_shape"):
        layers.Dropout(0.5, noise_shape=(None, 0))


def test_dropout_edge_rates():
    zero = layers.Dropout(0.0)
    np.testing.assert_array_equal(numpy(zero(X, training=True)), X)
    assert zero.variables == []
    np.testing.assert_array_equal(numpy(layers.Dropout(1.0)(X, training=True)), np.zeros_like(X))
    for make in (lambda: layers.Dropout(1.5), lambda: layers.Dropout(-0.1), lambda: layers.GaussianNoise(2.0, seed=1),
                 lambda: layers.GaussianDropout(1.0), lambda: layers.AlphaDropout(1.0)):
        with pytest.raises(ValueError, match=r"(rate|stddev) must be a number in \[0, 1"):
            make()


def test_spatial_dropout_drops_whole_channels():
    y = numpy(layers.SpatialDropout1D(0.5, seed=5)(X, training=True))
    dropped = np.all(y == 0, axis=1)  # (batch, channels)
    assert np.all((y == 0) == dropped[:, None, :])
    assert 0 < dropped.mean() < 1
    kept = ~(y == 0)
    np.testing.assert_allclose(y[kept], X[kept] * 2, rtol=1e-6)


@pytest.mark.parametrize("data_format", ["channels_last", "channels_first"])
def test_spatial_dropout_2d_and_3d(data_format):
    layer = layers.SpatialDropout2D(0.5, data_format=data_format, seed=6)
    dropped = numpy(layer(IMAGES, training=True)) == 0
    spatial = (1, 2) if data_format == "channels_last" else (2, 3)
    assert np.all(dropped == dropped.all(axis=spatial, keepdims=True))
    assert 0 < dropped.mean() < 1
    assert round_trip(layer).data_format == data_format
    dropped3 = numpy(layers.SpatialDropout3D(0.5, data_format=data_format, seed=6)(VOLUMES, training=True)) == 0
    spatial3 = (1, 2, 3) if data_format == "channels_last" else (2, 3, 4)
    assert np.all(dropped3 == dropped3.all(axis=spatial3, keepdims=True)) and 0 < dropped3.mean() < 1


def test_spatial_dropout_rank_checks():
    with pytest.raises(ValueError, match=r"'sd1'.*rank 3.*\(8, 4, 5, 6\)"):
        layers.SpatialDropout1D(0.5, name="sd1")(IMAGES)
    with pytest.raises(ValueError, match="rank 4"):
        layers.SpatialDropout2D(0.5)(X)
    with pytest.raises(ValueError, match="rank 5"):
        layers.SpatialDropout3D(0.5)(IMAGES)
    assert set(layers.SpatialDropout1D(0.5).get_config()) == {"rate", "seed", "name", "dtype"}


def test_noise_statistics():
    ones = np.ones_like(X)
    noisy = numpy(layers.GaussianNoise(0.5, seed=7)(ones, training=True)) - 1
    assert abs(noisy.mean()) < 0.04 and abs(noisy.std() - 0.5) < 0.03
    scaled = numpy(layers.GaussianDropout(0.2, seed=7)(ones, training=True))
    assert abs(scaled.mean() - 1) < 0.04 and abs(scaled.std() - math.sqrt(0.2 / 0.8)) < 0.03


def test_alpha_dropout_keeps_mean_and_variance():
    rate = 0.2
    saturation = -1.6732632423543772 * 1.0507009873554805
    a = ((1 - rate) * (1 + rate * saturation**2)) ** -0.5
    b = -a * saturation * rate
    y = numpy(layers.AlphaDropout(rate, seed=8)(X, training=True))
    dropped = np.isclose(y, a * saturation + b, atol=1e-6)
    np.testing.assert_allclose(y[~dropped], a * X[~dropped] + b, rtol=1e-5, atol=1e-6)
    assert abs(dropped.mean() - rate) < 0.04
    assert abs(y.mean() - X.mean()) < 0.08 and abs(y.std() / X.std() - 1) < 0.08


def test_alpha_dropout_noise_shape():
    rate = 0.5
    saturation = -1.6732632423543772 * 1.0507009873554805
    a = ((1 - rate) * (1 + rate * saturation**2)) ** -0.5
    y = numpy(layers.AlphaDropout(rate, noise_shape=(None, 1, 10), seed=9)(X, training=True))
    dropped = np.isclose(y, a * saturation - a * saturation * rate, atol=1e-6)
    assert np.all(dropped == dropped[:, :1, :]) and 0 < dropped.mean() < 1
    assert round_trip(layers.AlphaDropout(rate, noise_shape=(None, 1, 10))).noise_shape == (None, 1, 10)


def test_activity_regularization_adds_loss():
    layer = layers.ActivityRegularization(l1=0.01, l2=0.02)
    y = layer(X)
    np.testing.assert_array_equal(numpy(y), X)
    assert len(layer.losses) == 1  # how the base layer scales it (Keras: per sample) is the base's business
    expected = 0.01 * np.abs(X).sum() + 0.02 * np.square(X).sum()
    np.testing.assert_allclose(float(numpy(layer._activity_regularizer(X))), expected, rtol=1e-5)
    config = layer.get_config()
    assert config["l1"] == 0.01 and config["l2"] == 0.02 and "activity_regularizer" not in config
    round_trip(layer)


@pytest.mark.parametrize("make", RANDOM_LAYERS + [lambda: layers.ActivityRegularization(0.1)],
                         ids=IDS + ["activity"])
def test_masks_pass_through(make):
    x = X.copy()
    x[:, 2] = 0
    y = make()(layers.Masking()(x), training=True)
    np.testing.assert_array_equal(numpy(get_mask(y)), np.tile([True, True, False, True, True, True], (32, 1)))
