"""Activation layers: values against NumPy formulas, PReLU weights, Softmax masking, configs, errors."""

import numpy as np
import pytest

from frontend import layers, ops
from frontend.core.tensor_attributes import get_mask

RNG = np.random.default_rng(1)
X = RNG.normal(size=(2, 3, 4)).astype("float32")


def numpy(x):
    return ops.convert_to_numpy(x)


def run(layer, x):
    """Eager output as NumPy, after checking that a symbolic call predicts its shape and dtype."""
    symbolic = layer(layers.Input(x.shape[1:], dtype=str(x.dtype)))
    y = numpy(layer(x))
    assert symbolic.shape == (None,) + y.shape[1:]
    assert symbolic.dtype == str(y.dtype)
    return y


def round_trip(layer):
    clone = type(layer).from_config(layer.get_config())
    assert clone.get_config() == layer.get_config()
    return clone


def softmax(x, axis):
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def relu_reference(x, max_value=None, negative_slope=0.0, threshold=0.0):
    above = x if max_value is None else np.minimum(x, max_value)
    return np.where(x > threshold, above, negative_slope * (x - threshold))


@pytest.mark.parametrize(
    "layer, reference",
    [
        (layers.Activation("tanh"), np.tanh),
        (layers.Activation(lambda x: x * 2), lambda x: x * 2),
        (layers.ReLU(), relu_reference),
        (layers.ReLU(max_value=0.8, negative_slope=0.1, threshold=0.2),
         lambda x: relu_reference(x, 0.8, 0.1, 0.2)),
        (layers.LeakyReLU(), lambda x: np.where(x >= 0, x, 0.3 * x)),
        (layers.LeakyReLU(negative_slope=0.05), lambda x: np.where(x >= 0, x, 0.05 * x)),
        (layers.ELU(alpha=0.7), lambda x: np.where(x > 0, x, 0.7 * (np.exp(x) - 1))),
        (layers.Softmax(), lambda x: softmax(x, -1)),
        (layers.Softmax(axis=1), lambda x: softmax(x, 1)),
        (layers.Softmax(axis=(1, 2)), lambda x: softmax(x, (1, 2))),
    ],
    ids=["tanh", "callable", "relu", "relu_all_args", "leaky", "leaky_slope", "elu", "softmax", "softmax_axis1",
         "softmax_two_axes"],
)
def test_elementwise_layers_match_numpy(layer, reference):
    np.testing.assert_allclose(run(layer, X), reference(X), rtol=1e-5, atol=1e-6)
    assert layer.weights == [] and layer.built


@pytest.mark.parametrize(
    "layer",
    [layers.Activation("relu"), layers.ReLU(max_value=6.0), layers.LeakyReLU(0.1), layers.ELU(0.5),
     layers.Softmax(axis=(1, 2)), layers.PReLU(shared_axes=[1])],
    ids=lambda layer: type(layer).__name__,
)
def test_configs_round_trip(layer):
    clone = round_trip(layer)
    assert type(clone) is type(layer)


def test_config_keys_follow_keras():
    assert layers.Activation("relu").get_config()["activation"] == "relu"
    assert {"max_value", "negative_slope", "threshold"} <= set(layers.ReLU().get_config())
    assert layers.LeakyReLU().get_config()["negative_slope"] == 0.3
    assert layers.ELU(0.5).get_config()["alpha"] == 0.5
    assert layers.Softmax(axis=1).get_config()["axis"] == 1
    assert {"alpha_initializer", "alpha_regularizer", "alpha_constraint", "shared_axes"} <= set(
        layers.PReLU().get_config()
    )


def test_invalid_arguments():
    with pytest.raises(ValueError, match="max_value"):
        layers.ReLU(max_value=-1.0)
    with pytest.raises(ValueError, match="negative_slope"):
        layers.ReLU(negative_slope=-0.1)
    with pytest.raises(ValueError, match="threshold"):
        layers.ReLU(threshold=None)
    with pytest.raises(ValueError, match="negative_slope"):
        layers.LeakyReLU(negative_slope=-1)
    with pytest.warns(UserWarning, match="alpha"):
        assert layers.LeakyReLU(alpha=0.2).negative_slope == 0.2


# ----- PReLU ----------------------------------------------------------------------------


def test_prelu_weights_and_values():
    layer = layers.PReLU(name="prelu")
    y = run(layer, X)
    np.testing.assert_allclose(y, np.maximum(X, 0))  # alpha starts at zero
    assert [(w.path, tuple(w.shape)) for w in layer.weights] == [("prelu/alpha", (3, 4))]
    alpha = RNG.uniform(size=(3, 4)).astype("float32")
    layer.set_weights([alpha])
    np.testing.assert_allclose(numpy(layer(X)), np.where(X > 0, X, alpha * X), rtol=1e-6)


def test_prelu_shared_axes_and_input_checks():
    layer = layers.PReLU(alpha_initializer="ones", shared_axes=[1, 2], name="shared")
    images = RNG.normal(size=(2, 3, 5, 4)).astype("float32")
    np.testing.assert_allclose(run(layer, images), images, rtol=1e-6)
    assert tuple(layer.alpha.shape) == (1, 1, 4)
    assert layers.PReLU(shared_axes=2).shared_axes == [2]
    with pytest.raises(ValueError, match=r"'shared'.*axis 3: 4"):
        layer(np.ones((2, 3, 5, 6), "float32"))
    with pytest.raises(ValueError, match="shared_axes"):
        layers.PReLU(shared_axes=[3])(X)
    regularized = layers.PReLU(alpha_initializer="ones", alpha_regularizer="l1")
    regularized(X)
    np.testing.assert_allclose(float(numpy(regularized.losses[0])), 0.01 * 12, rtol=1e-6)


# ----- masks ----------------------------------------------------------------------------


def test_softmax_mask_zeroes_masked_positions():
    mask = np.array([[[True, False, True, True]]] * 3).reshape(1, 3, 4)
    y = numpy(layers.Softmax()(X, mask=mask))
    masked_logits = np.where(mask, X, -1e9)
    np.testing.assert_allclose(y, np.where(mask, softmax(masked_logits, -1), 0), rtol=1e-5, atol=1e-7)
    as_float = numpy(layers.Softmax()(X, mask=mask.astype("float32")))
    np.testing.assert_allclose(as_float, y, rtol=1e-6)
    with pytest.raises(ValueError, match=r"broadcast.*\(2, 3, 4\).*\(2, 3\)"):
        layers.Softmax()(X, mask=np.ones((2, 3), bool))


def test_softmax_fully_masked_row_is_zero():
    mask = np.array([False, False, False, False])
    y = numpy(layers.Softmax()(X, mask=mask))
    np.testing.assert_array_equal(y, np.zeros_like(X))


@pytest.mark.parametrize("layer", [layers.Activation("relu"), layers.ReLU(), layers.LeakyReLU(), layers.ELU(),
                                   layers.PReLU()], ids=lambda layer: type(layer).__name__)
def test_masks_pass_through(layer):
    x = X.copy()
    x[:, 1] = 0
    y = layer(layers.Masking()(x))
    np.testing.assert_array_equal(numpy(get_mask(y)), [[True, False, True]] * 2)
    assert layer(layers.Masking()(layers.Input((3, 4))))._keras_mask.shape == (None, 3)
