"""Plain (grouped, dilated) convolutions: Conv1D, Conv2D, Conv3D.

Kernel layout as Keras 3: ``(*kernel_size, input_channels // groups, filters)``.
"""

from frontend import constraints, initializers, ops, regularizers
from frontend.layers.convolutional.base_conv import BaseConv


class Conv(BaseConv):
    """N-D convolution over ``groups`` channel groups, plus bias and activation."""

    def __init__(self, filters, kernel_size, strides=1, padding="valid", data_format=None, dilation_rate=1,
                 groups=1, activation=None, use_bias=True, kernel_initializer="glorot_uniform",
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
        if groups is None or groups <= 0:
            raise ValueError(f"{type(self).__name__}: `groups` must be a positive int, received groups={groups}")
        if filters % groups:
            raise ValueError(
                f"{type(self).__name__}: `filters` must be divisible by `groups`, "
                f"received filters={filters} and groups={groups}"
            )
        self._forbid_strided_dilation()
        self.filters = filters
        self.groups = groups
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)

    def build_kernels(self, input_channels):
        if input_channels % self.groups:
            raise ValueError(
                f"Layer '{self.name}': the input's {input_channels} channels are not divisible by "
                f"groups={self.groups}"
            )
        self.kernel = self.add_weight(
            name="kernel", shape=self.kernel_size + (input_channels // self.groups, self.filters),
            initializer=self.kernel_initializer, regularizer=self.kernel_regularizer,
            constraint=self.kernel_constraint,
        )

    def convolve(self, inputs):
        return ops.conv(inputs, self.kernel, strides=self.strides, padding=self.padding,
                        data_format=self.data_format, dilation_rate=self.dilation_rate)

    def output_channels(self, input_channels):
        return self.filters

    def get_config(self):
        config = super().get_config()
        config.update({
            "filters": self.filters,
            "groups": self.groups,
            "kernel_initializer": initializers.serialize(self.kernel_initializer),
            "kernel_regularizer": regularizers.serialize(self.kernel_regularizer),
            "kernel_constraint": constraints.serialize(self.kernel_constraint),
        })
        return config


class Conv1D(Conv):
    """1-D convolution over (batch, steps, channels); also accepts padding='causal'."""

    rank = 1
    allow_causal = True


class Conv2D(Conv):
    """2-D convolution over (batch, height, width, channels)."""

    rank = 2


class Conv3D(Conv):
    """3-D convolution over (batch, depth, height, width, channels)."""

    rank = 3


Convolution1D = Conv1D
Convolution2D = Conv2D
Convolution3D = Conv3D
