"""Model configs in Keras 3's layout: round trips, JSON, and malformed configs refused clearly."""

import copy
import json

import numpy as np
import pytest

import frontend as keras
from frontend import layers, ops
from frontend.models import Model, Sequential, model_from_json


def numpy(x):
    return ops.convert_to_numpy(x)


def through_json(config):
    return json.loads(json.dumps(config))


def assert_same_outputs(a, b, x):
    for left, right in zip(keras.tree.flatten(a(x)), keras.tree.flatten(b(x))):
        np.testing.assert_allclose(numpy(left), numpy(right), rtol=1e-5, atol=1e-6)


def rebuilt(model, custom_objects=None):
    """``model`` rebuilt from its JSON-ed config, with the same weights."""
    clone = type(model).from_config(through_json(model.get_config()), custom_objects=custom_objects)
    clone.set_weights(model.get_weights())
    return clone


def rng_array(*shape):
    return np.random.default_rng(0).standard_normal(shape).astype("float32")


class Affine(layers.Layer):
    """A user layer: y = x * scale + shift."""

    def __init__(self, shift=0.0, **kwargs):
        super().__init__(**kwargs)
        self.shift = shift

    def build(self, input_shape):
        self.scale = self.add_weight((input_shape[-1],), initializer="ones", name="scale")

    def call(self, x):
        return x * self.scale + self.shift

    def get_config(self):
        return {**super().get_config(), "shift": self.shift}


class PlusMinus(layers.Layer):
    """A user layer with two outputs."""

    def call(self, x):
        return x + 1.0, x - 1.0


# ----- layout ---------------------------------------------------------------------------


def test_layout_is_keras_3s():
    x = keras.Input((3,), name="x")
    model = Model(x, layers.Dense(2, name="head")(x), name="net")
    config = through_json(model.get_config())
    assert set(config) == {"name", "trainable", "layers", "input_layers", "output_layers"}
    assert config["name"] == "net" and config["trainable"] is True
    entry = config["layers"][1]
    assert set(entry) == {"module", "class_name", "config", "registered_name", "name", "inbound_nodes"}
    assert (entry["class_name"], entry["module"], entry["name"]) == ("Dense", "keras.layers", "head")
    assert entry["inbound_nodes"] == [{"args": [{"class_name": "__keras_tensor__", "config": {
        "shape": [None, 3], "dtype": "float32", "keras_history": ["x", 0, 0]}}], "kwargs": {}}]
    assert config["layers"][0]["inbound_nodes"] == []
    assert config["input_layers"] == ["x", 0, 0] and config["output_layers"] == ["head", 0, 0]
    listed = Model([x], [layers.Dense(2)(x)]).get_config()
    assert listed["input_layers"] == [["x", 0, 0]]


def test_dict_and_nested_structures_are_preserved():
    a, b = keras.Input((3,), name="a"), keras.Input((2,), name="b")
    ha = layers.Dense(4, name="da")(a)
    hb = layers.Dense(4, name="db")(b)
    model = Model({"a": a, "b": b}, {"sum": layers.Add(name="add")([ha, hb]), "pair": [ha, layers.Dense(1, name="d1")(hb)]})
    config = through_json(model.get_config())
    assert config["input_layers"] == {"a": ["a", 0, 0], "b": ["b", 0, 0]}
    assert config["output_layers"] == {"sum": ["add", 0, 0], "pair": [["da", 0, 0], ["d1", 0, 0]]}
    clone = rebuilt(model)
    assert set(clone.output) == {"sum", "pair"} and len(clone.output["pair"]) == 2
    x = {"a": rng_array(2, 3), "b": rng_array(2, 2)}
    assert_same_outputs(model, clone, x)
    assert through_json(clone.get_config()) == config


# ----- round trips ----------------------------------------------------------------------


def test_sequential_round_trip_with_and_without_input():
    model = Sequential([keras.Input((4,)), layers.Dense(3, activation="tanh"), layers.Dropout(0.2), layers.Dense(1)])
    assert_same_outputs(model, rebuilt(model), rng_array(5, 4))
    deferred = Sequential([layers.Dense(3), layers.Dense(2)])
    deferred.build((None, 4))
    assert_same_outputs(deferred, rebuilt(deferred), rng_array(5, 4))
    unbuilt = Sequential([layers.Dense(3)], name="later")
    clone = Sequential.from_config(through_json(unbuilt.get_config()))
    assert clone.name == "later" and not clone.built


