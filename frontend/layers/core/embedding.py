"""``Embedding``: integer indices to rows of a trainable ``(input_dim, output_dim)`` table."""

import warnings

from frontend import constraints, initializers, ops, regularizers
from frontend.layers.core import lora
from frontend.layers.core.dense import check_no_quantization
from frontend.layers.layer import Layer


def _check_positive(value, argument):
    if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
        raise ValueError(f"Embedding: {argument} must be a positive integer, received {argument}={value!r}")


class Embedding(Layer):
    """Looks up ``embeddings[inputs]``; output shape is ``inputs.shape + (output_dim,)``.

    With ``mask_zero=True`` index 0 is padding: the output mask is ``inputs != 0``.
    Float inputs are cast to int32 first.
    """

    def __init__(self, input_dim, output_dim, embeddings_initializer="uniform", embeddings_regularizer=None,
                 embeddings_constraint=None, mask_zero=False, weights=None, lora_rank=None, lora_alpha=None,
                 quantization_config=None, **kwargs):
        _check_positive(input_dim, "input_dim")
        _check_positive(output_dim, "output_dim")
        if kwargs.pop("input_length", None) is not None:
            warnings.warn("Embedding: the argument input_length is deprecated and ignored", stacklevel=2)
        super().__init__(**kwargs)
        check_no_quantization(self, quantization_config)
        self.input_dim = input_dim
        self.output_dim = output_dim
        self.embeddings_initializer = initializers.get(embeddings_initializer)
        self.embeddings_regularizer = regularizers.get(embeddings_regularizer)
        self.embeddings_constraint = constraints.get(embeddings_constraint)
        self.mask_zero = mask_zero
        self.supports_masking = mask_zero
        self.autocast = False
        self.lora_rank = lora_rank
        self.lora_alpha = lora_alpha if lora_alpha is not None else lora_rank
        self.lora_enabled = False
        if weights is not None:
            self.build()
            self.set_weights(weights if isinstance(weights, list) and len(weights) == 1 else [weights])

    def build(self, input_shape=None):
        if self.built:
            return
        self._embeddings = self.add_weight(name="embeddings", shape=(self.input_dim, self.output_dim),
                                           initializer=self.embeddings_initializer,
                                           regularizer=self.embeddings_regularizer,
                                           constraint=self.embeddings_constraint)
        self.built = True
        if self.lora_rank:
            self.enable_lora(self.lora_rank, lora_alpha=self.lora_alpha)

    @property
    def embeddings(self):
        """The table in use: the variable, or the LoRA-merged tensor when LoRA is on."""
        if not self.built:
            raise AttributeError(f"Layer '{self.name}' has no embeddings before it is built")
        if self.lora_enabled:
            return lora.merged(self._embeddings, self.lora_embeddings_a, self.lora_embeddings_b, self.lora_alpha,
                               self.lora_rank, self.compute_dtype)
        return self._embeddings

    def enable_lora(self, rank, lora_alpha=None, a_initializer="he_uniform", b_initializer="zeros"):
        """Freeze the table and train ``lora_embeddings_a @ lora_embeddings_b`` (scaled by alpha / rank)."""
        lora.check_can_enable(self, self.embeddings_constraint)
        self.lora_embeddings_a, self.lora_embeddings_b = lora.add_factors(
            self, "lora_embeddings", (self.input_dim, rank), (rank, self.output_dim), self.embeddings_regularizer,
            a_initializer, b_initializer,
        )
        self._embeddings.trainable = False
        self.lora_enabled = True
        self.lora_rank = rank
        self.lora_alpha = lora_alpha if lora_alpha is not None else rank

    def call(self, inputs):
        if ops.dtype(inputs) not in ("int32", "int64"):
            inputs = ops.cast(inputs, "int32")
        return ops.cast(ops.take(self.embeddings, inputs, axis=0), self.compute_dtype)

    def compute_mask(self, inputs, previous_mask=None):
        if not self.mask_zero:
            return None
        return ops.not_equal(inputs, 0)

    def compute_output_shape(self, input_shape):
        return tuple(input_shape) + (self.output_dim,)

    def get_config(self):
        config = {
            **super().get_config(),
            "input_dim": self.input_dim,
            "output_dim": self.output_dim,
            "embeddings_initializer": initializers.serialize(self.embeddings_initializer),
            "embeddings_regularizer": regularizers.serialize(self.embeddings_regularizer),
            "activity_regularizer": regularizers.serialize(self._activity_regularizer),
            "embeddings_constraint": constraints.serialize(self.embeddings_constraint),
            "mask_zero": self.mask_zero,
            "quantization_config": None,
        }
        if self.lora_rank:
            config["lora_rank"] = self.lora_rank
            config["lora_alpha"] = self.lora_alpha
        return config
