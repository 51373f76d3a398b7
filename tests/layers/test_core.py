"""Core layers: Dense, EinsumDense, Embedding, Masking, Lambda, Identity against NumPy references."""

import numpy as np
import pytest

from frontend import constraints, initializers, layers, ops, regularizers
from frontend.core.tensor_attributes import get_mask

RNG = np.random.default_rng(0)
MATRIX = RNG.normal(size=(3, 4)).astype("float32")
SEQUENCES = RNG.normal(size=(2, 5, 4)).astype("float32")
INDICES = np.array([[1, 2, 0, 7], [3, 0, 0, 9]], dtype="int32")


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


def mask_of(x):
    mask = get_mask(x)
    return None if mask is None else numpy(mask)


def set_random_weights(layer):
    weights = [RNG.normal(size=w.shape).astype("float32") for w in layer.weights]
    layer.set_weights(weights)
    return weights


# ----- Dense ----------------------------------------------------------------------------


@pytest.mark.parametrize("x", [MATRIX, SEQUENCES], ids=["rank2", "rank3"])
def test_dense_matches_numpy(x):
    layer = layers.Dense(3, activation="relu")
    layer(x)
    kernel, bias = set_random_weights(layer)
    np.testing.assert_allclose(run(layer, x), np.maximum(x @ kernel + bias, 0), rtol=1e-5, atol=1e-5)


def test_dense_weights_names_shapes_and_order():
    layer = layers.Dense(3, name="d")
    layer(MATRIX)
    assert [(w.path, tuple(w.shape)) for w in layer.weights] == [("d/kernel", (4, 3)), ("d/bias", (3,))]
    no_bias = layers.Dense(3, use_bias=False)
    no_bias(MATRIX)
    assert [w.name for w in no_bias.weights] == ["kernel"] and no_bias.bias is None
    assert layer.count_params() == 15


def test_dense_input_checks():
    with pytest.raises(ValueError, match="units"):
        layers.Dense(0)
    with pytest.raises(ValueError, match=r"'dense_rank'.*rank >= 2"):
        layers.Dense(2, name="dense_rank")(np.ones((3,), "float32"))
    layer = layers.Dense(2, name="dense_size")
    layer(MATRIX)
    with pytest.raises(ValueError, match=r"'dense_size'.*axis -1: 4.*\(3, 5\)"):
        layer(np.ones((3, 5), "float32"))


def test_dense_config_regularizers_and_constraints():
    layer = layers.Dense(3, activation="tanh", kernel_initializer="ones", kernel_regularizer=regularizers.L2(0.5),
                         bias_constraint=constraints.NonNeg(), use_bias=True)
    clone = round_trip(layer)
    assert clone.activation.__name__ == "tanh" and isinstance(clone.kernel_regularizer, regularizers.L2)
    assert isinstance(clone.bias_constraint, constraints.NonNeg)
    config = layer.get_config()
    assert {"units", "activation", "use_bias", "kernel_initializer", "bias_initializer", "kernel_regularizer",
            "bias_regularizer", "kernel_constraint", "bias_constraint"} <= set(config)
    layer(MATRIX)
    (penalty,) = layer.losses
    np.testing.assert_allclose(float(numpy(penalty)), 0.5 * 12, rtol=1e-6)
    assert layer.bias.constraint is not None


def test_dense_mask_passes_through():
    x = SEQUENCES.copy()
    x[:, 2] = 0
    y = layers.Dense(2)(layers.Masking()(x))
    np.testing.assert_array_equal(mask_of(y), [[True, True, False, True, True]] * 2)


def test_dense_lora():
    layer = layers.Dense(3, lora_rank=2, lora_alpha=4, name="lora_dense")
    layer(MATRIX)
    assert [w.name for w in layer.weights] == ["kernel", "bias", "lora_kernel_a", "lora_kernel_b"]
    assert [tuple(w.shape) for w in layer.weights[2:]] == [(4, 2), (2, 3)]
    assert [w.name for w in layer.trainable_weights] == ["bias", "lora_kernel_a", "lora_kernel_b"]
    kernel, bias, a, b = set_random_weights(layer)
    expected = MATRIX @ (kernel + 2.0 * a @ b) + bias
    np.testing.assert_allclose(numpy(layer(MATRIX)), expected, rtol=1e-5, atol=1e-5)
    assert layer.get_config()["lora_rank"] == 2 and layer.get_config()["lora_alpha"] == 4
    with pytest.raises(ValueError, match="already enabled"):
        layer.enable_lora(2)
    with pytest.raises(ValueError, match="before the layer is built"):
        layers.Dense(3).enable_lora(2)
    constrained = layers.Dense(3, kernel_constraint="non_neg")
    constrained(MATRIX)
    with pytest.raises(ValueError, match="constraint"):
        constrained.enable_lora(2)


