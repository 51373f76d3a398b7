"""``frontend.optimizers``: the optimizer catalog, looked up by name or config like Keras 3's."""

from frontend.optimizers import schedules  # noqa: F401  (frontend.optimizers.schedules)
from frontend.optimizers.adadelta import Adadelta
from frontend.optimizers.adafactor import Adafactor
from frontend.optimizers.adagrad import Adagrad
from frontend.optimizers.adam import Adam
from frontend.optimizers.adamax import Adamax
from frontend.optimizers.adamw import AdamW
from frontend.optimizers.ftrl import Ftrl
from frontend.optimizers.lamb import Lamb
from frontend.optimizers.lion import Lion
from frontend.optimizers.nadam import Nadam
from frontend.optimizers.optimizer import Optimizer
from frontend.optimizers.rmsprop import RMSprop
from frontend.optimizers.sgd import SGD
from frontend.saving.serialization import deserialize_object, serialize_object

ALL_OBJECTS = (Optimizer, Adam, SGD, RMSprop, Adadelta, AdamW, Adagrad, Adamax, Adafactor, Nadam, Ftrl, Lion, Lamb)
ALL_OBJECTS_DICT = {cls.__name__: cls for cls in ALL_OBJECTS}
ALL_OBJECTS_DICT.update({cls.__name__.lower(): cls for cls in ALL_OBJECTS})


def serialize(optimizer):
    """The config dict of ``optimizer`` (Keras 3 layout)."""
    return serialize_object(optimizer)


def deserialize(config, custom_objects=None):
    """An optimizer from a config dict; built-in class names match in any letter case."""
    if isinstance(config, dict) and str(config.get("class_name", "")).lower() in ALL_OBJECTS_DICT:
        if not (custom_objects and config["class_name"] in custom_objects):
            config = {**config, "class_name": config["class_name"].lower()}
    return deserialize_object(config, ALL_OBJECTS_DICT, "optimizer", custom_objects)


def get(identifier):
    """An optimizer from None, a name ('adam'), a config dict or an Optimizer instance (returned as is)."""
    if identifier is None:
        return None
    if isinstance(identifier, str):
        identifier = {"class_name": identifier, "config": {}}
    obj = deserialize(identifier) if isinstance(identifier, dict) else identifier
    if isinstance(obj, Optimizer):
        return obj
    raise ValueError(f"Could not interpret optimizer identifier: {identifier}")
