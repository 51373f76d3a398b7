"""``GaussianDropout``: multiplicative 1-centred Gaussian noise during training.

Its variance ``rate / (1 - rate)`` matches that of inverted dropout with the same rate,
without zeroing any unit.
"""

import math

from frontend import ops, random
from frontend.layers.layer import Layer
from frontend.layers.regularization.dropout import check_rate
from frontend.random.seed_generator import SeedGenerator


class GaussianDropout(Layer):
    """``inputs * N(1, sqrt(rate / (1 - rate)))`` when ``training=True``; inputs unchanged otherwise."""

    def __init__(self, rate, seed=None, **kwargs):
        super().__init__(**kwargs)
        check_rate("GaussianDropout", rate, allow_one=False)
        self.rate = rate
        self.seed = seed
        if rate > 0:
            self.seed_generator = SeedGenerator(seed)
        self.supports_masking = True
        self.built = True

    def call(self, inputs, training=False):
        if not training or self.rate == 0:
            return inputs
        stddev = math.sqrt(self.rate / (1.0 - self.rate))
        noise = random.normal(ops.shape(inputs), mean=1.0, stddev=stddev, dtype=self.compute_dtype,
                              seed=self.seed_generator)
        return ops.multiply(inputs, noise)

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return {**super().get_config(), "rate": self.rate, "seed": self.seed}
