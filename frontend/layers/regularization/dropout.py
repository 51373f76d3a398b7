"""``Dropout``: during training, zero a random fraction ``rate`` of inputs and rescale the rest."""

import numbers

from frontend import ops, random
from frontend.layers.layer import Layer
from frontend.random.seed_generator import SeedGenerator


def check_rate(layer, rate, argument="rate", allow_one=True):
    """``rate`` must be a number in [0, 1] (or [0, 1) where 1 would divide by zero)."""
    number = isinstance(rate, numbers.Real) and not isinstance(rate, bool)
    if not number or not (0 <= rate <= 1 if allow_one else 0 <= rate < 1):
        interval = "[0, 1]" if allow_one else "[0, 1)"
        raise ValueError(f"{layer}: {argument} must be a number in {interval}, received {argument}={rate!r}")


def _standardize_noise_shape(noise_shape):
    if noise_shape is None:
        return None
    if isinstance(noise_shape, str) or not hasattr(noise_shape, "__iter__"):
        raise ValueError(f"Dropout: noise_shape must be a tuple of ints or None, received noise_shape={noise_shape!r}")
    noise_shape = tuple(noise_shape)
    for dim in noise_shape:
        if dim is not None and (not isinstance(dim, int) or isinstance(dim, bool) or dim <= 0):
            raise ValueError(
                f"Dropout: noise_shape entries must be positive ints or None, received noise_shape={noise_shape!r}"
            )
    return noise_shape


class Dropout(Layer):
    """Inverted dropout, active only when ``training=True``; inference returns inputs unchanged.

    ``noise_shape`` drops whole slices: size 1 on an axis shares one draw along it, None
    takes the input's size.
    """

    def __init__(self, rate, noise_shape=None, seed=None, **kwargs):
        super().__init__(**kwargs)
        check_rate(type(self).__name__, rate)
        self.rate = rate
        self.seed = seed
        self.noise_shape = _standardize_noise_shape(noise_shape)
        if rate > 0:
            self.seed_generator = SeedGenerator(seed)
        self.supports_masking = True
        self.built = True

    def _noise_shape(self, inputs):
        return self.noise_shape

    def call(self, inputs, training=False):
        if not training or self.rate == 0:
            return inputs
        if self.rate >= 1:
            return ops.zeros_like(inputs)
        return random.dropout(inputs, self.rate, noise_shape=self._noise_shape(inputs), seed=self.seed_generator)

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return {**super().get_config(), "rate": self.rate, "seed": self.seed, "noise_shape": self.noise_shape}
