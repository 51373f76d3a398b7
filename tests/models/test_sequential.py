"""Sequential: list or add/pop, with or without an Input, deferred build, summary, config."""

import numpy as np
import pytest

import frontend as keras
from frontend import layers, ops


def numpy(x):
    return ops.convert_to_numpy(x)


def test_with_input_builds_immediately_and_predicts():
    model = keras.Sequential([keras.Input((4,)), layers.Dense(3, activation="relu"), layers.Dense(2)])
    assert model.built and model.output_shape == (None, 2)
    assert [type(layer).__name__ for layer in model.layers] == ["Dense", "Dense"]
    weights = model.get_weights()
    x = np.random.default_rng(0).standard_normal((5, 4)).astype("float32")
    expected = np.maximum(x @ weights[0] + weights[1], 0) @ weights[2] + weights[3]
    np.testing.assert_allclose(numpy(model(x)), expected, rtol=1e-5, atol=1e-6)


def test_without_input_builds_on_first_call():
    model = keras.Sequential([layers.Dense(3), layers.Dense(1)])
    assert not model.built and model.weights == []
    model(np.ones((2, 6), "float32"))
    assert model.built and [w.shape for w in model.weights] == [(6, 3), (3,), (3, 1), (1,)]
    assert model.input_shape == (None, 6)
    assert numpy(model(np.ones((7, 6), "float32"))).shape == (7, 1)


def test_build_with_shape_and_input_shape_argument():
    model = keras.Sequential([layers.Dense(3)])
    model.build((None, 5))
    assert model.count_params() == 18
    legacy = keras.Sequential([layers.Dense(2, input_shape=(3,))])
    assert legacy.built and legacy.output_shape == (None, 2)


def test_add_and_pop():
    model = keras.Sequential()
    model.add(keras.Input((3,)))
    model.add(layers.Dense(4))
    model.add(layers.Dense(2))
    assert model.output_shape == (None, 2)
    popped = model.pop()
    assert isinstance(popped, layers.Dense) and model.output_shape == (None, 4)
    assert len(model.layers) == 1
    with pytest.raises(ValueError, match="takes a Layer"):
        model.add("dense")


def test_wrong_input_size_raises_at_add_time():
    model = keras.Sequential([keras.Input((3,)), layers.Dense(4)])
    model.add(layers.Reshape((2, 2)))
    with pytest.raises(ValueError, match=r"Reshape|reshape"):
        model.add(layers.Reshape((3, 3)))


def test_sequential_as_a_layer_in_a_functional_model():
    block = keras.Sequential([layers.Dense(3), layers.Dense(3)])
    x = keras.Input((3,))
    model = keras.Model(x, layers.Add()([x, block(x)]))
    assert len(model.weights) == 4
    assert numpy(model(np.ones((2, 3), "float32"))).shape == (2, 3)


def test_config_round_trip_and_clone():
    model = keras.Sequential([keras.Input((4,)), layers.Dense(3, activation="tanh"), layers.Dropout(0.2)], name="seq")
    config = model.get_config()
    assert config["name"] == "seq"
    assert [c["class_name"] for c in config["layers"]] == ["InputLayer", "Dense", "Dropout"]
    rebuilt = keras.Sequential.from_config(config)
    assert rebuilt.output_shape == (None, 3) and rebuilt.layers[0].activation is model.layers[0].activation
    clone = keras.models.clone_model(model)
    assert clone.output_shape == (None, 3) and clone.layers[0] is not model.layers[0]


def test_summary_nested_expanded():
    inner = keras.Sequential([layers.Dense(2, name="inner_dense")], name="inner")
    model = keras.Sequential([keras.Input((3,)), layers.Dense(4, name="first"), inner], name="outer")
    lines = []
    model.summary(print_fn=lines.append, expand_nested=True)
    text = "\n".join(lines)
    assert "first (Dense)" in text and "inner (Sequential)" in text and "  inner_dense (Dense)" in text
    assert "Total params: 26" in text


def test_masks_flow_from_embedding_to_lstm():
    model = keras.Sequential([keras.Input((4,), dtype="int32"), layers.Embedding(5, 3, mask_zero=True),
                              layers.LSTM(2)])
    padded = np.array([[1, 2, 0, 0]], "int32")
    trimmed = np.array([[1, 2]], "int32")
    np.testing.assert_allclose(numpy(model(padded)), numpy(model.layers[1](model.layers[0](trimmed))), rtol=1e-5)


def test_trainable_false_freezes_and_batchnorm_uses_moving_statistics():
    model = keras.Sequential([keras.Input((2,)), layers.BatchNormalization()])
    x = np.array([[1.0, 2.0], [3.0, 6.0]], "float32")
    model.trainable = False
    assert model.trainable_weights == [] and len(model.non_trainable_weights) == 4
    np.testing.assert_allclose(numpy(model(x, training=True)), x / np.sqrt(1 + 1e-3), rtol=1e-5)
    np.testing.assert_allclose(model.layers[0].moving_mean.numpy(), [0.0, 0.0])
