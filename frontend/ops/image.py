"""Image ops (``ops.image``): resize, crop, pad, grayscale. Images are (batch?, H, W, C) by default."""

import numpy as np

from frontend import config
from frontend.backends import active as B
from frontend.ops import dtypes
from frontend.ops.errors import OpError, op
from frontend.ops.tensors import tensor

_INTERPOLATIONS = ("nearest", "bilinear")


def _spatial_axes(x, data_format, name):
    ndim = len(B.shape(x))
    if ndim not in (3, 4):
        raise OpError(f"ops.image.{name}: images must be 3-D or 4-D, received shape {B.shape(x)}")
    if config.standardize_data_format(data_format) == "channels_last":
        return ndim - 3, ndim - 2
    return ndim - 2, ndim - 1


def _sample_axis(x, axis, out_size, interpolation):
    """Resample one axis with half-pixel centers (TensorFlow 2 / PIL convention)."""
    in_size = B.shape(x)[axis]
    centers = (np.arange(out_size) + 0.5) * (in_size / out_size) - 0.5
    if interpolation == "nearest":
        index = np.clip(np.floor((np.arange(out_size) + 0.5) * (in_size / out_size)), 0, in_size - 1).astype("int32")
        return B.take(x, tensor(index), axis)
    centers = np.clip(centers, 0, in_size - 1)
    low = np.floor(centers).astype("int32")
    high = np.minimum(low + 1, in_size - 1).astype("int32")
    fraction = centers - low
    shape = [1] * len(B.shape(x))
    shape[axis] = out_size
    weight = B.reshape(tensor(fraction, B.dtype_name(x)), tuple(shape))
    low_values = B.take(x, tensor(low), axis)
    high_values = B.take(x, tensor(high), axis)
    return B.add(low_values, B.multiply(B.subtract(high_values, low_values), weight))


@op("image.resize")
def resize(images, size, interpolation="bilinear", antialias=False, crop_to_aspect_ratio=False,
           pad_to_aspect_ratio=False, fill_mode="constant", fill_value=0.0, data_format=None):
    """Resize images to ``size`` = (height, width) with nearest or bilinear sampling."""
    if interpolation not in _INTERPOLATIONS:
        raise OpError(f"ops.image.resize: interpolation must be one of {_INTERPOLATIONS}, received {interpolation!r}")
    if antialias or crop_to_aspect_ratio or pad_to_aspect_ratio:
        raise OpError("ops.image.resize: antialias, crop_to_aspect_ratio and pad_to_aspect_ratio are not supported")
    x = tensor(images)
    x = tensor(x, dtypes.float_result(B.dtype_name(x)))
    if len(tuple(size)) != 2:
        raise OpError(f"ops.image.resize: size must be (height, width), received {size!r}")
    height_axis, width_axis = _spatial_axes(x, data_format, "resize")
    x = _sample_axis(x, height_axis, int(size[0]), interpolation)
    return _sample_axis(x, width_axis, int(size[1]), interpolation)


@op("image.crop_images")
def crop_images(images, top_cropping=None, left_cropping=None, bottom_cropping=None, right_cropping=None,
                target_height=None, target_width=None, data_format=None):
    """Crop images by offsets, or to a target size starting at (top, left)."""
    x = tensor(images)
    height_axis, width_axis = _spatial_axes(x, data_format, "crop_images")
    height, width = B.shape(x)[height_axis], B.shape(x)[width_axis]
    top, left = top_cropping or 0, left_cropping or 0
    new_height = target_height if target_height is not None else height - top - (bottom_cropping or 0)
    new_width = target_width if target_width is not None else width - left - (right_cropping or 0)
    if new_height <= 0 or new_width <= 0 or top + new_height > height or left + new_width > width:
        raise OpError(f"ops.image.crop_images: the crop does not fit images of height {height} and width {width}")
    start = [0] * len(B.shape(x))
    shape = list(B.shape(x))
    start[height_axis], start[width_axis] = top, left
    shape[height_axis], shape[width_axis] = new_height, new_width
    return B.slice(x, tuple(start), tuple(shape))


@op("image.pad_images")
def pad_images(images, top_padding=None, left_padding=None, bottom_padding=None, right_padding=None,
               target_height=None, target_width=None, data_format=None):
    """Zero-pad images by offsets, or to a target size with the image at (top, left)."""
    x = tensor(images)
    height_axis, width_axis = _spatial_axes(x, data_format, "pad_images")
    height, width = B.shape(x)[height_axis], B.shape(x)[width_axis]
    top, left = top_padding or 0, left_padding or 0
    bottom = target_height - height - top if target_height is not None else (bottom_padding or 0)
    right = target_width - width - left if target_width is not None else (right_padding or 0)
    if min(top, left, bottom, right) < 0:
        raise OpError(f"ops.image.pad_images: padding must be non-negative for images of height {height} and width {width}")
    widths = [(0, 0)] * len(B.shape(x))
    widths[height_axis], widths[width_axis] = (top, bottom), (left, right)
    return B.pad(x, tuple(widths), "constant", 0)


@op("image.rgb_to_grayscale")
def rgb_to_grayscale(images, data_format=None):
    """Luma (ITU-R 601): 0.2989 R + 0.587 G + 0.114 B, keeping a channel axis of size 1."""
    x = tensor(images)
    dtype = dtypes.float_result(B.dtype_name(x))
    x = tensor(x, dtype)
    channel_axis = len(B.shape(x)) - 1 if config.standardize_data_format(data_format) == "channels_last" else len(B.shape(x)) - 3
    if B.shape(x)[channel_axis] != 3:
        raise OpError(f"ops.image.rgb_to_grayscale: needs 3 channels, received shape {B.shape(x)}")
    shape = [1] * len(B.shape(x))
    shape[channel_axis] = 3
    weights = B.reshape(tensor(np.array([0.2989, 0.587, 0.114], "float32"), dtype), tuple(shape))
    return B.sum(B.multiply(x, weights), channel_axis, True)
