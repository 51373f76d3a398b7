"""Registered names, custom objects and scopes: the only ways a config reaches user code."""

import json
import sys
import threading

import numpy as np
import pytest

import frontend as keras
from frontend import activations, constraints, initializers, layers, losses, metrics, ops, optimizers, regularizers
from frontend.saving import (
    CustomObjectScope,
    custom_object_scope,
    get_custom_objects,
    get_registered_name,
    get_registered_object,
    register_keras_serializable,
    register_serializable,
)


def numpy(x):
    return ops.convert_to_numpy(x)


class Shift(layers.Layer):
    """A user layer: x + offset."""

    def __init__(self, offset=1.0, **kwargs):
        super().__init__(**kwargs)
        self.offset = offset

    def call(self, x):
        return x + self.offset

    def get_config(self):
        return {**super().get_config(), "offset": self.offset}


def cube(x):
    return x * x * x


def test_register_names_the_class_package_greater_than_name():
    registered = register_keras_serializable(package="Mine")(Shift)
    assert registered is Shift
    assert get_registered_name(Shift) == "Mine>Shift"
    assert get_custom_objects()["Mine>Shift"] is Shift
    assert get_registered_object("Mine>Shift") is Shift
    config = layers.serialize(Shift(2.0))
    assert config["registered_name"] == "Mine>Shift" and config["class_name"] == "Shift"
    clone = layers.deserialize(json.loads(json.dumps(config)))
    assert type(clone) is Shift and clone.offset == 2.0


def test_default_package_explicit_name_and_alias():
    register_serializable(name="Offset")(Shift)
    assert get_registered_name(Shift) == "Custom>Offset"
    assert keras.saving.register_serializable is register_keras_serializable
    assert keras.utils.register_keras_serializable is register_keras_serializable
    assert keras.utils.custom_object_scope is custom_object_scope is CustomObjectScope


def test_unregistered_objects_keep_their_names():
    assert get_registered_name(Shift) == "Shift" and get_registered_name(cube) == "cube"
    assert get_registered_object("Nothing>Here") is None
    assert layers.serialize(layers.Dense(2))["registered_name"] is None
    assert layers.serialize(Shift())["registered_name"] == "Shift"


def test_registration_refuses_what_cannot_be_saved():
    class NoConfig:
        pass

    with pytest.raises(ValueError, match="has no get_config"):
        register_keras_serializable()(NoConfig)
    with pytest.raises(ValueError, match="package"):
        register_keras_serializable(package="a>b")
    with pytest.raises(ValueError, match="class or a function"):
        register_keras_serializable()(3)


def test_registered_function_round_trips_as_an_activation():
    register_keras_serializable(package="Fns")(cube)
    layer = layers.Dense(2, activation=cube)
    config = json.loads(json.dumps(layers.serialize(layer)))
    assert config["config"]["activation"] == "Fns>cube"
    assert layers.deserialize(config).activation is cube
    assert activations.get("Fns>cube") is cube
    assert activations.deserialize({"module": "x", "class_name": "function", "config": "Fns>cube",
                                    "registered_name": "function"}) is cube


def test_registered_metric_function_resolves():
    register_keras_serializable(package="Fns")(cube)
    assert metrics.deserialize({"class_name": "function", "config": "Fns>cube"}) is cube


def test_plain_class_name_finds_a_registered_class_but_never_hides_a_built_in():
    register_keras_serializable(package="Mine")(Shift)
    assert type(layers.deserialize({"class_name": "Shift", "config": {}})) is Shift

    @register_keras_serializable(package="Mine")
    class Dense(layers.Layer):
        def get_config(self):
            return super().get_config()

    assert type(layers.deserialize({"class_name": "Dense", "config": {"units": 2}})) is layers.Dense
    assert type(layers.deserialize({"class_name": "Dense", "registered_name": "Mine>Dense", "config": {}})) is Dense


def test_plain_name_matching_two_registrations_is_ambiguous():
    register_keras_serializable(package="One")(Shift)

    class Other(Shift):
        pass

    register_keras_serializable(package="Two", name="Shift")(Other)
    with pytest.raises(ValueError, match="matches several registered objects"):
        layers.deserialize({"class_name": "Shift", "config": {}})
    assert type(layers.deserialize({"class_name": "Shift", "registered_name": "Two>Shift", "config": {}})) is Other


def test_a_registered_name_never_falls_back_to_a_built_in_of_the_same_class_name():
    with pytest.raises(ValueError, match="Unknown layer: 'Elsewhere>Dense'"):
        layers.deserialize({"class_name": "Dense", "registered_name": "Elsewhere>Dense", "config": {"units": 2}})


def test_lookup_order_custom_objects_then_scope_then_registry():
    class FromScope(Shift):
        pass

    class FromArgument(Shift):
        pass

    register_keras_serializable(package="Mine")(Shift)
    config = layers.serialize(Shift())
    assert type(layers.deserialize(config)) is Shift
    with custom_object_scope({"Mine>Shift": FromScope}):
        assert type(layers.deserialize(config)) is FromScope
        assert type(layers.deserialize(config, custom_objects={"Shift": FromArgument})) is FromArgument
    assert type(layers.deserialize(config)) is Shift


