"""Hostile and broken model files: each gets a SavedFileError naming the file, and runs nothing.

One test per class of attack seen against Keras since 2024: configs naming arbitrary
modules and functions, Lambda bytecode, layer names used as paths, huge declared shapes,
references to files on the loading machine; plus corrupt, truncated and mismatched files.
"""

import base64
import io
import json
import marshal
import os
import zipfile

import numpy as np
import pytest

import frontend as keras
from frontend import layers
from frontend.saving import SavedFileError

MEMBERS = ("config.json", "metadata.json", "model.weights.safetensors")


def _saved_members(tmp_path, model=None):
    if model is None:
        model = keras.Sequential([keras.Input((3,)), layers.Dense(2, activation="relu", name="d")])
    path = tmp_path / "good.keras"
    model.save(path)
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _write(path, members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    path.write_bytes(buffer.getvalue())
    return path


def _with_config(tmp_path, edit, model=None):
    members = _saved_members(tmp_path, model)
    config = json.loads(members["config.json"])
    edit(config)
    members["config.json"] = json.dumps(config).encode()
    return _write(tmp_path / "evil.keras", members)


def _first_layer(config):
    return config["config"]["layers"][1] if config["config"]["layers"][0]["class_name"] == "InputLayer" \
        else config["config"]["layers"][0]


def _load_fails(path, match, **kwargs):
    with pytest.raises(SavedFileError, match=match) as caught:
        keras.models.load_model(path, **kwargs)
    assert str(path) in str(caught.value)
    return caught.value


def test_config_naming_a_module_function_as_a_layer_is_unknown(tmp_path):
    def edit(config):
        layer = _first_layer(config)
        layer.update({"module": "os", "class_name": "system", "registered_name": "os>system",
                      "config": {"command": f"touch {tmp_path}/pwned"}})

    _load_fails(_with_config(tmp_path, edit), "system")
    assert not (tmp_path / "pwned").exists()


@pytest.mark.parametrize("name", ["exec", "eval", "system", "get_file", "__import__", "os.system"])
def test_activation_naming_a_python_function_is_unknown(tmp_path, name):
    def edit(config):
        _first_layer(config)["config"]["activation"] = {"module": "builtins", "class_name": "function",
                                                        "config": name, "registered_name": "function"}

    _load_fails(_with_config(tmp_path, edit), "activation")


def negate(x):
    return -x


def _lambda_model():
    return keras.Sequential([keras.Input((3,)), layers.Lambda(negate, name="negate")])


def _bytecode_lambda(tmp_path):
    code = compile(f"open({str(tmp_path / 'pwned')!r}, 'w')", "<attack>", "exec")
    payload = base64.b64encode(marshal.dumps(code)).decode()

    def edit(config):
        _first_layer(config)["config"]["function"] = {"class_name": "__lambda__",
                                                      "config": {"code": payload, "defaults": None, "closure": None}}

    return _with_config(tmp_path, edit, _lambda_model())


@pytest.mark.parametrize("safe_mode", [True, False])
def test_lambda_bytecode_is_never_run(tmp_path, safe_mode):
    _load_fails(_bytecode_lambda(tmp_path), "(?i)lambda", safe_mode=safe_mode)
    assert not (tmp_path / "pwned").exists()


def test_lambda_naming_a_module_function_needs_safe_mode_off(tmp_path):
    def edit(config):
        _first_layer(config)["config"]["function"] = {"module": "os", "class_name": "function",
                                                      "config": "system", "registered_name": "function"}

    error = _load_fails(_with_config(tmp_path, edit, _lambda_model()), "system")
    assert "safe_mode=False" in str(error)


def test_layer_names_are_never_used_as_paths(tmp_path):
    lookup = layers.StringLookup(name="lookup")
    lookup.adapt(np.array(["a", "b", "b"]))
    inputs = keras.Input((1,), dtype="string")
    model = keras.Model(inputs, lookup(inputs))
    inner = tmp_path / "deep" / "deeper"
    inner.mkdir(parents=True)
    model.save(inner / "m.keras")
    assert keras.models.load_model(inner / "m.keras").layers[-1].get_vocabulary() == lookup.get_vocabulary()

    def edit(config):
        for layer in config["config"]["layers"]:
            layer["name"] = layer["config"]["name"] = "../../../escaped"

    path = _with_config(inner, edit, model)
    _load_fails(path, "escaped")
    assert sorted(os.listdir(tmp_path)) == ["deep"] and sorted(os.listdir(inner)) == ["evil.keras", "good.keras",
                                                                                   "m.keras"]


def test_huge_declared_layer_sizes_are_refused_before_allocating(tmp_path):
    def edit(config):
        _first_layer(config)["config"]["units"] = 10**10

    _load_fails(_with_config(tmp_path, edit), "elements")


def test_config_naming_a_file_on_this_machine_is_refused(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("password\nhunter2\n")
    lookup = layers.StringLookup(vocabulary=["a", "b"], name="lookup")
    inputs = keras.Input((1,), dtype="string")
    model = keras.Model(inputs, lookup(inputs))

    def edit(config):
        for layer in config["config"]["layers"]:
            if layer["class_name"] == "StringLookup":
                layer["config"]["vocabulary"] = str(secret)

    path = _with_config(tmp_path, edit, model)
    error = _load_fails(path, "vocabulary file")
    assert "safe_mode=False" in str(error)
    loaded = keras.models.load_model(path, safe_mode=False)  # the user vouches for the file
    assert "hunter2" in loaded.layers[-1].get_vocabulary()


def test_deeply_nested_config_is_a_clear_error(tmp_path):
    members = _saved_members(tmp_path)
    members["config.json"] = b"[" * 100_000 + b"]" * 100_000
    _load_fails(_write(tmp_path / "deep.keras", members), "config.json")


def test_weights_header_declaring_a_huge_tensor_is_refused(tmp_path):
    members = _saved_members(tmp_path)
    header = json.dumps({"layers/dense/vars/0": {"dtype": "F32", "shape": [10**6, 10**6],
                                                 "data_offsets": [0, 4 * 10**12]}}).encode()
    members["model.weights.safetensors"] = len(header).to_bytes(8, "little") + header + b"\0" * 64
    _load_fails(_write(tmp_path / "huge.keras", members), "model.weights.safetensors")


def test_weights_from_another_architecture_are_refused(tmp_path):
    members = _saved_members(tmp_path)
    other = _saved_members(tmp_path, keras.Sequential([keras.Input((5,)), layers.Dense(2)]))
    members["model.weights.safetensors"] = other["model.weights.safetensors"]
    _load_fails(_write(tmp_path / "mixed.keras", members), "does not match")


def test_a_keras_archive_with_hdf5_weights_is_named_as_such(tmp_path):
    members = _saved_members(tmp_path)
    members["model.weights.h5"] = members.pop("model.weights.safetensors")
    _load_fails(_write(tmp_path / "keras3.keras", members), "model.weights")


def test_metadata_of_another_format_is_refused(tmp_path):
    members = _saved_members(tmp_path)
    members["metadata.json"] = json.dumps({"keras_version": "3.5.0"}).encode()
    _load_fails(_write(tmp_path / "other.keras", members), "format")


@pytest.mark.parametrize("keep", [0.1, 0.5, 0.9, 0.99])
def test_truncated_archives_are_clear_errors(tmp_path, keep):
    members = _saved_members(tmp_path)
    data = _write(tmp_path / "whole.keras", members).read_bytes()
    cut = tmp_path / "cut.keras"
    cut.write_bytes(data[: int(len(data) * keep)])
    with pytest.raises(SavedFileError, match="cut.keras"):
        keras.models.load_model(cut)


@pytest.mark.parametrize("content", [b"", b"\x00" * 100, b"not a model at all", b"\x89HDF\r\n\x1a\n" + b"\0" * 64])
def test_files_of_the_wrong_kind_are_clear_errors(tmp_path, content):
    path = tmp_path / "model.keras"
    path.write_bytes(content)
    with pytest.raises(SavedFileError, match="model.keras"):
        keras.models.load_model(path)
    with pytest.raises(SavedFileError, match="model.keras"):
        keras.Sequential([keras.Input((3,)), layers.Dense(2)]).load_weights(path)


def test_a_missing_file_is_file_not_found(tmp_path):
    with pytest.raises(FileNotFoundError, match="absent.keras"):
        keras.models.load_model(tmp_path / "absent.keras")
