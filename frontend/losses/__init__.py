"""``frontend.losses``: Keras 3's loss catalog, as classes and as per-sample functions.

Classes (``MeanSquaredError()``) reduce over samples with sample weights and masks;
functions (``mean_squared_error``) return one value per sample. ``get``, ``serialize``
and ``deserialize`` resolve names and configs through the table below only.
"""

from frontend.losses.crossentropy import (
    BinaryCrossentropy, BinaryFocalCrossentropy, CategoricalCrossentropy, CategoricalFocalCrossentropy,
    CategoricalGeneralizedCrossEntropy, SparseCategoricalCrossentropy, binary_crossentropy, binary_focal_crossentropy,
    categorical_crossentropy, categorical_focal_crossentropy, categorical_generalized_cross_entropy,
    sparse_categorical_crossentropy,
)
from frontend.losses.hinge import CategoricalHinge, Hinge, SquaredHinge, categorical_hinge, hinge, squared_hinge
from frontend.losses.loss import Loss
from frontend.losses.probabilistic import KLDivergence, Poisson, kl_divergence, poisson
from frontend.losses.regression import (
    CosineSimilarity, Huber, LogCosh, MeanAbsoluteError, MeanAbsolutePercentageError, MeanSquaredError,
    MeanSquaredLogarithmicError, cosine_similarity, huber, log_cosh, mean_absolute_error,
    mean_absolute_percentage_error, mean_squared_error, mean_squared_logarithmic_error,
)
from frontend.losses.segmentation import Dice, Tversky, dice, tversky
from frontend.losses.sequence import CTC, ctc
from frontend.losses.similarity import Circle, circle
from frontend.losses.wrapper import LossFunctionWrapper
from frontend.ops.ctc import ctc_loss
from frontend.saving.serialization import deserialize_object, serialize_object

ALL_OBJECTS = (
    Loss, LossFunctionWrapper,
    KLDivergence, Poisson, BinaryCrossentropy, BinaryFocalCrossentropy, CategoricalCrossentropy,
    CategoricalFocalCrossentropy, SparseCategoricalCrossentropy, CategoricalGeneralizedCrossEntropy,
    MeanSquaredError, MeanAbsoluteError, MeanAbsolutePercentageError, MeanSquaredLogarithmicError,
    CosineSimilarity, LogCosh, Huber,
    Hinge, SquaredHinge, CategoricalHinge,
    Dice, Tversky, Circle, CTC,
    kl_divergence, poisson, binary_crossentropy, binary_focal_crossentropy, categorical_crossentropy,
    categorical_focal_crossentropy, sparse_categorical_crossentropy, categorical_generalized_cross_entropy,
    mean_squared_error, mean_absolute_error, mean_absolute_percentage_error, mean_squared_logarithmic_error,
    cosine_similarity, log_cosh, huber,
    hinge, squared_hinge, categorical_hinge,
    dice, tversky, circle, ctc,
)

# Short names Keras accepts for the functions (and tf.keras exported as attributes).
ALIASES = {
    "mse": mean_squared_error, "MSE": mean_squared_error,
    "mae": mean_absolute_error, "MAE": mean_absolute_error,
    "mape": mean_absolute_percentage_error, "MAPE": mean_absolute_percentage_error,
    "msle": mean_squared_logarithmic_error, "MSLE": mean_squared_logarithmic_error,
    "kld": kl_divergence, "KLD": kl_divergence, "kullback_leibler_divergence": kl_divergence,
    "bce": binary_crossentropy, "BCE": binary_crossentropy,
    "logcosh": log_cosh,
}
globals().update(ALIASES)

ALL_OBJECTS_DICT = {obj.__name__: obj for obj in ALL_OBJECTS}
ALL_OBJECTS_DICT.update(ALIASES)


def serialize(loss):
    """The config of a ``Loss`` (Keras 3 layout), or the name of a loss function."""
    return serialize_object(loss)


def deserialize(config, custom_objects=None):
    """A ``Loss`` or loss function from a config dict or a name."""
    return deserialize_object(config, ALL_OBJECTS_DICT, "loss", custom_objects)


def get(identifier):
    """A loss from None, a name ("mse", "CategoricalCrossentropy"), a config dict, a class or a callable.

    Names of functions give the function; names of classes give an instance with defaults.
    """
    if identifier is None:
        return None
    loss = deserialize_object(identifier, ALL_OBJECTS_DICT, "loss")
    if not callable(loss):
        raise ValueError(f"Could not interpret loss identifier: {identifier!r}")
    return loss
