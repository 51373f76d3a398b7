"""The shipped digits dataset: shapes, split sizes, seeded shuffling, argument check."""

import numpy as np
import pytest

from frontend.datasets import digits


def test_shapes_dtypes_and_split():
    (x_train, y_train), (x_test, y_test) = digits.load_data()
    assert x_train.shape == (1438, 8, 8) and x_test.shape == (359, 8, 8)
    assert y_train.shape == (1438,) and y_test.shape == (359,)
    assert x_train.dtype == np.uint8 and y_train.dtype == np.uint8
    assert x_train.max() <= 16 and set(np.unique(np.concatenate([y_train, y_test])).tolist()) == set(range(10))
    (x_all, _), (x_none, _) = digits.load_data(test_split=0.0)
    assert len(x_all) == 1797 and len(x_none) == 0


def test_seed_decides_the_order():
    (x_a, y_a), _ = digits.load_data(seed=7)
    (x_b, y_b), _ = digits.load_data(seed=7)
    (x_c, _), _ = digits.load_data(seed=8)
    np.testing.assert_array_equal(x_a, x_b)
    np.testing.assert_array_equal(y_a, y_b)
    assert not np.array_equal(x_a, x_c)


@pytest.mark.parametrize("test_split", [1.0, -0.5])
def test_bad_test_split(test_split):
    with pytest.raises(ValueError, match=rf"digits.load_data: test_split must be in \[0, 1\); received {test_split}"):
        digits.load_data(test_split=test_split)