def test_multi_input_multi_output_with_ops():
    a, b = keras.Input((3,), name="a"), keras.Input((2,), name="b")
    ha, hb = layers.Dense(4)(a), layers.Dense(4)(b)
    merged = ops.concatenate([ha + hb, ha[:, :1] * 2.0, ops.sum(hb, axis=-1, keepdims=True)], axis=-1)
    model = Model([a, b], [merged, ops.relu(hb)])
    x = [rng_array(2, 3), rng_array(2, 2)]
    clone = rebuilt(model)
    assert_same_outputs(model, clone, x)
    assert through_json(clone.get_config()) == through_json(model.get_config())


def test_shared_layer_and_multi_output_layer():
    shared = layers.Dense(2, name="shared")
    a, b = keras.Input((3,), name="a"), keras.Input((3,), name="b")
    plus, minus = PlusMinus(name="pm")(shared(a))
    model = Model([a, b], [plus, minus, shared(b)])
    config = through_json(model.get_config())
    shared_entry = next(entry for entry in config["layers"] if entry["name"] == "shared")
    assert len(shared_entry["inbound_nodes"]) == 2
    assert config["output_layers"] == [["pm", 0, 0], ["pm", 0, 1], ["shared", 1, 0]]
    clone = rebuilt(model, custom_objects={"PlusMinus": PlusMinus})
    assert len(clone.weights) == 2
    assert_same_outputs(model, clone, [rng_array(2, 3), rng_array(2, 3)])


def test_shared_layer_seen_only_through_this_models_nodes():
    shared = layers.Dense(2)
    outside = keras.Input((3,))
    shared(outside)  # a call that belongs to no saved model
    x = keras.Input((3,))
    model = Model(x, shared(x))
    config = through_json(model.get_config())
    assert config["output_layers"] == [shared.name, 0, 0]
    assert_same_outputs(model, rebuilt(model), rng_array(2, 3))


def test_nested_functional_and_sequential_models():
    inner_x = keras.Input((4,))
    inner = Model(inner_x, layers.Dense(3, activation="relu")(inner_x), name="inner")
    block = Sequential([layers.Dense(3), layers.Dense(3)], name="block")
    x = keras.Input((4,))
    h = inner(x)
    model = Model(x, [layers.Add()([h, block(h)]), h], name="outer")
    config = through_json(model.get_config())
    assert config["output_layers"][1] == ["inner", 1, 0]  # Keras counts a Functional's own node first
    clone = rebuilt(model)
    assert [type(layer).__name__ for layer in clone.layers][1:3] == ["Functional", "Sequential"]
    assert_same_outputs(model, clone, rng_array(2, 4))


def test_functional_model_inside_sequential():
    inner_x = keras.Input((4,))
    inner = Model(inner_x, layers.Dense(3)(inner_x))
    model = Sequential([keras.Input((4,)), inner, layers.Dense(1)])
    assert_same_outputs(model, rebuilt(model), rng_array(3, 4))


def test_keyword_tensor_arguments_and_constant_kwargs():
    q, v = keras.Input((5, 4), name="q"), keras.Input((6, 4), name="v")
    attended = layers.MultiHeadAttention(num_heads=2, key_dim=2, name="mha")(q, value=v)
    dropped = layers.Dropout(0.5, name="drop")(attended, training=False)
    model = Model([q, v], dropped)
    config = through_json(model.get_config())
    mha = next(entry for entry in config["layers"] if entry["name"] == "mha")
    assert mha["inbound_nodes"][0]["kwargs"]["value"]["config"]["keras_history"] == ["v", 0, 0]
    drop = next(entry for entry in config["layers"] if entry["name"] == "drop")
    assert drop["inbound_nodes"][0]["kwargs"] == {"training": False}
    assert_same_outputs(model, rebuilt(model), [rng_array(2, 5, 4), rng_array(2, 6, 4)])


