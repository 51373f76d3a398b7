"""Activations: values against NumPy formulas, the name table, get / serialize / deserialize."""

import math

import numpy as np
import pytest

from frontend import activations, ops

GRID = np.linspace(-6.0, 6.0, 97).astype("float32")  # includes 0, +-1, +-3 and +-0.5
MATRIX = np.random.default_rng(0).normal(scale=2.0, size=(5, 8)).astype("float32")

SELU_ALPHA, SELU_SCALE = 1.6732632423543772, 1.0507009873554805
_erf = np.vectorize(math.erf)


def _sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def _softplus(x):
    return np.log1p(np.exp(x))


def _hard_sigmoid(x):
    return np.clip(x / 6.0 + 0.5, 0.0, 1.0)


def _softmax(x, axis=-1):
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def _sparsemax(x, axis=-1):
    """Martins & Astudillo (2016), Algorithm 1, one slice at a time."""
    moved = np.moveaxis(x.astype(np.float64), axis, -1)
    out = np.empty_like(moved)
    for index in np.ndindex(moved.shape[:-1]):
        z = moved[index]
        ranked = np.sort(z)[::-1]
        k = np.arange(1, z.size + 1)
        support = k[1 + k * ranked > np.cumsum(ranked)].max()
        tau = (ranked[:support].sum() - 1.0) / support
        out[index] = np.maximum(z - tau, 0.0)
    return np.moveaxis(out, -1, axis)


def _relu(x, negative_slope=0.0, max_value=None, threshold=0.0):
    out = np.where(x > threshold, x, 0.0) if threshold else np.maximum(x, 0.0)
    if max_value is not None:  # as in Keras, the cap also clips (threshold, 0) up to 0
        out = np.clip(out, 0.0, max_value)
    return np.where(x < threshold, negative_slope * (x - threshold), out)


CASES = [
    ("relu", {}, GRID, lambda x: np.maximum(x, 0)),
    ("relu", {"negative_slope": 0.1}, GRID, lambda x: _relu(x, 0.1)),
    ("relu", {"max_value": 2.5}, GRID, lambda x: _relu(x, max_value=2.5)),
    ("relu", {"threshold": 1.5}, GRID, lambda x: _relu(x, threshold=1.5)),
    ("relu", {"negative_slope": 0.3, "max_value": 4.0, "threshold": -1.0}, GRID,
     lambda x: _relu(x, 0.3, 4.0, -1.0)),
    ("relu6", {}, GRID, lambda x: np.clip(x, 0, 6)),
    ("leaky_relu", {}, GRID, lambda x: np.where(x >= 0, x, 0.2 * x)),
    ("leaky_relu", {"negative_slope": 0.05}, GRID, lambda x: np.where(x >= 0, x, 0.05 * x)),
    ("elu", {}, GRID, lambda x: np.where(x > 0, x, np.expm1(x))),
    ("elu", {"alpha": 0.5}, GRID, lambda x: np.where(x > 0, x, 0.5 * np.expm1(x))),
    ("selu", {}, GRID, lambda x: SELU_SCALE * np.where(x > 0, x, SELU_ALPHA * np.expm1(x))),
    ("celu", {"alpha": 2.0}, GRID, lambda x: np.maximum(x, 0) + np.minimum(2.0 * np.expm1(x / 2.0), 0)),
    ("gelu", {}, GRID, lambda x: 0.5 * x * (1 + _erf(x / math.sqrt(2)))),
    ("gelu", {"approximate": True}, GRID,
     lambda x: 0.5 * x * (1 + np.tanh(math.sqrt(2 / math.pi) * (x + 0.044715 * x**3)))),
    ("glu", {}, MATRIX, lambda x: x[:, :4] * _sigmoid(x[:, 4:])),
    ("glu", {"axis": 0}, MATRIX[:4], lambda x: x[:2] * _sigmoid(x[2:])),
    ("sigmoid", {}, GRID, _sigmoid),
    ("hard_sigmoid", {}, GRID, _hard_sigmoid),
    ("sparse_sigmoid", {}, GRID, lambda x: np.clip(0.5 * (x + 1), 0, 1)),
    ("log_sigmoid", {}, GRID, lambda x: -np.log1p(np.exp(-x))),
    ("silu", {}, GRID, lambda x: x * _sigmoid(x)),
    ("swish", {}, GRID, lambda x: x * _sigmoid(x)),
    ("hard_silu", {}, GRID, lambda x: x * _hard_sigmoid(x)),
    ("hard_swish", {}, GRID, lambda x: x * _hard_sigmoid(x)),
    ("softplus", {}, GRID, _softplus),
    ("softsign", {}, GRID, lambda x: x / (np.abs(x) + 1)),
    ("squareplus", {}, GRID, lambda x: (x + np.sqrt(x**2 + 4)) / 2),
    ("squareplus", {"b": 1.0}, GRID, lambda x: (x + np.sqrt(x**2 + 1)) / 2),
    ("sparse_plus", {}, GRID, lambda x: np.where(x <= -1, 0, np.where(x >= 1, x, (x + 1) ** 2 / 4))),
    ("softmax", {}, MATRIX, _softmax),
    ("softmax", {"axis": 0}, MATRIX, lambda x: _softmax(x, 0)),
    ("log_softmax", {}, MATRIX, lambda x: np.log(_softmax(x))),
    ("log_softmax", {"axis": 0}, MATRIX, lambda x: np.log(_softmax(x, 0))),
    ("sparsemax", {}, MATRIX, _sparsemax),
    ("sparsemax", {"axis": 0}, MATRIX, lambda x: _sparsemax(x, 0)),
    ("tanh", {}, GRID, np.tanh),
    ("tanh_shrink", {}, GRID, lambda x: x - np.tanh(x)),
    ("hard_tanh", {}, GRID, lambda x: np.clip(x, -1, 1)),
    ("hard_shrink", {}, GRID, lambda x: np.where(np.abs(x) > 0.5, x, 0)),
    ("hard_shrink", {"threshold": 2.0}, GRID, lambda x: np.where(np.abs(x) > 2.0, x, 0)),
    ("soft_shrink", {}, GRID, lambda x: np.where(x > 0.5, x - 0.5, np.where(x < -0.5, x + 0.5, 0))),
    ("soft_shrink", {"threshold": 1.0}, GRID, lambda x: np.where(x > 1, x - 1, np.where(x < -1, x + 1, 0))),
    ("threshold", {"threshold": 0.5, "default_value": -2.0}, GRID, lambda x: np.where(x > 0.5, x, -2.0)),
    ("exponential", {}, GRID, np.exp),
    ("mish", {}, GRID, lambda x: x * np.tanh(_softplus(x))),
    ("linear", {}, GRID, lambda x: x),
]


