"""``frontend.random``: seeded random draws and the SeedGenerator."""

from frontend.random.ops import (
    beta,
    binomial,
    categorical,
    dropout,
    gamma,
    normal,
    randint,
    shuffle,
    truncated_normal,
    uniform,
)
from frontend.random.seed_generator import SeedGenerator
