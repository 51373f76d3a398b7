"""The metric functions by name: what configs may name, and which of them measure an error."""

from frontend.metrics import accuracy_functions as _accuracy
from frontend.metrics import hinge_functions as _hinge
from frontend.metrics import probabilistic_functions as _probabilistic
from frontend.metrics import regression_functions as _regression
from frontend.saving.object_registration import resolve

ERROR_FUNCTIONS = {
    fn.__name__: fn
    for fn in (
        _regression.mean_squared_error, _regression.mean_absolute_error,
        _regression.mean_absolute_percentage_error, _regression.mean_squared_logarithmic_error,
        _regression.log_cosh, _regression.huber,
        _probabilistic.binary_crossentropy, _probabilistic.binary_focal_crossentropy,
        _probabilistic.categorical_crossentropy, _probabilistic.categorical_focal_crossentropy,
        _probabilistic.sparse_categorical_crossentropy, _probabilistic.poisson, _probabilistic.kl_divergence,
        _hinge.hinge, _hinge.squared_hinge, _hinge.categorical_hinge,
    )
}

SCORE_FUNCTIONS = {
    fn.__name__: fn
    for fn in (
        _accuracy.accuracy, _accuracy.binary_accuracy, _accuracy.categorical_accuracy,
        _accuracy.sparse_categorical_accuracy, _accuracy.top_k_categorical_accuracy,
        _accuracy.sparse_top_k_categorical_accuracy, _regression.cosine_similarity,
        _regression.pearson_correlation, _regression.concordance_correlation,
    )
}

FUNCTIONS = {**ERROR_FUNCTIONS, **SCORE_FUNCTIONS}


def deserialize_function(identifier, custom_objects=None):
    """A metric function from its name or Keras's ``{"class_name": "function", "config": name}``."""
    if callable(identifier):
        return identifier
    name = identifier
    if isinstance(identifier, dict):
        if identifier.get("class_name") != "function":
            raise ValueError(
                f"Cannot read metric function config {identifier!r}: only functions named in configs "
                "({'class_name': 'function', 'config': name}) can be restored"
            )
        name = identifier.get("config")
    found = resolve([name], custom_objects, FUNCTIONS)
    if found is not None:
        return found
    raise ValueError(
        f"Unknown metric function: {name!r}. Known names: {', '.join(sorted(FUNCTIONS))}. "
        "A custom function must be passed in custom_objects."
    )
