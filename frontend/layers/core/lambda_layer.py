"""``Lambda``: wraps a Python function as a layer.

Configs hold data only, so a Lambda's function is saved by module and name. Loading finds
it in ``custom_objects``, a custom-object scope or the registry in any mode; otherwise
only ``safe_mode=False`` may import the named module to fetch it. A Python ``lambda`` has
no name to save and is refused; Keras's bytecode form is never written nor read.
"""

import importlib
import inspect
import re

from frontend import activations, tree
from frontend.layers.layer import Layer
from frontend.ops.symbolic import compute_output_spec
from frontend.saving.object_registration import get_registered_name, resolve
from frontend.saving.safe_mode import in_safe_mode, safe_mode_scope

_MODULE_PATH = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*")


def _accepts(function, argument):
    try:
        return argument in inspect.signature(function).parameters
    except (TypeError, ValueError):
        return False


def _serialize_function(layer, function, argument):
    name = getattr(function, "__name__", None)
    if not (inspect.isfunction(function) or inspect.isbuiltin(function)) or name == "<lambda>":
        raise ValueError(
            f"Lambda layer '{layer.name}': cannot save {argument}={function!r}; only functions defined with "
            "def are saved (by name, to be passed in custom_objects when loading). Use a def function or "
            "a custom Layer subclass"
        )
    registered = get_registered_name(function)
    return {"module": function.__module__, "class_name": "function", "config": registered,
            "registered_name": registered}


def _import_function(module, name, layer, argument):
    """``module.name`` imported by request of ``safe_mode=False``: plain module-level names only."""
    if not (isinstance(module, str) and _MODULE_PATH.fullmatch(module) and name.isidentifier()):
        raise ValueError(f"Lambda layer '{layer}': cannot import {argument} {name!r} from module {module!r}; "
                         "only a module-level function with a plain name can be imported")
    try:
        function = getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError) as error:
        raise ValueError(f"Lambda layer '{layer}': cannot import {argument} '{module}.{name}' "
                         f"({type(error).__name__}: {error}); pass it in custom_objects instead") from None
    if not callable(function):
        raise ValueError(f"Lambda layer '{layer}': '{module}.{name}' is not callable")
    return function


def _deserialize_function(config, argument, custom_objects, layer):
    if isinstance(config, dict) and config.get("class_name") == "__lambda__":
        raise ValueError(
            f"Lambda layer '{layer}': the saved {argument} is Python bytecode, which is never loaded (it could run "
            "arbitrary code), with or without safe_mode. Rewrite it as a def function and pass it in custom_objects"
        )
    module = None
    if isinstance(config, dict) and config.get("class_name") == "function":
        name, module = config.get("config"), config.get("module")
    elif isinstance(config, str):
        name = config
    else:
        raise ValueError(f"Lambda layer '{layer}': cannot read the saved {argument} {config!r}; expected "
                         "{'class_name': 'function', 'config': name, 'module': ...}")
    if not isinstance(name, str):
        raise ValueError(f"Lambda layer '{layer}': the saved {argument} name must be a string, found {name!r}")
    found = resolve([name], custom_objects, activations.ALL_OBJECTS_DICT)
    if found is not None:
        return found
    short = name.rpartition(">")[2]
    if in_safe_mode() or module is None or ">" in name:
        where = f"'{module}.{name}'" if module else repr(name)
        raise ValueError(
            f"Lambda layer '{layer}': Unknown {argument} function {where}. Safe mode never imports code named "
            f"by a saved config. Pass custom_objects={{'{short}': {short}}} (or register it with "
            "frontend.saving.register_keras_serializable); or, only if you trust the file, load with "
            "safe_mode=False to import it"
        )
    return _import_function(module, name, layer, argument)


class Lambda(Layer):
    """Calls ``function(inputs, **arguments)``, passing ``mask``/``training`` when the function takes them.

    ``output_shape`` (without the batch axis, or a function of the input shape) skips
    shape inference; ``mask`` is an output mask or a function ``(inputs, mask) -> mask``.
    """

    def __init__(self, function, output_shape=None, mask=None, arguments=None, **kwargs):
        super().__init__(**kwargs)
        if not callable(function):
            raise ValueError(f"Lambda: function must be callable, received {function!r}")
        self.function = function
        self.arguments = dict(arguments or {})
        self.mask = mask
        self.supports_masking = mask is not None
        self._output_shape = output_shape
        self._function_takes_mask = _accepts(function, "mask")
        self._function_takes_training = _accepts(function, "training")

    def call(self, inputs, mask=None, training=None):
        kwargs = dict(self.arguments)
        if self._function_takes_mask:
            kwargs["mask"] = mask
        if self._function_takes_training:
            kwargs["training"] = training
        return self.function(inputs, **kwargs)

    def compute_mask(self, inputs, previous_mask=None):
        if callable(self.mask):
            return self.mask(inputs, previous_mask)
        return self.mask

    def compute_output_shape(self, input_shape):
        if self._output_shape is None:
            return super().compute_output_shape(input_shape)
        if callable(self._output_shape):
            return self._output_shape(input_shape)
        batch = tree.flatten(input_shape)[0]
        if _is_shape(self._output_shape):
            return (batch,) + tuple(self._output_shape)
        return tree.map_structure(lambda shape: (batch,) + tuple(shape), self._output_shape)

    def compute_output_spec(self, *args, **kwargs):
        if self._output_shape is None:
            return compute_output_spec(self.call, *args, **kwargs)
        return super().compute_output_spec(*args, **kwargs)

    def get_config(self):
        config = {**super().get_config(), "function": _serialize_function(self, self.function, "function")}
        if self._output_shape is not None:
            config["output_shape"] = (
                _serialize_function(self, self._output_shape, "output_shape")
                if callable(self._output_shape) else self._output_shape
            )
        if self.mask is not None:
            if not callable(self.mask):
                raise ValueError(f"Lambda layer '{self.name}': only a mask function can be saved, not a mask value")
            config["mask"] = _serialize_function(self, self.mask, "mask")
        config["arguments"] = dict(self.arguments)
        return config

    @classmethod
    def from_config(cls, config, custom_objects=None, safe_mode=None):
        """Rebuild from a config; see the module notes for how saved functions are found."""
        config = dict(config)
        layer = config.get("name", "lambda")
        if "function" not in config:
            raise ValueError(f"Lambda layer '{layer}': the config has no 'function'")
        with safe_mode_scope(safe_mode):
            config["function"] = _deserialize_function(config["function"], "function", custom_objects, layer)
            for key in ("output_shape", "mask"):
                value = config.get(key)
                if isinstance(value, (dict, str)):
                    config[key] = _deserialize_function(value, key, custom_objects, layer)
        if isinstance(config.get("output_shape"), list) and _is_shape(config["output_shape"]):
            config["output_shape"] = tuple(config["output_shape"])
        return super().from_config(config)

def _is_shape(value):
    return isinstance(value, (list, tuple)) and all(d is None or isinstance(d, int) for d in value)
