"""mnist, fashion_mnist, cifar10 and cifar100 read from tiny generated files served locally."""

import os

import numpy as np
import pytest

from frontend import config
from frontend.datasets import cifar10, cifar100, fashion_mnist, mnist
from tests.datasets import fakes


def test_mnist_arrays_and_cache_reuse(publish, file_server, cache_home):
    rng = np.random.default_rng(0)
    arrays = {
        "x_train": rng.integers(0, 256, (3, 28, 28), dtype=np.uint8),
        "y_train": np.array([5, 0, 4], dtype=np.uint8),
        "x_test": rng.integers(0, 256, (2, 28, 28), dtype=np.uint8),
        "y_test": np.array([7, 2], dtype=np.uint8),
    }
    publish("mnist.npz", fakes.npz_bytes(**arrays))
    (x_train, y_train), (x_test, y_test) = mnist.load_data()
    for name, value in zip(arrays, (x_train, y_train, x_test, y_test)):
        assert value.dtype == np.uint8
        np.testing.assert_array_equal(value, arrays[name])
    mnist.load_data()
    assert file_server.requests == ["/mnist.npz"]
    assert os.listdir(cache_home / "datasets") == ["mnist.npz"]


def test_fashion_mnist_reads_idx_files(publish, cache_home):
    images = {"train": np.arange(4 * 28 * 28).reshape(4, 28, 28) % 256, "t10k": np.full((2, 28, 28), 9)}
    labels = {"train": np.array([9, 0, 0, 3]), "t10k": np.array([1, 2])}
    for prefix in ("train", "t10k"):
        publish(f"{prefix}-images-idx3-ubyte.gz", fakes.idx_gz_bytes(images[prefix]))
        publish(f"{prefix}-labels-idx1-ubyte.gz", fakes.idx_gz_bytes(labels[prefix]))
    (x_train, y_train), (x_test, y_test) = fashion_mnist.load_data()
    assert x_train.shape == (4, 28, 28) and x_test.shape == (2, 28, 28) and y_train.shape == (4,)
    assert {a.dtype for a in (x_train, y_train, x_test, y_test)} == {np.dtype(np.uint8)}
    np.testing.assert_array_equal(x_train, images["train"])
    np.testing.assert_array_equal(y_test, [1, 2])
    assert len(os.listdir(cache_home / "datasets" / "fashion-mnist")) == 4


def test_fashion_mnist_rejects_a_file_that_is_not_idx(publish):
    for prefix in ("train", "t10k"):
        publish(f"{prefix}-images-idx3-ubyte.gz", fakes.idx_gz_bytes(np.zeros((1, 28, 28))))
        publish(f"{prefix}-labels-idx1-ubyte.gz", fakes.idx_gz_bytes(np.zeros((1, 2))))  # 2-D: wrong magic
    with pytest.raises(ValueError, match="not an IDX file of 1-dimensional uint8 data"):
        fashion_mnist.load_data()


@pytest.fixture
def cifar10_files(publish):
    members = {
        f"cifar-10-batches-py/data_batch_{i}": fakes.cifar_batch_bytes(fakes.cifar_images(2, 10 * i), labels=[i, i + 1])
        for i in range(1, 6)
    }
    members["cifar-10-batches-py/test_batch"] = fakes.cifar_batch_bytes(fakes.cifar_images(3, 90), labels=[9, 8, 7])
    publish("cifar-10-python.tar.gz", fakes.tar_gz_bytes(members))


def test_cifar10_channels_last(cifar10_files, file_server):
    (x_train, y_train), (x_test, y_test) = cifar10.load_data()
    assert x_train.shape == (10, 32, 32, 3) and x_test.shape == (3, 32, 32, 3)
    assert y_train.shape == (10, 1) and y_test.shape == (3, 1)
    assert {a.dtype for a in (x_train, y_train, x_test, y_test)} == {np.dtype(np.uint8)}
    assert y_train[:, 0].tolist() == [1, 2, 2, 3, 3, 4, 4, 5, 5, 6]
    assert y_test[:, 0].tolist() == [9, 8, 7]
    assert x_train[3, 5, 5].tolist() == [21, 121, 201]  # batch 2, image 1: start 20
    assert x_test[2, 0, 1, 0] == 7 and x_test[2, 1, 0, 0] == 92
    cifar10.load_data()
    assert file_server.requests == ["/cifar-10-python.tar.gz"]


def test_cifar10_channels_first(cifar10_files):
    config.set_image_data_format("channels_first")
    (x_train, _), (x_test, _) = cifar10.load_data()
    assert x_train.shape == (10, 3, 32, 32) and x_test.shape == (3, 3, 32, 32)
    assert x_train[3, :, 5, 5].tolist() == [21, 121, 201]
    assert x_test[2, 0, 0, 1] == 7


@pytest.mark.parametrize("label_mode, train_labels, test_labels", [("fine", [42, 99], [5]), ("coarse", [3, 19], [0])])
def test_cifar100_label_modes(publish, label_mode, train_labels, test_labels):
    train = fakes.cifar_batch_bytes(fakes.cifar_images(2, 0), fine_labels=[42, 99], coarse_labels=[3, 19])
    test = fakes.cifar_batch_bytes(fakes.cifar_images(1, 50), fine_labels=[5], coarse_labels=[0])
    archive = fakes.tar_gz_bytes({"cifar-100-python/train": train, "cifar-100-python/test": test})
    publish("cifar-100-python.tar.gz", archive)
    (x_train, y_train), (x_test, y_test) = cifar100.load_data(label_mode=label_mode)
    assert x_train.shape == (2, 32, 32, 3) and x_train.dtype == np.uint8 and x_test.shape == (1, 32, 32, 3)
    assert y_train.shape == (2, 1) and y_train.dtype == np.int64
    assert y_train[:, 0].tolist() == train_labels and y_test[:, 0].tolist() == test_labels
    assert x_test[0, 0, 0].tolist() == [50, 150, 200]


def test_cifar100_bad_label_mode_fails_before_downloading(publish, file_server):
    with pytest.raises(ValueError, match=r"label_mode must be one of \('fine', 'coarse'\); received 'medium'"):
        cifar100.load_data(label_mode="medium")
    assert file_server.requests == []
