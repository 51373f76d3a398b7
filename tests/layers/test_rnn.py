"""Recurrent layers: cell math and sequences against hand-written NumPy loops, masks,
direction, initial and carried states, Bidirectional, TimeDistributed, ConvLSTM, configs."""

import numpy as np
import pytest

from frontend import layers, ops, tree
from frontend.core.tensor_attributes import get_mask

RNG = np.random.default_rng(0)
BATCH, STEPS, FEATURES, UNITS = 2, 4, 3, 4
X = RNG.normal(size=(BATCH, STEPS, FEATURES)).astype("float32")
MASK = np.array([[True, True, False, True], [False, True, True, False]])


def numpy(x):
    return ops.convert_to_numpy(x)


def randomize(layer, seed=1):
    """Give every weight (biases included) random values, so no term of the math is zero."""
    rng = np.random.default_rng(seed)
    layer.set_weights([rng.normal(scale=0.5, size=w.shape).astype("float32") for w in layer.get_weights()])
    return layer


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


# ----- NumPy references ------------------------------------------------------------------


def np_simple_step(weights, x, states):
    kernel, recurrent, bias = weights
    h = np.tanh(x @ kernel + states[0] @ recurrent + bias)
    return h, [h]


def np_lstm_step(weights, x, states):
    kernel, recurrent, bias = weights
    h, c = states
    u = recurrent.shape[0]
    z = x @ kernel + h @ recurrent + bias
    i, f, g, o = sigmoid(z[:, :u]), sigmoid(z[:, u:2 * u]), np.tanh(z[:, 2 * u:3 * u]), sigmoid(z[:, 3 * u:])
    c = f * c + i * g
    h = o * np.tanh(c)
    return h, [h, c]


def np_gru_step(weights, x, states, reset_after=True):
    kernel, recurrent, bias = weights
    h = states[0]
    u = recurrent.shape[0]
    input_bias = bias[0] if reset_after else bias
    xz, xr, xh = np.split(x @ kernel + input_bias, 3, axis=-1)
    if reset_after:
        hz, hr, hh = np.split(h @ recurrent + bias[1], 3, axis=-1)
        z, r = sigmoid(xz + hz), sigmoid(xr + hr)
        candidate = np.tanh(xh + r * hh)
    else:
        z, r = sigmoid(xz + h @ recurrent[:, :u]), sigmoid(xr + h @ recurrent[:, u:2 * u])
        candidate = np.tanh(xh + (r * h) @ recurrent[:, 2 * u:])
    h = z * h + (1 - z) * candidate
    return h, [h]


def np_run(step, x, states, mask=None, go_backwards=False, zero_output_for_mask=False):
    """Keras's loop: a masked step keeps the states and repeats the first state as output."""
    outputs = []
    for t in (range(x.shape[1] - 1, -1, -1) if go_backwards else range(x.shape[1])):
        output, new_states = step(x[:, t], states)
        if mask is not None:
            keep = mask[:, t][:, None]
            output = np.where(keep, output, 0.0 if zero_output_for_mask else states[0])
            new_states = [np.where(keep, new, old) for new, old in zip(new_states, states)]
        states = new_states
        outputs.append(output)
    return np.stack(outputs, axis=1), states


KINDS = {
    "simple_rnn": (layers.SimpleRNN, {}, np_simple_step, 1),
    "lstm": (layers.LSTM, {}, np_lstm_step, 2),
    "gru": (layers.GRU, {}, np_gru_step, 1),
    "gru_reset_before": (layers.GRU, {"reset_after": False},
                         lambda w, x, s: np_gru_step(w, x, s, reset_after=False), 1),
}


def zero_states(count):
    return [np.zeros((BATCH, UNITS), "float32") for _ in range(count)]


# ----- cells -----------------------------------------------------------------------------


