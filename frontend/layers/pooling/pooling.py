"""Windowed pooling: MaxPooling1D/2D/3D and AveragePooling1D/2D/3D (and the MaxPool/AvgPool aliases)."""

from frontend import config, ops
from frontend.layers.convolutional import conv_utils
from frontend.layers.input_spec import InputSpec
from frontend.layers.layer import Layer


class BasePooling(Layer):
    """Slides a ``pool_size`` window by ``strides`` (default: ``pool_size``) and reduces it."""

    rank = None
    pool = None

    def __init__(self, pool_size, strides=None, padding="valid", data_format=None, **kwargs):
        super().__init__(**kwargs)
        owner = type(self).__name__
        self.pool_size = conv_utils.normalize_tuple(owner, pool_size, self.rank, "pool_size")
        strides = pool_size if strides is None else strides
        self.strides = conv_utils.normalize_tuple(owner, strides, self.rank, "strides")
        self.padding = conv_utils.normalize_padding(owner, padding)
        self.data_format = config.standardize_data_format(data_format)
        self.input_spec = InputSpec(ndim=self.rank + 2)

    def build(self, input_shape):
        self.compute_output_shape(input_shape)
        self.built = True

    def call(self, inputs):
        return self.pool(inputs, self.pool_size, strides=self.strides, padding=self.padding,
                         data_format=self.data_format)

    def _output_lengths(self, spatial):
        return [
            conv_utils.conv_output_length(size, p, s, 1, self.padding)
            for size, p, s in zip(spatial, self.pool_size, self.strides)
        ]

    def compute_output_shape(self, input_shape):
        channels = conv_utils.split_shape(input_shape, self.data_format)[2]
        return conv_utils.output_shape(self, input_shape, channels, self._output_lengths)

    def get_config(self):
        config = super().get_config()
        config.update({
            "pool_size": self.pool_size,
            "padding": self.padding,
            "strides": self.strides,
            "data_format": self.data_format,
        })
        return config


class MaxPooling(BasePooling):
    """Keeps the largest value of each window; ``pool_size`` defaults to 2 on every axis."""

    pool = staticmethod(ops.max_pool)

    def __init__(self, pool_size=2, strides=None, padding="valid", data_format=None, **kwargs):
        super().__init__(pool_size, strides=strides, padding=padding, data_format=data_format, **kwargs)


class AveragePooling(BasePooling):
    """Averages each window (with padding='same', over the in-bounds positions only)."""

    pool = staticmethod(ops.average_pool)

    def __init__(self, pool_size, strides=None, padding="valid", data_format=None, **kwargs):
        super().__init__(pool_size, strides=strides, padding=padding, data_format=data_format, **kwargs)


class MaxPooling1D(MaxPooling):
    """Max pooling over (steps)."""

    rank = 1


class MaxPooling2D(MaxPooling):
    """Max pooling over (height, width)."""

    rank = 2


class MaxPooling3D(MaxPooling):
    """Max pooling over (depth, height, width)."""

    rank = 3


class AveragePooling1D(AveragePooling):
    """Average pooling over (steps)."""

    rank = 1


class AveragePooling2D(AveragePooling):
    """Average pooling over (height, width)."""

    rank = 2


class AveragePooling3D(AveragePooling):
    """Average pooling over (depth, height, width)."""

    rank = 3


MaxPool1D, MaxPool2D, MaxPool3D = MaxPooling1D, MaxPooling2D, MaxPooling3D
AvgPool1D, AvgPool2D, AvgPool3D = AveragePooling1D, AveragePooling2D, AveragePooling3D
