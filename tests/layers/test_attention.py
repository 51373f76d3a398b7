"""Attention layers against NumPy references: Attention, AdditiveAttention and
MultiHeadAttention with padding, causal and explicit masks, attention scores, dropout,
weights, configs and symbolic shapes."""

import numpy as np
import pytest

from frontend import layers, ops
from frontend.core.tensor_attributes import get_mask, set_mask

RNG = np.random.default_rng(0)
Q = RNG.normal(size=(2, 4, 6)).astype("float32")
V = RNG.normal(size=(2, 5, 6)).astype("float32")
K = RNG.normal(size=(2, 5, 6)).astype("float32")
Q_MASK = np.array([[1, 1, 1, 0], [1, 1, 0, 0]], dtype=bool)
V_MASK = np.array([[1, 1, 1, 1, 0], [1, 1, 0, 0, 0]], dtype=bool)
CAUSAL = np.tril(np.ones((4, 4), dtype=bool))


def numpy(x):
    return ops.convert_to_numpy(x)


def close(actual, expected, tol=1e-5):
    np.testing.assert_allclose(numpy(actual), expected, rtol=tol, atol=tol)


def softmax(x):
    e = np.exp(x - x.max(-1, keepdims=True))
    return e / e.sum(-1, keepdims=True)


def masked(x, mask):
    return x if mask is None else np.where(mask, x, -1e9)


def random_weights(layer, scale=0.5):
    weights = [RNG.uniform(-scale, scale, size=w.shape).astype("float32") for w in layer.weights]
    layer.set_weights(weights)
    return weights


def round_trip(layer):
    clone = type(layer).from_config(layer.get_config())
    assert clone.get_config() == layer.get_config()
    return clone


def with_mask(x, mask):
    x = ops.convert_to_tensor(x)
    set_mask(x, ops.convert_to_tensor(mask))
    return x


# ----- Attention and AdditiveAttention ------------------------------------------------------


def attend(scores, value, q_mask=None, scores_mask=None):
    weights = softmax(masked(scores, scores_mask))
    output = weights @ value
    if q_mask is not None:
        output = np.where(q_mask[..., None], output, 0)
    return output, weights


def test_dot_attention_with_padding_masks_matches_numpy():
    layer = layers.Attention(use_scale=True)
    layer([Q, V])
    assert [(w.name, tuple(w.shape)) for w in layer.weights] == [("scale", ())]
    layer.set_weights([np.array(0.7, "float32")])
    output, scores = layer([Q, V, K], mask=[Q_MASK, V_MASK], return_attention_scores=True)
    expected, weights = attend(0.7 * Q @ K.transpose(0, 2, 1), V, Q_MASK, V_MASK[:, None, :])
    close(output, expected)
    close(scores, weights)
    assert np.all(numpy(scores)[~np.broadcast_to(V_MASK[:, None, :], (2, 4, 5))] < 1e-6)


def test_attention_takes_masks_from_its_inputs_and_passes_the_query_mask_on():
    output = layers.Attention()([with_mask(Q, Q_MASK), with_mask(V, V_MASK)])
    close(output, attend(Q @ V.transpose(0, 2, 1), V, Q_MASK, V_MASK[:, None, :])[0])
    np.testing.assert_array_equal(numpy(get_mask(output)), Q_MASK)


def test_attention_causal_mask_hides_later_positions():
    value = V[:, :4]
    output, scores = layers.Attention()([Q, value], use_causal_mask=True, return_attention_scores=True)
    expected, weights = attend(Q @ value.transpose(0, 2, 1), value, scores_mask=CAUSAL[None])
    close(output, expected)
    close(scores, weights)
    assert np.all(np.triu(numpy(scores), 1) == 0)


def test_concat_score_mode_matches_numpy():
    layer = layers.Attention(score_mode="concat", use_scale=True)
    layer([Q, V])
    assert [w.name for w in layer.weights] == ["scale", "concat_score_weight"]
    layer.set_weights([np.array(0.5, "float32"), np.array(2.0, "float32")])
    scores = 2.0 * np.tanh(0.5 * (Q[:, :, None, :] + V[:, None, :, :])).sum(-1)
    close(layer([Q, V]), attend(scores, V)[0])


def test_additive_attention_matches_numpy():
    layer = layers.AdditiveAttention()
    layer([Q, V])
    assert [(w.name, tuple(w.shape)) for w in layer.weights] == [("scale", (6,))]
    (scale,) = random_weights(layer)
    scores = (scale * np.tanh(Q[:, :, None, :] + K[:, None, :, :])).sum(-1)
    output, weights = layer([Q, V, K], mask=[None, V_MASK], return_attention_scores=True)
    expected, expected_weights = attend(scores, V, scores_mask=V_MASK[:, None, :])
    close(output, expected)
    close(weights, expected_weights)
    assert "score_mode" not in layer.get_config()
    assert round_trip(layer).use_scale


