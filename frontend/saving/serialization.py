"""Catalog objects to JSON-ready configs and back, without eval or dynamic imports.

A config names a class; loading looks that name up in ``custom_objects``, the active
``custom_object_scope``s, the registry of ``register_keras_serializable`` and the catalog's
own table, and nowhere else (see ``object_registration.resolve``): the ``module`` a config
names is never imported, so a saved file can never make us run code it names. The dict
layout is the one Keras 3 writes, so configs travel both ways.
"""

import contextlib
import inspect

from frontend.ops.operation import snake_case  # noqa: F401  (re-exported for the catalogs)
from frontend.saving.object_registration import custom_object_scope, get_registered_name, resolve


def _public_module(cls):
    """``frontend.initializers.x`` is written as ``keras.initializers``; user classes keep their module."""
    parts = cls.__module__.split(".")
    if parts[0] == "frontend" and len(parts) > 1:
        return "keras." + parts[1]
    return cls.__module__


def _registered_name(cls):
    """None for built-in classes (Keras's convention), ``Package>Name`` or the class name otherwise."""
    if cls.__module__.split(".")[0] == "frontend":
        return None
    return get_registered_name(cls)


def serialize_object(obj):
    """A config dict for objects with ``get_config``, the (registered) name for functions; plain values pass."""
    if obj is None or isinstance(obj, (str, bool, int, float)):
        return obj
    if hasattr(obj, "get_config") and not inspect.isclass(obj):
        config = obj.get_config()
        if not isinstance(config, dict):
            raise ValueError(f"{type(obj).__name__}.get_config() must return a dict, it returned {config!r}")
        return {
            "module": _public_module(type(obj)),
            "class_name": type(obj).__name__,
            "config": config,
            "registered_name": _registered_name(type(obj)),
        }
    if inspect.isfunction(obj) or inspect.isbuiltin(obj):
        return get_registered_name(obj)
    raise ValueError(
        f"Cannot serialize {obj!r}: it is neither a plain value, a function nor an object with get_config()"
    )


def _unknown(name, module_objects, kind):
    known = ", ".join(sorted(module_objects))
    return ValueError(
        f"Unknown {kind}: {name!r}. Known {kind} names: {known}. A custom {kind} must be passed in "
        "custom_objects, a custom_object_scope, or registered with frontend.saving.register_keras_serializable"
    )


def lookup(name, module_objects, kind, custom_objects=None):
    """The object known as ``name`` (custom objects, scopes, registry, then ``module_objects``), or ValueError."""
    found = resolve([name], custom_objects, module_objects)
    if found is None:
        raise _unknown(name, module_objects, kind)
    return found


def _scoped(custom_objects):
    """Nested lookups inside ``from_config`` (a layer's activation, say) see ``custom_objects`` too."""
    return custom_object_scope(custom_objects) if custom_objects else contextlib.nullcontext()


def instantiate(target, inner, custom_objects=None):
    """``target.from_config(inner)`` (passing ``custom_objects`` when it takes them), else ``target(**inner)``."""
    with _scoped(custom_objects):
        from_config = getattr(target, "from_config", None)
        if from_config is None:
            return target(**inner)
        if "custom_objects" in inspect.signature(from_config).parameters:
            return from_config(inner, custom_objects=custom_objects)
        return from_config(inner)


def _from_dict(config, module_objects, kind, custom_objects):
    if "class_name" not in config:
        raise ValueError(f"Cannot read {kind} config {config!r}: it has no 'class_name' key")
    class_name = config["class_name"]
    if not isinstance(class_name, str):
        raise ValueError(f"Cannot read {kind} config {config!r}: its 'class_name' must be a string")
    inner = config.get("config", {})
    if class_name == "function":  # Keras writes functions as {"class_name": "function", "config": name}
        if not isinstance(inner, str):
            raise ValueError(f"Cannot read {kind} config {config!r}: a function's 'config' must be its name")
        return lookup(inner, module_objects, kind, custom_objects)
    if class_name == "__lambda__":
        raise ValueError(f"Cannot read {kind} config: '__lambda__' entries hold Python bytecode, which is never "
                         "loaded (with or without safe_mode); save a def function registered by name instead")
    registered = config.get("registered_name")
    registered = registered if isinstance(registered, str) else None
    # a class registered as "Package>Name" must not silently fall back to a built-in of the same class name
    builtins = module_objects if registered in (None, class_name) else {}
    target = resolve([registered, class_name], custom_objects, builtins)
    if target is None:
        raise _unknown(registered or class_name, module_objects, kind)
    if not inspect.isclass(target):
        return target
    if inner is None:
        inner = {}
    if not isinstance(inner, dict):
        raise ValueError(f"Cannot read {kind} config for {class_name!r}: 'config' must be a dict, received {inner!r}")
    return instantiate(target, inner, custom_objects)


def deserialize_object(identifier, module_objects, kind, custom_objects=None):
    """Resolve a name, a config dict, a class or a ready object into a ``kind`` object.

    Names and ``class_name`` entries are looked up in ``custom_objects``, the active
    scopes, the registry, then ``module_objects``; a class found by name is instantiated
    with its defaults.
    """
    if identifier is None:
        return None
    if isinstance(identifier, str):
        target = lookup(identifier, module_objects, kind, custom_objects)
        return target() if inspect.isclass(target) else target
    if isinstance(identifier, dict):
        return _from_dict(identifier, module_objects, kind, custom_objects)
    if inspect.isclass(identifier):
        return identifier()
    if callable(identifier):
        return identifier
    raise ValueError(f"Could not interpret {kind} identifier: {identifier!r}")
