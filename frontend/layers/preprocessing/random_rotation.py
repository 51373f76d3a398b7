"""``RandomRotation``: rotate each image about its centre by a random angle while training."""

import math

from frontend import ops, random
from frontend.layers.preprocessing.image_layer import factor_range
from frontend.layers.preprocessing.random_affine import RandomAffineLayer, matrix


class RandomRotation(RandomAffineLayer):
    """Rotate by an angle drawn from ``factor * 360`` degrees; ``factor=0.1`` means up to +-36 degrees.

    Positive angles turn the picture counter-clockwise as displayed (rows downwards).
    """

    def __init__(self, factor, fill_mode="reflect", interpolation="bilinear", seed=None, fill_value=0.0,
                 data_format=None, **kwargs):
        super().__init__(fill_mode=fill_mode, interpolation=interpolation, seed=seed, fill_value=fill_value,
                         data_format=data_format, **kwargs)
        self.factor = factor_range(factor, (-1, 1), "RandomRotation")

    def transforms(self, batch_size, height, width):
        degrees = random.uniform((batch_size,), self.factor[0] * 360.0, self.factor[1] * 360.0,
                                 seed=self.seed_generator, dtype="float32")
        return rotation_matrix(degrees * (math.pi / 180.0), height, width)

    def get_config(self):
        config = super().get_config()
        config["factor"] = self.factor
        return config


def rotation_matrix(radians, height, width):
    """Transforms turning each image by ``radians`` (batch,) about its centre pixel."""
    cos, sin = ops.reshape(ops.cos(radians), (-1, 1)), ops.reshape(ops.sin(radians), (-1, 1))
    center_x, center_y = (width - 1) / 2.0, (height - 1) / 2.0
    shift_x = center_x - center_x * cos + center_y * sin
    shift_y = center_y - center_x * sin - center_y * cos
    return matrix([cos, -sin, shift_x, sin, cos, shift_y])
