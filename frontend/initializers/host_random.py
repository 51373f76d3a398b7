"""Engine-independent random draws for initializers: NumPy's PCG64 on the host, in float64.

Every engine receives the same array, so one seed gives bit-identical weights on torch,
jax and tensorflow.
"""

import numpy as np

from frontend import ops
from frontend.random.initializer_seeds import next_initializer_seed
from frontend.random.seed_generator import SeedGenerator

_SEED_MODULUS = 2**64


def generator(seed):
    """A NumPy Generator for one draw.

    An int seed always gives the same stream; ``None`` takes the next seed of the global
    initializer stream (reset by ``set_random_seed``); a SeedGenerator contributes its
    current state and advances, so successive draws differ but replay from the same seed.
    """
    if seed is None:
        entropy = next_initializer_seed()
    elif isinstance(seed, SeedGenerator):
        entropy = [int(v) % _SEED_MODULUS for v in ops.convert_to_numpy(seed.next())]
    else:
        entropy = int(seed) % _SEED_MODULUS
    return np.random.Generator(np.random.PCG64(entropy))


def normal(rng, shape, mean, stddev):
    return mean + stddev * rng.standard_normal(shape)


def uniform(rng, shape, minval, maxval):
    return rng.uniform(minval, maxval, shape)


def truncated_normal(rng, shape, mean, stddev):
    """Normal draws with every value beyond two standard deviations drawn again."""
    values = rng.standard_normal(shape)
    outside = np.abs(values) > 2.0
    while outside.any():
        values[outside] = rng.standard_normal(int(outside.sum()))
        outside = np.abs(values) > 2.0
    return mean + stddev * values