def test_attention_dropout_only_in_training():
    layer = layers.Attention(dropout=0.5, seed=1)
    inference = numpy(layer([Q, V]))
    close(layer([Q, V], training=False), inference)
    assert not np.allclose(numpy(layer([Q, V], training=True)), inference)


def test_attention_symbolic_shapes_config_and_errors():
    q, v = layers.Input((4, 6)), layers.Input((5, 3))
    output, scores = layers.Attention()([q, v, layers.Input((5, 6))], return_attention_scores=True)
    assert output.shape == (None, 4, 3) and scores.shape == (None, 4, 5)
    assert layers.AdditiveAttention()([q, layers.Input((5, 6))]).shape == (None, 4, 6)
    clone = round_trip(layers.Attention(use_scale=True, score_mode="concat", dropout=0.1, seed=3))
    assert (clone.score_mode, clone.dropout, clone.seed) == ("concat", 0.1, 3)
    with pytest.raises(ValueError, match="list of inputs"):
        layers.Attention()(Q)
    with pytest.raises(ValueError, match="length 2 or 3"):
        layers.Attention()([Q])
    with pytest.raises(ValueError, match="score_mode"):
        layers.Attention(score_mode="add")


# ----- MultiHeadAttention --------------------------------------------------------------------


def mha_reference(weights, query, value, key=None, mask=None, heads=2, softmax_path=False):
    """Reference multi-head attention on (batch, length, features) inputs.

    ``mask`` is (batch, T, S) or None. Masked scores are replaced by a very negative number;
    ``softmax_path`` also zeroes fully masked rows' weights (the path that returns scores).
    """
    qk, qb, kk, kb, vk, vb, ok, ob = weights
    key = value if key is None else key
    q = np.einsum("btd,dnh->btnh", query, qk) + qb
    k = np.einsum("bsd,dnh->bsnh", key, kk) + kb
    v = np.einsum("bsd,dnh->bsnh", value, vk) + vb
    scores = np.einsum("btnh,bsnh->bnts", q, k) / np.sqrt(qk.shape[-1])
    full_mask = None if mask is None else mask[:, None]
    weights = softmax(masked(scores, full_mask))
    if softmax_path and full_mask is not None:
        weights = np.where(full_mask, weights, 0)
    context = np.einsum("bnts,bsnh->btnh", weights, v)
    return np.einsum("btnh,nho->bto", context, ok) + ob, weights


def built_mha(**kwargs):
    layer = layers.MultiHeadAttention(num_heads=2, key_dim=3, **kwargs)
    layer(Q, V)
    return layer, random_weights(layer)


def test_mha_weights_names_shapes_and_order():
    layer = layers.MultiHeadAttention(num_heads=2, key_dim=3, value_dim=4)
    layer(Q, V, K)
    assert [w.path for w in layer.weights] == [
        f"{name}/{kind}" for name in ("query", "key", "value", "attention_output") for kind in ("kernel", "bias")
    ]
    assert [tuple(w.shape) for w in layer.weights] == [(6, 2, 3), (2, 3), (6, 2, 3), (2, 3), (6, 2, 4), (2, 4),
                                                       (2, 4, 6), (6,)]
    bare = layers.MultiHeadAttention(num_heads=2, key_dim=3, use_bias=False, output_shape=(2, 5))
    bare(Q, V)
    assert [tuple(w.shape) for w in bare.weights] == [(6, 2, 3), (6, 2, 3), (6, 2, 3), (2, 3, 2, 5)]
    gated = layers.MultiHeadAttention(num_heads=2, key_dim=3, use_gate=True)
    gated(Q, V)
    assert [w.path for w in gated.weights][4:6] == ["gate/kernel", "gate/bias"]


def test_mha_matches_numpy_for_cross_attention_with_a_key():
    layer = layers.MultiHeadAttention(num_heads=2, key_dim=3)
    layer(Q, V, K)
    weights = random_weights(layer)
    close(layer(Q, V, K), mha_reference(weights, Q, V, K)[0], 1e-4)


