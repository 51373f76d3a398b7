"""CIFAR-10: 60,000 color 32x32 images in 10 classes (A. Krizhevsky, 2009).

Labels: 0 airplane, 1 automobile, 2 bird, 3 cat, 4 deer, 5 dog, 6 frog, 7 horse, 8 ship, 9 truck.
"""

import os

import numpy as np

from frontend.datasets import _cifar, _remote


def load_data():
    """Returns ``(x_train, y_train), (x_test, y_test)``, downloading ``cifar-10-python.tar.gz`` once.

    ``x_*`` are uint8 images ``(50000, 32, 32, 3)`` / ``(10000, 32, 32, 3)`` (channels first,
    ``(N, 3, 32, 32)``, when ``frontend.config.image_data_format()`` is ``"channels_first"``),
    ``y_*`` uint8 labels 0..9 of shape ``(N, 1)``.
    """
    folder = _remote.fetch("cifar-10-python.tar.gz", fname="cifar-10-batches-py-target", extract=True)
    folder = os.path.join(folder, "cifar-10-batches-py")
    train = [_cifar.load_batch(os.path.join(folder, f"data_batch_{i}")) for i in range(1, 6)]
    test_images, test_labels = _cifar.load_batch(os.path.join(folder, "test_batch"))
    x_train = np.concatenate([images for images, _ in train])
    y_train = np.concatenate([np.asarray(labels, dtype=np.uint8) for _, labels in train]).reshape(-1, 1)
    y_test = np.asarray(test_labels, dtype=np.uint8).reshape(-1, 1)
    return (_cifar.to_image_data_format(x_train), y_train), (_cifar.to_image_data_format(test_images), y_test)