def test_scopes_nest_take_several_dicts_and_restore_on_error():
    class Inner(Shift):
        pass

    with custom_object_scope({"Shift": Shift}, {"cube": cube}):
        assert get_registered_object("cube") is cube
        with custom_object_scope({"Shift": Inner}):
            assert get_registered_object("Shift") is Inner
        assert get_registered_object("Shift") is Shift
        with pytest.raises(RuntimeError):
            with CustomObjectScope({"Shift": Inner}):
                raise RuntimeError("boom")
        assert get_registered_object("Shift") is Shift
    assert get_registered_object("Shift") is None
    with pytest.raises(ValueError, match="expected dicts"):
        custom_object_scope(["Shift"])


def test_scopes_belong_to_their_thread():
    seen = {}

    def other_thread():
        seen["other"] = get_registered_object("Shift")

    with custom_object_scope({"Shift": Shift}):
        worker = threading.Thread(target=other_thread)
        worker.start()
        worker.join()
        seen["here"] = get_registered_object("Shift")
    assert seen == {"other": None, "here": Shift}


def test_custom_objects_reach_nested_lookups():
    layer = layers.Dense(2, activation=cube, kernel_initializer=initializers.Constant(0.5))
    config = json.loads(json.dumps(layers.serialize(layer)))
    with pytest.raises(ValueError, match="Unknown activation: 'cube'"):
        layers.deserialize(config)
    assert layers.deserialize(config, custom_objects={"cube": cube}).activation is cube
    with custom_object_scope({"cube": cube}):
        assert layers.deserialize(config).activation is cube


def test_custom_layer_in_sequential_via_custom_objects_and_scope():
    model = keras.Sequential([keras.Input((3,)), layers.Dense(2), Shift(0.5)])
    config = json.loads(json.dumps(model.get_config()))
    x = np.ones((2, 3), "float32")
    with custom_object_scope({"Shift": Shift}):
        scoped = keras.Sequential.from_config(config)
    for clone in (keras.Sequential.from_config(config, custom_objects={"Shift": Shift}), scoped):
        clone.set_weights(model.get_weights())
        np.testing.assert_allclose(numpy(clone(x)), numpy(model(x)), rtol=1e-6)


@register_keras_serializable(package="RegistrationTests")
class Residual(keras.Model):
    """A registered subclassed model with get_config."""

    def __init__(self, width=3, **kwargs):
        super().__init__(**kwargs)
        self.width = width
        self.inner = layers.Dense(width)

    def call(self, x):
        return x + self.inner(x)

    def get_config(self):
        return {**super().get_config(), "width": self.width}


def test_registered_subclassed_model_round_trip():
    model = Residual(width=4, name="res")
    x = np.arange(8, dtype="float32").reshape(2, 4)
    model(x)
    config = json.loads(json.dumps(layers.serialize(model)))
    assert config["registered_name"] == "RegistrationTests>Residual"
    clone = layers.deserialize(config)
    assert isinstance(clone, Residual) and clone.width == 4 and clone.name == "res"
    clone(x)
    clone.set_weights(model.get_weights())
    np.testing.assert_allclose(numpy(clone(x)), numpy(model(x)), rtol=1e-6)


def test_registered_model_subclass_with_functional_init_keeps_its_registered_name():
    @register_keras_serializable(package="RegistrationTests")
    class Wrapped(keras.Model):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)

    x = keras.Input((2,))
    model = Wrapped(x, layers.Dense(3)(x))
    config = json.loads(json.dumps(layers.serialize(model)))
    assert config["registered_name"] == "RegistrationTests>Wrapped"
    clone = layers.deserialize(config)
    assert isinstance(clone, Wrapped) and clone.output_shape == (None, 3)


# ----- names a config may not reach ------------------------------------------------------

CATALOGS = {
    "activation": activations.deserialize, "loss": losses.deserialize, "metric": metrics.deserialize,
    "initializer": initializers.deserialize, "regularizer": regularizers.deserialize,
    "constraint": constraints.deserialize, "optimizer": optimizers.deserialize, "layer": layers.deserialize,
}
HOSTILE_NAMES = ["eval", "exec", "os.system", "builtins.eval", "__import__", "subprocess.Popen", "getattr"]


@pytest.mark.parametrize("catalog", sorted(CATALOGS))
@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_python_builtins_and_module_paths_are_just_unknown_names(catalog, name):
    deserialize = CATALOGS[catalog]
    forms = [{"module": "builtins", "class_name": name, "config": {}, "registered_name": name},
             {"module": "builtins", "class_name": "function", "config": name, "registered_name": "function"}]
    if catalog != "layer":
        forms.append(name)
    for form in forms:
        with pytest.raises(ValueError, match="Unknown"):
            deserialize(form)


