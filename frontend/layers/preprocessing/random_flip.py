"""``RandomFlip``: mirror images left-right and/or upside down at random while training."""

from frontend import ops, random
from frontend.layers.preprocessing.image_layer import ImageLayer
from frontend.random.seed_generator import SeedGenerator

_MODES = ("horizontal", "vertical", "horizontal_and_vertical")


class RandomFlip(ImageLayer):
    """Each image is flipped with probability 1/2.

    In "horizontal_and_vertical" mode one draw per image decides both flips (as in
    Keras), so an image is either turned by 180 degrees or left as it is.
    """

    def __init__(self, mode="horizontal_and_vertical", seed=None, data_format=None, **kwargs):
        super().__init__(data_format=data_format, **kwargs)
        if mode not in _MODES:
            raise ValueError(f"RandomFlip: mode must be one of {_MODES}, received mode={mode!r}")
        self.mode = mode
        self.seed = seed
        self.seed_generator = SeedGenerator(seed)

    def call(self, inputs, training=True):
        images = ops.cast(inputs, self.compute_dtype)
        if not training:
            return images
        shape = ops.shape(images)
        batch = (shape[0],) if len(shape) == 4 else ()
        flips = random.uniform(batch + (1, 1, 1), seed=self.seed_generator) <= 0.5
        height_axis, width_axis = self.spatial_axes(len(shape))
        if self.mode in ("horizontal", "horizontal_and_vertical"):
            images = ops.where(flips, ops.flip(images, axis=width_axis), images)
        if self.mode in ("vertical", "horizontal_and_vertical"):
            images = ops.where(flips, ops.flip(images, axis=height_axis), images)
        return images

    def get_config(self):
        config = super().get_config()
        config.update({"seed": self.seed, "mode": self.mode})
        return config
