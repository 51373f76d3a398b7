"""model.save / load_model and save_weights / load_weights on the active engine."""

import json
import os
import zipfile

import numpy as np
import pytest

import frontend as keras
from frontend import layers
from frontend.saving import SavedFileError, register_keras_serializable

RNG = np.random.default_rng(0)
X = RNG.standard_normal((64, 6)).astype("float32")
Y = RNG.integers(0, 3, 64).astype("int32")


def _mlp(name=None):
    keras.utils.set_random_seed(1)
    model = keras.Sequential([keras.Input((6,)), layers.Dense(8, activation="relu"),
                              layers.BatchNormalization(), layers.Dropout(0.2), layers.Dense(3)], name=name)
    model.compile(optimizer=keras.optimizers.Adam(1e-2),
                  loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True), metrics=["accuracy"])
    return model


def _assert_same_weights(a, b):
    assert len(a) == len(b)
    for left, right in zip(a, b):
        np.testing.assert_array_equal(np.asarray(left), np.asarray(right))


def test_trained_sequential_round_trips_with_optimizer_state(tmp_path):
    model = _mlp()
    model.fit(X, Y, batch_size=16, epochs=1, verbose=0, shuffle=False)
    path = tmp_path / "model.keras"
    model.save(path)
    loaded = keras.models.load_model(path)
    assert type(loaded) is keras.Sequential and loaded.name == model.name
    np.testing.assert_allclose(loaded.predict(X, verbose=0), model.predict(X, verbose=0), rtol=1e-6, atol=1e-6)
    _assert_same_weights(loaded.get_weights(), model.get_weights())
    _assert_same_weights([v.numpy() for v in loaded.optimizer.variables],
                         [v.numpy() for v in model.optimizer.variables])
    assert int(loaded.optimizer.iterations.numpy()) == 4
    assert loaded.compiled
    np.testing.assert_allclose(loaded.evaluate(X, Y, verbose=0), model.evaluate(X, Y, verbose=0), rtol=1e-5)


def test_training_resumed_from_a_file_continues_like_the_unbroken_run(tmp_path):
    unbroken = _mlp()
    unbroken.fit(X, Y, batch_size=16, epochs=1, verbose=0, shuffle=False)
    unbroken.save(tmp_path / "half.keras")
    unbroken.fit(X, Y, batch_size=16, epochs=2, verbose=0, shuffle=False)
    resumed = keras.models.load_model(tmp_path / "half.keras")
    resumed.fit(X, Y, batch_size=16, epochs=2, verbose=0, shuffle=False)
    for left, right in zip(resumed.get_weights(), unbroken.get_weights()):
        np.testing.assert_allclose(left, right, rtol=1e-5, atol=1e-6)


def test_archive_holds_config_metadata_and_safetensors(tmp_path):
    model = _mlp()
    model.save(tmp_path / "m.keras")
    with zipfile.ZipFile(tmp_path / "m.keras") as archive:
        names = set(archive.namelist())
        metadata = json.loads(archive.read("metadata.json"))
        config = json.loads(archive.read("config.json"))
    assert names == {"config.json", "metadata.json", "model.weights.safetensors"}
    assert metadata["backend"] == keras.backend.backend()
    assert metadata["frontend_version"] == keras.__version__ and "date_saved" in metadata
    assert config["class_name"] == "Sequential"
    assert config["compile_config"]["optimizer"]["class_name"] == "Adam"
    assert config["compile_config"]["loss"]["class_name"] == "SparseCategoricalCrossentropy"


def test_format_comes_from_the_content_not_the_name(tmp_path):
    model = _mlp()
    model.fit(X[:16], Y[:16], verbose=0)
    model.save(tmp_path / "looks_like.h5")
    loaded = keras.models.load_model(tmp_path / "looks_like.h5")
    np.testing.assert_allclose(loaded.predict(X, verbose=0), model.predict(X, verbose=0), rtol=1e-6, atol=1e-6)
    model.save_weights(tmp_path / "w.keras")
    with pytest.raises(SavedFileError, match="weights only"):
        keras.models.load_model(tmp_path / "w.keras")


