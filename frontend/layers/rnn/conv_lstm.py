"""Convolutional LSTM: the LSTM gates computed by convolutions (Shi et al., 2015).

kernel (*kernel_size, in_channels, 4 filters) and recurrent_kernel
(*kernel_size, filters, 4 filters) hold the gates i, f, c, o in that order along the
last axis, as Keras does; the recurrent convolution always uses stride 1 and 'same'.
"""

import math

from frontend import activations, config, ops
from frontend.layers.input_spec import InputSpec
from frontend.layers.rnn.cell_base import RecurrentCell, masked
from frontend.layers.rnn.rnn import CellLayer


def _tuple(value, rank, name):
    values = (value,) * rank if isinstance(value, int) else tuple(value)
    if len(values) != rank or not all(isinstance(v, int) and v > 0 for v in values):
        raise ValueError(f"The `{name}` argument must be a tuple of {rank} positive integers. Received: {value!r}")
    return values


def _conv_length(size, kernel, stride, dilation, padding):
    if size is None:
        return None
    if padding == "same":
        return math.ceil(size / stride)
    return (size - (kernel - 1) * dilation - 1) // stride + 1


class ConvLSTMCell(RecurrentCell):
    """One ConvLSTM step over a (batch, *spatial, channels) input (or channels_first)."""

    dropout_mask_count = 4

    def __init__(self, rank, filters, kernel_size, strides=1, padding="valid", data_format=None, dilation_rate=1,
                 activation="tanh", recurrent_activation="sigmoid", use_bias=True,
                 kernel_initializer="glorot_uniform", recurrent_initializer="orthogonal", bias_initializer="zeros",
                 unit_forget_bias=True, kernel_regularizer=None, recurrent_regularizer=None, bias_regularizer=None,
                 kernel_constraint=None, recurrent_constraint=None, bias_constraint=None, dropout=0.0,
                 recurrent_dropout=0.0, seed=None, **kwargs):
        super().__init__(activation=activation, use_bias=use_bias, kernel_initializer=kernel_initializer,
                         recurrent_initializer=recurrent_initializer, bias_initializer=bias_initializer,
                         kernel_regularizer=kernel_regularizer, recurrent_regularizer=recurrent_regularizer,
                         bias_regularizer=bias_regularizer, kernel_constraint=kernel_constraint,
                         recurrent_constraint=recurrent_constraint, bias_constraint=bias_constraint,
                         dropout=dropout, recurrent_dropout=recurrent_dropout, seed=seed, **kwargs)
        if rank not in (1, 2, 3):
            raise ValueError(f"Rank {rank} convolutions are not currently implemented. Received: rank={rank}")
        self.rank = rank
        self.filters = filters
        self.kernel_size = _tuple(kernel_size, rank, "kernel_size")
        self.strides = _tuple(strides, rank, "strides")
        self.padding = padding.lower()
        if self.padding not in ("valid", "same"):
            raise ValueError(f"The `padding` argument must be 'valid' or 'same'. Received: padding={padding!r}")
        self.data_format = config.standardize_data_format(data_format)
        self.dilation_rate = _tuple(dilation_rate, rank, "dilation_rate")
        if max(self.strides) > 1 and max(self.dilation_rate) > 1:
            raise ValueError(
                "Specifying `strides > 1` is not compatible with `dilation_rate > 1`. Please provide "
                f"`strides=1` or `dilation_rate=1`. Received: strides={self.strides} and "
                f"dilation_rate={self.dilation_rate}"
            )
        self.recurrent_activation = activations.get(recurrent_activation)
        self.unit_forget_bias = unit_forget_bias
        self.input_spec = InputSpec(ndim=rank + 2)
        self.state_size = -1  # the states are feature maps; get_initial_state gives their shape

    def _channel_axis(self):
        return -1 if self.data_format == "channels_last" else 1

    def build(self, inputs_shape, states_shape=None):
        inputs_shape = tuple(inputs_shape)
        spatial = inputs_shape[1:-1] if self.data_format == "channels_last" else inputs_shape[2:]
        if None in spatial:
            raise ValueError("ConvLSTM layers only support static input shapes for the spatial dimension. "
                             f"Received invalid input shape: input_shape={inputs_shape}")
        channels = inputs_shape[self._channel_axis()]
        if channels is None:
            raise ValueError("The channel dimension of the inputs should be defined. Found None. "
                             f"Full input shape received: input_shape={inputs_shape}")
        self.spatial_dims, self.input_dim = spatial, channels
        self.input_spec = InputSpec(ndim=self.rank + 2, shape=(None,) + inputs_shape[1:])
        filters = self.filters
        bias_initializer = self.forget_bias_initializer(filters) if self.unit_forget_bias else None
        self.add_cell_weights(self.kernel_size + (channels, 4 * filters), self.kernel_size + (filters, 4 * filters),
                              (4 * filters,), bias_initializer)

    def _convolve(self, x, kernel, strides, padding, dilation_rate):
        """Convolve x (or per-gate inputs) with all four gate blocks; gates stay on the channel axis."""
        if isinstance(x, list):
            blocks = ops.split(kernel, 4, axis=-1)
            return ops.concatenate([self._convolve(xg, kg, strides, padding, dilation_rate)
                                    for xg, kg in zip(x, blocks)], axis=self._channel_axis())
        return ops.conv(x, kernel, strides=strides, padding=padding, data_format=self.data_format,
                        dilation_rate=dilation_rate)

    def call(self, inputs, states, training=False):
        h_previous, c_previous = states[0], states[1]
        input_mask, recurrent_mask = self.step_masks(inputs, h_previous, training)
        kernel, recurrent_kernel, bias = self.cast_weights()
        z = self._convolve(masked(inputs, input_mask), kernel, self.strides, self.padding, self.dilation_rate)
        if bias is not None:
            shape = [1] * (self.rank + 2)
            shape[self._channel_axis()] = 4 * self.filters
            z = z + ops.reshape(bias, tuple(shape))
        z = z + self._convolve(masked(h_previous, recurrent_mask), recurrent_kernel, 1, "same", 1)
        z_i, z_f, z_c, z_o = ops.split(z, 4, axis=self._channel_axis())
        i, f, o = self.recurrent_activation(z_i), self.recurrent_activation(z_f), self.recurrent_activation(z_o)
        c = f * c_previous + i * self.activation(z_c)
        h = o * self.activation(c)
        return h, [h, c]

    def compute_output_shape(self, inputs_shape, states_shape=None):
        inputs_shape = tuple(inputs_shape)
        spatial = inputs_shape[1:-1] if self.data_format == "channels_last" else inputs_shape[2:]
        lengths = tuple(_conv_length(n, k, s, d, self.padding)
                        for n, k, s, d in zip(spatial, self.kernel_size, self.strides, self.dilation_rate))
        if self.data_format == "channels_last":
            shape = (inputs_shape[0],) + lengths + (self.filters,)
        else:
            shape = (inputs_shape[0], self.filters) + lengths
        return shape, [shape, shape]

    def get_initial_state(self, batch_size=None):
        if self.data_format == "channels_last":
            inputs_shape = (batch_size,) + tuple(self.spatial_dims) + (self.input_dim,)
        else:
            inputs_shape = (batch_size, self.input_dim) + tuple(self.spatial_dims)
        shape = self.compute_output_shape(inputs_shape)[0]
        return [ops.zeros(shape, dtype=self.compute_dtype), ops.zeros(shape, dtype=self.compute_dtype)]

    def get_config(self):
        return {**super().get_config(), "filters": self.filters, "kernel_size": self.kernel_size,
                "strides": self.strides, "padding": self.padding, "data_format": self.data_format,
                "dilation_rate": self.dilation_rate,
                "recurrent_activation": activations.serialize(self.recurrent_activation),
                "unit_forget_bias": self.unit_forget_bias}