@pytest.mark.parametrize("cell_class, kwargs, step", [
    (layers.SimpleRNNCell, {}, np_simple_step),
    (layers.LSTMCell, {}, np_lstm_step),
    (layers.GRUCell, {}, np_gru_step),
    (layers.GRUCell, {"reset_after": False}, lambda w, x, s: np_gru_step(w, x, s, reset_after=False)),
])
def test_cell_step_matches_numpy(cell_class, kwargs, step):
    cell = cell_class(UNITS, **kwargs)
    count = len(cell.state_size) if isinstance(cell.state_size, list) else 1
    states = [RNG.normal(size=(BATCH, UNITS)).astype("float32") for _ in range(count)]
    cell(X[:, 0], states)
    randomize(cell)
    output, new_states = cell(X[:, 0], states)
    expected_output, expected_states = step(cell.get_weights(), X[:, 0], states)
    np.testing.assert_allclose(numpy(output), expected_output, atol=1e-5)
    for got, want in zip(new_states, expected_states):
        np.testing.assert_allclose(numpy(got), want, atol=1e-5)


def test_cell_weights_names_shapes_and_order():
    lstm = layers.LSTMCell(UNITS)
    lstm.build((None, FEATURES))
    assert [(w.name, w.shape) for w in lstm.weights] == [
        ("kernel", (FEATURES, 4 * UNITS)), ("recurrent_kernel", (UNITS, 4 * UNITS)), ("bias", (4 * UNITS,))]
    # unit_forget_bias: ones for the forget gate (second block of i, f, c, o), zeros elsewhere.
    np.testing.assert_array_equal(lstm.bias.numpy(), np.repeat([0.0, 1.0, 0.0, 0.0], UNITS))
    gru = layers.GRUCell(UNITS)
    gru.build((None, FEATURES))
    assert [w.shape for w in gru.weights] == [(FEATURES, 3 * UNITS), (UNITS, 3 * UNITS), (2, 3 * UNITS)]
    gru_v1 = layers.GRUCell(UNITS, reset_after=False, use_bias=False)
    gru_v1.build((None, FEATURES))
    assert [w.name for w in gru_v1.weights] == ["kernel", "recurrent_kernel"]
    plain = layers.LSTMCell(UNITS, unit_forget_bias=False, bias_initializer="ones")
    plain.build((None, FEATURES))
    np.testing.assert_array_equal(plain.bias.numpy(), np.ones(4 * UNITS))
    assert layers.SimpleRNNCell(UNITS).state_size == UNITS and lstm.state_size == [UNITS, UNITS]


# ----- whole sequences -------------------------------------------------------------------


@pytest.mark.parametrize("unroll", [False, True], ids=["scan", "unroll"])
@pytest.mark.parametrize("kind", list(KINDS))
def test_sequence_with_mask_both_directions_matches_numpy(kind, unroll):
    layer_class, kwargs, step, count = KINDS[kind]
    for go_backwards in (False, True):
        layer = layer_class(UNITS, return_sequences=True, return_state=True, go_backwards=go_backwards,
                            unroll=unroll, **kwargs)
        layer(X)
        randomize(layer)
        outputs, *states = layer(X, mask=MASK)
        expected, expected_states = np_run(lambda x, s: step(layer.get_weights(), x, s), X, zero_states(count),
                                           mask=MASK, go_backwards=go_backwards)
        np.testing.assert_allclose(numpy(outputs), expected, atol=1e-5)
        assert len(states) == count
        for got, want in zip(states, expected_states):
            np.testing.assert_allclose(numpy(got), want, atol=1e-5)


def test_last_output_and_unmasked_sequence():
    layer = layers.LSTM(UNITS, unroll=True)
    layer(X)
    randomize(layer, seed=2)
    expected, _ = np_run(lambda x, s: np_lstm_step(layer.get_weights(), x, s), X, zero_states(2))
    np.testing.assert_allclose(numpy(layer(X)), expected[:, -1], atol=1e-5)


def test_zero_output_for_mask_and_generic_rnn_with_cell():
    layer = layers.RNN(layers.SimpleRNNCell(UNITS), return_sequences=True, zero_output_for_mask=True)
    layer(X)
    randomize(layer)
    expected, _ = np_run(lambda x, s: np_simple_step(layer.get_weights(), x, s), X, zero_states(1), mask=MASK,
                         zero_output_for_mask=True)
    output = numpy(layer(X, mask=MASK))
    np.testing.assert_allclose(output, expected, atol=1e-5)
    assert np.all(output[~MASK] == 0.0)


