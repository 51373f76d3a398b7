"""ArrayDataAdapter: batching, shuffling, steps, weights and errors, on NumPy and engine tensors."""

import warnings

import numpy as np
import pytest

from frontend import config, ops
from frontend.training.data_adapters import ArrayDataAdapter, get_data_adapter


def numpy(x):
    return ops.convert_to_numpy(x)


def data(n=10):
    x = np.arange(n * 2, dtype="float32").reshape(n, 2)
    return x, np.arange(n, dtype="int32")


def epoch(adapter):
    return [tuple(None if leaf is None else numpy(leaf) for leaf in batch) for batch in adapter.get_iterator()]


def test_batches_in_order_with_partial_last_batch():
    x, y = data()
    adapter = get_data_adapter(x, y, batch_size=4)
    assert isinstance(adapter, ArrayDataAdapter)
    assert (adapter.num_batches, adapter.batch_size) == (3, 4)
    assert adapter.has_partial_batch and adapter.partial_batch_size == 2
    batches = epoch(adapter)
    assert [b[0].shape for b in batches] == [(4, 2), (4, 2), (2, 2)]
    np.testing.assert_array_equal(np.concatenate([b[0] for b in batches]), x)
    np.testing.assert_array_equal(np.concatenate([b[1] for b in batches]), y)


def test_full_batches_only_and_default_batch_size():
    x, y = data(64)
    adapter = get_data_adapter(x, y)
    assert (adapter.batch_size, adapter.num_batches) == (32, 2)
    assert not adapter.has_partial_batch and adapter.partial_batch_size is None


def test_x_only_batches_are_bare_arrays_and_floats_become_floatx():
    x = np.linspace(0, 1, 6).reshape(6, 1)  # float64
    batches = list(get_data_adapter(x, batch_size=4).get_iterator())
    assert not isinstance(batches[0], tuple)
    assert ops.dtype(batches[0]) == config.floatx() == "float32"
    np.testing.assert_allclose(numpy(batches[1]), x[4:].astype("float32"))


def test_engine_tensors_stay_engine_tensors():
    x, y = data()
    adapter = get_data_adapter(ops.convert_to_tensor(x), ops.convert_to_tensor(y), batch_size=4, shuffle=True)
    first = next(iter(adapter.get_iterator()))
    assert ops.is_tensor(first[0]) and ops.is_tensor(first[1])
    batches = epoch(adapter)
    np.testing.assert_array_equal(np.concatenate([b[0] for b in batches])[:, 0] / 2,
                                  np.concatenate([b[1] for b in batches]))


def test_shuffle_changes_order_each_epoch_and_keeps_pairs_aligned():
    np.random.seed(0)
    x, y = data(40)
    adapter = get_data_adapter(x, y, batch_size=8, shuffle=True)
    orders = []
    for _ in range(2):
        batches = epoch(adapter)
        xs, ys = np.concatenate([b[0] for b in batches]), np.concatenate([b[1] for b in batches])
        np.testing.assert_array_equal(xs[:, 0], 2 * ys)
        assert sorted(ys.tolist()) == list(range(40))
        orders.append(ys.tolist())
    assert orders[0] != orders[1] and orders[0] != list(range(40))


def test_batch_shuffle_keeps_batch_membership():
    np.random.seed(1)
    x, y = data(12)
    batches = epoch(get_data_adapter(x, y, batch_size=4, shuffle="batch"))
    assert [sorted(b[1].tolist()) for b in batches] == [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]]
    assert [b[1].tolist() for b in batches] != [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]]
    for b in batches:
        np.testing.assert_array_equal(b[0][:, 0], 2 * b[1])


def test_steps_per_epoch_continues_the_pass_like_keras():
    x = np.arange(10, dtype="float32").reshape(10, 1)
    adapter = get_data_adapter(x, batch_size=1, steps_per_epoch=3)
    assert adapter.num_batches == 3
    seen = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for _ in range(5):
            seen.append([int(numpy(b)[0, 0]) for b in adapter.get_iterator()])
    assert seen == [[0, 1, 2], [3, 4, 5], [6, 7, 8], [9], [0, 1, 2]]
    assert [str(w.message).startswith("Your input ran out of data") for w in caught] == [True]


