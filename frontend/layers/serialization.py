"""Layers (and models) to Keras-3-shaped config dicts and back, through a fixed class table."""

import inspect

from frontend.saving.serialization import deserialize_object, serialize_object


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
    """A new layer from ``serialize``'s dict; class names resolve only through known classes."""
    if not isinstance(config, dict):
        raise ValueError(f"layers.deserialize: expected a config dict, received {config!r}")
    table = _layer_classes()
    target = (custom_objects or {}).get(config.get("class_name")) or table.get(config.get("class_name"))
    if target is not None and "custom_objects" in inspect.signature(target.from_config).parameters:
        return target.from_config(config.get("config", {}), custom_objects=custom_objects)
    return deserialize_object(config, table, "layer", custom_objects)
