"""Layers held by other layers (an RNN's cell, a wrapper's layer): configs and copies."""

from frontend.layers import serialization
from frontend.layers.layer import Layer

serialize_layer = serialization.serialize


def deserialize_layer(config, custom_objects=None):
    """A layer from its config dict; a layer instance passes through unchanged."""
    if isinstance(config, Layer):
        return config
    return serialization.deserialize(config, custom_objects)


def copy_layer(layer, **overrides):
    """A new, unbuilt layer with ``layer``'s config, some entries replaced.

    The classes of the layer and of every layer inside it resolve to themselves, so
    user-defined cells copy without registration.
    """
    config = layer.get_config()
    config.update(overrides)
    known = {type(inner).__name__: type(inner) for inner in layer._flatten_layers()}
    return deserialize_layer({"class_name": type(layer).__name__, "config": config}, known)