# ----- EinsumDense ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "equation, output_shape, bias_axes, x, kernel_shape, bias_shape",
    [
        ("ab,bc->ac", 6, "c", MATRIX, (4, 6), (6,)),
        ("abc,cd->abd", (None, 6), "d", SEQUENCES, (4, 6), (6,)),
        ("abc,cde->abde", (5, 2, 3), "be", SEQUENCES, (4, 2, 3), (5, 1, 3)),
        ("...b,bc->...c", 6, "c", SEQUENCES, (4, 6), (6,)),
        ("ab...,bc->ac...", (6,), "c", SEQUENCES, (5, 6), (6, 1)),
        ("abc,cd->abd", (5, 6), None, SEQUENCES, (4, 6), None),
    ],
)
def test_einsum_dense_shapes_and_values(equation, output_shape, bias_axes, x, kernel_shape, bias_shape):
    layer = layers.EinsumDense(equation, output_shape=output_shape, bias_axes=bias_axes)
    layer(x)
    assert tuple(layer.weights[0].shape) == kernel_shape
    assert (None if layer.bias is None else tuple(layer.bias.shape)) == bias_shape
    weights = set_random_weights(layer)
    expected = np.einsum(equation, x, weights[0])
    if bias_shape is not None:
        expected = expected + weights[1]
    np.testing.assert_allclose(run(layer, x), expected, rtol=1e-5, atol=1e-5)


def test_einsum_dense_errors_and_config():
    with pytest.raises(ValueError, match="invalid equation"):
        layers.EinsumDense("ab->b", output_shape=3)
    with pytest.raises(ValueError, match="bias axis 'x'"):
        layers.EinsumDense("ab,bc->ac", output_shape=3, bias_axes="x")(MATRIX)
    with pytest.raises(ValueError, match="shared axis 'b'"):
        layers.EinsumDense("abc,cd->abd", output_shape=(7, 3))(SEQUENCES)
    layer = layers.EinsumDense("abc,cd->abd", output_shape=(None, 6), bias_axes="d", activation="relu")
    clone = round_trip(layer)
    assert clone.partial_output_shape == (None, 6) and clone.equation == "abc,cd->abd"
    layer(SEQUENCES)
    with pytest.raises(ValueError, match="rank 3"):
        layer(MATRIX)


def test_einsum_dense_initializer_knows_fan_axes():
    initializer = initializers.GlorotUniform(7)
    layer = layers.EinsumDense("abc,cde->abde", output_shape=(5, 2, 3), kernel_initializer=initializer)
    layer(SEQUENCES)
    expected = initializers.GlorotUniform(7, input_axes=[0], output_axes=[1, 2])((4, 2, 3))
    np.testing.assert_allclose(numpy(layer.weights[0]), numpy(expected))


def test_einsum_dense_lora():
    layer = layers.EinsumDense("abc,cde->abde", output_shape=(5, 2, 3), lora_rank=2)
    layer(SEQUENCES)
    assert [(w.name, tuple(w.shape)) for w in layer.weights] == [
        ("kernel", (4, 2, 3)), ("lora_kernel_a", (4, 2, 2)), ("lora_kernel_b", (2, 3))
    ]
    kernel, a, b = set_random_weights(layer)
    expected = np.einsum("abc,cde->abde", SEQUENCES, kernel + a @ b)
    np.testing.assert_allclose(numpy(layer(SEQUENCES)), expected, rtol=1e-5, atol=1e-5)


# ----- Embedding ------------------------------------------------------------------------


def test_embedding_lookup_and_mask():
    layer = layers.Embedding(10, 3, mask_zero=True)
    y = run(layer, INDICES)
    (table,) = layer.get_weights()
    assert layer.weights[0].name == "embeddings" and table.shape == (10, 3)
    np.testing.assert_allclose(y, table[INDICES])
    np.testing.assert_array_equal(mask_of(layer(INDICES)), INDICES != 0)
    assert layer(layers.Input((4,), dtype="int32"))._keras_mask.shape == (None, 4)
    np.testing.assert_allclose(numpy(layer(INDICES.astype("float32"))), table[INDICES])