def test_the_module_named_in_a_config_is_never_imported(tmp_path, monkeypatch):
    canary = tmp_path / "canary_was_imported"
    (tmp_path / "frontend_canary_module.py").write_text(
        f"open({str(canary)!r}, 'w').close()\n"
        "from frontend import layers\n"
        "class Trap(layers.Layer):\n    pass\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    config = {"module": "frontend_canary_module", "class_name": "Trap", "config": {}, "registered_name": "Trap"}
    for deserialize in CATALOGS.values():
        with pytest.raises(ValueError, match="Unknown"):
            deserialize(config)
    assert "frontend_canary_module" not in sys.modules and not canary.exists()


# ----- every built-in layer through its config ----------------------------------------

def _required_arguments():
    return {
        "Activation": dict(activation="relu"), "AlphaDropout": dict(rate=0.1),
        "AveragePooling1D": dict(pool_size=2), "AveragePooling2D": dict(pool_size=2),
        "AveragePooling3D": dict(pool_size=2), "AvgPool1D": dict(pool_size=2), "AvgPool2D": dict(pool_size=2),
        "AvgPool3D": dict(pool_size=2), "Bidirectional": dict(layer=layers.LSTM(2)),
        "CategoryEncoding": dict(num_tokens=4), "CenterCrop": dict(height=2, width=2),
        "Conv1D": dict(filters=2, kernel_size=3), "Conv1DTranspose": dict(filters=2, kernel_size=3),
        "Conv2D": dict(filters=2, kernel_size=3), "Conv2DTranspose": dict(filters=2, kernel_size=3),
        "Conv3D": dict(filters=2, kernel_size=3), "Conv3DTranspose": dict(filters=2, kernel_size=3),
        "ConvLSTM1D": dict(filters=2, kernel_size=3), "ConvLSTM2D": dict(filters=2, kernel_size=3),
        "ConvLSTM3D": dict(filters=2, kernel_size=3), "Convolution1D": dict(filters=2, kernel_size=3),
        "Convolution1DTranspose": dict(filters=2, kernel_size=3), "Convolution2D": dict(filters=2, kernel_size=3),
        "Convolution2DTranspose": dict(filters=2, kernel_size=3), "Convolution3D": dict(filters=2, kernel_size=3),
        "Convolution3DTranspose": dict(filters=2, kernel_size=3), "Dense": dict(units=2),
        "DepthwiseConv1D": dict(kernel_size=3), "DepthwiseConv2D": dict(kernel_size=3),
        "Discretization": dict(bin_boundaries=[0.0, 1.0]), "Dot": dict(axes=1), "Dropout": dict(rate=0.1),
        "EinsumDense": dict(equation="ab,bc->ac", output_shape=4), "Embedding": dict(input_dim=5, output_dim=2),
        "GRU": dict(units=2), "GRUCell": dict(units=2), "GaussianDropout": dict(rate=0.1),
        "GaussianNoise": dict(stddev=0.1), "InputLayer": dict(shape=(3,)), "LSTM": dict(units=2),
        "LSTMCell": dict(units=2), "Lambda": dict(function=cube),
        "MultiHeadAttention": dict(num_heads=2, key_dim=2), "Permute": dict(dims=(2, 1)),
        "RNN": dict(cell=layers.SimpleRNNCell(2)), "RandomContrast": dict(factor=0.1),
        "RandomRotation": dict(factor=0.1), "RandomTranslation": dict(height_factor=0.1, width_factor=0.1),
        "RandomZoom": dict(height_factor=0.1), "RepeatVector": dict(n=2), "Rescaling": dict(scale=0.5),
        "Reshape": dict(target_shape=(2, 2)), "Resizing": dict(height=2, width=2),
        "SeparableConv1D": dict(filters=2, kernel_size=3), "SeparableConv2D": dict(filters=2, kernel_size=3),
        "SeparableConvolution1D": dict(filters=2, kernel_size=3),
        "SeparableConvolution2D": dict(filters=2, kernel_size=3), "SimpleRNN": dict(units=2),
        "SimpleRNNCell": dict(units=2), "SpatialDropout1D": dict(rate=0.1), "SpatialDropout2D": dict(rate=0.1),
        "SpatialDropout3D": dict(rate=0.1), "StackedRNNCells": dict(cells=[layers.LSTMCell(2), layers.GRUCell(2)]),
        "TimeDistributed": dict(layer=layers.Dense(2)),
    }


def _layer_class_names():
    import inspect

    return sorted(name for name, value in vars(layers).items()
                  if inspect.isclass(value) and issubclass(value, layers.Layer))


@pytest.mark.parametrize("name", _layer_class_names())
def test_every_layer_class_round_trips_through_serialize(name):
    cls = getattr(layers, name)
    layer = cls(**_required_arguments().get(name, {}))
    config = json.loads(json.dumps(layers.serialize(layer)))
    assert config["class_name"] == cls.__name__ and config["registered_name"] is None
    clone = layers.deserialize(config, custom_objects={"cube": cube})
    assert type(clone) is cls
    assert json.loads(json.dumps(clone.get_config())) == json.loads(json.dumps(layer.get_config()))
