"""``SimpleRNNCell`` and ``SimpleRNN``: h_t = activation(x_t W + h_{t-1} U + b)."""

from frontend import ops, tree
from frontend.layers.input_spec import InputSpec
from frontend.layers.rnn.cell_base import RecurrentCell, check_units, masked
from frontend.layers.rnn.rnn import CellLayer


class SimpleRNNCell(RecurrentCell):
    """One step of a fully connected RNN; weights kernel (in, units), recurrent_kernel, bias."""

    def __init__(self, units, activation="tanh", use_bias=True, kernel_initializer="glorot_uniform",
                 recurrent_initializer="orthogonal", bias_initializer="zeros", kernel_regularizer=None,
                 recurrent_regularizer=None, bias_regularizer=None, kernel_constraint=None,
                 recurrent_constraint=None, bias_constraint=None, dropout=0.0, recurrent_dropout=0.0,
                 seed=None, **kwargs):
        check_units(units)
        super().__init__(activation=activation, use_bias=use_bias, kernel_initializer=kernel_initializer,
                         recurrent_initializer=recurrent_initializer, bias_initializer=bias_initializer,
                         kernel_regularizer=kernel_regularizer, recurrent_regularizer=recurrent_regularizer,
                         bias_regularizer=bias_regularizer, kernel_constraint=kernel_constraint,
                         recurrent_constraint=recurrent_constraint, bias_constraint=bias_constraint,
                         dropout=dropout, recurrent_dropout=recurrent_dropout, seed=seed, **kwargs)
        self.units = units
        self.state_size = units
        self.output_size = units

    def build(self, input_shape):
        self.add_cell_weights((input_shape[-1], self.units), (self.units, self.units), (self.units,))

    def call(self, sequence, states, training=False):
        previous = states[0] if tree.is_nested(states) else states
        input_mask, recurrent_mask = self.step_masks(sequence, previous, training)
        kernel, recurrent_kernel, bias = self.cast_weights()
        h = ops.matmul(masked(sequence, input_mask), kernel)
        if bias is not None:
            h = h + bias
        output = self.activation(h + ops.matmul(masked(previous, recurrent_mask), recurrent_kernel))
        return output, [output] if tree.is_nested(states) else output

    def get_config(self):
        return {**super().get_config(), "units": self.units}


class SimpleRNN(CellLayer):
    """A fully connected RNN over (batch, time, features), the output fed back at each step."""

    _cell_arguments = ("units", "activation", "use_bias", "kernel_initializer", "recurrent_initializer",
                       "bias_initializer", "kernel_regularizer", "recurrent_regularizer", "bias_regularizer",
                       "kernel_constraint", "recurrent_constraint", "bias_constraint", "dropout",
                       "recurrent_dropout", "seed")

    def __init__(self, units, activation="tanh", use_bias=True, kernel_initializer="glorot_uniform",
                 recurrent_initializer="orthogonal", bias_initializer="zeros", kernel_regularizer=None,
                 recurrent_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, recurrent_constraint=None, bias_constraint=None, dropout=0.0,
                 recurrent_dropout=0.0, return_sequences=False, return_state=False, go_backwards=False,
                 stateful=False, unroll=False, seed=None, **kwargs):
        cell = SimpleRNNCell(
            units, activation=activation, use_bias=use_bias, kernel_initializer=kernel_initializer,
            recurrent_initializer=recurrent_initializer, bias_initializer=bias_initializer,
            kernel_regularizer=kernel_regularizer, recurrent_regularizer=recurrent_regularizer,
            bias_regularizer=bias_regularizer, kernel_constraint=kernel_constraint,
            recurrent_constraint=recurrent_constraint, bias_constraint=bias_constraint, dropout=dropout,
            recurrent_dropout=recurrent_dropout, seed=seed, dtype=kwargs.get("dtype"),
            trainable=kwargs.get("trainable", True), name="simple_rnn_cell",
        )
        super().__init__(cell, return_sequences=return_sequences, return_state=return_state,
                         go_backwards=go_backwards, stateful=stateful, unroll=unroll,
                         activity_regularizer=activity_regularizer, **kwargs)
        self.input_spec = InputSpec(ndim=3)
