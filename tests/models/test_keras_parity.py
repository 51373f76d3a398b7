"""Keras 3 code, run with ``import frontend as keras`` and given Keras 3's weights, predicts
what Keras 3 predicted (stored in tests/fixtures/keras_parity by its generate.py)."""

import os

import numpy as np
import pytest

import frontend
from frontend import ops
from tests.models.parity_models import MODELS

FIXTURES = os.path.join(os.path.dirname(__file__), "..", "fixtures", "keras_parity")


def _load(name):
    with np.load(os.path.join(FIXTURES, f"{name}.npz")) as data:
        def series(prefix):
            return [data[f"{prefix}_{i}"] for i in range(sum(k.startswith(prefix + "_") for k in data.files))]

        return series("input"), series("weight"), series("output")


@pytest.mark.parametrize("name", sorted(MODELS))
def test_predictions_match_keras(name):
    model, _ = MODELS[name](frontend)
    inputs, weights, expected = _load(name)
    assert [tuple(w.shape) for w in model.get_weights()] == [w.shape for w in weights]
    model.set_weights(weights)
    outputs = model(inputs if len(inputs) > 1 else inputs[0], training=False)
    outputs = outputs if isinstance(outputs, (list, tuple)) else [outputs]
    assert len(outputs) == len(expected)
    for got, want in zip(outputs, expected):
        np.testing.assert_allclose(ops.convert_to_numpy(got), want, rtol=1e-4, atol=1e-4)


def test_predict_batches_match_a_single_call():
    model, inputs = MODELS["text_rnn"](frontend)
    tokens = np.tile(inputs[0], (30, 1))
    whole = ops.convert_to_numpy(model(tokens))
    np.testing.assert_allclose(model.predict(tokens, batch_size=7), whole, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(model.predict_on_batch(tokens), whole, rtol=1e-5, atol=1e-6)
    assert model.predict(tokens, batch_size=7, steps=2).shape == (14, 1)
