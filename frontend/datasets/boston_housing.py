"""Boston housing prices: 506 districts, 13 features, target in k$ (StatLib, CMU).

Warning: one feature ("B") encodes an assumption about racial self-segregation; use this
dataset only to illustrate such problems. ``california_housing`` is the suggested replacement.
"""

import numpy as np

from frontend.datasets import _remote, _split


def load_data(path="boston_housing.npz", test_split=0.2, seed=113):
    """Returns ``(x_train, y_train), (x_test, y_test)``, downloading ``boston_housing.npz`` once.

    ``x_*``: float arrays ``(N, 13)``; ``y_*``: float prices ``(N,)``. The rows are shuffled
    with ``seed`` and the first ``int(506 * (1 - test_split))`` are for training.
    """
    _split.check_test_split("boston_housing.load_data", test_split)
    with np.load(_remote.fetch("boston_housing.npz", fname=path), allow_pickle=False) as data:
        x, y = data["x"], data["y"]
    return _split.shuffle_split(x, y, test_split, seed)
