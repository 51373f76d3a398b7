"""Normalization layers against NumPy references: BatchNormalization (training, inference,
moving statistics, masks, renorm), LayerNormalization, GroupNormalization,
UnitNormalization and RMSNormalization."""

import numpy as np
import pytest

from frontend import layers, ops
from frontend.core.tensor_attributes import get_mask, set_mask

RNG = np.random.default_rng(0)
X = RNG.normal(1.0, 2.0, size=(4, 3, 6)).astype("float32")
MASK = np.array([[1, 1, 0], [1, 0, 0], [1, 1, 1], [0, 1, 1]], dtype=bool)


def numpy(x):
    return ops.convert_to_numpy(x)


def close(actual, expected, tol=1e-5):
    np.testing.assert_allclose(numpy(actual), expected, rtol=tol, atol=tol)


def symbolic_shape(layer, x):
    return layer(layers.Input(x.shape[1:])).shape


def round_trip(layer):
    clone = type(layer).from_config(layer.get_config())
    assert clone.get_config() == layer.get_config()
    return clone


def random_weights(layer, low=0.5, high=1.5):
    weights = [RNG.uniform(low, high, size=w.shape).astype("float32") for w in layer.weights]
    layer.set_weights(weights)
    return weights


def normalize(x, mean, var, gamma, beta, eps):
    return (x - mean) / np.sqrt(var + eps) * gamma + beta


# ----- BatchNormalization ------------------------------------------------------------------


def test_batch_norm_weights_order_names_and_shapes():
    layer = layers.BatchNormalization()
    assert symbolic_shape(layer, X) == (None, 3, 6)
    assert [w.name for w in layer.weights] == ["gamma", "beta", "moving_mean", "moving_variance"]
    assert [tuple(w.shape) for w in layer.weights] == [(6,)] * 4
    assert [w.name for w in layer.trainable_weights] == ["gamma", "beta"]
    bare = layers.BatchNormalization(center=False, scale=False)
    bare(X)
    assert [w.name for w in bare.weights] == ["moving_mean", "moving_variance"]


def test_batch_norm_training_uses_batch_statistics_and_updates_moving_ones():
    layer = layers.BatchNormalization(momentum=0.9, epsilon=1e-3)
    layer(X)
    gamma, beta, moving_mean, moving_var = random_weights(layer)
    mean, var = X.mean(axis=(0, 1)), X.var(axis=(0, 1))
    close(layer(X, training=True), normalize(X, mean, var, gamma, beta, 1e-3), 1e-4)
    close(layer.moving_mean, moving_mean * 0.9 + mean * 0.1)
    close(layer.moving_variance, moving_var * 0.9 + var * 0.1)


def test_batch_norm_inference_uses_moving_statistics_and_changes_nothing():
    layer = layers.BatchNormalization(epsilon=0.01)
    layer(X)
    gamma, beta, moving_mean, moving_var = random_weights(layer)
    for training in (None, False):
        close(layer(X, training=training), normalize(X, moving_mean, moving_var, gamma, beta, 0.01))
    close(layer.moving_mean, moving_mean)
    close(layer.moving_variance, moving_var)


def test_frozen_batch_norm_runs_in_inference_mode_even_when_training():
    layer = layers.BatchNormalization()
    layer(X)
    gamma, beta, moving_mean, moving_var = random_weights(layer)
    layer.trainable = False
    close(layer(X, training=True), normalize(X, moving_mean, moving_var, gamma, beta, 1e-3))
    close(layer.moving_mean, moving_mean)


def test_batch_norm_channels_first_axis():
    layer = layers.BatchNormalization(axis=1, momentum=0.5)
    layer(X)
    assert [tuple(w.shape) for w in layer.weights] == [(3,)] * 4
    gamma, beta, moving_mean, moving_var = random_weights(layer)
    mean, var = X.mean(axis=(0, 2)), X.var(axis=(0, 2))
    along = (1, 3, 1)
    expected = normalize(X, mean.reshape(along), var.reshape(along), gamma.reshape(along), beta.reshape(along), 1e-3)
    close(layer(X, training=True), expected, 1e-4)
    close(layer.moving_mean, moving_mean * 0.5 + mean * 0.5)


