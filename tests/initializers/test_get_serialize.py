"""initializers.get / serialize / deserialize, and the shared serialization helper behind them."""

import json

import numpy as np
import pytest

from frontend import initializers, ops, random
from frontend.saving import deserialize_object, serialize_object, snake_case

INSTANCES = [
    initializers.Initializer(),
    initializers.Constant(0.25),
    initializers.Zeros(),
    initializers.Ones(),
    initializers.Identity(gain=2.0),
    initializers.STFT(side="imag", window=None, scaling="spectrum", periodic=True),
    initializers.RandomNormal(mean=0.5, stddev=0.1, seed=4),
    initializers.RandomUniform(minval=-0.2, maxval=0.3, seed=4),
    initializers.TruncatedNormal(mean=-0.1, stddev=0.2, seed=4),
    initializers.VarianceScaling(0.5, "fan_out", "uniform", seed=4, input_axes=[0], output_axes=[1]),
    initializers.GlorotNormal(seed=4),
    initializers.GlorotUniform(seed=4),
    initializers.HeNormal(seed=4),
    initializers.HeUniform(seed=4),
    initializers.LecunNormal(seed=4),
    initializers.LecunUniform(seed=4),
    initializers.Orthogonal(gain=1.5, seed=4),
]


def test_every_class_is_in_the_catalog():
    assert {type(i) for i in INSTANCES} == set(initializers.ALL_OBJECTS)


@pytest.mark.parametrize("initializer", INSTANCES, ids=lambda i: type(i).__name__)
def test_round_trip_through_json(initializer):
    config = initializers.serialize(initializer)
    assert config["module"] == "keras.initializers"
    assert config["class_name"] == type(initializer).__name__ and config["registered_name"] is None
    restored = initializers.deserialize(json.loads(json.dumps(config)))
    assert type(restored) is type(initializer) and restored.get_config() == initializer.get_config()
    assert type(initializers.get(config)) is type(initializer)
    if type(initializer) is not initializers.Initializer:
        shape = (3, 1, 4) if isinstance(initializer, initializers.STFT) else (4, 4)
        np.testing.assert_array_equal(ops.convert_to_numpy(restored(shape)), ops.convert_to_numpy(initializer(shape)))


def test_configs_use_keras_keys():
    assert initializers.VarianceScaling(seed=1).get_config() == {
        "seed": 1, "scale": 1.0, "mode": "fan_in", "distribution": "truncated_normal",
        "input_axes": None, "output_axes": None,
    }
    assert initializers.GlorotUniform().get_config() == {"seed": None, "input_axes": None, "output_axes": None}
    assert initializers.RandomUniform().get_config() == {"seed": None, "minval": -0.05, "maxval": 0.05}
    assert initializers.Orthogonal().get_config() == {"seed": None, "gain": 1.0}
    assert initializers.STFT().get_config() == {"side": "real", "window": "hann", "periodic": False, "scaling": "density"}


@pytest.mark.parametrize(
    "name, cls",
    [
        ("zeros", initializers.Zeros), ("zero", initializers.Zeros), ("Zeros", initializers.Zeros),
        ("ones", initializers.Ones), ("one", initializers.Ones), ("constant", initializers.Constant),
        ("identity", initializers.Identity), ("IdentityInitializer", initializers.Identity),
        ("random_normal", initializers.RandomNormal), ("normal", initializers.RandomNormal),
        ("random_uniform", initializers.RandomUniform), ("uniform", initializers.RandomUniform),
        ("truncated_normal", initializers.TruncatedNormal), ("variance_scaling", initializers.VarianceScaling),
        ("glorot_normal", initializers.GlorotNormal), ("glorot_uniform", initializers.GlorotUniform),
        ("GlorotUniform", initializers.GlorotUniform), ("he_normal", initializers.HeNormal),
        ("he_uniform", initializers.HeUniform), ("lecun_normal", initializers.LecunNormal),
        ("lecun_uniform", initializers.LecunUniform), ("orthogonal", initializers.Orthogonal),
        ("OrthogonalInitializer", initializers.Orthogonal), ("stft", initializers.STFT),
        ("STFTInitializer", initializers.STFT),
    ],
)
def test_get_by_name_builds_the_default_instance(name, cls):
    assert type(initializers.get(name)) is cls
    assert type(initializers.deserialize(name)) is cls


