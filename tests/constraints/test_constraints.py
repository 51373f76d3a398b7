"""Constraints: projections against hand computations, configs, names and argument errors."""

import json

import numpy as np
import pytest

from frontend import config, constraints, ops

# column norms: 5 and 0.5
W = np.array([[3.0, 0.0], [4.0, 0.5]], dtype="float32")


def project(constraint, w=W):
    return ops.convert_to_numpy(constraint(ops.convert_to_tensor(w)))


def scaled(w, factors):
    eps = config.epsilon()
    norms = np.sqrt((w.astype(np.float64) ** 2).sum(axis=0, keepdims=True))
    return w * np.asarray(factors) * norms / (norms + eps)


def test_max_norm_scales_only_long_vectors():
    np.testing.assert_allclose(project(constraints.MaxNorm(2.0)), scaled(W, [2.0 / 5.0, 1.0]), rtol=1e-6)
    np.testing.assert_allclose(project(constraints.MaxNorm(2.0)), [[1.2, 0.0], [1.6, 0.5]], rtol=1e-5)


def test_max_norm_along_rows_and_several_axes():
    rows = project(constraints.MaxNorm(1.0, axis=1))
    np.testing.assert_allclose(np.linalg.norm(rows, axis=1), [1.0, 1.0], rtol=1e-5)  # row norms 3 and 4.03
    kernel = np.full((2, 2, 3, 4), 1.0, dtype="float32")  # every filter has norm sqrt(12)
    out = project(constraints.MaxNorm(3.0, axis=[0, 1, 2]), kernel)
    np.testing.assert_allclose(np.sqrt((out**2).sum(axis=(0, 1, 2))), [3.0] * 4, rtol=1e-5)


def test_min_max_norm_moves_norms_at_rate():
    out = project(constraints.MinMaxNorm(min_value=1.0, max_value=2.0, rate=0.5))
    # desired norms: 0.5 * 2 + 0.5 * 5 = 3.5 and 0.5 * 1 + 0.5 * 0.5 = 0.75
    np.testing.assert_allclose(out, scaled(W, [3.5 / 5.0, 0.75 / 0.5]), rtol=1e-6)
    strict = project(constraints.MinMaxNorm(min_value=1.0, max_value=2.0))
    np.testing.assert_allclose(np.linalg.norm(strict, axis=0), [2.0, 1.0], rtol=1e-5)


def test_unit_norm_and_non_neg():
    np.testing.assert_allclose(project(constraints.UnitNorm()), scaled(W, [1 / 5.0, 1 / 0.5]), rtol=1e-6)
    np.testing.assert_allclose(np.linalg.norm(project(constraints.UnitNorm(axis=1)), axis=1), [1.0, 1.0], rtol=1e-5)
    np.testing.assert_array_equal(project(constraints.NonNeg(), np.array([-1.0, 0.0, 2.0], "float32")), [0, 0, 2])


def test_zero_vectors_stay_zero_and_ints_become_floats():
    zeros = np.zeros((3, 2), "float32")
    for constraint in (constraints.MaxNorm(), constraints.MinMaxNorm(), constraints.UnitNorm()):
        out = project(constraint, zeros)
        assert np.isfinite(out).all() and not out.any()
    out = constraints.MaxNorm(1.0)(ops.convert_to_tensor(np.array([[3], [4]], "int32")))
    assert ops.dtype(out) == "float32"
    np.testing.assert_allclose(ops.convert_to_numpy(out), [[0.6], [0.8]], rtol=1e-5)


INSTANCES = [
    constraints.Constraint(),
    constraints.MaxNorm(3.0, axis=[0, 1]),
    constraints.MinMaxNorm(0.5, 1.5, 0.25, axis=1),
    constraints.NonNeg(),
    constraints.UnitNorm(axis=1),
]


@pytest.mark.parametrize("constraint", INSTANCES, ids=lambda c: type(c).__name__)
def test_round_trip_through_json(constraint):
    serialized = constraints.serialize(constraint)
    assert serialized["module"] == "keras.constraints" and serialized["class_name"] == type(constraint).__name__
    restored = constraints.deserialize(json.loads(json.dumps(serialized)))
    assert type(restored) is type(constraint) and restored.get_config() == constraint.get_config()
    np.testing.assert_array_equal(project(restored), project(constraint))


def test_configs_use_keras_keys():
    assert constraints.MaxNorm().get_config() == {"max_value": 2, "axis": 0}
    assert constraints.MinMaxNorm().get_config() == {"min_value": 0.0, "max_value": 1.0, "rate": 1.0, "axis": 0}
    assert constraints.UnitNorm().get_config() == {"axis": 0}
    assert constraints.NonNeg().get_config() == {}


@pytest.mark.parametrize(
    "name, cls",
    [
        ("max_norm", constraints.MaxNorm), ("MaxNorm", constraints.MaxNorm),
        ("min_max_norm", constraints.MinMaxNorm), ("non_neg", constraints.NonNeg),
        ("unit_norm", constraints.UnitNorm), ("UnitNorm", constraints.UnitNorm),
    ],
)
def test_get_by_name(name, cls):
    assert type(constraints.get(name)) is cls


def test_get_accepts_none_classes_callables_and_keras_configs():
    assert constraints.get(None) is None
    assert type(constraints.get(constraints.NonNeg)) is constraints.NonNeg
    clip = lambda w: ops.clip(w, -1, 1)  # noqa: E731
    assert constraints.get(clip) is clip
    keras_config = {"module": "keras.constraints", "class_name": "MaxNorm", "config": {"max_value": 2, "axis": 0},
                    "registered_name": None}
    assert constraints.get(keras_config).get_config() == {"max_value": 2, "axis": 0}


def test_unknown_names_and_bad_arguments():
    with pytest.raises(ValueError, match=r"Unknown constraint: 'maxnorm'\. Known constraint names: .*max_norm"):
        constraints.get("maxnorm")
    with pytest.raises(ValueError, match=r"MaxNorm: max_value must be >= 0, received max_value=-1"):
        constraints.MaxNorm(-1)
    with pytest.raises(ValueError, match=r"MinMaxNorm: needs 0 <= min_value <= max_value, received min_value=2, max_value=1"):
        constraints.MinMaxNorm(2, 1)
