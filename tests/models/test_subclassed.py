"""Subclassed models: layers as attributes, call(), training flag, weights and summary."""

import numpy as np
import pytest

import frontend as keras
from frontend import layers, ops


class Classifier(keras.Model):
    def __init__(self, classes=3, **kwargs):
        super().__init__(**kwargs)
        self.classes = classes
        self.body = [layers.Dense(8, activation="relu"), layers.Dense(8, activation="relu")]
        self.dropout = layers.Dropout(0.5, seed=1)
        self.head = layers.Dense(classes)

    def call(self, inputs, training=None):
        x = inputs
        for layer in self.body:
            x = layer(x)
        return self.head(self.dropout(x, training=training))

    def get_config(self):
        return {**super().get_config(), "classes": self.classes}


def test_weights_follow_attribute_order_and_build():
    model = Classifier()
    model.build((None, 4))
    assert [w.shape for w in model.weights] == [(4, 8), (8,), (8, 8), (8,), (8, 3), (3,)]
    assert model.count_params() == 40 + 72 + 27
    assert [type(layer).__name__ for layer in model.layers] == ["Dense", "Dense", "Dropout", "Dense"]


def test_training_flag_controls_dropout():
    model = Classifier()
    x = np.ones((64, 4), "float32")
    inference = ops.convert_to_numpy(model(x))
    np.testing.assert_allclose(inference, ops.convert_to_numpy(model(x, training=False)))
    assert not np.allclose(ops.convert_to_numpy(model(x, training=True)), inference)


def test_symbolic_call_and_use_inside_functional_model():
    inner = Classifier(classes=2)
    x = keras.Input((5,))
    y = inner(x)
    assert y.shape == (None, 2)
    outer = keras.Model(x, y)
    assert len(outer.weights) == 6
    assert ops.convert_to_numpy(outer(np.ones((3, 5), "float32"))).shape == (3, 2)


def test_config_round_trip():
    model = Classifier(classes=4, name="clf")
    clone = Classifier.from_config(model.get_config())
    assert clone.classes == 4 and clone.name == "clf"


def test_missing_call_is_a_clear_error():
    class NoCall(keras.Model):
        pass

    with pytest.raises(NotImplementedError, match="NoCall must implement call"):
        NoCall()(np.ones((1, 2), "float32"))


def test_summary_before_and_after_build():
    model = Classifier(name="clf2")
    lines = []
    model.summary(print_fn=lines.append)
    assert "unbuilt" in "\n".join(lines)
    model(np.ones((1, 4), "float32"))
    lines.clear()
    model.summary(print_fn=lines.append)
    assert "Total params: 139" in "\n".join(lines)
