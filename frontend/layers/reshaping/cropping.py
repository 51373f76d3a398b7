"""``Cropping1D/2D/3D``: trim values off both ends of the spatial axes."""

from frontend import config, ops
from frontend.layers.input_spec import InputSpec
from frontend.layers.reshaping.arguments import axis_pairs, int_tuple, spatial_axes
from frontend.layers.reshaping.base import ShapeLayer


class _Cropping(ShapeLayer):
    """Crops ``pairs[i]`` = (before, after) off spatial axis i of a rank-``rank`` input."""

    def __init__(self, pairs, data_format, rank, **kwargs):
        super().__init__(**kwargs)
        self._pairs = pairs
        self._axes = spatial_axes(data_format, rank)
        self.input_spec = InputSpec(ndim=rank)

    def compute_output_shape(self, input_shape):
        output = list(input_shape)
        for axis, (before, after) in zip(self._axes, self._pairs):
            if output[axis] is not None:
                output[axis] -= before + after
                if output[axis] <= 0:
                    raise ValueError(
                        f"{type(self).__name__} '{self.name}': cropping={self.cropping} leaves nothing of axis "
                        f"{axis} of an input of shape {tuple(input_shape)}; each crop must be smaller than its axis"
                    )
        return tuple(output)

    def call(self, inputs):
        shape = ops.shape(inputs)
        self.compute_output_shape(shape)
        key = [slice(None)] * len(shape)
        for axis, (before, after) in zip(self._axes, self._pairs):
            key[axis] = slice(before, -after if after else None)
        return ops.getitem(inputs, tuple(key))


class Cropping1D(_Cropping):
    """Crop ``cropping`` = (before, after) steps off axis 1 of ``(batch, steps, features)``."""

    def __init__(self, cropping=(1, 1), **kwargs):
        cropping = int_tuple(cropping, 2, "cropping", allow_zero=True)
        super().__init__((cropping,), "channels_last", 3, **kwargs)
        self.cropping = cropping

    def get_config(self):
        return {**super().get_config(), "cropping": self.cropping}


class _SpatialCropping(_Cropping):
    """Cropping2D/3D: an int, one int per axis (symmetric) or one (before, after) pair per axis."""

    RANK = None

    def __init__(self, cropping, data_format=None, **kwargs):
        cropping = axis_pairs(cropping, self.RANK - 2, "cropping")
        data_format = config.standardize_data_format(data_format)
        super().__init__(cropping, data_format, self.RANK, **kwargs)
        self.cropping, self.data_format = cropping, data_format

    def get_config(self):
        return {**super().get_config(), "cropping": self.cropping, "data_format": self.data_format}


class Cropping2D(_SpatialCropping):
    """Crop ``((top, bottom), (left, right))`` off the height and width of images."""

    RANK = 4

    def __init__(self, cropping=((0, 0), (0, 0)), data_format=None, **kwargs):
        super().__init__(cropping, data_format, **kwargs)


class Cropping3D(_SpatialCropping):
    """Crop ``((before, after),) * 3`` off the three spatial axes of volumes."""

    RANK = 5

    def __init__(self, cropping=((1, 1), (1, 1), (1, 1)), data_format=None, **kwargs):
        super().__init__(cropping, data_format, **kwargs)
