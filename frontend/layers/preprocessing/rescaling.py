"""``Rescaling``: ``inputs * scale + offset``, e.g. pixels in [0, 255] to [0, 1]."""

import numpy as np

from frontend import config, ops
from frontend.layers.layer import Layer


class Rescaling(Layer):
    """Multiply by ``scale`` and add ``offset`` (numbers, or per-channel arrays); outputs are floats."""

    def __init__(self, scale, offset=0.0, **kwargs):
        super().__init__(**kwargs)
        self.scale = scale
        self.offset = offset
        self.supports_masking = True

    def call(self, inputs):
        dtype = self.compute_dtype
        scale = ops.cast(self.scale, dtype)
        offset = ops.cast(self.offset, dtype)
        scale_rank = len(ops.shape(scale))
        if scale_rank > 0 and config.image_data_format() == "channels_first":
            scale = ops.reshape(scale, ops.shape(scale) + (1,) * (3 - scale_rank))
        return ops.cast(inputs, dtype) * scale + offset

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)

    def get_config(self):
        config_ = super().get_config()
        config_.update({"scale": _serialize(self.scale), "offset": _serialize(self.offset)})
        return config_

    @classmethod
    def from_config(cls, config_):
        config_ = dict(config_)
        config_["scale"] = _deserialize(config_["scale"])
        config_["offset"] = _deserialize(config_["offset"])
        return super().from_config(config_)


def _serialize(value):
    """Arrays in Keras's ``__numpy__`` form; numbers and lists as they are."""
    if isinstance(value, np.ndarray):
        return {"class_name": "__numpy__", "config": {"value": value.tolist(), "dtype": value.dtype.name}}
    if isinstance(value, np.generic):
        return value.item()
    return value


def _deserialize(value):
    if isinstance(value, dict) and value.get("class_name") == "__numpy__":
        return np.array(value["config"]["value"], dtype=value["config"]["dtype"])
    return value
