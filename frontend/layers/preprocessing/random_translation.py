"""``RandomTranslation``: shift each image by a random fraction of its size while training."""

from frontend import ops, random
from frontend.layers.preprocessing.random_affine import RandomAffineLayer, matrix, symmetric_range


class RandomTranslation(RandomAffineLayer):
    """Shift by ``f * height`` rows and ``g * width`` columns, ``f`` and ``g`` drawn from the factors.

    Positive factors move the picture down and to the right.
    """

    def __init__(self, height_factor, width_factor, fill_mode="reflect", interpolation="bilinear", seed=None,
                 fill_value=0.0, data_format=None, **kwargs):
        super().__init__(fill_mode=fill_mode, interpolation=interpolation, seed=seed, fill_value=fill_value,
                         data_format=data_format, **kwargs)
        self.height_factor = height_factor
        self.width_factor = width_factor
        self.height_range = symmetric_range(height_factor, "RandomTranslation", "height_factor")
        self.width_range = symmetric_range(width_factor, "RandomTranslation", "width_factor")

    def transforms(self, batch_size, height, width):
        shift_y = random.uniform((batch_size, 1), self.height_range[0], self.height_range[1],
                                 seed=self.seed_generator, dtype="float32") * height
        shift_x = random.uniform((batch_size, 1), self.width_range[0], self.width_range[1],
                                 seed=self.seed_generator, dtype="float32") * width
        return translation_matrix(shift_y, shift_x)

    def get_config(self):
        config = super().get_config()
        config.update({"height_factor": self.height_factor, "width_factor": self.width_factor})
        return config


def translation_matrix(shift_y, shift_x):
    """Transforms moving the picture by (batch, 1) shifts in pixels (down, right)."""
    ones, zeros = ops.ones_like(shift_x), ops.zeros_like(shift_x)
    return matrix([ones, zeros, -shift_x, zeros, ones, -shift_y])
