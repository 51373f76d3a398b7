"""``RandomContrast``: scale each image's deviation from its mean by a random factor while training."""

from frontend import ops, random
from frontend.layers.preprocessing.image_layer import ImageLayer, factor_range
from frontend.random.seed_generator import SeedGenerator


class RandomContrast(ImageLayer):
    """``(x - mean) * c + mean`` per image and channel, clipped to ``value_range``.

    ``c`` is drawn from ``[1 - lower, 1 + upper]`` where ``(lower, upper)`` is the
    factor range. As in Keras 3, a single number ``f`` gives the range ``(0, f)``,
    so contrast is only ever increased; pass a pair for both directions.
    """

    def __init__(self, factor, value_range=(0, 255), seed=None, **kwargs):
        super().__init__(**kwargs)
        self.factor = factor_range(factor, (0, 1), "RandomContrast")
        if not isinstance(value_range, (tuple, list)) or len(value_range) != 2 or value_range[0] > value_range[1]:
            raise ValueError(f"RandomContrast: value_range must be a pair (low, high) with low <= high, "
                             f"received {value_range!r}")
        self.value_range = tuple(value_range)  # a tuple, as a config read back from JSON gives it
        self.seed = seed
        self.seed_generator = SeedGenerator(seed)

    def call(self, inputs, training=True):
        images = ops.cast(inputs, self.compute_dtype)
        if not training:
            return images
        shape = ops.shape(images)
        batch = (shape[0],) if len(shape) == 4 else ()
        contrast = random.uniform(batch + (1, 1, 1), 1.0 - self.factor[0], 1.0 + self.factor[1],
                                  dtype=self.compute_dtype, seed=self.seed_generator)
        height_axis, width_axis = self.spatial_axes(len(shape))
        mean = ops.mean(images, axis=(height_axis, width_axis), keepdims=True)
        outputs = (images - mean) * contrast + mean
        return ops.clip(outputs, self.value_range[0], self.value_range[1])

    def get_config(self):
        config = super().get_config()
        config.update({"factor": self.factor, "value_range": self.value_range, "seed": self.seed})
        return config
