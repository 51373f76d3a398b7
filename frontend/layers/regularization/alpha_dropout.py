"""``AlphaDropout``: dropout for SELU networks that keeps the mean and variance of the inputs.

Dropped units are set to SELU's negative saturation value instead of 0, then an affine
correction restores zero mean and unit variance (Klambauer et al., 2017).
"""

from frontend import ops, random
from frontend.layers.layer import Layer
from frontend.layers.regularization.dropout import check_rate
from frontend.random.seed_generator import SeedGenerator

_SELU_ALPHA = 1.6732632423543772848170429916717
_SELU_SCALE = 1.0507009873554804934193349852946


class AlphaDropout(Layer):
    """Self-normalizing dropout, active only when ``training=True``."""

    def __init__(self, rate, noise_shape=None, seed=None, **kwargs):
        super().__init__(**kwargs)
        check_rate("AlphaDropout", rate, allow_one=False)
        self.rate = rate
        self.seed = seed
        self.noise_shape = noise_shape
        if rate > 0:
            self.seed_generator = SeedGenerator(seed)
        self.supports_masking = True
        self.built = True

    def call(self, inputs, training=False):
        if not training or self.rate == 0:
            return inputs
        input_shape = ops.shape(inputs)
        shape = input_shape if self.noise_shape is None else tuple(
            size if dim is None else dim for dim, size in zip(self.noise_shape, input_shape)
        )
        dtype = ops.dtype(inputs)
        kept = ops.cast(ops.greater_equal(random.uniform(shape, seed=self.seed_generator), self.rate), dtype)
        saturation = -_SELU_ALPHA * _SELU_SCALE
        scale = ((1 - self.rate) * (1 + self.rate * saturation**2)) ** -0.5
        shift = -scale * saturation * self.rate
        dropped = ops.add(ops.multiply(inputs, kept), ops.multiply(saturation, ops.subtract(1.0, kept)))
        return ops.add(ops.multiply(dropped, scale), shift)

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return {**super().get_config(), "rate": self.rate, "seed": self.seed, "noise_shape": self.noise_shape}
