"""``Dense``: ``activation(inputs @ kernel + bias)`` on the last axis of inputs of any rank >= 2."""

from frontend import activations, constraints, initializers, ops, regularizers
from frontend.layers.core import lora
from frontend.layers.input_spec import InputSpec
from frontend.layers.layer import Layer


def check_no_quantization(layer, quantization_config):
    """Quantized layers are not supported; the argument exists so Keras configs load."""
    if quantization_config is not None:
        raise ValueError(
            f"{type(layer).__name__}: quantization is not supported, "
            f"received quantization_config={quantization_config!r}"
        )


class Dense(lora.LoRAKernel, Layer):
    """A densely connected layer: ``kernel`` of shape ``(input_dim, units)`` and ``bias`` of ``(units,)``.

    ``lora_rank`` (or ``enable_lora(rank)`` later) freezes the kernel and trains a
    low-rank update instead.
    """

    def __init__(self, units, activation=None, use_bias=True, kernel_initializer="glorot_uniform",
                 bias_initializer="zeros", kernel_regularizer=None, bias_regularizer=None,
                 activity_regularizer=None, kernel_constraint=None, bias_constraint=None, lora_rank=None,
                 lora_alpha=None, quantization_config=None, **kwargs):
        if not isinstance(units, int) or isinstance(units, bool) or units <= 0:
            raise ValueError(f"Dense: units must be a positive integer, received units={units!r}")
        super().__init__(activity_regularizer=activity_regularizer, **kwargs)
        check_no_quantization(self, quantization_config)
        self.units = units
        self.activation = activations.get(activation)
        self.use_bias = use_bias
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.bias_constraint = constraints.get(bias_constraint)
        self.lora_rank = lora_rank
        self.lora_alpha = lora_alpha if lora_alpha is not None else lora_rank
        self.lora_enabled = False
        self.input_spec = InputSpec(min_ndim=2)
        self.supports_masking = True

    def build(self, input_shape):
        input_dim = input_shape[-1]
        if input_dim is None:
            raise ValueError(
                f"Layer '{self.name}': the last axis of the input must be known, received shape {input_shape}"
            )
        self._kernel = self.add_weight(name="kernel", shape=(input_dim, self.units),
                                       initializer=self.kernel_initializer, regularizer=self.kernel_regularizer,
                                       constraint=self.kernel_constraint)
        self.bias = None
        if self.use_bias:
            self.bias = self.add_weight(name="bias", shape=(self.units,), initializer=self.bias_initializer,
                                        regularizer=self.bias_regularizer, constraint=self.bias_constraint)
        self.input_spec = InputSpec(min_ndim=2, axes={-1: input_dim})
        self.built = True
        if self.lora_rank:
            self.enable_lora(self.lora_rank, lora_alpha=self.lora_alpha)

    def enable_lora(self, rank, lora_alpha=None, a_initializer="he_uniform", b_initializer="zeros"):
        """Freeze the kernel and train ``lora_kernel_a @ lora_kernel_b`` (scaled by alpha / rank) instead."""
        lora.check_can_enable(self, self.kernel_constraint)
        input_dim, units = self._kernel.shape
        self.lora_kernel_a, self.lora_kernel_b = lora.add_factors(
            self, "lora_kernel", (input_dim, rank), (rank, units), self.kernel_regularizer, a_initializer, b_initializer
        )
        self._kernel.trainable = False
        self.lora_enabled = True
        self.lora_rank = rank
        self.lora_alpha = lora_alpha if lora_alpha is not None else rank

    def call(self, inputs):
        bias = None if self.bias is None else ops.cast(self.bias, self.compute_dtype)
        return self.activation(ops.dense(inputs, ops.cast(self.kernel, self.compute_dtype), bias))

    def compute_output_shape(self, input_shape):
        return tuple(input_shape[:-1]) + (self.units,)

    def get_config(self):
        config = {
            **super().get_config(),
            "units": self.units,
            "activation": activations.serialize(self.activation),
            "use_bias": self.use_bias,
            "kernel_initializer": initializers.serialize(self.kernel_initializer),
            "bias_initializer": initializers.serialize(self.bias_initializer),
            "kernel_regularizer": regularizers.serialize(self.kernel_regularizer),
            "bias_regularizer": regularizers.serialize(self.bias_regularizer),
            "kernel_constraint": constraints.serialize(self.kernel_constraint),
            "bias_constraint": constraints.serialize(self.bias_constraint),
            "quantization_config": None,
        }
        if self.lora_rank:
            config["lora_rank"] = self.lora_rank
            config["lora_alpha"] = self.lora_alpha
        return config
