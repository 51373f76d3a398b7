"""``frontend.utils``: helpers users call directly."""

from frontend.utils.random_seed import set_random_seed
from frontend.utils.py_dataset import PyDataset, Sequence
