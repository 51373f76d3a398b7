"""``frontend.activations``: activation functions, looked up by name.

An activation serializes to its name; ``get(None)`` is ``linear``.
"""

import inspect

from frontend.activations import activations as _functions
from frontend.ops.exports import public_functions
from frontend.saving.serialization import deserialize_object, serialize_object

ALL_OBJECTS_DICT = public_functions(_functions)
ALL_OBJECTS_DICT.update({"swish": ALL_OBJECTS_DICT["silu"], "hard_swish": ALL_OBJECTS_DICT["hard_silu"]})
ALL_OBJECTS = tuple(ALL_OBJECTS_DICT.values())
globals().update(ALL_OBJECTS_DICT)


def serialize(activation):
    """The name of an activation function; an activation object gives its config dict."""
    if inspect.isfunction(activation) and activation.__name__ == "<lambda>":
        raise ValueError(
            "Cannot serialize a lambda activation: define it with def and pass it in custom_objects when loading"
        )
    return serialize_object(activation)


def deserialize(config, custom_objects=None):
    """An activation function from its name (or a Keras 3 config dict)."""
    return deserialize_object(config, ALL_OBJECTS_DICT, "activation", custom_objects)


def get(identifier):
    """An activation from None (``linear``), a name, a config dict or a callable."""
    if identifier is None:
        return linear
    return deserialize_object(identifier, ALL_OBJECTS_DICT, "activation")