def test_initial_state_is_used():
    layer = layers.GRU(UNITS, return_sequences=True, unroll=True)
    layer(X)
    randomize(layer)
    h0 = RNG.normal(size=(BATCH, UNITS)).astype("float32")
    expected, _ = np_run(lambda x, s: np_gru_step(layer.get_weights(), x, s), X, [h0])
    np.testing.assert_allclose(numpy(layer(X, initial_state=[h0])), expected, atol=1e-5)
    np.testing.assert_allclose(numpy(layer(X, initial_state=h0)), expected, atol=1e-5)


def test_stacked_cells_feed_each_other():
    first, second = layers.LSTMCell(UNITS), layers.SimpleRNNCell(2)
    layer = layers.RNN([first, second], return_sequences=True, return_state=True, unroll=True)
    outputs, lstm_states, simple_states = layer(X)
    assert isinstance(layer.cell, layers.StackedRNNCells)
    assert [tuple(ops.shape(s)) for s in lstm_states] == [(BATCH, UNITS)] * 2
    randomize(layer)
    weights = layer.get_weights()
    assert [w.shape for w in weights] == [(3, 16), (4, 16), (16,), (4, 2), (2, 2), (2,)]
    lstm_out, _ = np_run(lambda x, s: np_lstm_step(weights[:3], x, s), X, zero_states(2))
    expected, _ = np_run(lambda x, s: np_simple_step(weights[3:], x, s), lstm_out,
                         [np.zeros((BATCH, 2), "float32")])
    np.testing.assert_allclose(numpy(layer(X)[0]), expected, atol=1e-5)


class MinimalCell(layers.Layer):
    """A user cell: h_t = x_t K + h_{t-1}."""

    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.state_size = units

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], self.units), initializer="ones", name="kernel")

    def call(self, inputs, states):
        output = ops.matmul(inputs, self.kernel) + states[0]
        return output, [output]


def test_custom_cell_runs_in_rnn():
    layer = layers.RNN(MinimalCell(2), return_sequences=True)
    expected = np.cumsum(X.sum(-1, keepdims=True) * np.ones(2), axis=1)
    np.testing.assert_allclose(numpy(layer(X)), expected, atol=1e-5)
    assert layer(layers.Input((None, FEATURES))).shape == (None, None, 2)


# ----- masks from upstream layers --------------------------------------------------------


def test_mask_from_embedding_and_masking_layers():
    tokens = np.array([[3, 1, 0, 2], [0, 5, 4, 0]], "int32")
    embedding = layers.Embedding(6, FEATURES, mask_zero=True)
    lstm = layers.LSTM(UNITS, return_sequences=True, unroll=True)
    embedded = embedding(tokens)
    output = lstm(embedded)
    np.testing.assert_allclose(numpy(output), numpy(lstm(numpy(embedded), mask=tokens != 0)), atol=1e-6)
    np.testing.assert_array_equal(numpy(get_mask(output)), tokens != 0)
    assert get_mask(layers.LSTM(UNITS, unroll=True)(embedded)) is None
    padded = X * MASK[..., None]
    masked = layers.Masking()(padded)
    gru = layers.GRU(UNITS, unroll=True)
    np.testing.assert_allclose(numpy(gru(masked)), numpy(gru(padded, mask=MASK)), atol=1e-6)


def test_functional_model_with_mask_zero():
    inputs = layers.Input((STEPS,), dtype="int32")
    embedded = layers.Embedding(6, FEATURES, mask_zero=True)(inputs)
    sequence = layers.GRU(UNITS, return_sequences=True)(embedded)
    assert sequence._keras_mask is not None
    outputs = layers.LSTM(2)(sequence)
    assert outputs.shape == (None, 2)


# ----- shapes, eager and symbolic --------------------------------------------------------


