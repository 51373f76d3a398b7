"""``LSTMCell`` and ``LSTM``, with Keras's gate order i, f, c, o in every weight."""

from frontend import activations, ops
from frontend.layers.input_spec import InputSpec
from frontend.layers.rnn.cell_base import RecurrentCell, check_units, linear, masked
from frontend.layers.rnn.rnn import CellLayer
from frontend.ops import rnn as rnn_ops


class LSTMCell(RecurrentCell):
    """One LSTM step. kernel (in, 4 units), recurrent_kernel (units, 4 units), bias (4 units,).

    i = σ(x W_i + h U_i + b_i), f = σ(...), o = σ(...), c = f c_prev + i tanh(x W_c + h U_c + b_c),
    h = o tanh(c), with σ the recurrent activation and tanh the activation.
    """

    def __init__(self, units, activation="tanh", recurrent_activation="sigmoid", use_bias=True,
                 kernel_initializer="glorot_uniform", recurrent_initializer="orthogonal", bias_initializer="zeros",
                 unit_forget_bias=True, kernel_regularizer=None, recurrent_regularizer=None, bias_regularizer=None,
                 kernel_constraint=None, recurrent_constraint=None, bias_constraint=None, dropout=0.0,
                 recurrent_dropout=0.0, seed=None, **kwargs):
        check_units(units)
        implementation = kwargs.pop("implementation", 2)
        super().__init__(activation=activation, use_bias=use_bias, kernel_initializer=kernel_initializer,
                         recurrent_initializer=recurrent_initializer, bias_initializer=bias_initializer,
                         kernel_regularizer=kernel_regularizer, recurrent_regularizer=recurrent_regularizer,
                         bias_regularizer=bias_regularizer, kernel_constraint=kernel_constraint,
                         recurrent_constraint=recurrent_constraint, bias_constraint=bias_constraint,
                         dropout=dropout, recurrent_dropout=recurrent_dropout, seed=seed, **kwargs)
        self.units = units
        self.recurrent_activation = activations.get(recurrent_activation)
        self.unit_forget_bias = unit_forget_bias
        # Implementation 1 gives each gate its own dropout masks (Keras forces it with recurrent dropout).
        self.implementation = 1 if self.recurrent_dropout else implementation
        if self.implementation == 1:
            self.dropout_mask_count = 4
        self.state_size = [units, units]
        self.output_size = units

    def build(self, input_shape):
        units = self.units
        bias_initializer = self.forget_bias_initializer(units) if self.unit_forget_bias else None
        self.add_cell_weights((input_shape[-1], 4 * units), (units, 4 * units), (4 * units,), bias_initializer)

    def call(self, inputs, states, training=False):
        h_previous, c_previous = states[0], states[1]
        input_mask, recurrent_mask = self.step_masks(inputs, h_previous, training)
        kernel, recurrent_kernel, bias = self.cast_weights()
        z = linear(masked(inputs, input_mask), kernel) + linear(masked(h_previous, recurrent_mask), recurrent_kernel)
        if bias is not None:
            z = z + bias
        z_i, z_f, z_c, z_o = ops.split(z, 4, axis=-1)
        i, f, o = self.recurrent_activation(z_i), self.recurrent_activation(z_f), self.recurrent_activation(z_o)
        c = f * c_previous + i * self.activation(z_c)
        h = o * self.activation(c)
        return h, [h, c]

    def fused_sequence(self, sequences, states, go_backwards, training):
        """(last output, outputs, [h, c]) over the whole sequence in one engine call (``ops.rnn.lstm``), or None."""
        prepared = self.fused_inputs(LSTMCell, sequences, states, training)
        if prepared is None:
            return None
        sequences, (h, c), (kernel, recurrent_kernel, bias) = prepared
        if bias is None:
            bias = ops.zeros((4 * self.units,), dtype=self.compute_dtype)
        result = rnn_ops.lstm(sequences, h, c, kernel, recurrent_kernel, bias, go_backwards=go_backwards)
        if result is None:
            return None
        outputs, h, c = result
        return h, outputs, [h, c]

    def get_config(self):
        return {**super().get_config(), "units": self.units,
                "recurrent_activation": activations.serialize(self.recurrent_activation),
                "unit_forget_bias": self.unit_forget_bias}


class LSTM(CellLayer):
    """Long Short-Term Memory over (batch, time, features) (Hochreiter & Schmidhuber, 1997).

    Where the engine has a fused LSTM kernel (torch) and the layer allows it (tanh and sigmoid,
    no mask, no recurrent dropout, ``unroll=False``), the whole sequence runs in one engine
    call; otherwise the cell steps through time. ``use_cudnn`` is accepted for Keras
    compatibility and changes nothing: both paths give the same numbers.
    """

    _cell_arguments = ("units", "activation", "recurrent_activation", "use_bias", "unit_forget_bias",
                       "kernel_initializer", "recurrent_initializer", "bias_initializer", "kernel_regularizer",
                       "recurrent_regularizer", "bias_regularizer", "kernel_constraint", "recurrent_constraint",
                       "bias_constraint", "dropout", "recurrent_dropout", "seed")

    def __init__(self, units, activation="tanh", recurrent_activation="sigmoid", use_bias=True,
                 kernel_initializer="glorot_uniform", recurrent_initializer="orthogonal", bias_initializer="zeros",
                 unit_forget_bias=True, kernel_regularizer=None, recurrent_regularizer=None, bias_regularizer=None,
                 activity_regularizer=None, kernel_constraint=None, recurrent_constraint=None, bias_constraint=None,
                 dropout=0.0, recurrent_dropout=0.0, seed=None, return_sequences=False, return_state=False,
                 go_backwards=False, stateful=False, unroll=False, use_cudnn="auto", **kwargs):
        if use_cudnn not in ("auto", True, False):
            raise ValueError(f"Invalid value received for argument `use_cudnn`. Expected one of "
                             f"{{'auto', True, False}}. Received: use_cudnn={use_cudnn}")
        cell = LSTMCell(
            units, activation=activation, recurrent_activation=recurrent_activation, use_bias=use_bias,
            kernel_initializer=kernel_initializer, recurrent_initializer=recurrent_initializer,
            bias_initializer=bias_initializer, unit_forget_bias=unit_forget_bias,
            kernel_regularizer=kernel_regularizer, recurrent_regularizer=recurrent_regularizer,
            bias_regularizer=bias_regularizer, kernel_constraint=kernel_constraint,
            recurrent_constraint=recurrent_constraint, bias_constraint=bias_constraint, dropout=dropout,
            recurrent_dropout=recurrent_dropout, seed=seed, dtype=kwargs.get("dtype"),
            trainable=kwargs.get("trainable", True), name="lstm_cell",
            implementation=kwargs.pop("implementation", 2),
        )
        super().__init__(cell, return_sequences=return_sequences, return_state=return_state,
                         go_backwards=go_backwards, stateful=stateful, unroll=unroll,
                         activity_regularizer=activity_regularizer, **kwargs)
        self.input_spec = InputSpec(ndim=3)
        self.use_cudnn = use_cudnn
