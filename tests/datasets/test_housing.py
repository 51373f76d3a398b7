"""boston_housing and california_housing: shuffle with the seed, split, validate arguments."""

import numpy as np
import pytest

from frontend.datasets import boston_housing, california_housing
from tests.datasets import fakes


def _rows(count, features):
    """Row ``i`` has target ``i`` and features ``i + j / 100``, so every value says where it came from."""
    y = np.arange(count, dtype=np.float64)
    return y[:, None] + np.arange(features) / 100, y


def test_boston_housing_split_in_keras_order(publish):
    x, y = _rows(10, 13)
    publish("boston_housing.npz", fakes.npz_bytes(x=x, y=y))
    (x_train, y_train), (x_test, y_test) = boston_housing.load_data()
    assert x_train.shape == (8, 13) and x_test.shape == (2, 13) and y_train.shape == (8,)
    assert x_train.dtype == np.float64 and y_test.dtype == np.float64
    assert y_train.tolist() + y_test.tolist() == np.random.RandomState(113).permutation(10).tolist()
    np.testing.assert_array_equal(x_train[:, 0], y_train)
    (_, y_other), _ = boston_housing.load_data(seed=1, test_split=0.5)
    assert len(y_other) == 5 and y_other.tolist() == np.random.RandomState(1).permutation(10)[:5].tolist()


@pytest.mark.parametrize("version, train_count, test_count", [("small", 480, 120), ("large", 560, 140)])
def test_california_housing_versions(publish, version, train_count, test_count):
    x, y = _rows(700, 8)
    publish("california_housing.npz", fakes.npz_bytes(x=x, y=y))
    (x_train, y_train), (x_test, y_test) = california_housing.load_data(version=version)
    assert x_train.shape == (train_count, 8) and x_test.shape == (test_count, 8)
    assert sorted(y_train.tolist() + y_test.tolist()) == list(range(train_count + test_count))
    np.testing.assert_array_equal(x_test[:, 7], y_test + 0.07)


def test_bad_arguments_fail_before_downloading(publish, file_server):
    with pytest.raises(ValueError, match=r"version must be one of \('large', 'small'\); received 'tiny'"):
        california_housing.load_data(version="tiny")
    with pytest.raises(ValueError, match=r"boston_housing.load_data: test_split must be in \[0, 1\); received -0.1"):
        boston_housing.load_data(test_split=-0.1)
    assert file_server.requests == []