@pytest.mark.parametrize("name, kwargs, x, reference", CASES, ids=[f"{c[0]}{c[1] or ''}" for c in CASES])
def test_matches_numpy_formula(name, kwargs, x, reference):
    result = activations.get(name)(ops.convert_to_tensor(x), **kwargs)
    out = ops.convert_to_numpy(result)
    expected = reference(x.astype(np.float64))
    assert out.shape == expected.shape and out.dtype == np.float32
    np.testing.assert_allclose(out, expected, rtol=2e-5, atol=2e-6)


def test_every_activation_has_a_numpy_case():
    assert {case[0] for case in CASES} == set(activations.ALL_OBJECTS_DICT)


def test_the_name_table_is_keras_3_15():
    assert set(activations.ALL_OBJECTS_DICT) == {
        "relu", "leaky_relu", "relu6", "softmax", "celu", "elu", "selu", "softplus", "softsign", "squareplus",
        "soft_shrink", "sparse_plus", "silu", "gelu", "glu", "tanh", "tanh_shrink", "threshold", "sigmoid",
        "sparse_sigmoid", "exponential", "hard_sigmoid", "hard_silu", "hard_tanh", "hard_shrink", "linear",
        "mish", "log_softmax", "log_sigmoid", "sparsemax", "swish", "hard_swish",
    }


def test_sparsemax_rows_are_sparse_distributions():
    out = ops.convert_to_numpy(activations.sparsemax(ops.convert_to_tensor(MATRIX)))
    np.testing.assert_allclose(out.sum(axis=-1), 1.0, rtol=1e-6)
    assert (out >= 0).all() and (out == 0).any()
    tied = ops.convert_to_numpy(activations.sparsemax(ops.convert_to_tensor(np.array([0.0, 0.5, 1.0], "float32"))))
    np.testing.assert_allclose(tied, [0.0, 0.25, 0.75], atol=1e-7)


def test_linear_returns_its_input():
    x = ops.convert_to_tensor(GRID)
    assert activations.linear(x) is x


def test_get_serialize_deserialize():
    assert activations.get(None) is activations.linear
    assert activations.get("relu") is activations.relu
    assert activations.get("swish") is activations.silu and activations.swish is activations.silu
    assert activations.get("hard_swish") is activations.hard_silu

    def scaled_tanh(x):
        return ops.multiply(2.0, ops.tanh(x))

    assert activations.get(scaled_tanh) is scaled_tanh
    assert activations.serialize(activations.relu) == "relu"
    assert activations.serialize(activations.swish) == "silu"
    assert activations.serialize(scaled_tanh) == "scaled_tanh"
    assert activations.deserialize("scaled_tanh", custom_objects={"scaled_tanh": scaled_tanh}) is scaled_tanh
    keras_function_config = {"module": "builtins", "class_name": "function", "config": "gelu", "registered_name": "function"}
    assert activations.deserialize(keras_function_config) is activations.gelu
    assert activations.get(keras_function_config) is activations.gelu


@pytest.mark.parametrize("name", sorted(activations.ALL_OBJECTS_DICT))
def test_every_name_round_trips(name):
    fn = activations.get(name)
    assert activations.deserialize(activations.serialize(fn)) is fn


def test_unknown_names_and_lambdas_are_refused():
    with pytest.raises(ValueError, match=r"Unknown activation: 'relu7'\. Known activation names: .*relu6"):
        activations.get("relu7")
    with pytest.raises(ValueError, match="Cannot serialize a lambda activation"):
        activations.serialize(lambda x: x)
    with pytest.raises(ValueError, match="Could not interpret activation identifier: 5"):
        activations.get(5)
