"""Reshaping layers: flatten, reshape, permute, repeat, crop, pad and upsample."""

from frontend.layers.reshaping.cropping import Cropping1D, Cropping2D, Cropping3D
from frontend.layers.reshaping.flatten import Flatten
from frontend.layers.reshaping.permute import Permute
from frontend.layers.reshaping.repeat_vector import RepeatVector
from frontend.layers.reshaping.reshape import Reshape
from frontend.layers.reshaping.up_sampling import UpSampling1D, UpSampling2D, UpSampling3D
from frontend.layers.reshaping.zero_padding import ZeroPadding1D, ZeroPadding2D, ZeroPadding3D

__all__ = [
    "Cropping1D", "Cropping2D", "Cropping3D", "Flatten", "Permute", "RepeatVector", "Reshape",
    "UpSampling1D", "UpSampling2D", "UpSampling3D", "ZeroPadding1D", "ZeroPadding2D", "ZeroPadding3D",
]
