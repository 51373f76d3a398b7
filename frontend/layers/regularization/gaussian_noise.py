"""``GaussianNoise``: additive zero-mean noise during training, a regularizer for real inputs."""

from frontend import ops, random
from frontend.layers.layer import Layer
from frontend.layers.regularization.dropout import check_rate
from frontend.random.seed_generator import SeedGenerator


class GaussianNoise(Layer):
    """``inputs + N(0, stddev)`` when ``training=True``; inputs unchanged otherwise."""

    def __init__(self, stddev, seed=None, **kwargs):
        super().__init__(**kwargs)
        check_rate("GaussianNoise", stddev, "stddev")
        self.stddev = stddev
        self.seed = seed
        if stddev > 0:
            self.seed_generator = SeedGenerator(seed)
        self.supports_masking = True
        self.built = True

    def call(self, inputs, training=False):
        if not training or self.stddev == 0:
            return inputs
        noise = random.normal(ops.shape(inputs), mean=0.0, stddev=self.stddev, dtype=self.compute_dtype,
                              seed=self.seed_generator)
        return ops.add(inputs, noise)

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return {**super().get_config(), "stddev": self.stddev, "seed": self.seed}
