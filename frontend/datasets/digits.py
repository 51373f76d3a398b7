"""The handwritten-digits dataset shipped with frontend: 1,797 images of 8x8 pixels, no download.

The data are the UCI "Optical Recognition of Handwritten Digits" test set (E. Alpaydin and
C. Kaynak, 1998, CC BY 4.0): 32x32 bitmaps counted in 4x4 blocks, so each pixel is 0..16.
"""

import os

import numpy as np

_DATA_FILE = os.path.join(os.path.dirname(__file__), "data", "digits.npz")


def load_data(test_split=0.2, seed=113):
    """Returns ``(x_train, y_train), (x_test, y_test)``: uint8 images (N, 8, 8) in 0..16 and
    uint8 labels 0..9, shuffled with ``seed`` and split so ``test_split`` of them are for testing."""
    if not 0.0 <= test_split < 1.0:
        raise ValueError(f"frontend.datasets.digits.load_data: test_split must be in [0, 1); received {test_split!r}")
    with np.load(_DATA_FILE, allow_pickle=False) as data:
        images, labels = data["images"], data["labels"]
    order = np.random.default_rng(seed).permutation(len(labels))
    images, labels = images[order], labels[order]
    train_count = len(labels) - int(round(len(labels) * test_split))
    return (images[:train_count], labels[:train_count]), (images[train_count:], labels[train_count:])
