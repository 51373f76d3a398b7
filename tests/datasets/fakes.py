"""Tiny stand-ins for the real dataset files, built in the same formats."""

import gzip
import io
import pickle
import struct
import tarfile

import numpy as np


def npz_bytes(**arrays):
    """An ``.npz`` file; object arrays are stored as NumPy pickles, as in imdb.npz and reuters.npz."""
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    return buffer.getvalue()


def object_array(sequences):
    array = np.empty(len(sequences), dtype=object)
    for position, sequence in enumerate(sequences):
        array[position] = list(sequence)
    return array


def idx_gz_bytes(array):
    """A gzip'ed IDX file of uint8 data (magic 0x0801 + ndim - 1, then big-endian sizes)."""
    header = struct.pack(">I", 2048 + array.ndim) + struct.pack(f">{array.ndim}I", *array.shape)
    return gzip.compress(header + array.astype(np.uint8).tobytes())


def tar_gz_bytes(members):
    """A .tar.gz holding ``{name: bytes}``."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def cifar_batch_bytes(images, **labels):
    """A CIFAR "python version" batch: a protocol-2 pickle of a dict with bytes keys, rows of 3072 bytes."""
    batch = {b"batch_label": b"testing batch", b"data": images.reshape(len(images), -1)}
    batch[b"filenames"] = [b"x.png"] * len(images)
    batch.update({key.encode(): value for key, value in labels.items()})
    return pickle.dumps(batch, protocol=2)


def cifar_images(count, start):
    """``count`` distinct (3, 32, 32) uint8 images; image ``i`` holds ``start + i`` in channel 0, etc."""
    images = np.zeros((count, 3, 32, 32), dtype=np.uint8)
    for i in range(count):
        images[i, 0], images[i, 1], images[i, 2] = start + i, 100 + start + i, 200 + i
    images[:, 0, 0, 1] = 7  # marks pixel (row 0, column 1) of channel 0
    return images
