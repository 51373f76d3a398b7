"""The catalog: names, defaults, get/serialize/deserialize and config round trips through JSON."""

import json

import numpy as np
import pytest

from frontend import losses

from .reference import BINARY, LABELS, LOGITS, ONE_HOT, PROBS, REG_PRED, REG_TRUE, SIGMOIDS, numpy

KERAS_CLASSES = [
    "BinaryCrossentropy", "BinaryFocalCrossentropy", "CTC", "CategoricalCrossentropy", "CategoricalFocalCrossentropy",
    "CategoricalGeneralizedCrossEntropy", "CategoricalHinge", "Circle", "CosineSimilarity", "Dice", "Hinge", "Huber",
    "KLDivergence", "LogCosh", "Loss", "MeanAbsoluteError", "MeanAbsolutePercentageError", "MeanSquaredError",
    "MeanSquaredLogarithmicError", "Poisson", "SparseCategoricalCrossentropy", "SquaredHinge", "Tversky",
]
KERAS_FUNCTIONS = [
    "binary_crossentropy", "binary_focal_crossentropy", "categorical_crossentropy", "categorical_focal_crossentropy",
    "categorical_generalized_cross_entropy", "categorical_hinge", "circle", "cosine_similarity", "ctc", "deserialize",
    "dice", "get", "hinge", "huber", "kl_divergence", "log_cosh", "mean_absolute_error", "mean_absolute_percentage_error",
    "mean_squared_error", "mean_squared_logarithmic_error", "poisson", "serialize", "sparse_categorical_crossentropy",
    "squared_hinge", "tversky",
]


def test_every_keras_name_is_exported():
    missing = [name for name in KERAS_CLASSES + KERAS_FUNCTIONS if not hasattr(losses, name)]
    assert missing == []


DEFAULT_NAMES = {
    "MeanSquaredError": "mean_squared_error", "MeanAbsoluteError": "mean_absolute_error",
    "MeanAbsolutePercentageError": "mean_absolute_percentage_error",
    "MeanSquaredLogarithmicError": "mean_squared_logarithmic_error", "Huber": "huber_loss", "LogCosh": "log_cosh",
    "CosineSimilarity": "cosine_similarity", "KLDivergence": "kl_divergence", "Poisson": "poisson",
    "BinaryCrossentropy": "binary_crossentropy", "BinaryFocalCrossentropy": "binary_focal_crossentropy",
    "CategoricalCrossentropy": "categorical_crossentropy", "CategoricalFocalCrossentropy": "categorical_focal_crossentropy",
    "SparseCategoricalCrossentropy": "sparse_categorical_crossentropy", "Hinge": "hinge", "SquaredHinge": "squared_hinge",
    "CategoricalHinge": "categorical_hinge", "Dice": "dice", "Tversky": "tversky", "CTC": "ctc", "Circle": "circle",
    "CategoricalGeneralizedCrossEntropy": "categorical_generalized_cross_entropy",
}


@pytest.mark.parametrize("class_name", sorted(DEFAULT_NAMES))
def test_default_name_and_reduction(class_name):
    loss = getattr(losses, class_name)()
    assert loss.name == DEFAULT_NAMES[class_name]
    assert loss.reduction == "sum_over_batch_size" and loss.dtype == "float32"
    assert isinstance(loss, losses.LossFunctionWrapper) and isinstance(loss, losses.Loss)


def test_keras_defaults_and_attributes():
    focal = losses.BinaryFocalCrossentropy()
    assert (focal.apply_class_balancing, focal.alpha, focal.gamma, focal.from_logits, focal.label_smoothing, focal.axis) == (
        False, 0.25, 2.0, False, 0.0, -1)
    assert losses.Huber().delta == 1.0 and losses.CosineSimilarity().axis == -1
    assert (losses.Tversky().alpha, losses.Tversky().beta, losses.Tversky().axis, losses.Dice().axis) == (0.5, 0.5, None, None)
    scce = losses.SparseCategoricalCrossentropy()
    assert (scce.from_logits, scce.ignore_class, scce.axis) == (False, None, -1)
    assert losses.CategoricalFocalCrossentropy().alpha == 0.25 and losses.Circle().gamma == 80.0


