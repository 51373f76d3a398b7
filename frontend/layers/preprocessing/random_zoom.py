"""``RandomZoom``: zoom each image in or out about its centre by a random amount while training."""

from frontend import ops, random
from frontend.layers.preprocessing.random_affine import RandomAffineLayer, matrix, symmetric_range


class RandomZoom(RandomAffineLayer):
    """Zoom by ``1 + f`` with ``f`` drawn from ``height_factor`` (and ``width_factor``).

    Positive factors zoom out (the picture shrinks), negative ones zoom in. Without
    ``width_factor`` the aspect ratio is kept.
    """

    def __init__(self, height_factor, width_factor=None, fill_mode="reflect", interpolation="bilinear", seed=None,
                 fill_value=0.0, data_format=None, **kwargs):
        super().__init__(fill_mode=fill_mode, interpolation=interpolation, seed=seed, fill_value=fill_value,
                         data_format=data_format, **kwargs)
        self.height_factor = height_factor
        self.width_factor = width_factor
        self.height_range = symmetric_range(height_factor, "RandomZoom", "height_factor", open_below=True)
        self.width_range = None
        if width_factor is not None:
            self.width_range = symmetric_range(width_factor, "RandomZoom", "width_factor", open_below=True)

    def transforms(self, batch_size, height, width):
        height_zoom = random.uniform((batch_size, 1), 1.0 + self.height_range[0], 1.0 + self.height_range[1],
                                     seed=self.seed_generator, dtype="float32")
        width_zoom = height_zoom
        if self.width_range is not None:
            width_zoom = random.uniform((batch_size, 1), 1.0 + self.width_range[0], 1.0 + self.width_range[1],
                                        seed=self.seed_generator, dtype="float32")
        return zoom_matrix(height_zoom, width_zoom, height, width)

    def get_config(self):
        config = super().get_config()
        config.update({"height_factor": self.height_factor, "width_factor": self.width_factor})
        return config


def zoom_matrix(height_zoom, width_zoom, height, width):
    """Transforms scaling sampling coordinates by the (batch, 1) zooms about the image centre."""
    zeros = ops.zeros_like(height_zoom)
    shift_x = (width - 1) / 2.0 * (1.0 - width_zoom)
    shift_y = (height - 1) / 2.0 * (1.0 - height_zoom)
    return matrix([width_zoom, zeros, shift_x, zeros, height_zoom, shift_y])
