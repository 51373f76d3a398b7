"""``frontend.activations``: activation functions, looked up by name.

An activation serializes to its name; ``get(None)`` is ``linear``.
"""

import inspect

from frontend.activations.activations import (
    celu,
    elu,
    exponential,
    gelu,
    glu,
    hard_shrink,
    hard_sigmoid,
    hard_silu,
    hard_tanh,
    leaky_relu,
    linear,
    log_sigmoid,
    log_softmax,
    mish,
    relu,
    relu6,
    selu,
    sigmoid,
    silu,
    soft_shrink,
    softmax,
    softplus,
    softsign,
    sparse_plus,
    sparse_sigmoid,
    sparsemax,
    squareplus,
    tanh,
    tanh_shrink,
    threshold,
)
from frontend.saving.serialization import deserialize_object, serialize_object

swish = silu
hard_swish = hard_silu

ALL_OBJECTS = (
    celu,
    elu,
    exponential,
    gelu,
    glu,
    hard_shrink,
    hard_sigmoid,
    hard_silu,
    hard_tanh,
    leaky_relu,
    linear,
    log_sigmoid,
    log_softmax,
    mish,
    relu,
    relu6,
    selu,
    sigmoid,
    silu,
    soft_shrink,
    softmax,
    softplus,
    softsign,
    sparse_plus,
    sparse_sigmoid,
    sparsemax,
    squareplus,
    tanh,
    tanh_shrink,
    threshold,
)
ALL_OBJECTS_DICT = {fn.__name__: fn for fn in ALL_OBJECTS}
ALL_OBJECTS_DICT.update({"swish": silu, "hard_swish": hard_silu})


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
