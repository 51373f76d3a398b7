"""``BaseConv``: what every convolution layer shares.

The window geometry (kernel_size, strides, padding, data_format, dilation_rate), the
input checks, the bias, the activation and their config keys live here. A family
(plain, transposed, depthwise, separable) adds its kernels in ``build_kernels``, its
operation in ``convolve`` and its channel count in ``output_channels``; a concrete class
only sets ``rank``.
"""

from frontend import activations, config, constraints, initializers, ops, regularizers
from frontend.layers.convolutional import conv_utils
from frontend.layers.input_spec import InputSpec
from frontend.layers.layer import Layer


class BaseConv(Layer):
    """Abstract N-D sliding-window layer with an optional bias and an activation."""

    rank = None
    allow_causal = False

    def __init__(self, kernel_size, strides=1, padding="valid", data_format=None, dilation_rate=1,
                 activation=None, use_bias=True, bias_initializer="zeros", bias_regularizer=None,
                 bias_constraint=None, **kwargs):
        super().__init__(**kwargs)
        owner = type(self).__name__
        self.kernel_size = conv_utils.normalize_tuple(owner, kernel_size, self.rank, "kernel_size")
        self.strides = conv_utils.normalize_tuple(owner, strides, self.rank, "strides")
        self.dilation_rate = conv_utils.normalize_tuple(owner, dilation_rate, self.rank, "dilation_rate")
        self.padding = conv_utils.normalize_padding(owner, padding, self.allow_causal)
        self.data_format = config.standardize_data_format(data_format)
        self.activation = activations.get(activation)
        self.use_bias = use_bias
        self.bias_initializer = initializers.get(bias_initializer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.bias_constraint = constraints.get(bias_constraint)
        self.input_spec = InputSpec(min_ndim=self.rank + 2)

    def _forbid_strided_dilation(self):
        if max(self.strides) > 1 and max(self.dilation_rate) > 1:
            raise ValueError(
                f"{type(self).__name__}: strides > 1 cannot be combined with dilation_rate > 1. "
                f"Received strides={self.strides} and dilation_rate={self.dilation_rate}"
            )

    @property
    def _channel_axis(self):
        return -1 if self.data_format == "channels_last" else 1

    # ----- what a family provides ---------------------------------------------------

    def build_kernels(self, input_channels):
        raise NotImplementedError

    def convolve(self, inputs):
        raise NotImplementedError

    def output_channels(self, input_channels):
        """Channels of the output for ``input_channels`` (which may be None) input channels."""
        raise NotImplementedError

    def output_lengths(self, spatial):
        """Output sizes along the spatial axes, for input sizes ``spatial`` (None stays None)."""
        return [
            conv_utils.conv_output_length(size, k, s, d, self.padding)
            for size, k, s, d in zip(spatial, self.kernel_size, self.strides, self.dilation_rate)
        ]

    # ----- shared machinery -----------------------------------------------------------

    def build(self, input_shape):
        self.compute_output_shape(input_shape)
        channels = input_shape[self._channel_axis]
        if channels is None:
            raise ValueError(
                f"Layer '{self.name}': the channel axis ({self._channel_axis}) of the input must be known, "
                f"received an input of shape {tuple(input_shape)}"
            )
        self.build_kernels(channels)
        if self.use_bias:
            self.bias = self.add_weight(
                name="bias", shape=(self.output_channels(channels),), initializer=self.bias_initializer,
                regularizer=self.bias_regularizer, constraint=self.bias_constraint,
            )
        else:
            self.bias = None
        self.input_spec = InputSpec(min_ndim=self.rank + 2, axes={self._channel_axis: channels})
        self.built = True

    def call(self, inputs):
        outputs = self.convolve(inputs)
        if self.use_bias:
            if self.data_format == "channels_last":
                shape = (1,) * (self.rank + 1) + (-1,)
            else:
                shape = (1, -1) + (1,) * self.rank
            outputs = ops.add(outputs, ops.reshape(ops.cast(self.bias, self.compute_dtype), shape))
        return self.activation(outputs)

    def compute_output_shape(self, input_shape):
        if len(input_shape) != self.rank + 2:
            raise ValueError(
                f"Layer '{self.name}': expected rank {self.rank + 2} (batch, {self.rank} spatial axes, channels), "
                f"received an input of shape {tuple(input_shape)}"
            )
        channels = self.output_channels(input_shape[self._channel_axis])
        return conv_utils.output_shape(self, input_shape, channels, self.output_lengths)

    def get_config(self):
        config = super().get_config()
        config.update({
            "kernel_size": self.kernel_size,
            "strides": self.strides,
            "padding": self.padding,
            "data_format": self.data_format,
            "dilation_rate": self.dilation_rate,
            "activation": activations.serialize(self.activation),
            "use_bias": self.use_bias,
            "bias_initializer": initializers.serialize(self.bias_initializer),
            "bias_regularizer": regularizers.serialize(self.bias_regularizer),
            "activity_regularizer": regularizers.serialize(self._activity_regularizer),
            "bias_constraint": constraints.serialize(self.bias_constraint),
        })
        return config