CONFIGURED = [
    (losses.MeanSquaredError(reduction="sum", name="squared"), REG_TRUE, REG_PRED),
    (losses.Huber(delta=0.3), REG_TRUE, REG_PRED),
    (losses.CosineSimilarity(axis=0, dtype="float64"), REG_TRUE, REG_PRED),
    (losses.BinaryCrossentropy(from_logits=True, label_smoothing=0.1, axis=0), BINARY, LOGITS),
    (losses.BinaryFocalCrossentropy(apply_class_balancing=True, alpha=0.4, gamma=1.0), BINARY, SIGMOIDS),
    (losses.CategoricalCrossentropy(label_smoothing=0.2, reduction="none"), ONE_HOT, PROBS),
    (losses.CategoricalFocalCrossentropy(alpha=0.5, gamma=3.0, from_logits=True), ONE_HOT, LOGITS),
    (losses.SparseCategoricalCrossentropy(from_logits=True, ignore_class=2), LABELS, LOGITS),
    (losses.CategoricalGeneralizedCrossEntropy(q=0.3), LABELS, PROBS),
    (losses.Tversky(alpha=0.2, beta=0.8, axis=(1,)), BINARY, SIGMOIDS),
    (losses.Dice(axis=(0, 1), reduction="sum"), BINARY, SIGMOIDS),
    (losses.LossFunctionWrapper(losses.huber, name="wrapped", delta=2.0), REG_TRUE, REG_PRED),
]


@pytest.mark.parametrize("loss", [c[0] for c in CONFIGURED], ids=lambda loss: loss.name)
def test_round_trip_through_json_keeps_config_and_numbers(loss):
    y_true, y_pred = next((t, p) for l, t, p in CONFIGURED if l is loss)
    config = json.loads(json.dumps(losses.serialize(loss)))
    assert config["module"] == "keras.losses" and config["class_name"] == type(loss).__name__
    rebuilt = losses.deserialize(config)
    assert type(rebuilt) is type(loss)
    assert json.loads(json.dumps(rebuilt.get_config())) == config["config"]
    np.testing.assert_allclose(numpy(rebuilt(y_true, y_pred)), numpy(loss(y_true, y_pred)), rtol=1e-6)


def test_config_layouts():
    assert losses.Huber(delta=2.0).get_config() == {"name": "huber_loss", "reduction": "sum_over_batch_size", "delta": 2.0}
    assert losses.MeanSquaredError(dtype="float64").get_config()["dtype"] == "float64"
    assert losses.SparseCategoricalCrossentropy().get_config() == {
        "name": "sparse_categorical_crossentropy", "reduction": "sum_over_batch_size", "from_logits": False,
        "ignore_class": None, "axis": -1}
    wrapper = losses.LossFunctionWrapper(losses.huber, delta=2.0).get_config()
    assert wrapper["fn"] == "huber" and wrapper["delta"] == 2.0


def test_configs_written_by_keras_load():
    bce = losses.deserialize({
        "module": "keras.losses", "class_name": "BinaryCrossentropy", "registered_name": None,
        "config": {"name": "binary_crossentropy", "reduction": "sum_over_batch_size", "from_logits": True,
                   "label_smoothing": 0.0, "axis": -1},
    })
    assert isinstance(bce, losses.BinaryCrossentropy) and bce.from_logits is True
    function = {"module": "builtins", "class_name": "function", "config": "mean_squared_error", "registered_name": "function"}
    assert losses.deserialize(function) is losses.mean_squared_error
    wrapper = losses.LossFunctionWrapper.from_config(
        {"name": "loss_function_wrapper", "reduction": "sum_over_batch_size", "fn": function, "delta": 2.0})
    assert wrapper.fn is losses.mean_squared_error and wrapper._fn_kwargs == {"delta": 2.0}


def test_get_resolves_names_dicts_classes_and_callables():
    assert losses.get(None) is None
    assert losses.get("mse") is losses.mean_squared_error
    assert losses.get("MSLE") is losses.mean_squared_logarithmic_error
    assert losses.get("bce") is losses.binary_crossentropy
    assert losses.get("categorical_crossentropy") is losses.categorical_crossentropy
    assert isinstance(losses.get("CategoricalCrossentropy"), losses.CategoricalCrossentropy)
    from_dict = losses.get({"class_name": "CategoricalCrossentropy", "config": {"from_logits": True}})
    assert isinstance(from_dict, losses.CategoricalCrossentropy) and from_dict.from_logits
    assert isinstance(losses.get(losses.Hinge), losses.Hinge)
    custom = lambda y_true, y_pred: y_pred  # noqa: E731
    assert losses.get(custom) is custom
    assert losses.serialize(losses.poisson) == "poisson"


def test_unknown_names_are_refused_clearly():
    with pytest.raises(ValueError, match=r"Unknown loss: 'mean_cubed_error'\. Known loss names: .*mse"):
        losses.get("mean_cubed_error")
    with pytest.raises(ValueError, match=r"Unknown loss function: 'my_fn'"):
        losses.deserialize({"class_name": "LossFunctionWrapper", "config": {"fn": "my_fn"}})
    with pytest.raises(ValueError, match="Could not interpret loss identifier: 3"):
        losses.get(3)


def test_custom_classes_load_through_custom_objects():
    class Doubled(losses.MeanAbsoluteError):
        pass

    config = losses.serialize(Doubled(name="twice"))
    rebuilt = losses.deserialize(config, custom_objects={"Doubled": Doubled})
    assert isinstance(rebuilt, Doubled) and rebuilt.name == "twice"
