"""``GRUCell`` and ``GRU``, with Keras's gate order z, r, h in every weight."""

from frontend import activations, ops, tree
from frontend.layers.input_spec import InputSpec
from frontend.layers.rnn.cell_base import RecurrentCell, check_units, linear, masked
from frontend.layers.rnn.rnn import CellLayer
from frontend.ops import rnn as rnn_ops


class GRUCell(RecurrentCell):
    """One GRU step. kernel (in, 3 units), recurrent_kernel (units, 3 units).

    z = σ(x W_z + h U_z + b), r = σ(x W_r + h U_r + b), h_t = z h + (1 - z) tanh(x W_h + ρ + b),
    where ρ = r (h U_h + b_rec) when ``reset_after`` (bias (2, 3 units): input row, then
    recurrent row; the cuDNN form) and ρ = (r h) U_h otherwise (bias (3 units,)).
    """

    def __init__(self, units, activation="tanh", recurrent_activation="sigmoid", use_bias=True,
                 kernel_initializer="glorot_uniform", recurrent_initializer="orthogonal", bias_initializer="zeros",
                 kernel_regularizer=None, recurrent_regularizer=None, bias_regularizer=None, kernel_constraint=None,
                 recurrent_constraint=None, bias_constraint=None, dropout=0.0, recurrent_dropout=0.0,
                 reset_after=True, seed=None, **kwargs):
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
        self.reset_after = reset_after
        # Implementation 1 gives each gate its own dropout masks (Keras forces it with recurrent dropout).
        self.implementation = 1 if self.recurrent_dropout else implementation
        if self.implementation == 1:
            self.dropout_mask_count = 3
        self.state_size = units
        self.output_size = units

    def build(self, input_shape):
        units = self.units
        bias_shape = (2, 3 * units) if self.reset_after else (3 * units,)
        self.add_cell_weights((input_shape[-1], 3 * units), (units, 3 * units), bias_shape)

    def call(self, inputs, states, training=False):
        h_previous = states[0] if tree.is_nested(states) else states
        input_mask, recurrent_mask = self.step_masks(inputs, h_previous, training)
        kernel, recurrent_kernel, bias = self.cast_weights()
        input_bias = recurrent_bias = None
        if bias is not None:
            input_bias, recurrent_bias = (bias[0], bias[1]) if self.reset_after else (bias, None)
        x = linear(masked(inputs, input_mask), kernel)
        if input_bias is not None:
            x = x + input_bias
        x_z, x_r, x_h = ops.split(x, 3, axis=-1)
        h_in = masked(h_previous, recurrent_mask)
        if self.reset_after:
            recurrent = linear(h_in, recurrent_kernel)
            if recurrent_bias is not None:
                recurrent = recurrent + recurrent_bias
            h_z, h_r, h_h = ops.split(recurrent, 3, axis=-1)
            r = self.recurrent_activation(x_r + h_r)
            h_h = r * h_h
        else:
            gates_in, candidate_in = (h_in[:2], h_in[2]) if isinstance(h_in, list) else (h_in, h_in)
            h_z, h_r = ops.split(linear(gates_in, recurrent_kernel[:, :2 * self.units]), 2, axis=-1)
            r = self.recurrent_activation(x_r + h_r)
            h_h = ops.matmul(r * candidate_in, recurrent_kernel[:, 2 * self.units:])
        z = self.recurrent_activation(x_z + h_z)
        candidate = self.activation(x_h + h_h)
        h = z * h_previous + (1 - z) * candidate
        return h, [h] if tree.is_nested(states) else h

    def fused_sequence(self, sequences, states, go_backwards, training):
        """(last output, outputs, [h]) over the whole sequence in one engine call (``ops.rnn.gru``), or None.

        Only the reset_after layout (the cuDNN one, Keras's default) has a fused kernel.
        """
        if not self.reset_after:
            return None
        prepared = self.fused_inputs(GRUCell, sequences, states, training)
        if prepared is None:
            return None
        sequences, (h,), (kernel, recurrent_kernel, bias) = prepared
        if bias is None:
            bias = ops.zeros((2, 3 * self.units), dtype=self.compute_dtype)
        result = rnn_ops.gru(sequences, h, kernel, recurrent_kernel, bias, go_backwards=go_backwards)
        if result is None:
            return None
        outputs, h = result
        return h, outputs, [h]

    def get_config(self):
        return {**super().get_config(), "units": self.units,
                "recurrent_activation": activations.serialize(self.recurrent_activation),
                "reset_after": self.reset_after}


class GRU(CellLayer):
    """Gated Recurrent Unit over (batch, time, features) (Cho et al., 2014).

    Where the engine has a fused GRU kernel (torch) and the layer allows it (reset_after,
    tanh and sigmoid, no mask, no recurrent dropout, ``unroll=False``), the whole sequence
    runs in one engine call; otherwise the cell steps through time. ``use_cudnn`` is
    accepted for Keras compatibility and changes nothing.
    """

    _cell_arguments = ("units", "activation", "recurrent_activation", "use_bias", "kernel_initializer",
                       "recurrent_initializer", "bias_initializer", "kernel_regularizer", "recurrent_regularizer",
                       "bias_regularizer", "kernel_constraint", "recurrent_constraint", "bias_constraint", "dropout",
                       "recurrent_dropout", "reset_after", "seed")

    def __init__(self, units, activation="tanh", recurrent_activation="sigmoid", use_bias=True,
                 kernel_initializer="glorot_uniform", recurrent_initializer="orthogonal", bias_initializer="zeros",
                 kernel_regularizer=None, recurrent_regularizer=None, bias_regularizer=None,
                 activity_regularizer=None, kernel_constraint=None, recurrent_constraint=None, bias_constraint=None,
                 dropout=0.0, recurrent_dropout=0.0, seed=None, return_sequences=False, return_state=False,
                 go_backwards=False, stateful=False, unroll=False, reset_after=True, use_cudnn="auto", **kwargs):
        if use_cudnn not in ("auto", True, False):
            raise ValueError(f"Invalid value received for argument `use_cudnn`. Expected one of "
                             f"{{'auto', True, False}}. Received: use_cudnn={use_cudnn}")
        cell = GRUCell(
            units, activation=activation, recurrent_activation=recurrent_activation, use_bias=use_bias,
            kernel_initializer=kernel_initializer, recurrent_initializer=recurrent_initializer,
            bias_initializer=bias_initializer, kernel_regularizer=kernel_regularizer,
            recurrent_regularizer=recurrent_regularizer, bias_regularizer=bias_regularizer,
            kernel_constraint=kernel_constraint, recurrent_constraint=recurrent_constraint,
            bias_constraint=bias_constraint, dropout=dropout, recurrent_dropout=recurrent_dropout,
            reset_after=reset_after, seed=seed, dtype=kwargs.get("dtype"),
            trainable=kwargs.get("trainable", True), name="gru_cell",
            implementation=kwargs.pop("implementation", 2),
        )
        super().__init__(cell, return_sequences=return_sequences, return_state=return_state,
                         go_backwards=go_backwards, stateful=stateful, unroll=unroll,
                         activity_regularizer=activity_regularizer, **kwargs)
        self.input_spec = InputSpec(ndim=3)
        self.use_cudnn = use_cudnn