class ConvLSTM(CellLayer):
    """A ConvLSTM over (batch, time, *spatial, channels) (or channels_first) of a given rank."""

    _cell_arguments = ("filters", "kernel_size", "strides", "padding", "data_format", "dilation_rate", "activation",
                       "recurrent_activation", "use_bias", "kernel_initializer", "recurrent_initializer",
                       "bias_initializer", "unit_forget_bias", "kernel_regularizer", "recurrent_regularizer",
                       "bias_regularizer", "kernel_constraint", "recurrent_constraint", "bias_constraint", "dropout",
                       "recurrent_dropout", "seed")

    def __init__(self, rank, filters, kernel_size, strides=1, padding="valid", data_format=None, dilation_rate=1,
                 activation="tanh", recurrent_activation="sigmoid", use_bias=True,
                 kernel_initializer="glorot_uniform", recurrent_initializer="orthogonal", bias_initializer="zeros",
                 unit_forget_bias=True, kernel_regularizer=None, recurrent_regularizer=None, bias_regularizer=None,
                 activity_regularizer=None, kernel_constraint=None, recurrent_constraint=None, bias_constraint=None,
                 dropout=0.0, recurrent_dropout=0.0, seed=None, return_sequences=False, return_state=False,
                 go_backwards=False, stateful=False, **kwargs):
        cell = ConvLSTMCell(
            rank=rank, filters=filters, kernel_size=kernel_size, strides=strides, padding=padding,
            data_format=data_format, dilation_rate=dilation_rate, activation=activation,
            recurrent_activation=recurrent_activation, use_bias=use_bias, kernel_initializer=kernel_initializer,
            recurrent_initializer=recurrent_initializer, bias_initializer=bias_initializer,
            unit_forget_bias=unit_forget_bias, kernel_regularizer=kernel_regularizer,
            recurrent_regularizer=recurrent_regularizer, bias_regularizer=bias_regularizer,
            kernel_constraint=kernel_constraint, recurrent_constraint=recurrent_constraint,
            bias_constraint=bias_constraint, dropout=dropout, recurrent_dropout=recurrent_dropout, seed=seed,
            name="conv_lstm_cell", dtype=kwargs.get("dtype"),
        )
        super().__init__(cell, return_sequences=return_sequences, return_state=return_state,
                         go_backwards=go_backwards, stateful=stateful, activity_regularizer=activity_regularizer,
                         **kwargs)
        self.input_spec = InputSpec(ndim=rank + 3)

    def _state_count(self):
        return 2

    def compute_output_shape(self, sequences_shape, initial_state_shape=None):
        batch_size, steps = sequences_shape[0], sequences_shape[1]
        state_shape = self.cell.compute_output_shape((batch_size,) + tuple(sequences_shape[2:]))[0]
        output_shape = (batch_size, steps) + state_shape[1:] if self.return_sequences else state_shape
        return (output_shape, state_shape, state_shape) if self.return_state else output_shape


def _fixed_rank(rank, name):
    class Fixed(ConvLSTM):
        def __init__(self, filters, kernel_size, strides=1, padding="valid", data_format=None, dilation_rate=1,
                     **kwargs):
            super().__init__(rank, filters, kernel_size, strides=strides, padding=padding, data_format=data_format,
                             dilation_rate=dilation_rate, **kwargs)

    Fixed.__name__ = Fixed.__qualname__ = name
    Fixed.__doc__ = f"ConvLSTM over {rank}-D feature maps: inputs (batch, time, *{rank} spatial axes, channels)."
    return Fixed


ConvLSTM1D = _fixed_rank(1, "ConvLSTM1D")
ConvLSTM2D = _fixed_rank(2, "ConvLSTM2D")
ConvLSTM3D = _fixed_rank(3, "ConvLSTM3D")