def test_embedding_without_mask_config_and_weights_argument():
    table = RNG.normal(size=(10, 3)).astype("float32")
    layer = layers.Embedding(10, 3, weights=[table], embeddings_regularizer="l2")
    assert layer.built
    y = layer(INDICES)
    assert mask_of(y) is None
    np.testing.assert_allclose(numpy(y), table[INDICES])
    clone = round_trip(layer)
    assert clone.input_dim == 10 and clone.output_dim == 3 and not clone.mask_zero
    with pytest.raises(ValueError, match="input_dim"):
        layers.Embedding(0, 3)


def test_embedding_lora():
    layer = layers.Embedding(10, 3, lora_rank=2)
    layer(INDICES)
    assert [w.name for w in layer.weights] == ["embeddings", "lora_embeddings_a", "lora_embeddings_b"]
    assert not layer.weights[0].trainable
    table, a, b = set_random_weights(layer)
    np.testing.assert_allclose(numpy(layer(INDICES)), (table + a @ b)[INDICES], rtol=1e-5, atol=1e-5)


# ----- Masking, Identity ----------------------------------------------------------------


def test_masking_zeroes_masked_steps_and_sets_mask():
    x = SEQUENCES.copy()
    x[0, 1] = 0.5
    x[1, 3] = 0.5
    layer = layers.Masking(mask_value=0.5)
    y = run(layer, x)
    keep = np.any(x != 0.5, axis=-1)
    np.testing.assert_array_equal(y, np.where(keep[..., None], x, 0))
    np.testing.assert_array_equal(mask_of(layer(x)), keep)
    assert layer(layers.Input((5, 4)))._keras_mask.shape == (None, 5)
    assert round_trip(layer).mask_value == 0.5


def test_identity_passes_values_dtypes_and_masks():
    layer = layers.Identity()
    np.testing.assert_array_equal(run(layer, INDICES), INDICES)
    masked = layers.Embedding(10, 2, mask_zero=True)(INDICES)
    np.testing.assert_array_equal(mask_of(layer(masked)), INDICES != 0)
    round_trip(layer)


# ----- Lambda ---------------------------------------------------------------------------


def scale_by(x, factor=1.0):
    return x * factor


def first_half(shape):
    return shape[:-1] + (shape[-1] // 2,)


def test_lambda_calls_function_with_arguments():
    layer = layers.Lambda(scale_by, arguments={"factor": 3.0})
    np.testing.assert_allclose(run(layer, MATRIX), MATRIX * 3)
    sliced = layers.Lambda(lambda x: x[..., :2], output_shape=(5, 2))
    assert sliced(layers.Input((5, 4))).shape == (None, 5, 2)
    np.testing.assert_allclose(numpy(sliced(SEQUENCES)), SEQUENCES[..., :2])
    by_function = layers.Lambda(lambda x: x[..., :2], output_shape=first_half)
    assert by_function(layers.Input((5, 4))).shape == (None, 5, 2)


def test_lambda_passes_mask_and_training():
    seen = {}

    def spy(x, mask=None, training=None):
        seen.update(mask=mask, training=training)
        return x

    masked = layers.Embedding(10, 2, mask_zero=True)(INDICES)
    y = layers.Lambda(spy, mask=lambda inputs, mask: mask)(masked, training=True)
    assert seen["training"] is True
    np.testing.assert_array_equal(numpy(seen["mask"]), INDICES != 0)
    np.testing.assert_array_equal(mask_of(y), INDICES != 0)
    assert mask_of(layers.Lambda(scale_by)(masked)) is None


def test_lambda_config_by_name_only():
    layer = layers.Lambda(scale_by, output_shape=(4,), arguments={"factor": 2.0})
    config = layer.get_config()
    assert config["function"]["config"] == "scale_by" and config["output_shape"] == (4,)
    clone = layers.Lambda.from_config(config, custom_objects={"scale_by": scale_by})
    np.testing.assert_allclose(numpy(clone(MATRIX)), MATRIX * 2)
    with pytest.raises(ValueError, match="Unknown"):
        layers.Lambda.from_config(config)
    with pytest.raises(ValueError, match="lambda"):
        layers.Lambda(lambda x: x).get_config()
    bytecode = dict(config, function={"class_name": "__lambda__", "config": {"code": "AAAA"}})
    with pytest.raises(ValueError, match="bytecode"):
        layers.Lambda.from_config(bytecode)
