"""``frontend.initializers``: starting values for weights, looked up by name or config.

Random initializers draw on the host with NumPy, so a seed gives bit-identical weights on
every engine (see ``host_random``).
"""

import numpy as np

from frontend import ops
from frontend.ops import dtypes
from frontend.initializers.constant_initializers import STFT, Constant, Identity, Ones, Zeros
from frontend.initializers.initializer import Initializer
from frontend.initializers.random_initializers import (
    GlorotNormal,
    GlorotUniform,
    HeNormal,
    HeUniform,
    LecunNormal,
    LecunUniform,
    Orthogonal,
    RandomInitializer,
    RandomNormal,
    RandomUniform,
    TruncatedNormal,
    VarianceScaling,
    compute_fans,
)
from frontend.saving.serialization import deserialize_object, serialize_object, snake_case

ALL_OBJECTS = (
    Initializer,
    Constant,
    Identity,
    Ones,
    STFT,
    Zeros,
    GlorotNormal,
    GlorotUniform,
    HeNormal,
    HeUniform,
    LecunNormal,
    LecunUniform,
    Orthogonal,
    RandomNormal,
    RandomUniform,
    TruncatedNormal,
    VarianceScaling,
)
ALL_OBJECTS_DICT = {cls.__name__: cls for cls in ALL_OBJECTS}
ALL_OBJECTS_DICT.update({snake_case(cls.__name__): cls for cls in ALL_OBJECTS})
ALL_OBJECTS_DICT.update(
    {
        "IdentityInitializer": Identity,
        "OrthogonalInitializer": Orthogonal,
        "STFTInitializer": STFT,
        "normal": RandomNormal,
        "uniform": RandomUniform,
        "one": Ones,
        "zero": Zeros,
    }
)


def serialize(initializer):
    """The config dict of ``initializer`` (Keras 3 layout)."""
    return serialize_object(initializer)


def deserialize(config, custom_objects=None):
    """An initializer from a config dict or a name."""
    return deserialize_object(config, ALL_OBJECTS_DICT, "initializer", custom_objects)


def _from_array(values):
    """An initializer that returns ``values`` cast to the requested dtype; the shape must match."""

    def initialize(shape, dtype=None):
        if tuple(shape) != tuple(values.shape):
            raise ValueError(
                f"initializer from an array: expected shape={tuple(values.shape)}, received shape={tuple(shape)}"
            )
        return ops.convert_to_tensor(values, dtypes.standardize_dtype(dtype, "initializer"))

    return initialize


def get(identifier):
    """An initializer from None, a name, a config dict, a class, a callable or an array of values."""
    if isinstance(identifier, np.ndarray) or ops.is_tensor(identifier):
        return _from_array(ops.convert_to_numpy(identifier))
    return deserialize_object(identifier, ALL_OBJECTS_DICT, "initializer")

# Keras's lower-case aliases (``initializers.glorot_uniform``...) are the classes themselves
globals().update({name: cls for name, cls in ALL_OBJECTS_DICT.items() if name.isidentifier() and name not in globals()})
