"""``Flatten``: one feature axis per sample, in channels-last order."""

import math

from frontend import config, ops
from frontend.layers.input_spec import InputSpec
from frontend.layers.reshaping.base import ShapeLayer


class Flatten(ShapeLayer):
    """Reshape ``(batch, ...)`` to ``(batch, features)``; channels-first inputs are made channels-last first
    so that the feature order does not depend on the layout."""

    def __init__(self, data_format=None, **kwargs):
        super().__init__(**kwargs)
        self.data_format = config.standardize_data_format(data_format)
        self.input_spec = InputSpec(min_ndim=1)

    def call(self, inputs):
        shape = ops.shape(inputs)
        if self.data_format == "channels_first" and len(shape) > 2:
            inputs = ops.transpose(inputs, (0, *range(2, len(shape)), 1))
        features = self.compute_output_shape(shape)[1]
        if features is None:
            return ops.reshape(inputs, (shape[0], -1))
        return ops.reshape(inputs, (-1, features))

    def compute_output_shape(self, input_shape):
        rest = input_shape[1:]
        features = None if any(d is None for d in rest) else math.prod(rest)
        return (input_shape[0], features)

    def get_config(self):
        return {**super().get_config(), "data_format": self.data_format}
