"""Depthwise convolutions: DepthwiseConv1D, DepthwiseConv2D.

Each input channel gets its own ``depth_multiplier`` filters. Kernel layout and weight
names as Keras 3: ``kernel`` of shape ``(*kernel_size, input_channels, depth_multiplier)``
and ``bias`` of ``input_channels * depth_multiplier``.
"""

from frontend import constraints, initializers, ops, regularizers
from frontend.layers.convolutional.base_conv import BaseConv


class DepthwiseConv(BaseConv):
    """N-D per-channel convolution, plus bias and activation."""

    def __init__(self, kernel_size, strides=1, padding="valid", depth_multiplier=1, data_format=None,
                 dilation_rate=1, activation=None, use_bias=True, depthwise_initializer="glorot_uniform",
                 bias_initializer="zeros", depthwise_regularizer=None, bias_regularizer=None,
                 activity_regularizer=None, depthwise_constraint=None, bias_constraint=None, **kwargs):
        super().__init__(
            kernel_size, strides=strides, padding=padding, data_format=data_format, dilation_rate=dilation_rate,
            activation=activation, use_bias=use_bias, bias_initializer=bias_initializer,
            bias_regularizer=bias_regularizer, bias_constraint=bias_constraint,
            activity_regularizer=activity_regularizer, **kwargs,
        )
        if depth_multiplier is None or depth_multiplier <= 0:
            raise ValueError(
                f"{type(self).__name__}: `depth_multiplier` must be a positive int, "
                f"received depth_multiplier={depth_multiplier}"
            )
        self.depth_multiplier = depth_multiplier
        self.depthwise_initializer = initializers.get(depthwise_initializer)
        self.depthwise_regularizer = regularizers.get(depthwise_regularizer)
        self.depthwise_constraint = constraints.get(depthwise_constraint)

    def build_kernels(self, input_channels):
        self.kernel = self.add_weight(
            name="kernel", shape=self.kernel_size + (input_channels, self.depth_multiplier),
            initializer=self.depthwise_initializer, regularizer=self.depthwise_regularizer,
            constraint=self.depthwise_constraint,
        )

    def convolve(self, inputs):
        return ops.depthwise_conv(inputs, self.kernel, strides=self.strides, padding=self.padding,
                                  data_format=self.data_format, dilation_rate=self.dilation_rate)

    def output_channels(self, input_channels):
        return None if input_channels is None else input_channels * self.depth_multiplier

    def get_config(self):
        config = super().get_config()
        config.update({
            "depth_multiplier": self.depth_multiplier,
            "depthwise_initializer": initializers.serialize(self.depthwise_initializer),
            "depthwise_regularizer": regularizers.serialize(self.depthwise_regularizer),
            "depthwise_constraint": constraints.serialize(self.depthwise_constraint),
        })
        return config


class DepthwiseConv1D(DepthwiseConv):
    """1-D depthwise convolution over (batch, steps, channels)."""

    rank = 1


class DepthwiseConv2D(DepthwiseConv):
    """2-D depthwise convolution over (batch, height, width, channels)."""

    rank = 2
