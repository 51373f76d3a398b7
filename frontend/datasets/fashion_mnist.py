"""Fashion-MNIST: 70,000 grayscale 28x28 images of 10 kinds of clothing (Zalando SE, MIT license).

Labels: 0 T-shirt/top, 1 Trouser, 2 Pullover, 3 Dress, 4 Coat, 5 Sandal, 6 Shirt, 7 Sneaker,
8 Bag, 9 Ankle boot.
"""

import gzip
import os

import numpy as np

from frontend.datasets import _remote

_LABELS_MAGIC, _IMAGES_MAGIC = 2049, 2051  # IDX headers: ubyte data with 1 or 3 dimensions


def _read_idx(path, magic):
    """The uint8 array of a gzip'ed IDX file: a big-endian magic number, the sizes, then the bytes."""
    with gzip.open(path, "rb") as file:
        raw = bytearray(file.read())
    ndim = magic - 2048
    header = np.frombuffer(raw, dtype=">u4", count=1 + ndim) if len(raw) >= 4 * (1 + ndim) else None
    if header is None or header[0] != magic or len(raw) != 4 * (1 + ndim) + int(np.prod(header[1:])):
        raise ValueError(
            f"fashion_mnist.load_data: {path} is not an IDX file of {ndim}-dimensional uint8 data "
            f"(expected magic {magic} and matching sizes)"
        )
    return np.frombuffer(raw, dtype=np.uint8, offset=4 * (1 + ndim)).reshape(tuple(int(n) for n in header[1:]))


def load_data():
    """Returns ``(x_train, y_train), (x_test, y_test)``, downloading the four IDX files once.

    ``x_*`` are uint8 images ``(60000, 28, 28)`` / ``(10000, 28, 28)``, ``y_*`` uint8 labels 0..9.
    The files are cached in ``<frontend.config.config_dir()>/datasets/fashion-mnist``.
    """
    subdir = os.path.join("datasets", "fashion-mnist")
    arrays = []
    for prefix in ("train", "t10k"):
        images = _remote.fetch(f"{prefix}-images-idx3-ubyte.gz", cache_subdir=subdir)
        labels = _remote.fetch(f"{prefix}-labels-idx1-ubyte.gz", cache_subdir=subdir)
        arrays.append((_read_idx(images, _IMAGES_MAGIC), _read_idx(labels, _LABELS_MAGIC)))
    return arrays[0], arrays[1]
