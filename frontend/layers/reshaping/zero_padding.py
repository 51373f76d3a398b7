"""``ZeroPadding1D/2D/3D``: add zeros at both ends of the spatial axes."""

from frontend import config, ops
from frontend.layers.input_spec import InputSpec
from frontend.layers.reshaping.arguments import axis_pairs, int_tuple, spatial_axes
from frontend.layers.reshaping.base import ShapeLayer


class _ZeroPadding(ShapeLayer):
    """Pads ``pairs[i]`` = (before, after) zeros onto spatial axis i of a rank-``rank`` input."""

    RANK = None

    def __init__(self, pairs, data_format=None, **kwargs):
        super().__init__(**kwargs)
        self.data_format = config.standardize_data_format(data_format)
        self._pairs = pairs
        self._axes = spatial_axes(self.data_format, self.RANK)
        self.input_spec = InputSpec(ndim=self.RANK)

    def compute_output_shape(self, input_shape):
        output = list(input_shape)
        for axis, (before, after) in zip(self._axes, self._pairs):
            if output[axis] is not None:
                output[axis] += before + after
        return tuple(output)

    def call(self, inputs):
        widths = [(0, 0)] * self.RANK
        for axis, pair in zip(self._axes, self._pairs):
            widths[axis] = pair
        return ops.pad(inputs, tuple(widths))

    def get_config(self):
        return {**super().get_config(), "padding": self.padding, "data_format": self.data_format}


class ZeroPadding1D(_ZeroPadding):
    """Pad ``padding`` = (before, after) zeros onto the steps axis of sequences."""

    RANK = 3

    def __init__(self, padding=1, data_format=None, **kwargs):
        padding = int_tuple(padding, 2, "padding", allow_zero=True)
        super().__init__((padding,), data_format, **kwargs)
        self.padding = padding


class ZeroPadding2D(_ZeroPadding):
    """Pad ``((top, bottom), (left, right))`` zeros onto the height and width of images."""

    RANK = 4

    def __init__(self, padding=(1, 1), data_format=None, **kwargs):
        padding = axis_pairs(padding, 2, "padding")
        super().__init__(padding, data_format, **kwargs)
        self.padding = padding


class ZeroPadding3D(_ZeroPadding):
    """Pad ``((before, after),) * 3`` zeros onto the three spatial axes of volumes."""

    RANK = 5

    def __init__(self, padding=((1, 1), (1, 1), (1, 1)), data_format=None, **kwargs):
        padding = axis_pairs(padding, 3, "padding")
        super().__init__(padding, data_format, **kwargs)
        self.padding = padding
