"""Global pooling: reduce every spatial axis with max or mean (GlobalMaxPooling1D/2D/3D,
GlobalAveragePooling1D/2D/3D and their GlobalMaxPool/GlobalAvgPool aliases)."""

from frontend import config, ops
from frontend.layers.input_spec import InputSpec
from frontend.layers.layer import Layer


class BaseGlobalPooling(Layer):
    """Reduces the spatial axes; ``keepdims=True`` keeps them with size 1."""

    rank = None
    reduce = None

    def __init__(self, data_format=None, keepdims=False, **kwargs):
        super().__init__(**kwargs)
        self.data_format = config.standardize_data_format(data_format)
        self.keepdims = keepdims
        self.input_spec = InputSpec(ndim=self.rank + 2)

    @property
    def _spatial_axes(self):
        first = 1 if self.data_format == "channels_last" else 2
        return tuple(range(first, first + self.rank))

    def call(self, inputs):
        return self.reduce(inputs, axis=self._spatial_axes, keepdims=self.keepdims)

    def compute_output_shape(self, input_shape):
        input_shape = tuple(input_shape)
        if self.keepdims:
            return tuple(1 if axis in self._spatial_axes else d for axis, d in enumerate(input_shape))
        return tuple(d for axis, d in enumerate(input_shape) if axis not in self._spatial_axes)

    def get_config(self):
        config = super().get_config()
        config.update({"data_format": self.data_format, "keepdims": self.keepdims})
        return config


class GlobalMaxPooling(BaseGlobalPooling):
    """Global max pooling."""

    reduce = staticmethod(ops.max)


class GlobalAveragePooling(BaseGlobalPooling):
    """Global average pooling."""

    reduce = staticmethod(ops.mean)


class GlobalMaxPooling1D(GlobalMaxPooling):
    """The max over the steps of a rank-3 input."""

    rank = 1


class GlobalMaxPooling2D(GlobalMaxPooling):
    """The max over the 2 spatial axes of a rank-4 input."""

    rank = 2


class GlobalMaxPooling3D(GlobalMaxPooling):
    """The max over the 3 spatial axes of a rank-5 input."""

    rank = 3


class GlobalAveragePooling1D(GlobalAveragePooling):
    """Mean over the steps; with a (batch, steps) mask, the mean over the unmasked steps only."""

    rank = 1

    def __init__(self, data_format=None, keepdims=False, **kwargs):
        super().__init__(data_format=data_format, keepdims=keepdims, **kwargs)
        self.supports_masking = True

    def call(self, inputs, mask=None):
        if mask is None:
            return super().call(inputs)
        steps_axis = self._spatial_axes[0]
        keep = ops.expand_dims(ops.cast(mask, "bool"), 2 if self.data_format == "channels_last" else 1)
        total = ops.sum(ops.where(keep, inputs, 0), axis=steps_axis, keepdims=self.keepdims)
        count = ops.sum(ops.cast(keep, ops.dtype(total)), axis=steps_axis, keepdims=self.keepdims)
        return ops.divide(total, count)

    def compute_mask(self, inputs, previous_mask):
        return None


class GlobalAveragePooling2D(GlobalAveragePooling):
    """The mean over the 2 spatial axes of a rank-4 input."""

    rank = 2


class GlobalAveragePooling3D(GlobalAveragePooling):
    """The mean over the 3 spatial axes of a rank-5 input."""

    rank = 3


GlobalMaxPool1D, GlobalMaxPool2D, GlobalMaxPool3D = GlobalMaxPooling1D, GlobalMaxPooling2D, GlobalMaxPooling3D
GlobalAvgPool1D, GlobalAvgPool2D = GlobalAveragePooling1D, GlobalAveragePooling2D
GlobalAvgPool3D = GlobalAveragePooling3D
