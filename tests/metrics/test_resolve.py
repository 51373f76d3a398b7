"""resolve_metric: compile's metric strings become the right metric for the loss and shapes."""

import pytest

from frontend import metrics
from frontend.metrics import resolve_metric


def binary_crossentropy(y_true, y_pred):
    """A stand-in loss function; only its name matters here."""


class SparseCategoricalCrossentropy:
    """A stand-in loss object with logits."""

    from_logits = True


@pytest.mark.parametrize("loss, output_shape, expected", [
    ("binary_crossentropy", (None, 4), metrics.BinaryAccuracy),
    ("BinaryCrossentropy", (None, 4), metrics.BinaryAccuracy),
    (binary_crossentropy, (None, 4), metrics.BinaryAccuracy),
    ("sparse_categorical_crossentropy", (None, 4), metrics.SparseCategoricalAccuracy),
    (SparseCategoricalCrossentropy(), (None, 4), metrics.SparseCategoricalAccuracy),
    ("categorical_crossentropy", (None, 1), metrics.CategoricalAccuracy),
    ("mse", (None, 1), metrics.BinaryAccuracy),
    ("mse", (None, 5), metrics.CategoricalAccuracy),
    (None, None, metrics.CategoricalAccuracy),
])
def test_accuracy_follows_the_loss_then_the_output_shape(loss, output_shape, expected):
    metric = resolve_metric("acc", loss, output_shape)
    assert type(metric) is expected and metric.name == "acc"


def test_target_shape_detects_integer_labels_as_keras_does():
    assert isinstance(resolve_metric("accuracy", "mse", (None, 5), (None,)), metrics.SparseCategoricalAccuracy)
    assert isinstance(resolve_metric("accuracy", "mse", (None, 5), (None, 1)), metrics.SparseCategoricalAccuracy)
    assert isinstance(resolve_metric("accuracy", "mse", (None, 5), (None, 5)), metrics.CategoricalAccuracy)


def test_crossentropy_family_and_logits_follow_the_loss():
    metric = resolve_metric("ce", SparseCategoricalCrossentropy(), (None, 3))
    assert isinstance(metric, metrics.SparseCategoricalCrossentropy) and metric.from_logits and metric.name == "ce"
    assert isinstance(resolve_metric("crossentropy", "bce", (None, 1)), metrics.BinaryCrossentropy)
    assert isinstance(resolve_metric("Crossentropy", "mae", (None, 3)), metrics.CategoricalCrossentropy)


def test_other_entries_keep_the_users_name_or_their_own():
    mse = resolve_metric("mse", "mae", (None, 1))
    assert isinstance(mse, metrics.MeanSquaredError) and mse.name == "mse"
    assert [v.path for v in mse.variables] == ["mse/total", "mse/count"]
    wrapped = resolve_metric(metrics.mean_absolute_error, "mse", (None, 1))
    assert isinstance(wrapped, metrics.MeanMetricWrapper) and wrapped.name == "mean_absolute_error"
    huber = resolve_metric("huber")
    assert isinstance(huber, metrics.MeanMetricWrapper) and huber.name == "huber"
    auc = metrics.AUC(name="my_auc")
    assert resolve_metric(auc) is auc and auc.name == "my_auc"
    with pytest.raises(ValueError, match="Expected a metric, received None"):
        resolve_metric(None)
