"""FRONTEND_DATASETS_ORIGIN replaces the canonical base URL; the pinned hashes still apply."""

import hashlib

import numpy as np
import pytest

from frontend.datasets import _remote, mnist
from tests.datasets import fakes


def test_canonical_origins(monkeypatch):
    monkeypatch.delenv(_remote.ORIGIN_ENV, raising=False)
    assert _remote.origin("mnist.npz") == "https://storage.googleapis.com/tensorflow/tf-keras-datasets/mnist.npz"
    assert _remote.origin("cifar-10-python.tar.gz") == "https://www.cs.toronto.edu/~kriz/cifar-10-python.tar.gz"


@pytest.mark.parametrize("base", ["https://mirror.example/data", "https://mirror.example/data/"])
def test_mirror_replaces_the_base(monkeypatch, base):
    monkeypatch.setenv(_remote.ORIGIN_ENV, base)
    assert _remote.origin("cifar-100-python.tar.gz") == "https://mirror.example/data/cifar-100-python.tar.gz"


def _mnist_bytes():
    zeros = np.zeros((1, 28, 28), dtype=np.uint8)
    return fakes.npz_bytes(x_train=zeros, y_train=np.array([3], np.uint8), x_test=zeros, y_test=np.array([4], np.uint8))


def test_file_url_mirror(tmp_path, cache_home, monkeypatch):
    data = _mnist_bytes()
    (tmp_path / "mirror").mkdir()
    (tmp_path / "mirror" / "mnist.npz").write_bytes(data)
    monkeypatch.setenv(_remote.ORIGIN_ENV, (tmp_path / "mirror").as_uri())
    pinned = _remote.RemoteFile(_remote.KERAS_BASE, hashlib.sha256(data).hexdigest())
    monkeypatch.setitem(_remote.KNOWN_FILES, "mnist.npz", pinned)
    (_, y_train), (_, y_test) = mnist.load_data()
    assert y_train.tolist() == [3] and y_test.tolist() == [4]


def test_mirror_cannot_change_the_data(file_server, cache_home, monkeypatch):
    file_server.files["/mnist.npz"] = _mnist_bytes()
    monkeypatch.setenv(_remote.ORIGIN_ENV, file_server.url)
    with pytest.raises(ValueError, match=f"{file_server.url}/mnist.npz is incomplete or corrupted.*731c5ac6"):
        mnist.load_data()
    assert list((cache_home / "datasets").iterdir()) == []
