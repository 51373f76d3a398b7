"""``frontend.datasets``: small datasets as NumPy arrays, loaded the way Keras loads them.

``digits`` ships with frontend. The others are downloaded once from Keras 3's servers into
``<frontend.config.config_dir()>/datasets`` (``~/.frontend/datasets``), checked against pinned
hashes, and read without unrestricted pickle. To download from a mirror instead (a flat
folder of the files under their canonical names, e.g. ``mnist.npz``,
``cifar-10-python.tar.gz``), set ``FRONTEND_DATASETS_ORIGIN`` to its ``http(s)://`` or
``file://`` URL.
"""

from frontend.datasets import (
    boston_housing,
    california_housing,
    cifar10,
    cifar100,
    digits,
    fashion_mnist,
    imdb,
    mnist,
    reuters,
)
