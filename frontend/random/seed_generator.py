"""Seeds as state: a SeedGenerator hands out a fresh (2,) int32 seed per draw.

Random primitives are pure functions of a seed tensor; a SeedGenerator keeps the
counter in a non-trainable Variable, so a compiled step that draws random numbers
advances it through the StatelessScope like any other state.
"""

import random as python_random

import numpy as np

from frontend.backends import active as B
from frontend.core.variable import Variable
from frontend.ops import tensors

_SEED_RANGE = 2**31 - 1


class SeedGenerator:
    """Source of seeds for random ops. ``seed=None`` picks one from Python's RNG."""

    def __init__(self, seed=None, name=None, **kwargs):
        if seed is None:
            seed = python_random.randint(0, _SEED_RANGE)
        if not isinstance(seed, (int, np.integer)) or isinstance(seed, bool):
            raise ValueError(f"SeedGenerator: seed must be an int or None, received {seed!r}")
        self._initial_seed = int(seed) % _SEED_RANGE
        self.state = Variable(
            np.array([self._initial_seed, 0], dtype="int32"),
            dtype="int32",
            trainable=False,
            name=name or "seed_generator_state",
        )
        self._counter_step = tensors.tensor(np.array([0, 1], dtype="int32"))  # made once: steps compile it as a constant

    def next(self, ordered=True):
        """The current seed tensor; the counter advances for the next draw."""
        advanced = B.add(self.state.value, self._counter_step)
        self.state.assign(advanced)
        return B.subtract(advanced, self._counter_step)  # a fresh tensor: on torch the state is updated in place

    def get_config(self):
        return {"seed": self._initial_seed}

    @classmethod
    def from_config(cls, config):
        return cls(**config)


_global = {"generator": None}


def global_seed_generator(create=True):
    """The generator behind ``seed=None``; ``set_random_seed`` replaces it.

    ``create=False`` returns None rather than make it (making one draws from Python's RNG).
    """
    if _global["generator"] is None and create:
        _global["generator"] = SeedGenerator(name="global_seed_generator")
    return _global["generator"]


def reset_global_seed_generator(seed):
    _global["generator"] = SeedGenerator(seed, name="global_seed_generator")


def draw_seed(seed):
    """A seed tensor from an int (fixed), a SeedGenerator (advancing) or None (the global generator)."""
    if isinstance(seed, SeedGenerator):
        return seed.next()
    if seed is None:
        return global_seed_generator().next()
    if isinstance(seed, (int, np.integer)) and not isinstance(seed, bool):
        words = (tensors.tensor(int(seed) % _SEED_RANGE, "int32"), tensors.tensor(0, "int32"))
        return B.stack(words, 0)  # from Python ints, no NumPy array: torch.compile traces it
    if B.is_tensor(seed):
        return tensors.tensor(seed, "int32")
    raise ValueError(f"random: seed must be an int, a SeedGenerator or None, received {seed!r}")
