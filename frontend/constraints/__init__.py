"""``frontend.constraints``: projections on weights after each update, looked up by name or config."""

from frontend.constraints.constraints import Constraint, MaxNorm, MinMaxNorm, NonNeg, UnitNorm
from frontend.saving.serialization import deserialize_object, serialize_object, snake_case

ALL_OBJECTS = (Constraint, MaxNorm, MinMaxNorm, NonNeg, UnitNorm)
ALL_OBJECTS_DICT = {cls.__name__: cls for cls in ALL_OBJECTS}
ALL_OBJECTS_DICT.update({snake_case(cls.__name__): cls for cls in ALL_OBJECTS})


def serialize(constraint):
    """The config dict of ``constraint`` (Keras 3 layout)."""
    return serialize_object(constraint)


def deserialize(config, custom_objects=None):
    """A constraint from a config dict or a name."""
    return deserialize_object(config, ALL_OBJECTS_DICT, "constraint", custom_objects)


def get(identifier):
    """A constraint from None, a name, a config dict, a class or a callable."""
    return deserialize_object(identifier, ALL_OBJECTS_DICT, "constraint")

# Keras's lower-case aliases (``initializers.glorot_uniform``...) are the classes themselves
globals().update({name: cls for name, cls in ALL_OBJECTS_DICT.items() if name.isidentifier() and name not in globals()})
