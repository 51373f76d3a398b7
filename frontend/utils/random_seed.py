"""One call to make a run reproducible."""

import random

import numpy as np

from frontend.random.initializer_seeds import reset_initializer_seeds
from frontend.random.seed_generator import reset_global_seed_generator


def set_random_seed(seed):
    """Seed Python's and NumPy's RNGs, the global SeedGenerator and the initializer seed stream."""
    if not isinstance(seed, int) or isinstance(seed, bool) or seed < 0:
        raise ValueError(f"set_random_seed: seed must be a non-negative int, received {seed!r}")
    random.seed(seed)
    np.random.seed(seed % 2**32)
    reset_global_seed_generator(seed)
    reset_initializer_seeds(seed)