@pytest.mark.parametrize("layer_class", [layers.SimpleRNN, layers.LSTM, layers.GRU])
def test_return_state_shapes_eager_and_symbolic(layer_class):
    layer = layer_class(UNITS, return_state=True, unroll=True)
    eager = layer(X)
    symbolic = layer(layers.Input((None, FEATURES)))
    count = 2 if layer_class is layers.LSTM else 1
    assert [tuple(ops.shape(t)) for t in eager] == [(BATCH, UNITS)] * (1 + count)
    assert [t.shape for t in symbolic] == [(None, UNITS)] * (1 + count)
    sequences = layer_class(UNITS, return_sequences=True)(layers.Input((STEPS, FEATURES), batch_size=5))
    assert sequences.shape == (5, STEPS, UNITS) and sequences.dtype == "float32"


def test_wrong_rank_and_invalid_arguments_raise():
    with pytest.raises(ValueError, match=r"expected rank 3.*\(2, 3\)"):
        layers.LSTM(UNITS)(X[:, 0])
    with pytest.raises(ValueError, match="units"):
        layers.GRU(0)
    with pytest.raises(ValueError, match="state_size"):
        layers.RNN(layers.Dense(2))
    with pytest.raises(ValueError, match="cannot unroll"):
        layers.SimpleRNN(UNITS, unroll=True)(layers.Input((None, FEATURES)))
    with pytest.raises(ValueError, match="use_cudnn"):
        layers.LSTM(UNITS, use_cudnn="sometimes")


# ----- stateful --------------------------------------------------------------------------


@pytest.mark.parametrize("unroll", [True, False])  # on torch, False takes the fused kernel
def test_stateful_carries_states_across_calls_and_resets(unroll):
    layer = layers.LSTM(UNITS, stateful=True, return_sequences=True, unroll=unroll)
    whole = layers.LSTM(UNITS, return_sequences=True, unroll=unroll)
    layer(X[:, :2])
    whole(X)
    randomize(layer)
    whole.set_weights(layer.get_weights())
    layer.reset_states()
    first, second = numpy(layer(X[:, :2])), numpy(layer(X[:, 2:]))
    np.testing.assert_allclose(np.concatenate([first, second], axis=1), numpy(whole(X)), atol=1e-5)
    np.testing.assert_allclose(layer.states[0].numpy(), second[:, -1], atol=1e-6)
    assert len(layer.weights) == 3  # the states are not weights, as in Keras
    layer.reset_states()
    assert not np.any(layer.states[1].numpy())
    np.testing.assert_allclose(numpy(layer(X[:, 2:])), numpy(whole(X[:, 2:])), atol=1e-5)
    with pytest.raises(ValueError, match="batch size"):
        layer(X[:1, :2])


def test_stateful_needs_a_static_batch_size():
    with pytest.raises(ValueError, match="batch size must be static"):
        layers.GRU(UNITS, stateful=True)(layers.Input((STEPS, FEATURES)))
    layer = layers.GRU(UNITS, stateful=True)
    assert layer(layers.Input((STEPS, FEATURES), batch_size=BATCH)).shape == (BATCH, UNITS)
    assert [tuple(v.shape) for v in layer.states] == [(BATCH, UNITS)]


# ----- dropout ---------------------------------------------------------------------------


def test_dropout_only_in_training():
    layer = layers.LSTM(UNITS, dropout=0.5, recurrent_dropout=0.5, seed=3, return_sequences=True, unroll=True)
    reference = layers.LSTM(UNITS, return_sequences=True, unroll=True)
    inference = numpy(layer(X))
    reference(X)
    reference.set_weights(layer.get_weights())
    np.testing.assert_allclose(inference, numpy(reference(X)), atol=1e-6)
    trained = numpy(layer(X, training=True))
    assert not np.allclose(trained, inference)
    assert not np.allclose(trained, numpy(layer(X, training=True)))
    assert layer.cell._dropout_mask is None  # the masks of one sequence are not kept