def test_recurrent_layer_states_as_outputs():
    x = keras.Input((5, 3))
    outputs, state_h, state_c = layers.LSTM(4, return_state=True, name="lstm")(x)
    model = Model(x, [outputs, state_c])
    assert through_json(model.get_config())["output_layers"] == [["lstm", 0, 0], ["lstm", 0, 2]]
    assert_same_outputs(model, rebuilt(model), rng_array(2, 5, 3))


def test_custom_layer_in_functional_model_needs_its_class():
    x = keras.Input((3,))
    model = Model(x, Affine(shift=1.5, name="affine")(x))
    config = through_json(model.get_config())
    with pytest.raises(ValueError, match="Unknown layer: 'Affine'"):
        Model.from_config(config)
    assert_same_outputs(model, rebuilt(model, custom_objects={"Affine": Affine}), rng_array(2, 3))
    with keras.saving.custom_object_scope({"Affine": Affine}):
        assert_same_outputs(model, rebuilt(model), rng_array(2, 3))


def test_model_from_config_dispatch():
    x = keras.Input((3,))
    model = Model(x, layers.Dense(2)(x))
    config = through_json(model.get_config())
    assert type(Model.from_config(config)).__name__ == "Functional"
    assert type(layers.deserialize({"class_name": "Model", "config": config})).__name__ == "Functional"

    class Flexible(Model):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)

    assert isinstance(Flexible.from_config(config), Flexible)

    class Fixed(Model):
        def __init__(self, width=2, **kwargs):
            x = keras.Input((3,))
            super().__init__(x, layers.Dense(width)(x), **kwargs)
            self.width = width

        def get_config(self):
            return {"name": self.name, "width": self.width}

    fixed = Fixed(width=5, name="fixed")
    clone = Fixed.from_config(through_json(fixed.get_config()))
    assert isinstance(clone, Fixed) and clone.output_shape == (None, 5) and clone.name == "fixed"


def test_subclassed_model_without_matching_config_says_why():
    class NeedsUnits(Model):
        def __init__(self, units):
            super().__init__()
            self.dense = layers.Dense(units)

        def call(self, x):
            return self.dense(x)

    with pytest.raises(TypeError, match="Unable to rebuild NeedsUnits"):
        NeedsUnits.from_config(NeedsUnits(2).get_config())


# ----- JSON -----------------------------------------------------------------------------


def test_to_json_and_model_from_json():
    x = keras.Input((3,))
    functional = Model(x, layers.Dense(2, activation="relu")(layers.Dense(4)(x)))
    sequential = Sequential([keras.Input((3,)), layers.Dense(2)])
    for model in (functional, sequential):
        text = model.to_json(indent=1)
        assert isinstance(text, str) and json.loads(text)["class_name"] == type(model).__name__
        clone = model_from_json(text)
        clone.set_weights(model.get_weights())
        assert_same_outputs(model, clone, rng_array(2, 3))


@keras.saving.register_keras_serializable(package="ConfigTests")
class TwoLayer(Model):
    """A registered subclassed model with get_config."""

    def __init__(self, hidden=4, **kwargs):
        super().__init__(**kwargs)
        self.hidden = hidden
        self.first = layers.Dense(hidden, activation="relu")
        self.second = layers.Dense(1)

    def call(self, x):
        return self.second(self.first(x))

    def get_config(self):
        return {**super().get_config(), "hidden": self.hidden}


def test_registered_subclassed_model_json_round_trip():
    model = TwoLayer(hidden=3, name="two")
    model(rng_array(2, 5))
    text = model.to_json()
    assert json.loads(text)["registered_name"] == "ConfigTests>TwoLayer"
    clone = model_from_json(text)
    assert isinstance(clone, TwoLayer) and clone.hidden == 3 and clone.built
    clone.set_weights(model.get_weights())
    assert_same_outputs(model, clone, rng_array(2, 5))


def test_model_from_json_refuses_non_configs():
    for text in ("not json", "[1, 2]", '"Dense"'):
        with pytest.raises(ValueError, match="model_from_json"):
            model_from_json(text)
    with pytest.raises(ValueError, match="Unknown layer: 'Nonexistent'"):
        model_from_json('{"class_name": "Nonexistent", "config": {}}')


# ----- malformed configs --------------------------------------------------------------


