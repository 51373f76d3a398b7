"""Where user classes and functions become known by name: the registry and custom-object scopes.

A saved config names a class; loading finds it only in tables the running program filled
itself: ``custom_objects`` passed to the load call, the dicts of active
``custom_object_scope``s, this module's global registry (filled by
``register_keras_serializable``), then the catalog's built-in table. Nothing named in a
file is ever imported.
"""

import inspect
import threading

_REGISTRY = {}  # "Package>Name" (or any key a user adds) -> class or function
_NAMES = {}  # class or function -> "Package>Name"
_lock = threading.Lock()
_local = threading.local()


def get_custom_objects():
    """The global registry dict; ``get_custom_objects()["MyLayer"] = MyLayer`` registers by hand."""
    return _REGISTRY


def register_keras_serializable(package="Custom", name=None):
    """Register a class (with ``get_config``) or a function under ``"package>name"``.

    ``name`` defaults to the object's ``__name__``. Configs of registered objects record
    that name as ``registered_name``, so loading finds them without ``custom_objects``.
    """
    if not isinstance(package, str) or not package or ">" in package:
        raise ValueError(f"register_keras_serializable: package must be a non-empty string without '>', "
                         f"received {package!r}")

    def decorator(obj):
        if inspect.isclass(obj) and not hasattr(obj, "get_config"):
            raise ValueError(f"register_keras_serializable: class {obj.__name__} has no get_config(), "
                             "so it cannot be saved")
        if not (inspect.isclass(obj) or callable(obj)):
            raise ValueError(f"register_keras_serializable: expected a class or a function, received {obj!r}")
        registered = f"{package}>{name if name is not None else obj.__name__}"
        with _lock:
            _REGISTRY[registered] = obj
            _NAMES[obj] = registered
        return obj

    return decorator


register_serializable = register_keras_serializable


def get_registered_name(obj):
    """``"Package>Name"`` for a registered class or function, else its ``__name__``."""
    if inspect.isclass(obj):
        obj = vars(obj).get("_functional_of", obj)  # a Model subclass given a functional graph
    try:
        registered = _NAMES.get(obj)
    except TypeError:  # unhashable
        registered = None
    return registered if registered is not None else getattr(obj, "__name__", None)


def _scope_stack():
    if not hasattr(_local, "stack"):
        _local.stack = []
    return _local.stack


class CustomObjectScope:
    """``with custom_object_scope({"MyLayer": MyLayer}):`` makes those names loadable inside the block.

    Scopes nest (the innermost wins) and belong to the thread that entered them.
    """

    def __init__(self, *custom_objects):
        merged = {}
        for objects in custom_objects:
            if objects is None:
                continue
            if not isinstance(objects, dict):
                raise ValueError(f"custom_object_scope: expected dicts of name -> object, received {objects!r}")
            merged.update(objects)
        self.custom_objects = merged

    def __enter__(self):
        _scope_stack().append(self.custom_objects)
        return self

    def __exit__(self, *exc_info):
        _scope_stack().pop()
        return False


custom_object_scope = CustomObjectScope


def _by_plain_name(name):
    """The registered object whose own or registered short name is ``name``; None if none, error if several."""
    found = {id(obj): (key, obj) for key, obj in list(_REGISTRY.items())
             if getattr(obj, "__name__", None) == name or key.rpartition(">")[2] == name}
    if len(found) > 1:
        keys = sorted(key for key, _ in found.values())
        raise ValueError(f"The name {name!r} matches several registered objects ({', '.join(keys)}); "
                         "the config's registered_name must say which")
    return next(iter(found.values()))[1] if found else None


_MISSING = object()


def resolve(names, custom_objects=None, module_objects=None):
    """The first object found under any of ``names`` (e.g. registered name, class name), or None.

    Tables in order: ``custom_objects``, active scopes (innermost first), the global
    registry, ``module_objects`` (the catalog's built-ins), and last the registry by plain
    class name, so a registered ``Custom>Dense`` never hides the built-in ``Dense``.
    """
    names = [name for name in names if isinstance(name, str)]
    for table in (custom_objects or {}, *reversed(_scope_stack()), _REGISTRY, module_objects or {}):
        for name in names:
            found = table.get(name, _MISSING)
            if found is not _MISSING:
                return found
    for name in names:
        found = _by_plain_name(name)
        if found is not None:
            return found
    return None


def get_registered_object(name, custom_objects=None, module_objects=None):
    """The object known as ``name`` (see ``resolve`` for the order of the tables), or None."""
    return resolve([name], custom_objects, module_objects)
