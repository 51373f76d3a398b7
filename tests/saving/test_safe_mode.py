"""Safe mode: a Lambda's function is imported only on request, and bytecode never loads."""

import json
import marshal
import sys
import threading

import numpy as np
import pytest

import frontend as keras
from frontend import layers, ops
from frontend.models import model_from_json
from frontend.saving import custom_object_scope, in_safe_mode, register_keras_serializable, safe_mode_scope

MATRIX = np.arange(6, dtype="float32").reshape(2, 3)


def numpy(x):
    return ops.convert_to_numpy(x)


def double_it(x):
    return x * 2.0


def scale_by(x, factor=1.0):
    return x * factor


def lambda_config(function=double_it, **kwargs):
    return json.loads(json.dumps(layers.Lambda(function, name="lam", **kwargs).get_config()))


def test_safe_mode_is_on_by_default_and_scoped():
    assert in_safe_mode() is True
    with safe_mode_scope(False):
        assert in_safe_mode() is False
        with safe_mode_scope(True):
            assert in_safe_mode() is True
        with safe_mode_scope(None):
            assert in_safe_mode() is False
        seen = []
        worker = threading.Thread(target=lambda: seen.append(in_safe_mode()))
        worker.start()
        worker.join()
        assert seen == [True]  # another thread keeps the default
    assert in_safe_mode() is True
    with pytest.raises(KeyError):
        with safe_mode_scope(False):
            raise KeyError("boom")
    assert in_safe_mode() is True


def test_lambda_config_names_module_and_function():
    config = lambda_config()
    assert config["function"] == {"module": __name__, "class_name": "function", "config": "double_it",
                                  "registered_name": "double_it"}


def test_safe_mode_refuses_an_unknown_function_and_says_how_to_opt_in():
    with pytest.raises(ValueError) as error:
        layers.Lambda.from_config(lambda_config())
    message = str(error.value)
    assert "Lambda layer 'lam'" in message and f"'{__name__}.double_it'" in message
    assert "safe_mode=False" in message and "custom_objects={'double_it': double_it}" in message


def test_known_functions_load_in_any_mode():
    config = lambda_config()
    for safe in (True, False):
        with safe_mode_scope(safe):
            assert layers.Lambda.from_config(config, custom_objects={"double_it": double_it}).function is double_it
            with custom_object_scope({"double_it": double_it}):
                assert layers.deserialize(layers.serialize(layers.Lambda(double_it))).function is double_it
    register_keras_serializable(package="SafeTests")(double_it)
    registered = lambda_config()
    assert registered["function"]["config"] == "SafeTests>double_it"
    assert layers.Lambda.from_config(registered).function is double_it


def test_built_in_activations_load_in_safe_mode():
    config = json.loads(json.dumps(layers.Lambda(keras.activations.relu).get_config()))
    assert layers.Lambda.from_config(config).function is keras.activations.relu


def test_unsafe_mode_imports_the_named_module_level_function():
    config = lambda_config(scale_by, arguments={"factor": 3.0}, output_shape=(3,))
    for load in (lambda: layers.Lambda.from_config(config, safe_mode=False),
                 lambda: _in_unsafe_scope(lambda: layers.deserialize(layers.serialize(layers.Lambda.from_config(
                     config, custom_objects={"scale_by": scale_by}))))):
        layer = load()
        assert layer.function is scale_by
        np.testing.assert_allclose(numpy(layer(MATRIX)), MATRIX * 3.0)


def _in_unsafe_scope(function):
    with safe_mode_scope(False):
        return function()


