"""Reading CIFAR's "python version" batches, shared by ``cifar10`` and ``cifar100``."""

import numpy as np

from frontend import config
from frontend.datasets._safe_pickle import load_pickle


def load_batch(path, label_key="labels"):
    """``(images, labels)`` of one pickled batch: uint8 images ``(N, 3, 32, 32)`` and the label list."""
    batch = {key.decode("utf-8") if isinstance(key, bytes) else key: value
             for key, value in load_pickle(path, encoding="bytes").items()}
    if "data" not in batch or label_key not in batch:
        raise ValueError(
            f"{path}: not a CIFAR batch; expected the keys 'data' and {label_key!r}, found {sorted(batch)}"
        )
    data = np.asarray(batch["data"], dtype=np.uint8)
    return data.reshape(len(data), 3, 32, 32), batch[label_key]


def to_image_data_format(images):
    """CIFAR stores channels first; transpose to ``(N, 32, 32, 3)`` when the format is ``channels_last``."""
    return images.transpose(0, 2, 3, 1) if config.image_data_format() == "channels_last" else images
