"""tf.data datasets and torch DataLoaders, each tested where its engine is installed."""

import numpy as np
import pytest

from frontend import ops
from frontend.training.data_adapters import TFDatasetAdapter, TorchDataLoaderAdapter, get_data_adapter


def numpy(x):
    return ops.convert_to_numpy(x) if ops.is_tensor(x) else x


def test_tf_dataset_batches_become_host_arrays():
    tf = pytest.importorskip("tensorflow")
    x = np.arange(10, dtype="float32").reshape(5, 2)
    y = np.array([0, 1, 2, 1, 0])
    dataset = tf.data.Dataset.from_tensor_slices((x, y)).batch(2)
    adapter = get_data_adapter(dataset, class_weight={1: 3.0})
    assert isinstance(adapter, TFDatasetAdapter)
    assert (adapter.num_batches, adapter.batch_size) == (3, None)  # batch() without drop_remainder
    batches = list(adapter.get_iterator())
    for batch in batches:
        assert all(isinstance(leaf, np.ndarray) or ops.is_tensor(leaf) for leaf in batch)
    np.testing.assert_array_equal(np.concatenate([numpy(b[0]) for b in batches]), x)
    np.testing.assert_array_equal(np.concatenate([numpy(b[2]) for b in batches]), [1, 3, 1, 3, 1])
    fixed = get_data_adapter(tf.data.Dataset.from_tensor_slices(x).batch(2, drop_remainder=True))
    assert (fixed.num_batches, fixed.batch_size) == (2, 2)
    unknown = get_data_adapter(tf.data.Dataset.from_tensor_slices(x).filter(lambda row: row[0] > 1).batch(2))
    assert unknown.num_batches is None
    assert len(list(unknown.get_iterator())) == 2 and unknown.num_batches == 2
    with pytest.raises(ValueError, match="`y` should not be passed"):
        get_data_adapter(dataset, y=y)


def test_torch_dataloader_batches_become_host_arrays():
    torch = pytest.importorskip("torch")
    x = torch.arange(10, dtype=torch.float32).reshape(5, 2)
    y = torch.tensor([0, 1, 2, 1, 0])
    loader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(x, y), batch_size=2)
    adapter = get_data_adapter(loader)
    assert isinstance(adapter, TorchDataLoaderAdapter)
    assert (adapter.num_batches, adapter.batch_size) == (3, 2)
    assert adapter.has_partial_batch and adapter.partial_batch_size == 1
    batches = list(adapter.get_iterator())
    assert all(isinstance(b, tuple) and len(b) == 2 for b in batches)
    for batch in batches:
        assert all(isinstance(leaf, np.ndarray) or ops.is_tensor(leaf) for leaf in batch)
    np.testing.assert_array_equal(np.concatenate([numpy(b[0]) for b in batches]), x.numpy())
    np.testing.assert_array_equal(np.concatenate([numpy(b[1]) for b in batches]), y.numpy())
    with pytest.raises(ValueError, match="`class_weight` is not supported for torch DataLoader"):
        get_data_adapter(loader, class_weight={0: 1.0})


def test_foreign_tensors_as_arrays_become_numpy_batches():
    torch = pytest.importorskip("torch")
    x = torch.ones((3, 2), requires_grad=True)
    batch = next(iter(get_data_adapter(x, batch_size=2).get_iterator()))
    np.testing.assert_array_equal(numpy(batch), np.ones((2, 2), "float32"))