def test_unsafe_mode_still_imports_only_plain_module_level_names():
    def local_function(x):
        return x

    local = lambda_config(local_function)
    with pytest.raises(ValueError, match=r"cannot import function '[\w.]*local_function'.*no attribute"):
        layers.Lambda.from_config(local, safe_mode=False)
    bad_names = [("<lambda>", __name__), ("os.system", "builtins"), ("f", "os; rm -rf /"), ("f", "../evil"),
                 ("f", ""), ("Pkg>f", __name__), ("f", None)]
    for name, module in bad_names:
        config = dict(local, function={"module": module, "class_name": "function", "config": name})
        with pytest.raises(ValueError, match="Lambda layer 'lam'"):
            layers.Lambda.from_config(config, safe_mode=False)
    not_callable = dict(local, function={"module": __name__, "class_name": "function", "config": "MATRIX"})
    with pytest.raises(ValueError, match="is not callable"):
        layers.Lambda.from_config(not_callable, safe_mode=False)
    missing = dict(local, function={"module": "no_such_module_anywhere", "class_name": "function", "config": "f"})
    with pytest.raises(ValueError, match="cannot import function 'no_such_module_anywhere.f'"):
        layers.Lambda.from_config(missing, safe_mode=False)


@pytest.mark.parametrize("safe", [True, False])
def test_keras_lambda_bytecode_is_refused_in_both_modes(safe, monkeypatch):
    def no_unmarshal(*args, **kwargs):
        raise AssertionError("marshal.loads must never be called")

    monkeypatch.setattr(marshal, "loads", no_unmarshal)
    code = marshal.dumps((lambda x: x).__code__)
    keras_written = {"name": "lam", "trainable": True, "dtype": "float32", "arguments": {},
                     "function": {"class_name": "__lambda__", "config": {"value": [code.hex(), None, None]}}}
    with safe_mode_scope(safe):
        with pytest.raises(ValueError, match="bytecode, which is never loaded"):
            layers.Lambda.from_config(keras_written)
        with pytest.raises(ValueError, match="never loaded"):
            layers.deserialize({"class_name": "Lambda", "config": keras_written})
        output_shape = dict(lambda_config(), output_shape={"class_name": "__lambda__", "config": {}})
        with pytest.raises(ValueError, match="bytecode"):
            layers.Lambda.from_config(output_shape, custom_objects={"double_it": double_it})
        with pytest.raises(ValueError, match="never loaded"):
            keras.activations.deserialize({"class_name": "__lambda__", "config": {"value": code.hex()}})


def test_lambdas_are_refused_when_saving():
    with pytest.raises(ValueError, match="only functions defined with def"):
        layers.Lambda(lambda x: x, name="anon").get_config()


def test_lambda_in_a_saved_model_needs_an_opt_in(tmp_path):
    x = keras.Input((3,))
    model = keras.Model(x, layers.Dense(2)(layers.Lambda(double_it, name="lam")(x)))
    text = model.to_json()
    with pytest.raises(ValueError, match=r"Lambda layer 'lam'.*safe_mode=False"):
        model_from_json(text)
    for clone in (model_from_json(text, custom_objects={"double_it": double_it}),
                  _in_unsafe_scope(lambda: model_from_json(text))):
        clone.set_weights(model.get_weights())
        np.testing.assert_allclose(numpy(clone(MATRIX)), numpy(model(MATRIX)), rtol=1e-6)


def test_safe_mode_never_imports_the_lambda_module(tmp_path, monkeypatch):
    canary = tmp_path / "imported"
    (tmp_path / "frontend_lambda_canary.py").write_text(
        f"open({str(canary)!r}, 'w').close()\n"
        "def payload(x):\n    return x\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    config = dict(lambda_config(), function={"module": "frontend_lambda_canary", "class_name": "function",
                                             "config": "payload", "registered_name": "payload"})
    with pytest.raises(ValueError, match="'frontend_lambda_canary.payload'"):
        layers.Lambda.from_config(config)
    assert not canary.exists() and "frontend_lambda_canary" not in sys.modules
    try:
        layer = layers.Lambda.from_config(config, safe_mode=False)  # the user's explicit opt-in
        assert canary.exists() and layer.function.__name__ == "payload"
    finally:
        sys.modules.pop("frontend_lambda_canary", None)
