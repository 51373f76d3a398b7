"""Layers (and models) to Keras-3-shaped config dicts and back, through a fixed class table."""

import functools
import inspect

from frontend.saving.serialization import deserialize_object, serialize_object


@functools.lru_cache(maxsize=None)
def _layer_classes():
    import frontend.layers
    import frontend.models
    from frontend.layers.layer import Layer

    table = {}
    for module in (frontend.layers, frontend.models):
        for name, value in vars(module).items():
            if inspect.isclass(value) and issubclass(value, Layer):
                table[name] = value
    return table


def serialize(layer):
    """``{"module", "class_name", "config", "registered_name"}`` for a layer or model."""
    return serialize_object(layer)


def deserialize(config, custom_objects=None):
    """A new layer from ``serialize``'s dict.

    Class names resolve through ``custom_objects``, active custom-object scopes, the
    registry and the built-in layers and models, and nowhere else.
    """
    if not isinstance(config, dict):
        raise ValueError(f"layers.deserialize: expected a config dict, received {config!r}")
    return deserialize_object(config, _layer_classes(), "layer", custom_objects)
