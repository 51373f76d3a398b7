"""Transposed convolutions: Conv1DTranspose, Conv2DTranspose, Conv3DTranspose.

Kernel layout as Keras 3: ``(*kernel_size, filters, input_channels)``. ``output_padding``
(each value below its stride) adds that many positions at the end of a spatial axis.
"""

from frontend import constraints, initializers, ops, regularizers
from frontend.layers.convolutional import conv_utils
from frontend.layers.convolutional.base_conv import BaseConv


class ConvTranspose(BaseConv):
    """N-D transposed convolution (the gradient of a convolution), plus bias and activation."""

    def __init__(self, filters, kernel_size, strides=1, padding="valid", output_padding=None, data_format=None,
                 dilation_rate=1, activation=None, use_bias=True, kernel_initializer="glorot_uniform",
                 bias_initializer="zeros", kernel_regularizer=None, bias_regularizer=None,
                 activity_regularizer=None, kernel_constraint=None, bias_constraint=None, **kwargs):
        super().__init__(
            kernel_size, strides=strides, padding=padding, data_format=data_format, dilation_rate=dilation_rate,
            activation=activation, use_bias=use_bias, bias_initializer=bias_initializer,
            bias_regularizer=bias_regularizer, bias_constraint=bias_constraint,
            activity_regularizer=activity_regularizer, **kwargs,
        )
        if filters is None or filters <= 0:
            raise ValueError(f"{type(self).__name__}: `filters` must be a positive int, received filters={filters}")
        self._forbid_strided_dilation()
        if output_padding is not None:
            output_padding = conv_utils.normalize_tuple(
                type(self).__name__, output_padding, self.rank, "output_padding", allow_zero=True
            )
            if any(p >= s for p, s in zip(output_padding, self.strides)):
                raise ValueError(
                    f"{type(self).__name__}: each `output_padding` value must be smaller than its stride. "
                    f"Received output_padding={output_padding} and strides={self.strides}"
                )
        self.filters = filters
        self.output_padding = output_padding
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)

    def build_kernels(self, input_channels):
        self.kernel = self.add_weight(
            name="kernel", shape=self.kernel_size + (self.filters, input_channels),
            initializer=self.kernel_initializer, regularizer=self.kernel_regularizer,
            constraint=self.kernel_constraint,
        )

    def convolve(self, inputs):
        return ops.conv_transpose(inputs, self.kernel, strides=self.strides, padding=self.padding,
                                  output_padding=self.output_padding, data_format=self.data_format,
                                  dilation_rate=self.dilation_rate)

    def output_channels(self, input_channels):
        return self.filters

    def output_lengths(self, spatial):
        paddings = self.output_padding or (None,) * self.rank
        return [
            conv_utils.transpose_output_length(size, k, s, d, self.padding, p)
            for size, k, s, d, p in zip(spatial, self.kernel_size, self.strides, self.dilation_rate, paddings)
        ]

    def get_config(self):
        config = super().get_config()
        config.update({
            "filters": self.filters,
            "output_padding": self.output_padding,
            "kernel_initializer": initializers.serialize(self.kernel_initializer),
            "kernel_regularizer": regularizers.serialize(self.kernel_regularizer),
            "kernel_constraint": constraints.serialize(self.kernel_constraint),
        })
        return config


class Conv1DTranspose(ConvTranspose):
    """1-D transposed convolution over (batch, steps, channels)."""

    rank = 1


class Conv2DTranspose(ConvTranspose):
    """2-D transposed convolution over (batch, height, width, channels)."""

    rank = 2


class Conv3DTranspose(ConvTranspose):
    """3-D transposed convolution; as in Keras, ``data_format`` comes before ``output_padding``."""

    rank = 3

    def __init__(self, filters, kernel_size, strides=1, padding="valid", data_format=None, output_padding=None,
                 dilation_rate=1, **kwargs):
        super().__init__(filters, kernel_size, strides=strides, padding=padding, output_padding=output_padding,
                         data_format=data_format, dilation_rate=dilation_rate, **kwargs)


Convolution1DTranspose = Conv1DTranspose
Convolution2DTranspose = Conv2DTranspose
Convolution3DTranspose = Conv3DTranspose