def test_get_accepts_none_classes_callables_and_arrays():
    assert initializers.get(None) is None
    assert type(initializers.get(initializers.HeNormal)) is initializers.HeNormal
    instance = initializers.Ones()
    assert initializers.get(instance) is instance

    def custom(shape, dtype=None):
        return ops.ones(shape, dtype)

    assert initializers.get(custom) is custom
    from_array = initializers.get(np.arange(6.0).reshape(2, 3))
    np.testing.assert_array_equal(ops.convert_to_numpy(from_array((2, 3), "float32")), np.arange(6.0).reshape(2, 3))
    with pytest.raises(ValueError, match=r"expected shape=\(2, 3\), received shape=\(3, 2\)"):
        from_array((3, 2))
    with pytest.raises(ValueError, match="Could not interpret initializer identifier: 3"):
        initializers.get(3)


def test_reads_configs_written_by_keras_3():
    keras_config = {
        "module": "keras.initializers",
        "class_name": "VarianceScaling",
        "config": {"seed": 2, "scale": 2.0, "mode": "fan_out", "distribution": "uniform",
                   "input_axes": None, "output_axes": None},
        "registered_name": None,
    }
    restored = initializers.get(keras_config)
    assert (restored.scale, restored.mode, restored.distribution, restored.seed) == (2.0, "fan_out", "uniform", 2)
    assert type(initializers.get({"class_name": "HeNormal", "config": {"seed": None}})) is initializers.HeNormal
    numpy_constant = {
        "module": "keras.initializers", "class_name": "Constant", "registered_name": None,
        "config": {"value": {"class_name": "__numpy__", "config": {"value": [1.0, 2.0], "dtype": "float64"}}},
    }
    np.testing.assert_array_equal(ops.convert_to_numpy(initializers.get(numpy_constant)((2, 2))), [[1, 2], [1, 2]])
    with_generator = {
        "module": "keras.initializers", "class_name": "RandomNormal", "registered_name": None,
        "config": {"mean": 0.0, "stddev": 0.05, "seed": {
            "module": "keras.random", "class_name": "SeedGenerator", "registered_name": None,
            "config": {"seed": 4, "name": "seed_generator"}}},
    }
    restored = initializers.get(with_generator)
    assert isinstance(restored.seed, random.SeedGenerator)
    assert initializers.serialize(restored)["config"]["seed"]["class_name"] == "SeedGenerator"


def test_unknown_names_are_refused_with_the_known_names():
    with pytest.raises(ValueError, match=r"Unknown initializer: 'glorot_unifrom'\. Known initializer names: .*glorot_uniform"):
        initializers.get("glorot_unifrom")
    with pytest.raises(ValueError, match=r"Unknown initializer: 'os\.system'"):
        initializers.deserialize({"module": "os", "class_name": "os.system", "config": {}})
    with pytest.raises(ValueError, match="has no 'class_name' key"):
        initializers.deserialize({"config": {}})


def test_custom_objects_are_looked_up_first():
    class Halves(initializers.Initializer):
        def __call__(self, shape, dtype=None):
            return ops.full(shape, 0.5, dtype)

    config = initializers.serialize(Halves())
    assert config["class_name"] == "Halves" and config["module"] == __name__
    restored = initializers.deserialize(config, custom_objects={"Halves": Halves})
    assert type(restored) is Halves
    assert type(initializers.deserialize("Halves", custom_objects={"Halves": Halves})) is Halves


def test_serialization_helper_basics():
    assert serialize_object(None) is None and serialize_object("relu") == "relu" and serialize_object(2.5) == 2.5
    assert serialize_object(test_serialization_helper_basics) == "test_serialization_helper_basics"
    with pytest.raises(ValueError, match="Cannot serialize"):
        serialize_object(object())
    table = {"double": lambda x: 2 * x}
    assert deserialize_object({"class_name": "function", "config": "double"}, table, "thing")(3) == 6
    with pytest.raises(ValueError, match=r"Unknown thing: 'triple'\. Known thing names: double"):
        deserialize_object("triple", table, "thing")
    assert [snake_case(n) for n in ("GlorotUniform", "STFT", "L1L2", "OrthogonalRegularizer", "MinMaxNorm")] == [
        "glorot_uniform", "stft", "l1l2", "orthogonal_regularizer", "min_max_norm"]