def test_batch_norm_training_leaves_masked_positions_out_of_the_statistics():
    layer = layers.BatchNormalization(momentum=0.0, center=False, scale=False)
    layer(X, training=True, mask=MASK)
    kept = X[MASK]
    mean, var = kept.mean(axis=0), kept.var(axis=0)
    close(layer.moving_mean, mean, 1e-4)
    close(layer.moving_variance, var, 1e-4)
    close(layer(X, training=True, mask=MASK), normalize(X, mean, var, 1.0, 0.0, 1e-3), 1e-4)


def test_batch_norm_keeps_the_mask_of_its_input():
    x = ops.convert_to_tensor(X)
    set_mask(x, ops.convert_to_tensor(MASK))
    y = layers.BatchNormalization()(x, training=True)
    np.testing.assert_array_equal(numpy(get_mask(y)), MASK)


def test_batch_norm_stateless_call_returns_updated_moving_statistics():
    layer = layers.BatchNormalization(momentum=0.5)
    layer(X)
    trainable = [v.value for v in layer.trainable_variables]
    non_trainable = [v.value for v in layer.non_trainable_variables]
    _, updated = layer.stateless_call(trainable, non_trainable, X, training=True)
    close(updated[0], X.mean(axis=(0, 1)) * 0.5, 1e-4)
    close(layer.moving_mean, np.zeros(6))


def test_batch_norm_renorm_first_step_matches_numpy():
    clipping = {"rmax": 1.5, "rmin": 0.5, "dmax": 0.2}
    layer = layers.BatchNormalization(renorm=True, renorm_clipping=clipping, momentum=0.5, renorm_momentum=0.5)
    y = layer(X, training=True)
    assert [w.name for w in layer.weights] == ["gamma", "beta", "moving_mean", "moving_variance", "moving_stddev",
                                               "renorm_mean", "renorm_stddev"]
    mean, var = X.mean(axis=(0, 1)), X.var(axis=(0, 1))
    std = np.sqrt(var + 1e-3)
    r, d = np.clip(std, 0.5, 1.5), np.clip(mean, -0.2, 0.2)  # renorm mean 0, renorm stddev 1 at first
    close(y, (X - mean) / std * r + d, 1e-4)
    moving_std = 0.5 + 0.5 * std
    close(layer.moving_stddev, moving_std, 1e-4)
    close(layer.moving_variance, np.maximum(moving_std**2 - 1e-3, 0), 1e-4)
    close(layer.renorm_mean, 0.5 * mean, 1e-4)


def test_batch_norm_config_round_trip_and_errors():
    layer = layers.BatchNormalization(axis=1, momentum=0.8, gamma_regularizer="l2", beta_constraint="non_neg")
    clone = round_trip(layer)
    assert clone.axis == 1 and clone.momentum == 0.8
    layer(X)
    with pytest.raises(ValueError, match="axis 1: 3"):
        layer(np.zeros((2, 4, 6), "float32"))
    with pytest.raises(ValueError, match="one axis less"):
        layers.BatchNormalization()(X, training=True, mask=MASK[:, :, None])
    with pytest.raises(ValueError, match="out of bounds"):
        layers.BatchNormalization(axis=3)(X)
    with pytest.raises(ValueError, match="renorm_clipping"):
        layers.BatchNormalization(renorm=True, renorm_clipping={"rmax": 0.5, "rmin": 1.0})


# ----- LayerNormalization --------------------------------------------------------------------


def test_layer_norm_last_axis_matches_numpy():
    layer = layers.LayerNormalization(epsilon=0.01)
    assert symbolic_shape(layer, X) == (None, 3, 6)
    gamma, beta = random_weights(layer)
    mean, var = X.mean(-1, keepdims=True), X.var(-1, keepdims=True)
    close(layer(X), normalize(X, mean, var, gamma, beta, 0.01), 1e-4)


def test_layer_norm_over_several_axes_has_weights_of_their_sizes():
    layer = layers.LayerNormalization(axis=[1, 2])
    layer(X)
    assert [(w.name, tuple(w.shape)) for w in layer.weights] == [("gamma", (3, 6)), ("beta", (3, 6))]
    gamma, beta = random_weights(layer)
    mean, var = X.mean((1, 2), keepdims=True), X.var((1, 2), keepdims=True)
    close(layer(X), normalize(X, mean, var, gamma, beta, 1e-3), 1e-4)


