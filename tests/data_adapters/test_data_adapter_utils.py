"""pack/unpack of batches, the validation split, class weights."""

import numpy as np
import pytest

from frontend import ops
from frontend.training.data_adapters import (
    class_weight_to_sample_weights,
    pack_x_y_sample_weight,
    train_validation_split,
    unpack_x_y_sample_weight,
)


def test_unpack_fills_missing_parts_with_none():
    x, y, w = np.zeros(2), np.ones(2), np.full(2, 3.0)
    assert unpack_x_y_sample_weight(x) == (x, None, None)
    assert unpack_x_y_sample_weight((x,)) == (x, None, None)
    assert unpack_x_y_sample_weight([x, y]) == (x, y, None)
    assert unpack_x_y_sample_weight((x, y, w)) == (x, y, w)
    with pytest.raises(ValueError, match="length 4"):
        unpack_x_y_sample_weight((x, y, w, w))


def test_pack_wraps_only_sequence_inputs():
    x, y, w = np.zeros(2), np.ones(2), np.full(2, 3.0)
    assert pack_x_y_sample_weight(x) is x
    packed = pack_x_y_sample_weight([x, x])
    assert isinstance(packed, tuple) and len(packed) == 1
    assert pack_x_y_sample_weight(x, y) == (x, y)
    assert pack_x_y_sample_weight(x, y, w) == (x, y, w)


def test_validation_split_takes_the_last_fraction():
    x = np.arange(10).reshape(10, 1)
    y = np.arange(10)
    (train_x, train_y), (val_x, val_y) = train_validation_split((x, y), 0.25)
    np.testing.assert_array_equal(train_y, np.arange(7))  # floor(10 * 0.75) = 7
    np.testing.assert_array_equal(val_y, [7, 8, 9])
    np.testing.assert_array_equal(val_x[:, 0], [7, 8, 9])


def test_validation_split_casts_floats_to_floatx():
    train, val = train_validation_split(np.linspace(0.0, 1.0, 4), 0.5)
    assert train.dtype == val.dtype == np.float32
    np.testing.assert_allclose(val, [2 / 3, 1.0], rtol=1e-6)


def test_validation_split_keeps_none_leaves_and_structure():
    data = ({"a": np.arange(4)}, None)
    train, val = train_validation_split(data, 0.5)
    assert train[1] is None and val[1] is None
    np.testing.assert_array_equal(val[0]["a"], [2, 3])


def test_validation_split_on_engine_tensors():
    train, val = train_validation_split(ops.convert_to_tensor(np.arange(5.0)), 0.4)
    assert ops.is_tensor(train)
    np.testing.assert_array_equal(ops.convert_to_numpy(val), [3.0, 4.0])


def test_validation_split_errors():
    with pytest.raises(ValueError, match="not enough to split"):
        train_validation_split(np.arange(3), 0.9)
    with pytest.raises(ValueError, match=r"in \(0, 1\)"):
        train_validation_split(np.arange(3), 1.0)
    with pytest.raises(ValueError, match=r"data\[1\] of type str"):
        train_validation_split((np.arange(3), "labels"), 0.5)
    with pytest.raises(ValueError, match=r"data\[0\]: 4, data\[1\]: 3"):
        train_validation_split((np.arange(4), np.arange(3)), 0.5)


def test_class_weight_to_sample_weights_defaults_missing_classes_to_one():
    weights = class_weight_to_sample_weights(np.array([3, 0, 3, 7]), {3: 0.25, 0: 4.0})
    np.testing.assert_array_equal(weights, [0.25, 4.0, 0.25, 1.0])
    assert weights.dtype == np.float32
    with pytest.raises(ValueError, match="one class per sample"):
        class_weight_to_sample_weights(np.zeros((2, 3, 1)), {0: 1.0})
