"""``MultiHeadAttention``: scaled dot-product attention over learned per-head projections."""

import math

from frontend import constraints, initializers, ops, random, regularizers
from frontend.core.tensor_attributes import get_mask, set_mask
from frontend.layers.attention.equations import attention_equations, projection_equation, scores_shape
from frontend.layers.core.einsum_dense import EinsumDense
from frontend.layers.layer import Layer
from frontend.ops.symbolic import SymbolicTensor
from frontend.random.seed_generator import SeedGenerator

_TENSOR_ARGUMENTS = ("query", "value", "key")


def _positive_int(value, name, optional=False):
    if optional and value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        expected = "a positive integer or None" if optional else "a positive integer"
        raise ValueError(f"MultiHeadAttention: {name} must be {expected}, received {name}={value!r}")


def _shape(x):
    return tuple(x.shape) if isinstance(x, SymbolicTensor) else tuple(ops.shape(x))


def _bool(mask):
    return None if mask is None else ops.cast(mask, "bool")


def _and(a, b):
    return b if a is None else a if b is None else ops.logical_and(a, b)


class MultiHeadAttention(Layer):
    """Multi-head attention (Vaswani et al., 2017) with Keras 3's weights and mask rules.

    ``query``, ``key`` and ``value`` are projected by ``EinsumDense`` sublayers named
    ``query``, ``key`` and ``value`` to ``(..., num_heads, key_dim/value_dim)``; the heads
    attend over ``attention_axes`` (default: every axis but batch and features) and the
    ``attention_output`` sublayer projects back to ``output_shape`` (default: the query's
    last size). Weights: query kernel/bias, key kernel/bias, value kernel/bias, output
    kernel/bias (gate kernel/bias after the key's with ``use_gate=True``).

    Masks: the Keras masks of ``query`` ([B, T] -> [B, T, 1]), ``value`` and ``key``
    ([B, S] -> [B, 1, S]), the causal mask ([1, T, S]), the sliding window and
    ``attention_mask`` ([B, T, S]) are combined with AND; explicit ``query_mask``,
    ``value_mask`` and ``key_mask`` arguments take the place of the tensors' masks.
    The output carries the query's mask; as in Keras, the masks are taken off the input
    tensors, so later layers that reuse those tensors see them unmasked.
    """

    def __init__(self, num_heads, key_dim, value_dim=None, dropout=0.0, use_bias=True, output_shape=None,
                 attention_axes=None, sliding_window=None, flash_attention=None, kernel_initializer="glorot_uniform",
                 bias_initializer="zeros", kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, bias_constraint=None, use_gate=False, seed=None, **kwargs):
        _positive_int(num_heads, "num_heads")
        _positive_int(key_dim, "key_dim")
        _positive_int(value_dim, "value_dim", optional=True)
        _positive_int(sliding_window, "sliding_window", optional=True)
        # The projections carry the activity regularizer (as in Keras), not this layer's output.
        super().__init__(**kwargs)
        self.supports_masking = True
        self._num_heads = num_heads
        self._key_dim = key_dim
        self._value_dim = value_dim or key_dim
        self._dropout = dropout
        self._use_bias = use_bias
        self._use_gate = use_gate
        if output_shape:
            output_shape = (output_shape,) if isinstance(output_shape, int) else tuple(output_shape)
        self._output_shape = output_shape or None
        if isinstance(attention_axes, int):
            attention_axes = (attention_axes,)
        elif attention_axes is not None and not isinstance(attention_axes, (list, tuple)):
            raise ValueError(
                f"MultiHeadAttention: attention_axes must be an int, list or tuple, received {attention_axes!r}"
            )
        self._attention_axes = None if attention_axes is None else tuple(attention_axes)
        self._sliding_window = sliding_window
        self._flash_attention = flash_attention
        if flash_attention and dropout > 0:
            raise ValueError("MultiHeadAttention: dropout is not supported with flash_attention=True; set dropout=0.0")
        self._kernel_initializer = initializers.get(kernel_initializer)
        self._bias_initializer = initializers.get(bias_initializer)
        self._kernel_regularizer = regularizers.get(kernel_regularizer)
        self._bias_regularizer = regularizers.get(bias_regularizer)
        self._projection_activity_regularizer = regularizers.get(activity_regularizer)
        self._kernel_constraint = constraints.get(kernel_constraint)
        self._bias_constraint = constraints.get(bias_constraint)
        self.seed = seed
        if dropout > 0:
            self.seed_generator = SeedGenerator(seed)
        self._inverse_sqrt_key_dim = 1.0 / math.sqrt(float(key_dim))

    num_heads = property(lambda self: self._num_heads)
    key_dim = property(lambda self: self._key_dim)
    value_dim = property(lambda self: self._value_dim)
    dropout = property(lambda self: self._dropout)
    use_bias = property(lambda self: self._use_bias)
    attention_axes = property(lambda self: self._attention_axes)
    query_dense = property(lambda self: self._query_dense)
    key_dense = property(lambda self: self._key_dense)
    value_dense = property(lambda self: self._value_dense)
    output_dense = property(lambda self: self._output_dense)

    # ----- building ----------------------------------------------------------------------

    def _maybe_build(self, args, kwargs):
        """Build from the shapes of query, value and key (the base builds from the first input only)."""
        if self.built:
            return
        given = dict(zip(_TENSOR_ARGUMENTS, args))
        given.update({k: kwargs[k] for k in _TENSOR_ARGUMENTS if kwargs.get(k) is not None})
        if given.get("query") is None or given.get("value") is None:
            raise ValueError(f"Layer '{self.name}': MultiHeadAttention needs a query and a value tensor")
        self.build(*(_shape(given[k]) if given.get(k) is not None else None for k in _TENSOR_ARGUMENTS))

    def _projection(self, name, input_rank, heads_shape, bound_dims=1, activation=None):
        free = input_rank - 1
        equation, bias_axes, output_rank = projection_equation(free, bound_dims, len(heads_shape))
        return EinsumDense(
            equation,
            output_shape=[None] * (output_rank - 1 - len(heads_shape)) + list(heads_shape),
            bias_axes=bias_axes if self._use_bias else None,
            activation=activation,
            name=name,
            kernel_initializer=self._kernel_initializer,
            bias_initializer=self._bias_initializer,
            kernel_regularizer=self._kernel_regularizer,
            bias_regularizer=self._bias_regularizer,
            activity_regularizer=self._projection_activity_regularizer,
            kernel_constraint=self._kernel_constraint,
            bias_constraint=self._bias_constraint,
            dtype=self.dtype_policy,
        )

    def build(self, query_shape, value_shape, key_shape=None):
        query_shape, value_shape = tuple(query_shape), tuple(value_shape)
        key_shape = value_shape if key_shape is None else tuple(key_shape)
        if value_shape[1:-1] != key_shape[1:-1]:
            raise ValueError(
                f"Layer '{self.name}': value and key must agree on every axis but the last, received "
                f"value_shape={value_shape} and key_shape={key_shape}"
            )
        heads_key, heads_value = (self._num_heads, self._key_dim), (self._num_heads, self._value_dim)
        self._query_dense = self._projection("query", len(query_shape), heads_key)
        self._query_dense.build(query_shape)
        self._key_dense = self._projection("key", len(key_shape), heads_key)
        self._key_dense.build(key_shape)
        if self._use_gate:
            self._gate_dense = self._projection("gate", len(query_shape), heads_value, activation="sigmoid")
            self._gate_dense.build(query_shape)
        self._value_dense = self._projection("value", len(value_shape), heads_value)
        self._value_dense.build(value_shape)
        rank = len(query_shape) + 1
        axes = self._attention_axes or tuple(range(1, rank - 2))
        self._normalized_axes = tuple(a if a >= 0 else rank - 1 + a for a in axes)
        self._scores_equation, self._combine_equation, scores_rank = attention_equations(rank, self._normalized_axes)
        self._softmax_axes = tuple(range(scores_rank - len(self._normalized_axes), scores_rank))
        output_dims = self._output_shape or (query_shape[-1],)
        self._output_dense = self._projection("attention_output", len(query_shape), output_dims, bound_dims=2)
        self._output_dense.build(query_shape[:-1] + heads_value)
        self._build_shapes = {"query_shape": query_shape, "value_shape": value_shape, "key_shape": key_shape}
        self.built = True

    def get_build_config(self):
        return None if self._build_shapes is None else {"shapes_dict": self._build_shapes}

    def build_from_config(self, config):
        if not config or self.built:
            return
        shapes = config.get("shapes_dict")
        if shapes is None:
            shapes = {"query_shape": config["input_shape"], "value_shape": config["input_shape"]}
        self.build(**shapes)

    # ----- masks -------------------------------------------------------------------------

    def _causal_mask(self, query, value):
        """[1, T, S]: query position i sees key positions j <= i."""
        rows = ops.reshape(ops.arange(ops.shape(query)[1], dtype="int32"), (1, -1, 1))
        cols = ops.reshape(ops.arange(ops.shape(value)[1], dtype="int32"), (1, 1, -1))
        return ops.greater_equal(rows, cols)

    def _sliding_window_mask(self, query, value):
        """[1, T, S]: query position i sees key positions j with |i - j| < sliding_window."""
        rows = ops.reshape(ops.arange(ops.shape(query)[1], dtype="int32"), (1, -1, 1))
        cols = ops.reshape(ops.arange(ops.shape(value)[1], dtype="int32"), (1, 1, -1))
        return ops.less(ops.abs(ops.subtract(rows, cols)), self._sliding_window)

    def _compute_attention_mask(self, query, value, query_mask=None, value_mask=None, key_mask=None,
                                attention_mask=None, use_causal_mask=False):
        """The AND of every mask that applies, [B, T, S] (or broadcastable to it), or None."""
        mask = None
        if query_mask is not None:
            mask = ops.expand_dims(_bool(query_mask), -1)
        for m in (value_mask, key_mask):
            if m is not None:
                mask = _and(mask, ops.expand_dims(_bool(m), -2))
        if use_causal_mask:
            mask = _and(mask, self._causal_mask(query, value))
        if self._sliding_window is not None:
            mask = _and(mask, self._sliding_window_mask(query, value))
        return _and(_bool(attention_mask), mask)

    def _expand_mask(self, mask, rank):
        """Insert axes before the attention axes (heads, ...) until ``mask`` has ``rank`` axes."""
        axis = -2 * len(self._normalized_axes) - 1
        for _ in range(rank - len(mask.shape)):
            mask = ops.expand_dims(mask, axis)
        return mask

    # ----- attention ---------------------------------------------------------------------

    def _masked_softmax(self, scores, mask):
        """Softmax over the key axes; masked entries get no weight (all-masked rows give zeros)."""
        if mask is not None:
            mask = self._expand_mask(mask, len(scores.shape))
            lowest = -3e4 if ops.dtype(scores) == "float16" else -1e9
            scores = ops.where(mask, scores, lowest)
        if len(self._softmax_axes) == 1:
            weights = ops.softmax(scores, axis=self._softmax_axes[0])
        else:
            weights = ops.exp(ops.subtract(scores, ops.logsumexp(scores, axis=self._softmax_axes, keepdims=True)))
        return weights if mask is None else ops.where(mask, weights, 0)

    def _compute_attention(self, query, key, value, attention_mask=None, training=None, return_attention_scores=False):
        """Attention of projected [B, T, N, H] query over [B, S, N, H] key/value: (output, scores or None)."""
        if self._flash_attention and return_attention_scores:
            raise ValueError(
                f"Layer '{self.name}': return_attention_scores=True is not supported with flash_attention=True"
            )
        # Like Keras: the fused op when the weights are not needed (a fully masked query row then
        # averages all values); otherwise explicit weights, where such a row gets zero weights.
        if not (self._dropout > 0 or return_attention_scores or len(query.shape) != 4):
            mask = None if attention_mask is None else self._expand_mask(attention_mask, 4)
            output = ops.dot_product_attention(query, key, value, mask=mask, scale=self._inverse_sqrt_key_dim,
                                               flash_attention=self._flash_attention)
            return output, None
        query = ops.multiply(query, ops.cast(self._inverse_sqrt_key_dim, ops.dtype(query)))
        scores = self._masked_softmax(ops.einsum(self._scores_equation, key, query), attention_mask)
        weights = scores
        if training and self._dropout > 0:
            weights = random.dropout(scores, self._dropout, seed=self.seed_generator)
        return ops.einsum(self._combine_equation, weights, value), scores

    def call(self, query, value, key=None, query_mask=None, value_mask=None, key_mask=None, attention_mask=None,
             return_attention_scores=False, training=None, use_causal_mask=False):
        # Masks first: preparing (casting) an input may give a new tensor without its mask.
        query_mask = get_mask(query) if query_mask is None else query_mask
        value_mask = get_mask(value) if value_mask is None else value_mask
        if key is not None and key_mask is None:
            key_mask = get_mask(key)
        # As in Keras, the layer consumes its inputs' masks: later users of these tensors see none.
        for tensor in (query, value, key):
            if tensor is not None:
                set_mask(tensor, None)
        query, value = self._prepare_input(query), self._prepare_input(value)
        key = value if key is None else self._prepare_input(key)
        attention_mask = self._compute_attention_mask(query, value, query_mask, value_mask, key_mask,
                                                      attention_mask, use_causal_mask)
        gate = self._gate_dense(query) if self._use_gate else None
        projected_query = self._query_dense(query)
        projected_key = self._key_dense(key)
        projected_value = self._value_dense(value)
        output, scores = self._compute_attention(projected_query, projected_key, projected_value, attention_mask,
                                                 training, return_attention_scores)
        output = self._output_dense(output if gate is None else ops.multiply(output, gate))
        if query_mask is not None:
            set_mask(output, query_mask)
        return (output, scores) if return_attention_scores else output

    def compute_output_shape(self, query_shape, value_shape, key_shape=None):
        query_shape, value_shape = tuple(query_shape), tuple(value_shape)
        key_shape = value_shape if key_shape is None else tuple(key_shape)
        if value_shape[1:-1] != key_shape[1:-1]:
            raise ValueError(
                f"Layer '{self.name}': value and key must agree on every axis but the last, received "
                f"value_shape={value_shape} and key_shape={key_shape}"
            )
        return query_shape[:-1] + (self._output_shape or query_shape[-1:])

    def compute_output_spec(self, query, value, key=None, query_mask=None, value_mask=None, key_mask=None,
                            attention_mask=None, return_attention_scores=False, training=None, use_causal_mask=False):
        key_shape = None if key is None else key.shape
        output = SymbolicTensor(self.compute_output_shape(query.shape, value.shape, key_shape), self.compute_dtype)
        mask = query_mask if query_mask is not None else getattr(query, "_keras_mask", None)
        if mask is not None:
            output._keras_mask = mask
        if not return_attention_scores:
            return output
        heads = (self._num_heads, self._key_dim)
        shape = scores_shape(tuple(query.shape[:-1]) + heads, tuple((key_shape or value.shape)[:-1]) + heads,
                             self._normalized_axes)
        return output, SymbolicTensor(shape, self.compute_dtype)

    def get_config(self):
        return {
            **super().get_config(),
            "num_heads": self._num_heads,
            "key_dim": self._key_dim,
            "value_dim": self._value_dim,
            "dropout": self._dropout,
            "use_bias": self._use_bias,
            "use_gate": self._use_gate,
            "output_shape": self._output_shape,
            "attention_axes": self._attention_axes,
            "sliding_window": self._sliding_window,
            "kernel_initializer": initializers.serialize(self._kernel_initializer),
            "bias_initializer": initializers.serialize(self._bias_initializer),
            "kernel_regularizer": regularizers.serialize(self._kernel_regularizer),
            "bias_regularizer": regularizers.serialize(self._bias_regularizer),
            "activity_regularizer": regularizers.serialize(self._projection_activity_regularizer),
            "kernel_constraint": constraints.serialize(self._kernel_constraint),
            "bias_constraint": constraints.serialize(self._bias_constraint),
            "seed": self.seed,
        }
