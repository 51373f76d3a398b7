"""Shared base of RandomRotation, RandomZoom and RandomTranslation: draw, build matrices, resample."""

from frontend import ops
from frontend.layers.preprocessing.affine_sampler import FILL_MODES, INTERPOLATIONS, affine_transform
from frontend.layers.preprocessing.image_layer import ImageLayer
from frontend.random.seed_generator import SeedGenerator


class RandomAffineLayer(ImageLayer):
    """Transforms each image by a random affine map while training; identity otherwise.

    Subclasses write ``transforms(batch_size, height, width)`` returning a (batch, 8)
    tensor in the format of ``affine_sampler``.
    """

    def __init__(self, fill_mode="reflect", interpolation="bilinear", seed=None, fill_value=0.0, data_format=None,
                 **kwargs):
        super().__init__(data_format=data_format, **kwargs)
        name = type(self).__name__
        if fill_mode not in FILL_MODES:
            raise NotImplementedError(f"{name}: unknown fill_mode {fill_mode!r}, expected one of {FILL_MODES}")
        if interpolation not in INTERPOLATIONS:
            raise NotImplementedError(
                f"{name}: unknown interpolation {interpolation!r}, expected one of {INTERPOLATIONS}")
        self.fill_mode = fill_mode
        self.interpolation = interpolation
        self.fill_value = fill_value
        self.seed = seed
        self.seed_generator = SeedGenerator(seed)

    def call(self, inputs, training=True):
        images = ops.cast(inputs, self.compute_dtype)
        if not training:
            return images
        unbatched = len(ops.shape(images)) == 3
        if unbatched:
            images = ops.expand_dims(images, 0)
        height, width = self.image_size(ops.shape(images))
        transforms = self.transforms(ops.shape(images)[0], height, width)
        outputs = affine_transform(images, transforms, self.interpolation, self.fill_mode, self.fill_value,
                                   self.data_format)
        return ops.squeeze(outputs, 0) if unbatched else outputs

    def get_config(self):
        config = super().get_config()
        config.update({"fill_mode": self.fill_mode, "interpolation": self.interpolation, "seed": self.seed,
                       "fill_value": self.fill_value})
        return config


def symmetric_range(factor, layer_name, argument, open_below=False):
    """(lower, upper) from ``f`` (giving (-f, f)) or a pair, each value in [-1, 1] ((-1, 1] if ``open_below``)."""
    interval = "(-1.0, 1.0]" if open_below else "[-1.0, 1.0]"
    message = f"{layer_name}: `{argument}` must be a number or a pair of numbers in {interval}, received {factor!r}"

    def check(value):
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            raise ValueError(message)
        if value > 1.0 or value < -1.0 or (open_below and value == -1.0):
            raise ValueError(message)

    if isinstance(factor, (tuple, list)):
        if len(factor) != 2:
            raise ValueError(message)
        check(factor[0])
        check(factor[1])
        lower, upper = sorted(factor)
        return lower, upper
    check(factor)
    return -abs(factor), abs(factor)


def matrix(columns):
    """Stack per-image (batch, 1) columns of the 6 affine coefficients into (batch, 8)."""
    batch = ops.shape(columns[0])[0]
    columns = [ops.cast(c, "float32") for c in columns]
    return ops.concatenate(columns + [ops.zeros((batch, 2), "float32")], axis=1)
