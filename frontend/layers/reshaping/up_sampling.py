"""``UpSampling1D/2D/3D``: enlarge the spatial axes by whole factors."""

from frontend import config, ops
from frontend.layers.input_spec import InputSpec
from frontend.layers.reshaping.arguments import int_tuple, spatial_axes
from frontend.layers.reshaping.base import ShapeLayer
from frontend.ops import dtypes


class _UpSampling(ShapeLayer):
    """Repeats every value ``factors[i]`` times along spatial axis i (nearest-neighbour upsampling)."""

    RANK = None

    def __init__(self, factors, data_format, **kwargs):
        super().__init__(**kwargs)
        self._factors = factors
        self._axes = spatial_axes(data_format, self.RANK)
        self.input_spec = InputSpec(ndim=self.RANK)

    def compute_output_shape(self, input_shape):
        output = list(input_shape)
        for axis, factor in zip(self._axes, self._factors):
            if output[axis] is not None:
                output[axis] *= factor
        return tuple(output)

    def call(self, inputs):
        for axis, factor in zip(self._axes, self._factors):
            inputs = ops.repeat(inputs, factor, axis=axis)
        return inputs


class UpSampling1D(_UpSampling):
    """Repeat each step ``size`` times: ``(batch, steps, features)`` to ``(batch, steps * size, features)``."""

    RANK = 3

    def __init__(self, size=2, **kwargs):
        if not isinstance(size, int) or isinstance(size, bool):
            raise TypeError(f"UpSampling1D: size must be an int, received {size!r}")
        int_tuple(size, 1, "size")
        super().__init__((size,), "channels_last", **kwargs)
        self.size = size

    def get_config(self):
        return {**super().get_config(), "size": self.size}


class UpSampling2D(_UpSampling):
    """Enlarge images by ``size`` = (rows, cols), repeating pixels ("nearest") or interpolating ("bilinear")."""

    RANK = 4
    INTERPOLATIONS = ("nearest", "bilinear")

    def __init__(self, size=(2, 2), data_format=None, interpolation="nearest", **kwargs):
        size = int_tuple(size, 2, "size")
        data_format = config.standardize_data_format(data_format)
        interpolation = str(interpolation).lower()
        if interpolation not in self.INTERPOLATIONS:
            raise ValueError(
                f"UpSampling2D: interpolation must be one of {self.INTERPOLATIONS}, received {interpolation!r}"
            )
        super().__init__(size, data_format, **kwargs)
        self.size, self.data_format, self.interpolation = size, data_format, interpolation

    def call(self, inputs):
        if self.interpolation == "nearest":
            return super().call(inputs)
        shape = ops.shape(inputs)
        new_size = tuple(shape[axis] * factor for axis, factor in zip(self._axes, self.size))
        return ops.image.resize(inputs, new_size, interpolation="bilinear", data_format=self.data_format)

    def output_dtype(self, input_dtype):
        if self.interpolation == "bilinear":
            return super().output_dtype(dtypes.float_result(input_dtype))
        return super().output_dtype(input_dtype)

    def get_config(self):
        return {**super().get_config(), "size": self.size, "data_format": self.data_format,
                "interpolation": self.interpolation}


class UpSampling3D(_UpSampling):
    """Repeat each voxel ``size`` = (d1, d2, d3) times along the three spatial axes of volumes."""

    RANK = 5

    def __init__(self, size=(2, 2, 2), data_format=None, **kwargs):
        size = int_tuple(size, 3, "size")
        data_format = config.standardize_data_format(data_format)
        super().__init__(size, data_format, **kwargs)
        self.size, self.data_format = size, data_format

    def get_config(self):
        return {**super().get_config(), "size": self.size, "data_format": self.data_format}
