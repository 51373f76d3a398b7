"""CIFAR-100: 60,000 color 32x32 images in 100 fine classes grouped in 20 coarse ones (A. Krizhevsky, 2009)."""

import os

import numpy as np

from frontend.datasets import _cifar, _remote

_LABEL_MODES = ("fine", "coarse")


def load_data(label_mode="fine"):
    """Returns ``(x_train, y_train), (x_test, y_test)``, downloading ``cifar-100-python.tar.gz`` once.

    ``label_mode`` is ``"fine"`` (labels 0..99) or ``"coarse"`` (the 20 superclasses, 0..19).
    ``x_*`` are uint8 images ``(50000, 32, 32, 3)`` / ``(10000, 32, 32, 3)`` (``(N, 3, 32, 32)``
    under ``channels_first``), ``y_*`` int64 labels of shape ``(N, 1)`` (as Keras returns them).
    """
    if label_mode not in _LABEL_MODES:
        raise ValueError(f"cifar100.load_data: label_mode must be one of {_LABEL_MODES}; received {label_mode!r}")
    folder = _remote.fetch("cifar-100-python.tar.gz", fname="cifar-100-python-target", extract=True)
    splits = []
    for split in ("train", "test"):
        images, labels = _cifar.load_batch(os.path.join(folder, "cifar-100-python", split), f"{label_mode}_labels")
        splits.append((_cifar.to_image_data_format(images), np.asarray(labels, dtype=np.int64).reshape(-1, 1)))
    return splits[0], splits[1]