def test_input_dropout_mask_is_the_same_at_every_step():
    cell = layers.SimpleRNNCell(UNITS, dropout=0.5, seed=4, activation=None, recurrent_initializer="zeros",
                                use_bias=False)
    layer = layers.RNN(cell, return_sequences=True, unroll=True)
    constant = np.ones((BATCH, STEPS, FEATURES), "float32")
    out = numpy(layer(constant, training=True))
    np.testing.assert_allclose(out, np.repeat(out[:, :1], STEPS, axis=1), atol=1e-6)


# ----- Bidirectional ---------------------------------------------------------------------


@pytest.mark.parametrize("merge_mode", ["concat", "sum", "mul", "ave", None])
def test_bidirectional_merge_modes_match_numpy(merge_mode):
    layer = layers.Bidirectional(layers.SimpleRNN(UNITS, return_sequences=True, unroll=True), merge_mode=merge_mode)
    layer(X)
    randomize(layer)
    weights = layer.get_weights()
    forward, _ = np_run(lambda x, s: np_simple_step(weights[:3], x, s), X, zero_states(1), mask=MASK,
                        zero_output_for_mask=True)
    backward, _ = np_run(lambda x, s: np_simple_step(weights[3:], x, s), X, zero_states(1), mask=MASK,
                         go_backwards=True, zero_output_for_mask=True)
    backward = backward[:, ::-1]
    expected = {"concat": lambda: np.concatenate([forward, backward], -1), "sum": lambda: forward + backward,
                "mul": lambda: forward * backward, "ave": lambda: (forward + backward) / 2}
    out = layer(X, mask=MASK)
    if merge_mode is None:
        np.testing.assert_allclose(numpy(out[0]), forward, atol=1e-5)
        np.testing.assert_allclose(numpy(out[1]), backward, atol=1e-5)
    else:
        np.testing.assert_allclose(numpy(out), expected[merge_mode](), atol=1e-5)
        np.testing.assert_array_equal(numpy(get_mask(out)), MASK)
    symbolic = layer(layers.Input((STEPS, FEATURES)))
    shapes = [t.shape for t in symbolic] if merge_mode is None else [symbolic.shape]
    width = 2 * UNITS if merge_mode == "concat" else UNITS
    assert shapes == [(None, STEPS, width)] * (2 if merge_mode is None else 1)


def test_bidirectional_weights_states_and_config():
    layer = layers.Bidirectional(layers.LSTM(UNITS, return_state=True, unroll=True, name="encoder"))
    outputs = layer(X)
    assert len(outputs) == 5 and tuple(ops.shape(outputs[0])) == (BATCH, 2 * UNITS)
    assert [w.shape for w in layer.weights] == [(3, 16), (4, 16), (16,)] * 2
    assert layer.forward_layer.name == "forward_encoder" and layer.backward_layer.name == "backward_encoder"
    assert layer.backward_layer.go_backwards and not layer.forward_layer.go_backwards
    randomize(layer)
    initial = [RNG.normal(size=(BATCH, UNITS)).astype("float32") for _ in range(4)]
    clone = layers.Bidirectional.from_config(layer.get_config())
    clone(X)
    clone.set_weights(layer.get_weights())
    for a, b in zip(layer(X, initial_state=initial), clone(X, initial_state=initial)):
        np.testing.assert_allclose(numpy(a), numpy(b), atol=1e-6)
    symbolic = layer(layers.Input((STEPS, FEATURES)))
    assert [t.shape for t in symbolic] == [(None, 2 * UNITS)] + [(None, UNITS)] * 4


def test_bidirectional_with_backward_layer_and_errors():
    backward = layers.GRU(2, go_backwards=True, return_sequences=True, unroll=True)
    layer = layers.Bidirectional(layers.GRU(UNITS, return_sequences=True, unroll=True), backward_layer=backward)
    assert tuple(ops.shape(layer(X))) == (BATCH, STEPS, UNITS + 2)
    assert layer.backward_layer is backward
    with pytest.raises(ValueError, match="go_backwards"):
        layers.Bidirectional(layers.GRU(2), backward_layer=layers.GRU(2))
    with pytest.raises(ValueError, match="return_sequences"):
        layers.Bidirectional(layers.GRU(2), backward_layer=layers.GRU(2, go_backwards=True, return_sequences=True))
    with pytest.raises(ValueError, match="merge mode"):
        layers.Bidirectional(layers.GRU(2), merge_mode="max")
    with pytest.raises(ValueError, match="Layer"):
        layers.Bidirectional("lstm")