def test_functional_multi_output_round_trips_with_compile_config(tmp_path):
    keras.utils.set_random_seed(2)
    a, b = keras.Input((4,), name="a"), keras.Input((3,), name="b")
    h = layers.Concatenate()([layers.Dense(5, activation="tanh")(a), b])
    out = {"score": layers.Dense(1, name="score")(h), "label": layers.Dense(2, activation="softmax", name="label")(h)}
    model = keras.Model({"a": a, "b": b}, out)
    model.compile("sgd", loss={"score": "mse", "label": "sparse_categorical_crossentropy"},
                  loss_weights={"score": 0.5, "label": 1.0}, metrics={"label": ["accuracy"]})
    data = {"a": X[:, :4], "b": X[:, 3:]}
    targets = {"score": X[:, :1], "label": Y % 2}
    model.fit(data, targets, epochs=1, verbose=0)
    model.save(tmp_path / "f.keras")
    loaded = keras.models.load_model(tmp_path / "f.keras")
    for key in ("score", "label"):
        np.testing.assert_allclose(loaded.predict(data, verbose=0)[key], model.predict(data, verbose=0)[key],
                                   rtol=1e-6, atol=1e-6)
    assert loaded.evaluate(data, targets, verbose=0, return_dict=True).keys() == \
        model.evaluate(data, targets, verbose=0, return_dict=True).keys()


