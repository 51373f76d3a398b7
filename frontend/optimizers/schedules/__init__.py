"""``frontend.optimizers.schedules``: learning rates as functions of the optimizer step."""

from frontend.optimizers.schedules.cosine_decay import CosineDecay, CosineDecayRestarts
from frontend.optimizers.schedules.learning_rate_schedule import (
    ExponentialDecay,
    InverseTimeDecay,
    LearningRateSchedule,
    PiecewiseConstantDecay,
    PolynomialDecay,
)
from frontend.saving.serialization import deserialize_object, serialize_object

ALL_OBJECTS = (
    LearningRateSchedule, ExponentialDecay, PiecewiseConstantDecay, PolynomialDecay, InverseTimeDecay, CosineDecay,
    CosineDecayRestarts,
)
ALL_OBJECTS_DICT = {cls.__name__: cls for cls in ALL_OBJECTS}


def serialize(learning_rate_schedule):
    """The config dict of a schedule, in Keras 3's layout (module ``keras.optimizers.schedules``)."""
    config = serialize_object(learning_rate_schedule)
    if isinstance(config, dict) and type(learning_rate_schedule) in ALL_OBJECTS:
        config["module"] = "keras.optimizers.schedules"
    return config


def deserialize(config, custom_objects=None):
    """A schedule from its config dict (custom classes come from ``custom_objects``)."""
    return deserialize_object(config, ALL_OBJECTS_DICT, "learning rate schedule", custom_objects)