def test_mha_padding_masks_from_inputs_combine_with_and():
    layer, weights = built_mha()
    query, value = with_mask(Q, Q_MASK), with_mask(V, V_MASK)
    output = layer(query, value)
    mask = Q_MASK[:, :, None] & V_MASK[:, None, :]
    close(output, mha_reference(weights, Q, V, mask=mask)[0], 1e-4)
    np.testing.assert_array_equal(numpy(get_mask(output)), Q_MASK)
    assert get_mask(query) is None and get_mask(value) is None  # consumed, as in Keras


def test_mha_explicit_masks_and_attention_mask_match_numpy():
    layer, weights = built_mha()
    attention_mask = RNG.random((2, 4, 5)) > 0.3
    output = layer(Q, V, value_mask=V_MASK, attention_mask=attention_mask)
    close(output, mha_reference(weights, Q, V, mask=attention_mask & V_MASK[:, None, :])[0], 1e-4)


def test_mha_causal_mask_and_attention_scores():
    layer, weights = built_mha()
    output, scores = layer(Q, Q, use_causal_mask=True, return_attention_scores=True)
    expected, expected_scores = mha_reference(weights, Q, Q, mask=CAUSAL[None], softmax_path=True)
    close(output, expected, 1e-4)
    close(scores, expected_scores, 1e-5)
    assert numpy(scores).shape == (2, 2, 4, 4)
    close(layer(Q, Q, use_causal_mask=True), expected, 1e-4)


def test_mha_fully_masked_query_rows_follow_keras():
    """Padded query rows: the fused path averages all values, the scores path gives zero weights."""
    layer, weights = built_mha()
    mask = Q_MASK[:, :, None] & V_MASK[:, None, :]
    fused = layer(Q, V, query_mask=Q_MASK, value_mask=V_MASK)
    close(fused, mha_reference(weights, Q, V, mask=mask)[0], 1e-4)
    output, scores = layer(Q, V, query_mask=Q_MASK, value_mask=V_MASK, return_attention_scores=True)
    close(output, mha_reference(weights, Q, V, mask=mask, softmax_path=True)[0], 1e-4)
    assert np.all(numpy(scores)[1, :, 2:] == 0)


def test_mha_over_two_axes_equals_attention_over_the_flattened_axes():
    x = RNG.normal(size=(2, 2, 3, 6)).astype("float32")
    grid = layers.MultiHeadAttention(num_heads=2, key_dim=3, attention_axes=(1, 2))
    flat = layers.MultiHeadAttention(num_heads=2, key_dim=3)
    grid(x, x)
    flat(x.reshape(2, 6, 6), x.reshape(2, 6, 6))
    flat.set_weights(random_weights(grid))
    output, scores = grid(x, x, return_attention_scores=True)
    assert numpy(scores).shape == (2, 2, 2, 3, 2, 3)
    close(output, numpy(flat(x.reshape(2, 6, 6), x.reshape(2, 6, 6))).reshape(x.shape), 1e-4)


def test_mha_dropout_only_in_training():
    layer, _ = built_mha(dropout=0.5, seed=2)
    inference = numpy(layer(Q, V))
    close(layer(Q, V, training=False), inference)
    assert not np.allclose(numpy(layer(Q, V, training=True)), inference)


def test_mha_symbolic_shapes_masks_and_build_config():
    tokens = layers.Input((5,), dtype="int32")
    embedded = layers.Embedding(10, 6, mask_zero=True)(tokens)
    layer = layers.MultiHeadAttention(num_heads=2, key_dim=3, output_shape=4)
    output, scores = layer(embedded, layers.Input((7, 6)), return_attention_scores=True)
    assert output.shape == (None, 5, 4) and scores.shape == (None, 2, 5, 7)
    assert output._keras_mask is not None
    clone = round_trip(layer)
    clone.build_from_config(layer.get_build_config())
    assert [tuple(w.shape) for w in clone.weights] == [tuple(w.shape) for w in layer.weights]


def test_mha_config_and_errors():
    layer = layers.MultiHeadAttention(num_heads=4, key_dim=2, value_dim=3, dropout=0.1, attention_axes=1,
                                      kernel_regularizer="l2", seed=5)
    clone = round_trip(layer)
    assert (clone.num_heads, clone.key_dim, clone.value_dim, clone.attention_axes) == (4, 2, 3, (1,))
    with pytest.raises(ValueError, match="num_heads"):
        layers.MultiHeadAttention(num_heads=0, key_dim=2)
    with pytest.raises(ValueError, match="value and key must agree"):
        layers.MultiHeadAttention(num_heads=2, key_dim=2)(Q, V, K[:, :3])
    with pytest.raises(ValueError, match="flash_attention"):
        layers.MultiHeadAttention(num_heads=2, key_dim=2, dropout=0.1, flash_attention=True)
