"""get / serialize / deserialize: names, aliases, Keras-layout configs and JSON round trips."""

import json

import pytest

from frontend import metrics

REQUIRED = {
    "IoU": {"num_classes": 3, "target_class_ids": [0, 2]},
    "MeanIoU": {"num_classes": 3},
    "OneHotIoU": {"num_classes": 3, "target_class_ids": [1]},
    "OneHotMeanIoU": {"num_classes": 3},
    "SensitivityAtSpecificity": {"specificity": 0.4},
    "SpecificityAtSensitivity": {"sensitivity": 0.4},
    "PrecisionAtRecall": {"recall": 0.4},
    "RecallAtPrecision": {"precision": 0.4},
    "MeanMetricWrapper": {"fn": metrics.mean_squared_error},
}
CLASSES = [cls for cls in metrics.ALL_OBJECTS if cls is not metrics.Metric]


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__name__)
def test_every_metric_survives_a_json_round_trip(cls):
    metric = cls(**REQUIRED.get(cls.__name__, {}))
    config = json.loads(json.dumps(metrics.serialize(metric)))
    assert config["module"] == "keras.metrics" and config["class_name"] == cls.__name__
    clone = metrics.deserialize(config)
    assert type(clone) is cls and clone.get_config() == metric.get_config()


def test_get_resolves_names_aliases_snake_case_and_objects():
    assert isinstance(metrics.get("mse"), metrics.MeanSquaredError)
    assert isinstance(metrics.get("MAPE"), metrics.MeanAbsolutePercentageError)
    assert isinstance(metrics.get("categorical_crossentropy"), metrics.CategoricalCrossentropy)
    assert isinstance(metrics.get("AUC"), metrics.AUC)
    assert isinstance(metrics.get(metrics.Recall), metrics.Recall)
    assert metrics.get("huber") is metrics.huber  # a function name that is no class name
    assert metrics.get(metrics.hinge) is metrics.hinge
    recall = metrics.Recall()
    assert metrics.get(recall) is recall
    assert metrics.get(None) is None
    configured = metrics.get({"class_name": "BinaryAccuracy", "config": {"threshold": 0.2}})
    assert configured.threshold == 0.2


def test_functions_are_restored_from_keras_function_configs():
    config = {"module": "builtins", "class_name": "function", "config": "log_cosh", "registered_name": "function"}
    assert metrics.deserialize(config) is metrics.log_cosh
    assert metrics.serialize(metrics.log_cosh) == "log_cosh"


def test_unknown_identifiers_are_reported():
    with pytest.raises(ValueError, match="Unknown metric: 'accuracy_plus'"):
        metrics.get("accuracy_plus")
    with pytest.raises(ValueError, match="Could not interpret metric identifier: 3"):
        metrics.get(3)


def test_custom_objects_resolve_user_metrics():
    class Doubled(metrics.Mean):
        pass

    config = metrics.serialize(Doubled(name="d"))
    restored = metrics.deserialize(config, custom_objects={"Doubled": Doubled})
    assert isinstance(restored, Doubled) and restored.name == "d"
