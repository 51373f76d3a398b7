"""Functional models: graphs of layers and ops on symbolic tensors, replayed on real data."""

import re

import numpy as np
import pytest

import frontend
from frontend import ops
from frontend.layers import Input, Layer
from frontend.models import Model, clone_model


class Scale(Layer):
    """y = x @ W + b with W initialised to ones (deterministic numbers for the tests)."""

    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        self.w = self.add_weight((input_shape[-1], self.units), initializer="ones", name="kernel")
        self.b = self.add_weight((self.units,), initializer="zeros", name="bias")

    def call(self, x):
        return ops.matmul(x, self.w) + self.b

    def get_config(self):
        return {**super().get_config(), "units": self.units}


def numpy(x):
    return ops.convert_to_numpy(x)


def test_multi_input_graph_with_ops_on_symbolic_tensors():
    a, b = Input((3,), name="a"), Input((2,), name="b")
    ha, hb = Scale(4)(a), Scale(4)(b)
    merged = ops.concatenate([ha + hb, ha[:, :1] * 2.0], axis=-1)
    model = Model([a, b], merged)
    assert merged.shape == (None, 5)
    xa, xb = np.arange(6, dtype="float32").reshape(2, 3), np.ones((2, 2), "float32")
    out = numpy(model([xa, xb]))
    sa = xa.sum(1, keepdims=True)
    expected = np.concatenate([np.repeat(sa + 2, 4, 1), 2 * sa], axis=1)
    np.testing.assert_allclose(out, expected)
    # Keras 3's order: depth first from the output, deepest first
    assert [layer.name for layer in model.layers] == ["a", ha._history.operation.name, "b", hb._history.operation.name]


def test_dict_inputs_and_nested_outputs():
    inputs = {"x": Input((2,), name="x"), "y": Input((2,), name="y")}
    total = inputs["x"] + inputs["y"]
    model = Model(inputs, {"sum": total, "pair": [inputs["x"] * 1.0, Scale(1)(total)]})
    out = model({"x": np.ones((1, 2), "float32"), "y": np.full((1, 2), 2.0, "float32")})
    np.testing.assert_allclose(numpy(out["sum"]), [[3.0, 3.0]])
    np.testing.assert_allclose(numpy(out["pair"][1]), [[6.0]])


def test_shared_layer_used_twice():
    shared = Scale(2)
    a, b = Input((3,)), Input((3,))
    model = Model([a, b], shared(a) - shared(b))
    assert len(model.weights) == 2
    out = numpy(model([np.ones((1, 3), "float32"), np.zeros((1, 3), "float32")]))
    np.testing.assert_allclose(out, [[3.0, 3.0]])


def test_nested_model_as_layer_and_feature_extractor():
    x = Input((4,))
    inner = Model(x, Scale(3, name="inner_dense")(x), name="inner")
    y = Input((4,))
    outer = Model(y, Scale(1)(inner(y)))
    np.testing.assert_allclose(numpy(outer(np.ones((2, 4), "float32"))), [[12.0], [12.0]])
    assert len(outer.weights) == 4
    features = Model(inner.inputs, inner.get_layer("inner_dense").output)
    assert features.output_shape == (None, 3)
    assert inner.get_layer(index=1).name == "inner_dense"


def test_get_layer_errors_name_the_choices():
    x = Input((2,))
    model = Model(x, Scale(1, name="only")(x))
    with pytest.raises(ValueError, match=r"no layer named 'missing'.*only"):
        model.get_layer("missing")
    with pytest.raises(ValueError, match="out of range"):
        model.get_layer(index=7)


def test_disconnected_graph_names_the_missing_input():
    a, b = Input((2,), name="left"), Input((2,), name="right")
    with pytest.raises(ValueError, match=r"graph disconnected.*needs input 'right'"):
        Model(a, a + b)


def test_wrong_number_of_inputs_and_wrong_shape():
    a, b = Input((2,)), Input((3,))
    model = Model([a, b], Scale(1)(a) + Scale(1)(b))
    with pytest.raises(ValueError, match="expected 2 input"):
        model(np.ones((1, 2), "float32"))
    with pytest.raises(ValueError, match=r"expected shape \(None, 3\), received an input of shape \(1, 4\)"):
        model([np.ones((1, 2), "float32"), np.ones((1, 4), "float32")])


def test_inputs_outputs_properties_and_symbolic_call_of_model():
    x = Input((3,))
    model = Model(x, Scale(2)(x))
    assert model.inputs == [x] and model.outputs[0].shape == (None, 2)
    y = model(Input((3,)))
    assert y.shape == (None, 2)


def test_subclass_of_model_with_functional_init():
    class Wrapped(Model):
        def __init__(self):
            x = Input((2,))
            super().__init__(x, Scale(3)(x), name="wrapped")

    model = Wrapped()
    assert isinstance(model, Wrapped)
    assert numpy(model(np.ones((1, 2), "float32"))).shape == (1, 3)


def test_clone_model_has_same_structure_fresh_weights():
    a = Input((3,), name="in")
    model = Model(a, Scale(2)(Scale(4)(a)))
    model.set_weights([w * 0 + 5 for w in model.get_weights()])
    clone = clone_model(model)
    assert [type(layer) for layer in clone.layers] == [type(layer) for layer in model.layers]
    assert all(c is not o for c, o in zip(clone.layers, model.layers))
    np.testing.assert_allclose(clone.get_weights()[0], np.ones((3, 4)))
    assert numpy(clone(np.ones((1, 3), "float32"))).shape == (1, 2)


def test_summary_lists_layers_and_totals():
    a, b = Input((3,), name="a"), Input((2,), name="b")
    model = Model([a, b], ops.concatenate([Scale(4, name="left")(a), Scale(1, name="right")(b)], axis=-1), name="two")
    lines = []
    model.summary(print_fn=lines.append)
    text = "\n".join(lines)
    assert 'Model: "two"' in text
    assert "left (Scale)" in text and "(None, 4)" in text and "16" in text
    assert "Connected to" in text and "a[0][0]" in text
    assert re.search(r"concatenate(_\d+)? \(Concatenate\)", text)
    assert "Total params: 19" in text and "Non-trainable params: 0" in text


def test_same_seed_same_initial_weights_in_process():
    def build():
        frontend.utils.set_random_seed(11)

        class Glorot(Layer):
            def build(self, shape):
                self.k = self.add_weight((shape[-1], 5), name="kernel")

            def call(self, x):
                return x @ self.k

        layer = Glorot()
        layer(np.ones((1, 4), "float32"))
        return layer.get_weights()[0]

    np.testing.assert_array_equal(build(), build())


def test_string_inputs_feed_text_layers_on_the_host():
    texts = np.array(["the cat sat", "a dog ran far away", "the dog sat"])
    vectorize = frontend.layers.TextVectorization(max_tokens=20, output_sequence_length=5)
    vectorize.adapt(texts)
    x = Input((1,), dtype="string")
    tokens = vectorize(x)
    assert tokens.shape == (None, 5) and x.dtype == "string"
    h = frontend.layers.Embedding(20, 4, mask_zero=True)(tokens)
    model = Model(x, frontend.layers.Dense(1)(frontend.layers.GlobalAveragePooling1D()(h)))
    out = model.predict(texts[:, None], batch_size=2)
    assert out.shape == (3, 1)
    np.testing.assert_array_equal(ops.convert_to_numpy(vectorize(texts[:1, None]))[0, 3:], [0, 0])
