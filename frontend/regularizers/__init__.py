"""``frontend.regularizers``: penalties on weights, looked up by name or config."""

from frontend.regularizers.regularizers import L1, L1L2, L2, OrthogonalRegularizer, Regularizer
from frontend.saving.serialization import deserialize_object, serialize_object, snake_case

ALL_OBJECTS = (Regularizer, L1, L2, L1L2, OrthogonalRegularizer)
ALL_OBJECTS_DICT = {cls.__name__: cls for cls in ALL_OBJECTS}
ALL_OBJECTS_DICT.update({snake_case(cls.__name__): cls for cls in ALL_OBJECTS})
ALL_OBJECTS_DICT["l1_l2"] = L1L2


def serialize(regularizer):
    """The config dict of ``regularizer`` (Keras 3 layout)."""
    return serialize_object(regularizer)


def deserialize(config, custom_objects=None):
    """A regularizer from a config dict or a name."""
    return deserialize_object(config, ALL_OBJECTS_DICT, "regularizer", custom_objects)


def get(identifier):
    """A regularizer from None, a name, a config dict, a class or a callable."""
    return deserialize_object(identifier, ALL_OBJECTS_DICT, "regularizer")

# Keras's lower-case aliases (``initializers.glorot_uniform``...) are the classes themselves
globals().update({name: cls for name, cls in ALL_OBJECTS_DICT.items() if name.isidentifier() and name not in globals()})