def _base_config():
    a = keras.Input((3,), name="a")
    h = layers.Dense(2, name="d1")(a)
    model = Model(a, layers.Dense(1, name="d2")(h), name="m")
    return through_json(model.get_config())


def _layer(config, name):
    return next(entry for entry in config["layers"] if entry["name"] == name)


def _history(config, name):
    return _layer(config, name)["inbound_nodes"][0]["args"][0]["config"]


def _edit(change):
    config = copy.deepcopy(_base_config())
    change(config)
    return config


MALFORMED = {
    "missing layers": (lambda c: c.pop("layers"), r"missing key\(s\) \['layers'\]"),
    "missing output_layers": (lambda c: c.pop("output_layers"), r"missing key\(s\) \['output_layers'\]"),
    "layers not a list": (lambda c: c.update(layers={"a": 1}), "'layers' must be a list"),
    "layer entry not a dict": (lambda c: c["layers"].append(7), r"layers\[3\] must be a config dict"),
    "layer without name": (lambda c: c["layers"][1].pop("name"), r"layers\[1\] needs a 'name' string"),
    "layer name as a path": (lambda c: c["layers"][1].update(name="../../etc"), "without '/'"),
    "inbound_nodes not a list": (lambda c: _layer(c, "d1").update(inbound_nodes="a"), "'inbound_nodes' must be a list"),
    "legacy node list": (lambda c: _layer(c, "d1").update(inbound_nodes=[[["a", 0, 0, {}]]]), "each inbound node must be"),
    "args not a list": (lambda c: _layer(c, "d1")["inbound_nodes"][0].update(args="x"), "each inbound node must be"),
    "unknown layer in history": (lambda c: _history(c, "d2").update(keras_history=["ghost", 0, 0]),
                                 "unknown layer 'ghost'"),
    "history not a list": (lambda c: _history(c, "d2").update(keras_history="d1"), r"\[layer_name, node_index"),
    "history too short": (lambda c: _history(c, "d2").update(keras_history=["d1", 0]), r"\[layer_name, node_index"),
    "history without config": (lambda c: _layer(c, "d2")["inbound_nodes"][0]["args"][0].pop("config"),
                               "needs config.keras_history"),
    "negative node index": (lambda c: _history(c, "d2").update(keras_history=["d1", -1, 0]), "non-negative integer"),
    "boolean node index": (lambda c: _history(c, "d2").update(keras_history=["d1", True, 0]), "non-negative integer"),
    "string tensor index": (lambda c: _history(c, "d2").update(keras_history=["d1", 0, "0"]), "non-negative integer"),
    "node index out of range": (lambda c: _history(c, "d2").update(keras_history=["d1", 4, 0]),
                                "asks for node 4 of layer 'd1', which has 1 node"),
    "tensor index out of range": (lambda c: _history(c, "d2").update(keras_history=["d1", 0, 3]),
                                  "asks for output 3 of layer 'd1', which has 1 output"),
    "cycle": (lambda c: _history(c, "d1").update(keras_history=["d2", 0, 0]), "cycle"),
    "self reference": (lambda c: _history(c, "d1").update(keras_history=["d1", 0, 0]), "cycle"),
    "duplicate names": (lambda c: c["layers"].append(copy.deepcopy(_layer(c, "d2"))), "two layers are named 'd2'"),
    "unknown class": (lambda c: _layer(c, "d2").update(class_name="Ghost"), "Unknown layer: 'Ghost'"),
    "class name not a string": (lambda c: _layer(c, "d2").update(class_name=["Dense"]), "'class_name' must be a string"),
    "bad layer arguments": (lambda c: _layer(c, "d2")["config"].update(units="many"), "layer 'd2'"),
    "unexpected layer argument": (lambda c: _layer(c, "d2")["config"].update(warp=9), "cannot rebuild layer 'd2'"),
    "bytecode layer": (lambda c: _layer(c, "d2").update(class_name="__lambda__"), "never loaded"),
    "unknown op": (lambda c: _layer(c, "d2").update(class_name="__operation__", config={"op": "system"}),
                   "names the op 'system'"),
    "unknown argument marker": (lambda c: _layer(c, "d2")["inbound_nodes"][0]["args"].append(
        {"class_name": "__import__", "config": "os"}), "unknown or malformed call argument entry '__import__'"),
    "object array argument": (lambda c: _layer(c, "d2")["inbound_nodes"][0]["kwargs"].update(
        w={"class_name": "__numpy__", "config": {"value": [1], "dtype": "object"}}), "dtype among"),
    "bad slice argument": (lambda c: _layer(c, "d2")["inbound_nodes"][0]["kwargs"].update(
        w={"class_name": "__slice__", "config": {"start": "a"}}), "slice argument"),
    "input_layers unknown layer": (lambda c: c.update(input_layers=["nope", 0, 0]), "unknown layer 'nope'"),
    "output_layers malformed": (lambda c: c.update(output_layers=[]), "output_layers must be"),
    "output_layers number": (lambda c: c.update(output_layers=3), "output_layers must be"),
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_malformed_functional_configs_raise_clear_value_errors(case):
    change, message = MALFORMED[case]
    config = _edit(change)
    with pytest.raises(ValueError, match=message):
        Model.from_config(config)


def test_functional_class_needs_a_functional_config():
    from frontend.models import Functional

    with pytest.raises(ValueError, match="missing key"):
        Functional.from_config({"name": "x"})
    with pytest.raises(ValueError, match="must be a dict"):
        Functional.from_config(["layers"])


def test_unsavable_graphs_say_why():
    x = keras.Input((3,))
    clash = Model(x, layers.Dense(2, name="same")(layers.Dense(2, name="same")(x)))
    with pytest.raises(ValueError, match="two layers are named 'same'"):
        clash.get_config()
    h = layers.Dense(2)(keras.Input((3,)))
    cut = Model(h, layers.Dense(1)(h))
    with pytest.raises(ValueError, match=r"not made by Input\(\)"):
        cut.get_config()


def test_sequential_config_with_nested_models_and_bad_entries():
    inner = Sequential([layers.Dense(2)])
    model = Sequential([keras.Input((3,)), inner, layers.Dense(1)])
    assert_same_outputs(model, rebuilt(model), rng_array(2, 3))
    with pytest.raises(ValueError, match="layers"):
        Sequential.from_config({"name": "s", "layers": "Dense"})
    with pytest.raises(ValueError, match="expected a config dict"):
        Sequential.from_config({"name": "s", "layers": [3]})


def test_reads_a_keras_3_written_functional_config():
    def dense(name, units, source, activation="linear"):
        return {
            "module": "keras.layers", "class_name": "Dense", "registered_name": None, "name": name,
            "config": {"name": name, "trainable": True, "units": units, "activation": activation, "use_bias": True,
                       "dtype": {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"},
                                 "registered_name": None},
                       "kernel_initializer": {"module": "keras.initializers", "class_name": "GlorotUniform",
                                              "config": {"seed": None}, "registered_name": None},
                       "bias_initializer": {"module": "keras.initializers", "class_name": "Zeros", "config": {},
                                            "registered_name": None},
                       "kernel_regularizer": None, "bias_regularizer": None, "kernel_constraint": None,
                       "bias_constraint": None},
            "build_config": {"input_shape": [None, 4]},
            "inbound_nodes": [{"args": [{"class_name": "__keras_tensor__", "config": {
                "shape": [None, 4], "dtype": "float32", "keras_history": [source, 0, 0]}}], "kwargs": {}}],
        }

    written = {
        "module": "keras.src.models.functional", "class_name": "Functional", "registered_name": "Functional",
        "config": {
            "name": "functional", "trainable": True,
            "layers": [
                {"module": "keras.layers", "class_name": "InputLayer", "registered_name": None, "name": "input_layer",
                 "config": {"batch_shape": [None, 4], "dtype": "float32", "sparse": False, "name": "input_layer"},
                 "inbound_nodes": []},
                dense("dense", 4, "input_layer", "relu"),
                dense("dense_1", 2, "dense"),
            ],
            "input_layers": [["input_layer", 0, 0]],
            "output_layers": [["dense_1", 0, 0]],
        },
    }
    model = model_from_json(json.dumps(written))
    assert [layer.name for layer in model.layers] == ["input_layer", "dense", "dense_1"]
    assert model.output_shape == [(None, 2)]  # Keras lists a single output; the list is kept
    assert numpy(model(rng_array(3, 4))[0]).shape == (3, 2)
