"""Spatial dropout: drops whole feature maps (channels) instead of single elements.

Neighbouring pixels or timesteps are strongly correlated, so element-wise dropout hardly
regularizes convolutional features; dropping entire channels does.
"""

from frontend import config
from frontend.layers.input_spec import InputSpec
from frontend.layers.regularization.dropout import Dropout


class _SpatialDropout(Dropout):
    """Dropout with one draw per (sample, channel), shared over the spatial axes."""

    RANK = None

    def __init__(self, rate, data_format=None, seed=None, **kwargs):
        super().__init__(rate, seed=seed, **kwargs)
        self.data_format = config.standardize_data_format(data_format)
        self.input_spec = InputSpec(ndim=self.RANK)

    def _noise_shape(self, inputs):
        spatial = (1,) * (self.RANK - 2)
        if self.data_format == "channels_first":
            return (None, None) + spatial
        return (None,) + spatial + (None,)

    def get_config(self):
        base = super().get_config()
        return {"rate": self.rate, "seed": self.seed, "name": base["name"], "dtype": base["dtype"],
                "data_format": self.data_format}


class SpatialDropout1D(_SpatialDropout):
    """Drops whole channels of ``(batch, steps, channels)`` inputs."""

    RANK = 3

    def __init__(self, rate, seed=None, **kwargs):
        super().__init__(rate, data_format="channels_last", seed=seed, **kwargs)

    def get_config(self):
        config = super().get_config()
        del config["data_format"]
        return config


class SpatialDropout2D(_SpatialDropout):
    """Drops whole feature maps of 4-D image inputs (``data_format`` says where channels are)."""

    RANK = 4


class SpatialDropout3D(_SpatialDropout):
    """Drops whole feature volumes of 5-D inputs (``data_format`` says where channels are)."""

    RANK = 5
