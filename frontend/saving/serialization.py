"""Catalog objects to JSON-ready configs and back, without eval or dynamic imports.

A config names a class; loading looks that name up in the catalog's own table (and in
``custom_objects``) and nowhere else, so a saved file can never make us run code it names.
The dict layout is the one Keras 3 writes, so configs travel both ways.
"""

import inspect

from frontend.ops.operation import snake_case  # noqa: F401  (re-exported for the catalogs)

def _public_module(cls):
    """``frontend.initializers.x`` is written as ``keras.initializers``; user classes keep their module."""
    parts = cls.__module__.split(".")
    if parts[0] == "frontend" and len(parts) > 1:
        return "keras." + parts[1]
    return cls.__module__


def serialize_object(obj):
    """A config dict for objects with ``get_config``, the name for functions; plain values pass through."""
    if obj is None or isinstance(obj, (str, bool, int, float)):
        return obj
    if hasattr(obj, "get_config") and not inspect.isclass(obj):
        return {
            "module": _public_module(type(obj)),
            "class_name": type(obj).__name__,
            "config": obj.get_config(),
            "registered_name": None,
        }
    if inspect.isfunction(obj) or inspect.isbuiltin(obj):
        return obj.__name__
    raise ValueError(
        f"Cannot serialize {obj!r}: it is neither a plain value, a function nor an object with get_config()"
    )


def _lookup(name, module_objects, kind, custom_objects):
    for table in (custom_objects or {}, module_objects):
        if name in table:
            return table[name]
    known = ", ".join(sorted(module_objects))
    raise ValueError(
        f"Unknown {kind}: {name!r}. Known {kind} names: {known}. "
        f"A custom {kind} must be passed in custom_objects."
    )


def _from_dict(config, module_objects, kind, custom_objects):
    if "class_name" not in config:
        raise ValueError(f"Cannot read {kind} config {config!r}: it has no 'class_name' key")
    class_name = config["class_name"]
    inner = config.get("config", {})
    if class_name == "function":  # Keras writes functions as {"class_name": "function", "config": name}
        return _lookup(inner, module_objects, kind, custom_objects)
    registered = config.get("registered_name")
    if registered and registered != class_name and custom_objects and registered in custom_objects:
        class_name = registered
    target = _lookup(class_name, module_objects, kind, custom_objects)
    if not inspect.isclass(target):
        return target
    if inner is None:
        inner = {}
    if not isinstance(inner, dict):
        raise ValueError(f"Cannot read {kind} config for {class_name!r}: 'config' must be a dict, received {inner!r}")
    if hasattr(target, "from_config"):
        return target.from_config(inner)
    return target(**inner)


def deserialize_object(identifier, module_objects, kind, custom_objects=None):
    """Resolve a name, a config dict, a class or a ready object into a ``kind`` object.

    Names and ``class_name`` entries are looked up in ``custom_objects`` first, then in
    ``module_objects``; a class found by name is instantiated with its defaults.
    """
    if identifier is None:
        return None
    if isinstance(identifier, str):
        target = _lookup(identifier, module_objects, kind, custom_objects)
        return target() if inspect.isclass(target) else target
    if isinstance(identifier, dict):
        return _from_dict(identifier, module_objects, kind, custom_objects)
    if inspect.isclass(identifier):
        return identifier()
    if callable(identifier):
        return identifier
    raise ValueError(f"Could not interpret {kind} identifier: {identifier!r}")
