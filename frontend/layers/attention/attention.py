"""``Attention``: dot-product (Luong-style) attention of a query sequence over a value sequence."""

from frontend import ops, random
from frontend.layers.layer import Layer
from frontend.ops.symbolic import SymbolicTensor
from frontend.random.seed_generator import SeedGenerator


def _is_shape(value):
    return all(d is None or isinstance(d, int) for d in value)


class Attention(Layer):
    """``softmax(scores(query, key)) @ value`` for inputs ``[query, value]`` or ``[query, value, key]``.

    query is ``(batch, Tq, dim)``, value and key ``(batch, Tv, dim)`` (key defaults to value).
    ``score_mode="dot"`` scores with ``query @ key^T`` (times a learned scalar ``scale`` when
    ``use_scale``); ``"concat"`` with ``concat_score_weight * sum(tanh(scale * (q + k)))``.
    ``mask=[query_mask, value_mask]``: value positions where the mask is False get no weight
    and output rows where the query mask is False are zero. ``use_causal_mask=True`` stops
    position i from attending to positions j > i. Dropout applies to the attention weights
    in training only.
    """

    def __init__(self, use_scale=False, score_mode="dot", dropout=0.0, seed=None, **kwargs):
        super().__init__(**kwargs)
        if score_mode not in ("dot", "concat"):
            raise ValueError(
                f"{type(self).__name__}: score_mode must be 'dot' or 'concat', received score_mode={score_mode!r}"
            )
        self.use_scale = use_scale
        self.score_mode = score_mode
        self.dropout = dropout
        self.seed = seed
        if dropout > 0:
            self.seed_generator = SeedGenerator(seed)

    def build(self, input_shape):
        self._validate_inputs(input_shape)
        self.scale = None
        self.concat_score_weight = None
        if self.use_scale:
            self.scale = self.add_weight(name="scale", shape=(), initializer="ones")
        if self.score_mode == "concat":
            self.concat_score_weight = self.add_weight(name="concat_score_weight", shape=(), initializer="ones")

    def _validate_inputs(self, inputs, mask=None):
        name = type(self).__name__
        if not isinstance(inputs, (list, tuple)) or _is_shape(inputs):
            raise ValueError(
                f"{name} layer must be called on a list of inputs, namely [query, value] or [query, value, key]. "
                f"Received: inputs={inputs}."
            )
        if not 2 <= len(inputs) <= 3:
            raise ValueError(
                f"{name} layer accepts inputs list of length 2 or 3, namely [query, value] or [query, value, key]. "
                f"Received length: {len(inputs)}."
            )
        if mask is not None and (not isinstance(mask, (list, tuple)) or not 2 <= len(mask) <= 3):
            raise ValueError(f"{name} layer mask must be a list [query_mask, value_mask]. Received: mask={mask}.")

    def _calculate_scores(self, query, key):
        """(batch, Tq, Tv) scores."""
        if self.score_mode == "dot":
            scores = ops.matmul(query, ops.swapaxes(key, -2, -1))
            return scores if self.scale is None else ops.multiply(scores, ops.cast(self.scale, ops.dtype(scores)))
        summed = ops.add(ops.expand_dims(query, -2), ops.expand_dims(key, -3))
        if self.scale is not None:
            summed = ops.multiply(summed, ops.cast(self.scale, ops.dtype(summed)))
        weight = ops.cast(self.concat_score_weight, ops.dtype(summed))
        return ops.multiply(weight, ops.sum(ops.tanh(summed), axis=-1))

    def _scores_mask(self, scores, value_mask, use_causal_mask):
        """True where a query may attend to a key: the value mask, AND the causal mask if asked."""
        if value_mask is not None:
            value_mask = ops.expand_dims(ops.cast(value_mask, "bool"), -2)
        if not use_causal_mask:
            return value_mask
        shape = ops.shape(scores)
        rows = ops.reshape(ops.arange(shape[-2], dtype="int32"), (1, -1, 1))
        cols = ops.reshape(ops.arange(shape[-1], dtype="int32"), (1, 1, -1))
        causal = ops.greater_equal(rows, cols)
        return causal if value_mask is None else ops.logical_and(value_mask, causal)

    def _apply_scores(self, scores, value, scores_mask=None, training=False):
        """(attention output, attention weights) from raw scores; masked keys are pushed far below."""
        if scores_mask is not None:
            # Subtracting (rather than replacing) keeps a fully masked row a plain softmax, as in Keras.
            big = 65504.0 if ops.dtype(scores) == "float16" else 1.0e9
            scores = ops.where(scores_mask, scores, ops.subtract(scores, big))
        weights = ops.softmax(scores, axis=-1)
        if training and self.dropout > 0:
            weights = random.dropout(weights, self.dropout, seed=self.seed_generator)
        return ops.matmul(weights, value), weights

    def call(self, inputs, mask=None, training=False, return_attention_scores=False, use_causal_mask=False):
        self._validate_inputs(inputs, mask)
        query, value = inputs[0], inputs[1]
        key = inputs[2] if len(inputs) > 2 else value
        query_mask, value_mask = (mask[0], mask[1]) if mask else (None, None)
        scores = self._calculate_scores(query, key)
        scores_mask = self._scores_mask(scores, value_mask, use_causal_mask)
        output, weights = self._apply_scores(scores, value, scores_mask, training)
        if query_mask is not None:
            output = ops.where(ops.expand_dims(ops.cast(query_mask, "bool"), -1), output, 0)
        return (output, weights) if return_attention_scores else output

    def compute_mask(self, inputs, mask=None):
        if not mask or mask[0] is None:
            return None
        return ops.convert_to_tensor(mask[0])

    def compute_output_shape(self, input_shape):
        return tuple(input_shape[0][:-1]) + (input_shape[1][-1],)

    def compute_output_spec(self, inputs, mask=None, training=None, return_attention_scores=False,
                            use_causal_mask=False):
        self._validate_inputs(inputs, mask)
        query, value = inputs[0], inputs[1]
        key = inputs[2] if len(inputs) > 2 else value
        output = SymbolicTensor(self.compute_output_shape([query.shape, value.shape]), self.compute_dtype)
        if not return_attention_scores:
            return output
        return output, SymbolicTensor(tuple(query.shape[:-1]) + (key.shape[-2],), self.compute_dtype)

    def get_config(self):
        return {
            **super().get_config(),
            "use_scale": self.use_scale,
            "score_mode": self.score_mode,
            "dropout": self.dropout,
            "seed": self.seed,
        }