# ----- TimeDistributed -------------------------------------------------------------------


def test_time_distributed_dense():
    layer = layers.TimeDistributed(layers.Dense(5))
    assert layer(layers.Input((STEPS, FEATURES))).shape == (None, STEPS, 5)
    randomize(layer)
    kernel, bias = layer.get_weights()
    np.testing.assert_allclose(numpy(layer(X)), np.einsum("btf,fu->btu", X, kernel) + bias, atol=1e-5)
    assert [w.shape for w in layer.weights] == [(FEATURES, 5), (5,)]
    clone = layers.TimeDistributed.from_config(layer.get_config())
    assert isinstance(clone.layer, layers.Dense) and clone.layer.units == 5
    output = layer(X, mask=MASK)
    np.testing.assert_array_equal(numpy(get_mask(output)), MASK)
    with pytest.raises(ValueError, match="at least 3 dimensions"):
        layers.TimeDistributed(layers.Dense(2))(X[:, 0])
    with pytest.raises(ValueError, match="Layer"):
        layers.TimeDistributed(np.ones(2))


# ----- ConvLSTM --------------------------------------------------------------------------


def np_conv_same(x, kernel):
    """'same' 2-D convolution of x (batch, h, w, c) with an odd kernel (kh, kw, c, f), by loops."""
    kh, kw = kernel.shape[:2]
    padded = np.pad(x, ((0, 0), (kh // 2, kh // 2), (kw // 2, kw // 2), (0, 0)))
    out = np.zeros(x.shape[:3] + (kernel.shape[-1],), "float64")
    for i in range(x.shape[1]):
        for j in range(x.shape[2]):
            out[:, i, j] = np.einsum("bhwc,hwcf->bf", padded[:, i:i + kh, j:j + kw], kernel)
    return out


def test_conv_lstm2d_matches_numpy():
    frames = RNG.normal(size=(1, 2, 4, 4, 2)).astype("float32")
    layer = layers.ConvLSTM2D(3, 3, padding="same", return_sequences=True)
    layer(frames)
    randomize(layer)
    kernel, recurrent, bias = layer.get_weights()
    assert kernel.shape == (3, 3, 2, 12) and recurrent.shape == (3, 3, 3, 12) and bias.shape == (12,)
    h = c = np.zeros((1, 4, 4, 3))
    expected = []
    for t in range(2):
        z = np_conv_same(frames[:, t], kernel) + np_conv_same(h, recurrent) + bias
        i, f, g, o = sigmoid(z[..., 0:3]), sigmoid(z[..., 3:6]), np.tanh(z[..., 6:9]), sigmoid(z[..., 9:])
        c = f * c + i * g
        h = o * np.tanh(c)
        expected.append(h)
    np.testing.assert_allclose(numpy(layer(frames)), np.stack(expected, 1), atol=1e-5)


@pytest.mark.parametrize("kwargs, input_shape, output_shape", [
    ({"padding": "same"}, (2, 3, 5, 6, 3), (2, 5, 6, 2)),
    ({"strides": 2}, (2, 3, 5, 6, 3), (2, 2, 2, 2)),
    ({"dilation_rate": 2, "return_sequences": True}, (2, 3, 5, 6, 3), (2, 3, 1, 2, 2)),
    ({"data_format": "channels_first"}, (2, 3, 1, 3, 4), (2, 2, 1, 2)),
])
def test_conv_lstm2d_shapes(kwargs, input_shape, output_shape):
    frames = RNG.normal(size=input_shape).astype("float32")
    layer = layers.ConvLSTM2D(2, 3, return_state=True, unroll=True, **kwargs)
    output, h, c = layer(frames)
    assert tuple(ops.shape(output)) == output_shape
    state_shape = output_shape if len(output_shape) == 4 else output_shape[:1] + output_shape[2:]
    assert tuple(ops.shape(h)) == tuple(ops.shape(c)) == state_shape
    symbolic = layer(layers.Input(frames.shape[1:]))
    assert [t.shape for t in symbolic] == [(None,) + output_shape[1:]] + [(None,) + state_shape[1:]] * 2


def test_conv_lstm_config_and_errors():
    layer = layers.ConvLSTM2D(2, (3, 2), padding="same", dropout=0.1, seed=5)
    config = layer.get_config()
    assert config["kernel_size"] == (3, 2) and config["strides"] == (1, 1) and config["filters"] == 2
    clone = layers.ConvLSTM2D.from_config(config)
    assert clone.kernel_size == (3, 2) and clone.dropout == 0.1 and clone.get_config() == config
    assert tuple(ops.shape(layers.ConvLSTM1D(2, 2)(RNG.normal(size=(2, 3, 5, 1)).astype("float32")))) == (2, 4, 2)
    with pytest.raises(ValueError, match="rank 5"):
        layers.ConvLSTM2D(2, 3)(X)
    with pytest.raises(ValueError, match="dilation_rate"):
        layers.ConvLSTM2D(2, 3, strides=2, dilation_rate=2)


# ----- configs ---------------------------------------------------------------------------


@pytest.mark.parametrize("make", [
    lambda: layers.SimpleRNN(UNITS, activation="relu", go_backwards=True, dropout=0.2, unroll=True),
    lambda: layers.LSTM(UNITS, return_sequences=True, unit_forget_bias=False, kernel_regularizer="l2", unroll=True),
    lambda: layers.GRU(UNITS, reset_after=False, recurrent_activation="hard_sigmoid", unroll=True),
    lambda: layers.RNN([layers.LSTMCell(UNITS), layers.GRUCell(2, seed=1)], return_state=True, unroll=True),
], ids=["simple_rnn", "lstm", "gru", "stacked"])
def test_config_round_trip(make):
    layer = make()
    config = layer.get_config()
    for key in ("return_sequences", "return_state", "go_backwards", "stateful", "unroll", "zero_output_for_mask"):
        assert key in config
    clone = type(layer).from_config(config)
    assert clone.get_config() == config
    layer(X)
    clone(X)
    randomize(layer)
    clone.set_weights(layer.get_weights())
    for a, b in zip(layer.weights, clone.weights):
        assert a.name == b.name
    np.testing.assert_allclose(numpy(_first(clone(X))), numpy(_first(layer(X))), atol=1e-6)


def _first(outputs):
    return outputs[0] if isinstance(outputs, (list, tuple)) else outputs


def test_lstm_config_has_keras_keys():
    config = layers.LSTM(UNITS).get_config()
    keras_keys = {"units", "activation", "recurrent_activation", "use_bias", "kernel_initializer",
                  "recurrent_initializer", "bias_initializer", "unit_forget_bias", "kernel_regularizer",
                  "recurrent_regularizer", "bias_regularizer", "activity_regularizer", "kernel_constraint",
                  "recurrent_constraint", "bias_constraint", "dropout", "recurrent_dropout", "seed",
                  "return_sequences", "return_state", "go_backwards", "stateful", "unroll", "zero_output_for_mask",
                  "name", "trainable", "dtype"}
    assert keras_keys <= set(config) and "cell" not in config
    assert config["recurrent_initializer"]["class_name"] == "Orthogonal" and config["activation"] == "tanh"
    assert layers.GRU(UNITS).get_config()["reset_after"] is True
    assert layers.GRU(UNITS).units == UNITS and layers.LSTM(UNITS, dropout=0.3).dropout == 0.3


def test_stateful_states_are_variables_but_not_weights():
    layer = layers.GRU(3, stateful=True)
    layer(np.ones((2, 4, 5), "float32"))
    state_ids = {id(v) for v in tree.flatten(layer.states)}
    assert state_ids and state_ids <= {id(v) for v in layer.variables}
    assert not state_ids & {id(v) for v in layer.weights}
    assert state_ids <= {id(v) for v in layer.non_trainable_variables}
