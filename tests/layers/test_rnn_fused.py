"""LSTM and GRU through the fused whole-sequence path (``ops.rnn``; torch's fused kernels)
against the generic step-by-step loop and a NumPy reference.

On every backend the layers (whichever path they take) match NumPy; on torch, where the
fused path runs, it matches the generic loop in outputs, states and gradients.
"""

import numpy as np
import pytest

from frontend import backend, layers, ops

from .test_rnn import np_gru_step, np_lstm_step, np_run, randomize

RNG = np.random.default_rng(7)
BATCH, STEPS, FEATURES, UNITS = 3, 6, 5, 4
X = RNG.normal(size=(BATCH, STEPS, FEATURES)).astype("float32")
H0, C0 = (RNG.normal(size=(BATCH, UNITS)).astype("float32") for _ in range(2))

KINDS = {"lstm": (layers.LSTM, np_lstm_step, [H0, C0]), "gru": (layers.GRU, np_gru_step, [H0])}
ON_TORCH = backend.backend() == "torch"


def numpy(x):
    return ops.convert_to_numpy(x)


def make(kind, **kwargs):
    layer_class, _, _ = KINDS[kind]
    layer = layer_class(UNITS, return_sequences=True, return_state=True, **kwargs)
    layer(X)
    return randomize(layer)


def generic_twin(layer):
    """The same layer, weights and configuration, forced onto the step-by-step loop."""
    twin = layer.__class__.from_config(layer.get_config())
    twin(X)
    twin.set_weights(layer.get_weights())
    twin.cell.fused_sequence = lambda *args: None
    return twin


@pytest.mark.parametrize("kind", sorted(KINDS))
@pytest.mark.parametrize("go_backwards", [False, True])
@pytest.mark.parametrize("with_initial_state", [False, True])
def test_layer_matches_numpy(kind, go_backwards, with_initial_state):
    _, step, initial = KINDS[kind]
    layer = make(kind, go_backwards=go_backwards)
    states = initial if with_initial_state else [np.zeros((BATCH, UNITS), "float32") for _ in initial]
    expected, expected_states = np_run(lambda x, s: step(layer.get_weights(), x, s), X, states,
                                       go_backwards=go_backwards)
    outputs, *got_states = layer(X, initial_state=initial) if with_initial_state else layer(X)
    np.testing.assert_allclose(numpy(outputs), expected, atol=1e-5)
    for got, want in zip(got_states, expected_states):
        np.testing.assert_allclose(numpy(got), want, atol=1e-5)


def test_layer_without_bias_matches_numpy():
    for kind, (_, step, initial) in KINDS.items():
        layer = make(kind, use_bias=False)
        weights = layer.get_weights()
        bias = np.zeros((2, 3 * UNITS) if kind == "gru" else (4 * UNITS,), "float32")
        expected, _ = np_run(lambda x, s: step(weights + [bias], x, s), X, initial)
        np.testing.assert_allclose(numpy(layer(X, initial_state=initial)[0]), expected, atol=1e-5)


# ----- torch: fused against generic ------------------------------------------------------

torch_only = pytest.mark.skipif(not ON_TORCH, reason="the fused path runs on torch only")


def _outputs_and_gradients(layer, x, initial, training=False):
    import torch

    x = torch.tensor(x, requires_grad=True)
    initial = [torch.tensor(s, requires_grad=True) for s in initial]
    outputs, *states = layer(x, initial_state=initial, training=training)
    # every output and state takes part in the loss, with distinct weights per element
    loss = sum((t * torch.linspace(-1.0, 1.0, t.numel()).reshape(t.shape)).sum() for t in [outputs, *states])
    weights = [w.value for w in layer.trainable_weights]
    grads = torch.autograd.grad(loss, [x, *initial, *weights])
    return [t.detach().numpy() for t in [outputs, *states, *grads]]


@torch_only
@pytest.mark.parametrize("kind", sorted(KINDS))
@pytest.mark.parametrize("go_backwards", [False, True])
@pytest.mark.parametrize("use_bias", [True, False])
def test_fused_and_generic_paths_agree_in_values_and_gradients(kind, go_backwards, use_bias):
    layer = make(kind, go_backwards=go_backwards, use_bias=use_bias)
    twin = generic_twin(layer)
    initial = KINDS[kind][2]
    for fused, generic in zip(_outputs_and_gradients(layer, X, initial), _outputs_and_gradients(twin, X, initial)):
        np.testing.assert_allclose(fused, generic, atol=1e-5, rtol=1e-5)


@torch_only
@pytest.mark.parametrize("kind, kwargs, fused", [
    ("lstm", {}, True), ("gru", {}, True),
    ("lstm", {"activation": "relu"}, False), ("gru", {"recurrent_activation": "hard_sigmoid"}, False),
    ("gru", {"reset_after": False}, False),
])
def test_fused_path_is_taken_only_where_it_computes_the_same(kind, kwargs, fused):
    layer = make(kind, **kwargs)
    states = [ops.convert_to_tensor(s) for s in KINDS[kind][2]]
    result = layer.cell.fused_sequence(ops.convert_to_tensor(X), states, False, False)
    assert (result is not None) == fused


@torch_only
def test_recurrent_dropout_and_masks_take_the_generic_loop():
    layer = make("lstm", recurrent_dropout=0.5)
    states = [ops.convert_to_tensor(s) for s in KINDS["lstm"][2]]
    layer.cell.get_recurrent_dropout_mask(states[0])
    assert layer.cell.fused_sequence(ops.convert_to_tensor(X), states, False, True) is None
    layer.cell.reset_recurrent_dropout_mask()
    plain = make("lstm")
    plain.cell.fused_sequence = lambda *args: pytest.fail("a masked call must not take the fused path")
    plain(X, mask=np.ones((BATCH, STEPS), bool))


@torch_only
def test_input_dropout_in_training_matches_the_generic_loop():
    for kind in KINDS:
        layer = make(kind, dropout=0.5, seed=3)
        twin = generic_twin(layer)
        layer.cell.seed_generator.state.assign(twin.cell.seed_generator.state.value)
        initial = KINDS[kind][2]
        fused, generic = (_outputs_and_gradients(m, X, initial, training=True) for m in (layer, twin))
        for a, b in zip(fused, generic):
            np.testing.assert_allclose(a, b, atol=1e-5, rtol=1e-5)
