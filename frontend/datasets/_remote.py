"""Where each dataset file comes from, its pinned hash, and the mirror switch.

Every file is fetched from ``<base>/<file name>``. The base is the canonical one below (the
same servers Keras 3 uses) unless the environment variable ``FRONTEND_DATASETS_ORIGIN`` is
set: then every file comes from ``$FRONTEND_DATASETS_ORIGIN/<file name>`` instead, so a
mirror is one flat folder holding the files under their canonical names (an ``http(s)://``
or ``file://`` URL; read at each call). The pinned hashes still apply to a mirror, so it can
speed up or replace the download but cannot change the data.
"""

import collections
import os

from frontend.utils.file_download import get_file

ORIGIN_ENV = "FRONTEND_DATASETS_ORIGIN"
KERAS_BASE = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/"
CIFAR_BASE = "https://www.cs.toronto.edu/~kriz/"

RemoteFile = collections.namedtuple("RemoteFile", ["base", "file_hash"])
"""A canonical base URL and the file's sha256 or md5 (``None``: Keras pins none for it)."""

KNOWN_FILES = {
    "mnist.npz": RemoteFile(
        KERAS_BASE, "731c5ac602752760c8e48fbffcf8c3b850d9dc2a2aedcf2cc48468fc17b673d1"
    ),
    "train-labels-idx1-ubyte.gz": RemoteFile(KERAS_BASE, None),
    "train-images-idx3-ubyte.gz": RemoteFile(KERAS_BASE, None),
    "t10k-labels-idx1-ubyte.gz": RemoteFile(KERAS_BASE, None),
    "t10k-images-idx3-ubyte.gz": RemoteFile(KERAS_BASE, None),
    "cifar-10-python.tar.gz": RemoteFile(
        CIFAR_BASE, "6d958be074577803d12ecdefd02955f39262c83c16fe9348329d7fe0b5c001ce"
    ),
    "cifar-100-python.tar.gz": RemoteFile(
        CIFAR_BASE, "85cd44d02ba6437773c5bbd22e183051d648de2e7d6b014e1ef29b855ba677a7"
    ),
    "imdb.npz": RemoteFile(
        KERAS_BASE, "69664113be75683a8fe16e3ed0ab59fda8886cb3cd7ada244f7d9544e4676b9f"
    ),
    "imdb_word_index.json": RemoteFile(
        KERAS_BASE, "bfafd718b763782e994055a2d397834f"
    ),
    "reuters.npz": RemoteFile(
        KERAS_BASE, "d6586e694ee56d7a4e65172e12b3e987c03096cb01eab99753921ef915959916"
    ),
    "reuters_word_index.json": RemoteFile(
        KERAS_BASE, "4d44cc38712099c9e383dc6e5f11a921"
    ),
    "boston_housing.npz": RemoteFile(
        KERAS_BASE, "f553886a1f8d56431e820c5b82552d9d95cfcb96d1e678153f8839538947dff5"
    ),
    "california_housing.npz": RemoteFile(
        KERAS_BASE, "1a2e3a52e0398de6463aebe6f4a8da34fb21fbb6b934cf88c3425e766f2a1a6f"
    ),
}


def origin(file_name):
    """The URL ``file_name`` is downloaded from: the mirror's when ``FRONTEND_DATASETS_ORIGIN`` is set."""
    base = os.environ.get(ORIGIN_ENV) or KNOWN_FILES[file_name].base
    return f"{base.rstrip('/')}/{file_name}"


def fetch(file_name, fname=None, **get_file_kwargs):
    """The local path of ``file_name`` (cached as ``fname``), downloaded and hash-checked when needed."""
    return get_file(
        fname=fname or file_name,
        origin=origin(file_name),
        file_hash=KNOWN_FILES[file_name].file_hash,
        **get_file_kwargs,
    )