@register_keras_serializable(package="SaveTests")
class Residual(keras.Model):
    def __init__(self, units=4, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.inner = layers.Dense(units)
        self.out = layers.Dense(1)

    def call(self, inputs):
        return self.out(inputs[:, : self.units] + self.inner(inputs))

    def get_config(self):
        return {**super().get_config(), "units": self.units}


def test_registered_subclassed_model_round_trips(tmp_path):
    model = Residual(units=6)
    model.compile("adam", "mse")
    model.fit(X, X[:, :1], epochs=1, verbose=0)
    model.save(tmp_path / "sub.keras")
    loaded = keras.models.load_model(tmp_path / "sub.keras")
    assert isinstance(loaded, Residual) and loaded.units == 6
    np.testing.assert_allclose(loaded.predict(X, verbose=0), model.predict(X, verbose=0), rtol=1e-6, atol=1e-6)


def test_unregistered_custom_layer_needs_custom_objects(tmp_path):
    class Scale(layers.Layer):
        def build(self, input_shape):
            self.scale = self.add_weight(shape=(input_shape[-1],), initializer="ones")

        def call(self, x):
            return x * self.scale

    model = keras.Sequential([keras.Input((6,)), Scale(), layers.Dense(2)])
    model.save(tmp_path / "c.keras")
    with pytest.raises(SavedFileError, match="Scale"):
        keras.models.load_model(tmp_path / "c.keras")
    loaded = keras.models.load_model(tmp_path / "c.keras", custom_objects={"Scale": Scale})
    np.testing.assert_allclose(loaded.predict(X, verbose=0), model.predict(X, verbose=0), rtol=1e-6, atol=1e-6)


def test_save_weights_and_load_weights_with_a_keras_style_name(tmp_path):
    model = _mlp()
    model.fit(X, Y, epochs=1, verbose=0)
    model.save_weights(tmp_path / "x.weights.h5")
    with open(tmp_path / "x.weights.h5", "rb") as handle:
        assert handle.read(9)[8:9] == b"{"  # safetensors: 8-byte header length, then JSON
    fresh = _mlp()
    fresh.load_weights(tmp_path / "x.weights.h5")
    _assert_same_weights(fresh.get_weights(), model.get_weights())
    other = _mlp()
    other.load_weights(tmp_path / "x.weights.h5")  # names differ (dense_2...), keys come from the tree
    _assert_same_weights(other.get_weights(), model.get_weights())


def test_load_weights_reads_the_weights_of_a_model_archive(tmp_path):
    model = _mlp()
    model.save(tmp_path / "m.keras")
    fresh = _mlp()
    fresh.load_weights(tmp_path / "m.keras")
    _assert_same_weights(fresh.get_weights(), model.get_weights())


def test_load_weights_into_another_architecture_changes_nothing(tmp_path):
    model = _mlp()
    model.save_weights(tmp_path / "w.weights.h5")
    other = keras.Sequential([keras.Input((6,)), layers.Dense(9), layers.Dense(3)])
    before = other.get_weights()
    with pytest.raises(SavedFileError, match=r"w\.weights\.h5.*does not match.*shape"):
        other.load_weights(tmp_path / "w.weights.h5")
    _assert_same_weights(other.get_weights(), before)


def test_load_weights_skip_mismatch_loads_what_fits(tmp_path):
    model = keras.Sequential([keras.Input((6,)), layers.Dense(4), layers.Dense(3)])
    model.save_weights(tmp_path / "w.weights.h5")
    other = keras.Sequential([keras.Input((6,)), layers.Dense(4), layers.Dense(5)])
    with pytest.warns(UserWarning, match="skip_mismatch"):
        other.load_weights(tmp_path / "w.weights.h5", skip_mismatch=True)
    _assert_same_weights(other.layers[0].get_weights(), model.layers[0].get_weights())


def test_load_weights_before_build_is_a_clear_error(tmp_path):
    model = _mlp()
    model.save_weights(tmp_path / "w.weights.h5")
    unbuilt = keras.Sequential([layers.Dense(8), layers.Dense(3)])
    with pytest.raises(ValueError, match="not built"):
        unbuilt.load_weights(tmp_path / "w.weights.h5")


def test_overwrite_false_keeps_the_existing_file(tmp_path):
    path = tmp_path / "m.keras"
    path.write_bytes(b"precious")
    with pytest.raises(FileExistsError, match="overwrite=False"):
        _mlp().save(path, overwrite=False)
    assert path.read_bytes() == b"precious"


def test_a_failing_save_leaves_the_previous_file_whole(tmp_path, monkeypatch):
    model = _mlp()
    path = tmp_path / "m.keras"
    model.save(path)
    before = path.read_bytes()
    monkeypatch.setattr(zipfile.ZipFile, "writestr", lambda *a, **k: (_ for _ in ()).throw(OSError("disk full")))
    with pytest.raises(OSError, match="disk full"):
        model.save(path)
    assert path.read_bytes() == before
    assert sorted(os.listdir(tmp_path)) == ["m.keras"]


def test_dropout_seed_state_travels_with_the_model(tmp_path):
    model = _mlp()
    model.fit(X, Y, epochs=1, verbose=0)
    model.save(tmp_path / "m.keras")
    loaded = keras.models.load_model(tmp_path / "m.keras")
    dropout, loaded_dropout = model.layers[2], loaded.layers[2]
    np.testing.assert_array_equal(loaded_dropout.seed_generator.state.numpy(), dropout.seed_generator.state.numpy())


def test_adapted_string_lookup_keeps_its_vocabulary(tmp_path):
    lookup = layers.StringLookup()
    lookup.adapt(np.array(["b", "a", "b", "c", "b", "a"]))
    inputs = keras.Input((1,), dtype="string")
    model = keras.Model(inputs, lookup(inputs))
    model.save(tmp_path / "lookup.keras")
    loaded = keras.models.load_model(tmp_path / "lookup.keras")
    assert loaded.layers[-1].get_vocabulary() == lookup.get_vocabulary()


def test_compile_false_loads_an_uncompiled_model(tmp_path):
    model = _mlp()
    model.save(tmp_path / "m.keras")
    loaded = keras.models.load_model(tmp_path / "m.keras", compile=False)
    assert not loaded.compiled
    np.testing.assert_allclose(loaded.predict(X, verbose=0), model.predict(X, verbose=0), rtol=1e-6, atol=1e-6)
