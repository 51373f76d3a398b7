"""The shuffle-and-split shared by the housing datasets, in Keras 3's order."""

import numpy as np


def check_test_split(function, test_split):
    if not 0 <= test_split < 1:
        raise ValueError(f"{function}: test_split must be in [0, 1); received {test_split!r}")


def shuffle_split(x, y, test_split, seed):
    """Shuffle ``x``/``y`` with ``np.random.RandomState(seed)``; the first ``int(n * (1 - test_split))`` train."""
    order = np.random.RandomState(seed).permutation(len(x))
    x, y = x[order], y[order]
    train_count = int(len(x) * (1 - test_split))
    return (x[:train_count], y[:train_count]), (x[train_count:], y[train_count:])
