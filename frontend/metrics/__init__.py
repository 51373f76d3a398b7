"""``frontend.metrics``: stateful metrics that run inside the compiled training step.

Classes are looked up by name (``"AUC"``, ``"auc"``, ``"mse"``...) or by config;
the per-sample functions (``binary_accuracy``, ``mean_squared_error``...) are exported
under Keras 3's names as well.
"""

import inspect

from frontend.metrics.accuracy_functions import (
    binary_accuracy,
    categorical_accuracy,
    sparse_categorical_accuracy,
    sparse_top_k_categorical_accuracy,
    top_k_categorical_accuracy,
)
from frontend.metrics.accuracy_metrics import (
    Accuracy,
    BinaryAccuracy,
    CategoricalAccuracy,
    SparseCategoricalAccuracy,
    SparseTopKCategoricalAccuracy,
    TopKCategoricalAccuracy,
)
from frontend.metrics.auc import AUC
from frontend.metrics.confusion_metrics import (
    FalseNegatives,
    FalsePositives,
    Precision,
    Recall,
    TrueNegatives,
    TruePositives,
)
from frontend.metrics.f_score_metrics import F1Score, FBetaScore
from frontend.metrics.function_table import FUNCTIONS, deserialize_function
from frontend.metrics.hinge_functions import categorical_hinge, hinge, squared_hinge
from frontend.metrics.hinge_metrics import CategoricalHinge, Hinge, SquaredHinge
from frontend.metrics.iou_metrics import BinaryIoU, IoU, MeanIoU, OneHotIoU, OneHotMeanIoU
from frontend.metrics.metric import Metric
from frontend.metrics.probabilistic_functions import (
    binary_crossentropy,
    binary_focal_crossentropy,
    categorical_crossentropy,
    categorical_focal_crossentropy,
    kl_divergence,
    poisson,
    sparse_categorical_crossentropy,
)
from frontend.metrics.probabilistic_metrics import (
    BinaryCrossentropy,
    CategoricalCrossentropy,
    KLDivergence,
    Poisson,
    SparseCategoricalCrossentropy,
)
from frontend.metrics.r2_score import R2Score
from frontend.metrics.reduction_metrics import Mean, MeanMetricWrapper, Sum
from frontend.metrics.regression_functions import (
    concordance_correlation,
    cosine_similarity,
    huber,
    log_cosh,
    mean_absolute_error,
    mean_absolute_percentage_error,
    mean_squared_error,
    mean_squared_logarithmic_error,
    pearson_correlation,
)
from frontend.metrics.regression_metrics import (
    ConcordanceCorrelation,
    CosineSimilarity,
    LogCoshError,
    MeanAbsoluteError,
    MeanAbsolutePercentageError,
    MeanSquaredError,
    MeanSquaredLogarithmicError,
    PearsonCorrelation,
    RootMeanSquaredError,
)
from frontend.metrics.resolve import resolve_metric
from frontend.metrics.sensitivity_specificity import (
    PrecisionAtRecall,
    RecallAtPrecision,
    SensitivityAtSpecificity,
    SpecificityAtSensitivity,
)
from frontend.saving.serialization import deserialize_object, serialize_object, snake_case

ALL_OBJECTS = (
    Metric, Mean, Sum, MeanMetricWrapper,
    MeanSquaredError, RootMeanSquaredError, MeanAbsoluteError, MeanAbsolutePercentageError,
    MeanSquaredLogarithmicError, CosineSimilarity, LogCoshError, R2Score,
    AUC, FalseNegatives, FalsePositives, Precision, PrecisionAtRecall, Recall, RecallAtPrecision,
    SensitivityAtSpecificity, SpecificityAtSensitivity, TrueNegatives, TruePositives,
    ConcordanceCorrelation, PearsonCorrelation,
    Hinge, SquaredHinge, CategoricalHinge,
    KLDivergence, Poisson, BinaryCrossentropy, CategoricalCrossentropy, SparseCategoricalCrossentropy,
    Accuracy, BinaryAccuracy, CategoricalAccuracy, SparseCategoricalAccuracy, TopKCategoricalAccuracy,
    SparseTopKCategoricalAccuracy,
    F1Score, FBetaScore,
    IoU, BinaryIoU, MeanIoU, OneHotIoU, OneHotMeanIoU,
)
ALL_OBJECTS_DICT = {cls.__name__: cls for cls in ALL_OBJECTS}
ALL_OBJECTS_DICT.update({snake_case(cls.__name__): cls for cls in ALL_OBJECTS})
ALL_OBJECTS_DICT.update({
    "bce": BinaryCrossentropy, "BCE": BinaryCrossentropy,
    "mse": MeanSquaredError, "MSE": MeanSquaredError,
    "mae": MeanAbsoluteError, "MAE": MeanAbsoluteError,
    "mape": MeanAbsolutePercentageError, "MAPE": MeanAbsolutePercentageError,
    "msle": MeanSquaredLogarithmicError, "MSLE": MeanSquaredLogarithmicError,
})


def serialize(metric):
    """The config dict of a metric (Keras 3 layout), or the name of a metric function."""
    return serialize_object(metric)


def deserialize(config, custom_objects=None):
    """A metric from a config dict or a name; ``{"class_name": "function", ...}`` gives a metric function."""
    if isinstance(config, dict) and config.get("class_name") == "function":
        return deserialize_function(config, custom_objects)
    if isinstance(config, str) and config not in ALL_OBJECTS_DICT and config in FUNCTIONS:
        return FUNCTIONS[config]
    return deserialize_object(config, ALL_OBJECTS_DICT, "metric", custom_objects)


def get(identifier):
    """A metric from None, a name, a config dict, a class, a Metric or a function.

    Names of classes (and their snake_case forms and aliases) give a new instance; names
    of functions that are not also class names (``"huber"``) give the function.
    """
    if identifier is None:
        return None
    if isinstance(identifier, (str, dict)):
        return deserialize(identifier)
    if inspect.isclass(identifier):
        return identifier()
    if callable(identifier):
        return identifier
    raise ValueError(f"Could not interpret metric identifier: {identifier!r}")
