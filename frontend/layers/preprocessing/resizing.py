"""``Resizing``: resize images to a fixed height and width, optionally keeping the aspect ratio."""

import numpy as np

from frontend import ops
from frontend.layers.preprocessing.image_layer import ImageLayer
from frontend.ops import dtypes
from frontend.ops.symbolic import SymbolicTensor

INTERPOLATIONS = ("bilinear", "nearest")


class Resizing(ImageLayer):
    """Resize to ``(height, width)`` with bilinear or nearest sampling (half-pixel centres).

    ``crop_to_aspect_ratio`` first cuts the largest centred window with the target
    aspect ratio; ``pad_to_aspect_ratio`` first pads the short side evenly with
    ``fill_value``. Integer images come back rounded, in their own dtype (as in Keras).
    Only "bilinear" and "nearest" are supported (not Keras's bicubic/lanczos/area).
    """

    def __init__(self, height, width, interpolation="bilinear", crop_to_aspect_ratio=False, pad_to_aspect_ratio=False,
                 fill_mode="constant", fill_value=0.0, antialias=False, data_format=None, **kwargs):
        super().__init__(data_format=data_format, **kwargs)
        if interpolation not in INTERPOLATIONS:
            raise ValueError(f"Resizing: interpolation must be one of {INTERPOLATIONS}, received {interpolation!r}")
        if crop_to_aspect_ratio and pad_to_aspect_ratio:
            raise ValueError("Resizing: only one of crop_to_aspect_ratio and pad_to_aspect_ratio can be True")
        if fill_mode != "constant":
            raise ValueError(f"Resizing: only fill_mode='constant' is supported, received {fill_mode!r}")
        if antialias:
            raise ValueError("Resizing: antialias=True is not supported")
        self.height, self.width = height, width
        self.interpolation = interpolation
        self.crop_to_aspect_ratio = crop_to_aspect_ratio
        self.pad_to_aspect_ratio = pad_to_aspect_ratio
        self.fill_mode, self.fill_value = fill_mode, fill_value
        self.antialias = bool(antialias)

    def call(self, inputs):
        dtype = ops.dtype(inputs)
        images = ops.cast(inputs, self.compute_dtype)
        if self.crop_to_aspect_ratio:
            images = crop_to_aspect_ratio(images, self.height, self.width, self.data_format)
        elif self.pad_to_aspect_ratio:
            images = self._pad_to_aspect_ratio(images)
        resized = ops.image.resize(images, (self.height, self.width), interpolation=self.interpolation,
                                   data_format=self.data_format)
        if dtypes.is_int(dtype):
            limits = np.iinfo(dtype)
            return ops.cast(ops.clip(ops.round(resized), limits.min, limits.max), dtype)
        return resized

    def _pad_to_aspect_ratio(self, images):
        """Pad both ends of the short side by the same amount, towards the target aspect ratio."""
        height, width = self.image_size(ops.shape(images))
        pad_height = max(height, int(width * self.height / self.width))
        pad_width = max(width, int(height * self.width / self.height))
        top, left = (pad_height - height) // 2, (pad_width - width) // 2
        height_axis, width_axis = self.spatial_axes(len(ops.shape(images)))
        widths = [(0, 0)] * len(ops.shape(images))
        if top > 0:
            widths[height_axis] = (top, top)
        elif left > 0:
            widths[width_axis] = (left, left)
        else:
            return images
        return ops.pad(images, widths, constant_values=self.fill_value)

    def compute_output_shape(self, input_shape):
        return self.with_image_size(input_shape, self.height, self.width)

    def compute_output_spec(self, inputs):
        dtype = inputs.dtype if dtypes.is_int(inputs.dtype) else self.compute_dtype
        return SymbolicTensor(self.compute_output_shape(inputs.shape), dtype)

    def get_config(self):
        config = super().get_config()
        config.update({"height": self.height, "width": self.width, "interpolation": self.interpolation,
                       "crop_to_aspect_ratio": self.crop_to_aspect_ratio,
                       "pad_to_aspect_ratio": self.pad_to_aspect_ratio, "fill_mode": self.fill_mode,
                       "fill_value": self.fill_value, "antialias": self.antialias})
        return config


def crop_to_aspect_ratio(images, target_height, target_width, data_format):
    """The largest centred window of ``images`` with the aspect ratio target_height : target_width."""
    height_axis = len(ops.shape(images)) - (3 if data_format == "channels_last" else 2)
    height, width = ops.shape(images)[height_axis], ops.shape(images)[height_axis + 1]
    crop_height = max(min(height, int(width * target_height / target_width)), 1)
    crop_width = max(min(width, int(height * target_width / target_height)), 1)
    return ops.image.crop_images(images, top_cropping=(height - crop_height) // 2,
                                 left_cropping=(width - crop_width) // 2, target_height=crop_height,
                                 target_width=crop_width, data_format=data_format)
