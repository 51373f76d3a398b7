"""Regularizers: penalties against hand computations, configs, names and argument errors."""

import json
import math

import numpy as np
import pytest

from frontend import ops, regularizers

W = np.array([[1.0, -2.0], [3.0, -4.0]], dtype="float32")  # sum |w| = 10, sum w^2 = 30


def penalty(regularizer, x=W):
    result = regularizer(ops.convert_to_tensor(x))
    assert ops.shape(result) == () and ops.dtype(result) == "float32"
    return float(ops.convert_to_numpy(result))


def test_l1_l2_and_both():
    assert penalty(regularizers.L1(0.1)) == pytest.approx(1.0)
    assert penalty(regularizers.L2(0.1)) == pytest.approx(3.0)
    assert penalty(regularizers.L1L2(l1=0.1, l2=0.2)) == pytest.approx(1.0 + 6.0)
    assert penalty(regularizers.L1L2()) == 0.0
    assert penalty(regularizers.L1()) == pytest.approx(0.01 * 10)
    assert penalty(regularizers.L2()) == pytest.approx(0.01 * 30)


def test_orthogonal_rows_is_mean_abs_cosine_over_pairs():
    rows = np.array([[1.0, 0.0], [1.0, 1.0], [0.0, 2.0]], dtype="float32")
    # unit rows: (1, 0), (1, 1)/sqrt(2), (0, 1); |cosines| over the 3 pairs: 1/sqrt(2), 0, 1/sqrt(2)
    expected = 0.1 * (2.0 / math.sqrt(2.0)) / 3.0
    assert penalty(regularizers.OrthogonalRegularizer(0.1, "rows"), rows) == pytest.approx(expected, rel=1e-6)


def test_orthogonal_columns_uses_columns():
    matrix = np.array([[1.0, 0.0], [1.0, 1.0], [0.0, 2.0]], dtype="float32")
    # columns (1, 1, 0)/sqrt(2) and (0, 1, 2)/sqrt(5): one pair, cosine 1/sqrt(10)
    expected = 0.1 / math.sqrt(10.0)
    assert penalty(regularizers.OrthogonalRegularizer(0.1, "columns"), matrix) == pytest.approx(expected, rel=1e-6)


def test_orthogonal_is_zero_for_orthogonal_rows_and_single_rows():
    assert penalty(regularizers.OrthogonalRegularizer(1.0), np.diag([2.0, 3.0, 0.5]).astype("float32")) == 0.0
    assert penalty(regularizers.OrthogonalRegularizer(1.0), np.ones((1, 4), "float32")) == 0.0
    with pytest.raises(ValueError, match=r"OrthogonalRegularizer: needs a 2-D input, received shape=\(2, 2, 2\)"):
        regularizers.OrthogonalRegularizer()(np.ones((2, 2, 2), "float32"))


INSTANCES = [
    regularizers.L1(0.3),
    regularizers.L2(0.2),
    regularizers.L1L2(0.1, 0.4),
    regularizers.OrthogonalRegularizer(0.05, "columns"),
]


@pytest.mark.parametrize("regularizer", INSTANCES, ids=lambda r: type(r).__name__)
def test_round_trip_through_json(regularizer):
    config = regularizers.serialize(regularizer)
    assert config["module"] == "keras.regularizers" and config["class_name"] == type(regularizer).__name__
    restored = regularizers.deserialize(json.loads(json.dumps(config)))
    assert type(restored) is type(regularizer) and restored.get_config() == regularizer.get_config()
    assert penalty(restored) == penalty(regularizer)
    assert type(regularizers.get(config)) is type(regularizer)


def test_configs_use_keras_keys():
    assert regularizers.L1().get_config() == {"l1": 0.01}
    assert regularizers.L2().get_config() == {"l2": 0.01}
    assert regularizers.L1L2().get_config() == {"l1": 0.0, "l2": 0.0}
    assert regularizers.OrthogonalRegularizer().get_config() == {"factor": 0.01, "mode": "rows"}


@pytest.mark.parametrize(
    "name, cls",
    [
        ("l1", regularizers.L1), ("L1", regularizers.L1), ("l2", regularizers.L2),
        ("l1_l2", regularizers.L1L2), ("l1l2", regularizers.L1L2), ("L1L2", regularizers.L1L2),
        ("orthogonal_regularizer", regularizers.OrthogonalRegularizer),
        ("OrthogonalRegularizer", regularizers.OrthogonalRegularizer),
    ],
)
def test_get_by_name(name, cls):
    assert type(regularizers.get(name)) is cls


def test_get_accepts_none_classes_callables_and_keras_configs():
    assert regularizers.get(None) is None
    assert type(regularizers.get(regularizers.L2)) is regularizers.L2

    def custom(x):
        return ops.sum(x)

    assert regularizers.get(custom) is custom
    keras_config = {"module": "keras.regularizers", "class_name": "L1", "config": {"l1": 0.30000001192092896},
                    "registered_name": None}
    assert regularizers.get(keras_config).l1 == pytest.approx(0.3)


def test_unknown_names_and_bad_arguments():
    with pytest.raises(ValueError, match=r"Unknown regularizer: 'l3'\. Known regularizer names: .*l1_l2"):
        regularizers.get("l3")
    with pytest.raises(ValueError, match=r"L1: l1 must be a finite number >= 0, received l1=-0.1"):
        regularizers.L1(-0.1)
    with pytest.raises(ValueError, match=r"L2: l2 must be a finite number >= 0, received l2='big'"):
        regularizers.L2("big")
    with pytest.raises(ValueError, match=r"L1L2: l2 must be a finite number >= 0, received l2=inf"):
        regularizers.L1L2(l2=float("inf"))
    with pytest.raises(ValueError, match=r"OrthogonalRegularizer: mode must be 'rows' or 'columns', received mode='diag'"):
        regularizers.OrthogonalRegularizer(mode="diag")