def test_layer_norm_without_center_scale_and_with_rms_scaling():
    plain = layers.LayerNormalization(center=False, scale=False, axis=1)
    plain(X)
    assert plain.weights == []
    close(plain(X), normalize(X, X.mean(1, keepdims=True), X.var(1, keepdims=True), 1.0, 0.0, 1e-3), 1e-4)
    with pytest.warns(UserWarning, match="deprecated"):
        rms = layers.LayerNormalization(rms_scaling=True)
    rms(X)
    assert [w.name for w in rms.weights] == ["gamma"]
    close(rms(X), X / np.sqrt(X.var(-1, keepdims=True) + 1e-3), 1e-4)


def test_layer_norm_config_mask_and_axis_error():
    layer = round_trip(layers.LayerNormalization(axis=[1, 2], epsilon=0.1, beta_regularizer="l1"))
    assert layer.axis == [1, 2]
    x = ops.convert_to_tensor(X)
    set_mask(x, ops.convert_to_tensor(MASK))
    np.testing.assert_array_equal(numpy(get_mask(layers.LayerNormalization()(x))), MASK)
    with pytest.raises(ValueError, match="axis 3 is out of bounds"):
        layers.LayerNormalization(axis=3)(X)


# ----- GroupNormalization --------------------------------------------------------------------


def group_norm(x, groups, eps=1e-3):
    """Channels-last reference: statistics per (example, group) over all other axes."""
    out = np.empty_like(x)
    size = x.shape[-1] // groups
    for b in range(x.shape[0]):
        for g in range(groups):
            part = x[b, ..., g * size:(g + 1) * size]
            out[b, ..., g * size:(g + 1) * size] = (part - part.mean()) / np.sqrt(part.var() + eps)
    return out


@pytest.mark.parametrize("groups", [1, 3, -1])
def test_group_norm_matches_numpy(groups):
    layer = layers.GroupNormalization(groups=groups)
    assert symbolic_shape(layer, X) == (None, 3, 6)
    gamma, beta = random_weights(layer)
    close(layer(X), group_norm(X, 6 if groups == -1 else groups) * gamma + beta, 1e-4)


def test_group_norm_channels_first():
    layer = layers.GroupNormalization(groups=3, axis=1, epsilon=0.01)
    layer(X)
    assert [tuple(w.shape) for w in layer.weights] == [(3,), (3,)]
    gamma, beta = random_weights(layer)
    expected = np.moveaxis(group_norm(np.moveaxis(X, 1, -1), 3, 0.01), -1, 1)
    close(layer(X), expected * gamma[:, None] + beta[:, None], 1e-4)


def test_group_norm_config_and_errors():
    layer = layers.GroupNormalization(groups=-1)
    layer(X)
    assert round_trip(layer).groups == 6
    with pytest.raises(ValueError, match="groups"):
        layers.GroupNormalization(groups=0)
    with pytest.raises(ValueError, match="multiple of groups"):
        layers.GroupNormalization(groups=4)(X)
    with pytest.raises(ValueError, match="cannot be more than"):
        layers.GroupNormalization(groups=12)(X)


# ----- UnitNormalization and RMSNormalization -------------------------------------------------


def test_unit_norm_matches_numpy_and_keeps_zero_vectors():
    layer = layers.UnitNormalization()
    assert symbolic_shape(layer, X) == (None, 3, 6)
    close(layer(X), X / np.linalg.norm(X, axis=-1, keepdims=True))
    close(layers.UnitNormalization(axis=[1, 2])(X), X / np.sqrt((X**2).sum((1, 2), keepdims=True)))
    close(layer(np.zeros((1, 4), "float32")), np.zeros((1, 4)))
    assert layer.weights == [] and round_trip(layer).axis == -1


def test_rms_norm_matches_numpy():
    layer = layers.RMSNormalization(epsilon=1e-4)
    assert symbolic_shape(layer, X) == (None, 3, 6)
    assert [(w.name, tuple(w.shape)) for w in layer.weights] == [("scale", (6,))]
    (scale,) = random_weights(layer)
    close(layer(X), X / np.sqrt((X**2).mean(-1, keepdims=True) + 1e-4) * scale, 1e-4)
    several = layers.RMSNormalization(axis=[1, 2])
    several(X)
    close(several(X), X / np.sqrt((X**2).mean((1, 2), keepdims=True) + 1e-6), 1e-4)
    assert round_trip(layer).epsilon == 1e-4
