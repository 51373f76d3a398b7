"""Shared base of the image preprocessing layers: layout, image rank and factor ranges."""

from frontend import config
from frontend.layers.input_spec import InputSpec
from frontend.layers.layer import Layer


class ImageLayer(Layer):
    """An image layer taking one image (rank 3) or a batch (rank 4) in ``data_format`` layout."""

    def __init__(self, data_format=None, **kwargs):
        super().__init__(**kwargs)
        self.data_format = config.standardize_data_format(data_format)
        self.input_spec = InputSpec(min_ndim=3, max_ndim=4)

    def spatial_axes(self, ndim):
        """(height axis, width axis) for an input of rank ``ndim``."""
        if self.data_format == "channels_last":
            return ndim - 3, ndim - 2
        return ndim - 2, ndim - 1

    def image_size(self, shape):
        height_axis, width_axis = self.spatial_axes(len(shape))
        return shape[height_axis], shape[width_axis]

    def with_image_size(self, shape, height, width):
        """``shape`` with its height and width replaced."""
        shape = list(shape)
        height_axis, width_axis = self.spatial_axes(len(shape))
        shape[height_axis], shape[width_axis] = height, width
        return tuple(shape)

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)

    def get_config(self):
        config_ = super().get_config()
        config_["data_format"] = self.data_format
        return config_


def factor_range(factor, bounds, layer_name, argument="factor"):
    """(lower, upper) from a number ``f`` (giving (-f, f) clipped to ``bounds``) or a pair."""
    message = (f"{layer_name}: `{argument}` must be a number or a pair of numbers in the range "
               f"[{bounds[0]}, {bounds[1]}], received {argument}={factor!r}")
    if isinstance(factor, (tuple, list)):
        if len(factor) != 2 or factor[0] > bounds[1] or factor[1] < bounds[0]:
            raise ValueError(message)
        lower, upper = sorted(factor)
        return lower, upper
    if isinstance(factor, (int, float)) and not isinstance(factor, bool):
        if not bounds[0] <= factor <= bounds[1]:
            raise ValueError(message)
        factor = abs(factor)
        return max(-factor, bounds[0]), factor
    raise ValueError(message)
