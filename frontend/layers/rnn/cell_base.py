"""What SimpleRNN, LSTM, GRU and ConvLSTM cells share: arguments, weights, dropout masks.

Dropout masks are drawn once per sequence and reused at every step (the variational
dropout Keras uses). The RNN layer draws them before its time loop and clears them
after, so no random draw (no seed-state update) happens inside a traced loop body.
"""

import numbers

from frontend import activations, constraints, initializers, ops, regularizers
from frontend import random as frontend_random
from frontend.layers.layer import Layer
from frontend.random.seed_generator import SeedGenerator


class RecurrentCell(Layer):
    """A cell with a kernel, a recurrent kernel and an optional bias, plus dropout masks.

    ``dropout_mask_count`` is None for one mask shared by all gates, or the number of
    gates when each gate gets its own mask.
    """

    dropout_mask_count = None

    def __init__(self, activation="tanh", use_bias=True, kernel_initializer="glorot_uniform",
                 recurrent_initializer="orthogonal", bias_initializer="zeros", kernel_regularizer=None,
                 recurrent_regularizer=None, bias_regularizer=None, kernel_constraint=None,
                 recurrent_constraint=None, bias_constraint=None, dropout=0.0, recurrent_dropout=0.0,
                 seed=None, **kwargs):
        super().__init__(**kwargs)
        self.activation = activations.get(activation)
        self.use_bias = use_bias
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.recurrent_initializer = initializers.get(recurrent_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.recurrent_regularizer = regularizers.get(recurrent_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.recurrent_constraint = constraints.get(recurrent_constraint)
        self.bias_constraint = constraints.get(bias_constraint)
        self.dropout = min(1.0, max(0.0, dropout))
        self.recurrent_dropout = min(1.0, max(0.0, recurrent_dropout))
        self.seed = seed
        self.seed_generator = SeedGenerator(seed)
        self._dropout_mask = None
        self._recurrent_dropout_mask = None

    def add_cell_weights(self, kernel_shape, recurrent_shape, bias_shape, bias_initializer=None):
        """Create ``kernel``, ``recurrent_kernel`` and (with use_bias) ``bias``, in Keras's order."""
        self.kernel = self.add_weight(shape=kernel_shape, name="kernel", initializer=self.kernel_initializer,
                                      regularizer=self.kernel_regularizer, constraint=self.kernel_constraint)
        self.recurrent_kernel = self.add_weight(
            shape=recurrent_shape, name="recurrent_kernel", initializer=self.recurrent_initializer,
            regularizer=self.recurrent_regularizer, constraint=self.recurrent_constraint)
        self.bias = None
        if self.use_bias:
            self.bias = self.add_weight(shape=bias_shape, name="bias",
                                        initializer=bias_initializer or self.bias_initializer,
                                        regularizer=self.bias_regularizer, constraint=self.bias_constraint)

    def cast_weights(self):
        """(kernel, recurrent_kernel, bias or None) in the compute dtype (mixed precision)."""
        dtype = self.compute_dtype
        bias = None if self.bias is None else ops.cast(self.bias, dtype)
        return ops.cast(self.kernel, dtype), ops.cast(self.recurrent_kernel, dtype), bias

    def forget_bias_initializer(self, size):
        """Bias initializer giving ones to the forget gate (the second of four blocks of ``size``)."""
        def initialize(shape, dtype=None):
            return ops.concatenate([self.bias_initializer((size,), dtype), initializers.get("ones")((size,), dtype),
                                    self.bias_initializer((2 * size,), dtype)])

        return initialize

    # ----- dropout masks ---------------------------------------------------------------

    def _draw_masks(self, like, rate):
        ones = ops.ones_like(like)
        count = self.dropout_mask_count
        draws = [frontend_random.dropout(ones, rate=rate, seed=self.seed_generator) for _ in range(count or 1)]
        return draws if count else draws[0]

    def get_dropout_mask(self, step_input):
        """The input mask of this sequence, or None without input dropout."""
        if self._dropout_mask is None and 0.0 < self.dropout < 1.0:
            self._dropout_mask = self._draw_masks(step_input, self.dropout)
        return self._dropout_mask

    def get_recurrent_dropout_mask(self, state):
        """The mask on the previous output for this sequence, or None without recurrent dropout."""
        if self._recurrent_dropout_mask is None and 0.0 < self.recurrent_dropout < 1.0:
            self._recurrent_dropout_mask = self._draw_masks(state, self.recurrent_dropout)
        return self._recurrent_dropout_mask

    def reset_dropout_mask(self):
        self._dropout_mask = None

    def reset_recurrent_dropout_mask(self):
        self._recurrent_dropout_mask = None

    def step_masks(self, inputs, state, training):
        """(input mask, recurrent mask) for this step: None where unused or not training."""
        if not training:
            return None, None
        return self.get_dropout_mask(inputs), self.get_recurrent_dropout_mask(state)

    # ----- the fused whole-sequence path ------------------------------------------------

    def fused_inputs(self, cell_class, sequences, states, training):
        """(sequences, states, (kernel, recurrent_kernel, bias)) for a fused engine kernel, or None
        where the cell's math is not the fused kernel's: another activation than tanh and sigmoid,
        a subclass with its own ``call``, recurrent dropout or per-gate dropout masks in training.
        Input dropout (one mask for the whole sequence) is applied here to the inputs.
        """
        if (self.activation is not activations.tanh or self.recurrent_activation is not activations.sigmoid
                or type(self).call is not cell_class.call):
            return None
        sequences = ops.cast(sequences, self.compute_dtype)
        if training:
            input_mask = self.get_dropout_mask(sequences[:, 0])
            recurrent_mask = self.get_recurrent_dropout_mask(states[0])
            if recurrent_mask is not None or isinstance(input_mask, list):
                return None
            if input_mask is not None:
                sequences = sequences * ops.expand_dims(input_mask, 1)
        return sequences, states, self.cast_weights()

    # ----- states and config -----------------------------------------------------------

    def get_initial_state(self, batch_size=None):
        sizes = self.state_size if isinstance(self.state_size, (list, tuple)) else [self.state_size]
        return [ops.zeros((batch_size, size), dtype=self.compute_dtype) for size in sizes]

    def get_config(self):
        config = super().get_config()
        config.update({
            "activation": activations.serialize(self.activation),
            "use_bias": self.use_bias,
            "kernel_initializer": initializers.serialize(self.kernel_initializer),
            "recurrent_initializer": initializers.serialize(self.recurrent_initializer),
            "bias_initializer": initializers.serialize(self.bias_initializer),
            "kernel_regularizer": regularizers.serialize(self.kernel_regularizer),
            "recurrent_regularizer": regularizers.serialize(self.recurrent_regularizer),
            "bias_regularizer": regularizers.serialize(self.bias_regularizer),
            "kernel_constraint": constraints.serialize(self.kernel_constraint),
            "recurrent_constraint": constraints.serialize(self.recurrent_constraint),
            "bias_constraint": constraints.serialize(self.bias_constraint),
            "dropout": self.dropout,
            "recurrent_dropout": self.recurrent_dropout,
            "seed": self.seed,
        })
        return config


def masked(x, mask):
    """``x * mask``; a list of per-gate inputs for a list of masks; x itself without a mask."""
    if mask is None:
        return x
    if isinstance(mask, list):
        return [x * m for m in mask]
    return x * mask


def linear(x, kernel):
    """``x @ kernel``; for per-gate inputs (a list), each gate's block of columns takes its own input."""
    if isinstance(x, list):
        blocks = ops.split(kernel, len(x), axis=-1)
        return ops.concatenate([ops.matmul(xg, kg) for xg, kg in zip(x, blocks)], axis=-1)
    return ops.matmul(x, kernel)


def check_units(units, name="units"):
    if not isinstance(units, numbers.Integral) or isinstance(units, bool) or units <= 0:
        raise ValueError(f"Received an invalid value for argument `{name}`, expected a positive integer, got {units!r}")
