"""California housing prices: 20,640 census block groups of 1990, 8 features, target in dollars (StatLib).

Features: MedInc, HouseAge, AveRooms, AveBedrms, Population, AveOccup, Latitude, Longitude.
"""

import numpy as np

from frontend.datasets import _remote, _split

_VERSIONS = {"large": None, "small": 600}


def load_data(version="large", path="california_housing.npz", test_split=0.2, seed=113):
    """Returns ``(x_train, y_train), (x_test, y_test)``, downloading ``california_housing.npz`` once.

    ``version="small"`` keeps the first 600 rows (a stand-in for ``boston_housing``),
    ``"large"`` all 20,640. ``x_*``: float arrays ``(N, 8)``; ``y_*``: float prices ``(N,)``.
    The rows are shuffled with ``seed`` and the first ``int(N * (1 - test_split))`` train.
    """
    if version not in _VERSIONS:
        raise ValueError(
            f"california_housing.load_data: version must be one of {tuple(_VERSIONS)}; received {version!r}"
        )
    _split.check_test_split("california_housing.load_data", test_split)
    with np.load(_remote.fetch("california_housing.npz", fname=path), allow_pickle=False) as data:
        x, y = data["x"][: _VERSIONS[version]], data["y"][: _VERSIONS[version]]
    return _split.shuffle_split(x, y, test_split, seed)
