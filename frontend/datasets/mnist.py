"""MNIST: 70,000 grayscale 28x28 images of handwritten digits (Y. LeCun and C. Cortes, CC BY-SA 3.0)."""

import numpy as np

from frontend.datasets import _remote


def load_data(path="mnist.npz"):
    """Returns ``(x_train, y_train), (x_test, y_test)``, downloading ``mnist.npz`` once.

    ``x_*`` are uint8 images ``(60000, 28, 28)`` / ``(10000, 28, 28)`` in 0..255, ``y_*`` uint8
    labels 0..9 of shape ``(60000,)`` / ``(10000,)``. ``path`` is the file name in the cache
    (``<frontend.config.config_dir()>/datasets``). See ``frontend.datasets`` for mirrors.
    """
    local = _remote.fetch("mnist.npz", fname=path)
    with np.load(local, allow_pickle=False) as data:
        return (data["x_train"], data["y_train"]), (data["x_test"], data["y_test"])