def test_steps_dividing_the_pass_evenly_never_warns():
    x = np.arange(8, dtype="float32").reshape(8, 1)
    adapter = get_data_adapter(x, batch_size=2, steps_per_epoch=2)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        seen = [[numpy(b)[:, 0].tolist() for b in adapter.get_iterator()] for _ in range(3)]
    assert seen == [[[0, 1], [2, 3]], [[4, 5], [6, 7]], [[0, 1], [2, 3]]]


def test_steps_without_batch_size_sets_the_batch_size():
    x, y = data(10)
    adapter = get_data_adapter(x, y, steps_per_epoch=3)
    assert adapter.batch_size == 4  # ceil(10 / 3)
    assert [b[0].shape[0] for b in epoch(adapter)] == [4, 4, 2]


def test_multi_input_dict_and_multi_output_list():
    x, y = data(6)
    adapter = get_data_adapter({"a": x, "b": y}, [y, 2 * y], batch_size=4)
    batch = next(iter(adapter.get_iterator()))
    assert set(batch[0]) == {"a", "b"} and isinstance(batch[1], list)
    np.testing.assert_array_equal(numpy(batch[0]["a"]), x[:4])
    np.testing.assert_array_equal(numpy(batch[1][1]), 2 * y[:4])


def test_single_sample_weight_is_repeated_for_every_output():
    x, y = data(4)
    weights = np.array([1.0, 2.0, 3.0, 4.0])
    batch = next(iter(get_data_adapter(x, (y, y), sample_weight=weights, batch_size=4).get_iterator()))
    assert isinstance(batch[2], tuple) and len(batch[2]) == 2
    np.testing.assert_array_equal(numpy(batch[2][1]), weights.astype("float32"))


def test_class_weight_becomes_sample_weight():
    x = np.zeros((5, 1), "float32")
    sparse = np.array([0, 1, 2, 1, 0])
    weights = {0: 0.5, 1: 2.0}
    batch = next(iter(get_data_adapter(x, sparse, class_weight=weights).get_iterator()))
    np.testing.assert_array_equal(numpy(batch[2]), [0.5, 2.0, 1.0, 2.0, 0.5])
    one_hot = np.eye(3)[sparse]
    batch = next(iter(get_data_adapter(x, one_hot, class_weight=weights).get_iterator()))
    np.testing.assert_array_equal(numpy(batch[2]), [0.5, 2.0, 1.0, 2.0, 0.5])
    column = np.array([[0.2], [0.9], [2.1], [1.0], [0.0]])  # rounded to the class
    batch = next(iter(get_data_adapter(x, column, class_weight=weights).get_iterator()))
    np.testing.assert_array_equal(numpy(batch[2]), [0.5, 2.0, 1.0, 2.0, 0.5])
    assert ops.dtype(batch[2]) == "float32"


def test_mismatched_sample_counts_name_the_arrays_and_sizes():
    x, y = data(10)
    with pytest.raises(ValueError, match=r"x\[0\]: 10, x\[1\]: 8, y: 10"):
        get_data_adapter([x, x[:8]], y)
    with pytest.raises(ValueError, match=r"x: 10, y: 9, sample_weight: 10"):
        get_data_adapter(x, y[:9], sample_weight=np.ones(10))


def test_invalid_arguments():
    x, y = data(4)
    with pytest.raises(ValueError, match="class_weight` and `sample_weight"):
        get_data_adapter(x, y, sample_weight=np.ones(4), class_weight={0: 1.0})
    with pytest.raises(ValueError, match="single output"):
        get_data_adapter(x, [y, y], class_weight={0: 1.0})
    with pytest.raises(ValueError, match="one `sample_weight` array per output"):
        get_data_adapter(x, [y, y], sample_weight=[np.ones(4)])
    with pytest.raises(ValueError, match=r"shape \(4, 3\)"):
        get_data_adapter(x, [y, y], sample_weight=np.ones((4, 3)))
    with pytest.raises(ValueError, match="`shuffle` must be"):
        get_data_adapter(x, y, shuffle="yes")
    with pytest.raises(ValueError, match="`batch_size` must be a positive int, received 0"):
        get_data_adapter(x, y, batch_size=0)
    with pytest.raises(ValueError, match="`steps_per_epoch` must be a positive int"):
        get_data_adapter(x, y, steps_per_epoch=0)
    with pytest.raises(ValueError, match=r"`x\[1\]` must have a batch"):
        get_data_adapter([x, np.float32(1.0)], y)
