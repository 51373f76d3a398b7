"""PyDataset and its adapter: order, workers, shuffle, epoch hooks, class weights, errors."""

import random
import threading
import time
import warnings

import numpy as np
import pytest

from frontend.training.data_adapters import PyDatasetAdapter, get_data_adapter
from frontend.utils import PyDataset


class Counting(PyDataset):
    """Batch ``i`` is ``(x filled with i, y = i % 3)``; later indices answer faster, to test order."""

    def __init__(self, count=6, delay=0.0, **kwargs):
        super().__init__(**kwargs)
        self.count, self.delay = count, delay
        self.events = []
        self.threads = set()

    def __len__(self):
        return self.count

    def __getitem__(self, index):
        if index >= self.count:
            raise IndexError(index)
        self.threads.add(threading.get_ident())
        time.sleep(self.delay * (self.count - index))
        return np.full((2, 1), index, "float32"), np.full((2,), index % 3)

    def on_epoch_begin(self):
        self.events.append("begin")

    def on_epoch_end(self):
        self.events.append("end")


class Infinite(Counting):
    @property
    def num_batches(self):
        return None

    def __getitem__(self, index):
        return (np.full((1, 1), index, "float32"),)


class Failing(Counting):
    def __getitem__(self, index):
        if index == 2:
            raise KeyError("batch 2 is broken")
        return super().__getitem__(index)


def indices(adapter):
    return [int(batch[0][0, 0]) for batch in adapter.get_iterator()]


def test_single_worker_reads_in_order_in_the_calling_thread():
    dataset = Counting()
    adapter = get_data_adapter(dataset)
    assert isinstance(adapter, PyDatasetAdapter)
    assert adapter.num_batches == 6 and adapter.batch_size is None
    assert indices(adapter) == [0, 1, 2, 3, 4, 5]
    assert dataset.threads == {threading.get_ident()}


def test_two_workers_keep_the_order():
    dataset = Counting(delay=0.002, workers=2, max_queue_size=3)
    adapter = get_data_adapter(dataset)
    assert indices(adapter) == [0, 1, 2, 3, 4, 5]
    assert indices(adapter) == [0, 1, 2, 3, 4, 5]
    assert threading.get_ident() not in dataset.threads


def test_worker_errors_reach_the_consumer():
    adapter = get_data_adapter(Failing(workers=2))
    iterator = adapter.get_iterator()
    assert int(next(iterator)[0][0, 0]) == 0
    with pytest.raises(KeyError, match="batch 2 is broken"):
        list(iterator)


@pytest.mark.filterwarnings("ignore:os.fork:RuntimeWarning")
def test_multiprocessing_reads_in_order():
    adapter = get_data_adapter(Counting(count=4, workers=2, use_multiprocessing=True))
    assert indices(adapter) == [0, 1, 2, 3]


def test_shuffle_changes_batch_order_per_epoch():
    random.seed(3)
    adapter = get_data_adapter(Counting(count=8), shuffle=True)
    orders = [indices(adapter) for _ in range(2)]
    assert all(sorted(order) == list(range(8)) for order in orders)
    assert orders[0] != orders[1]


def test_epoch_hooks_reach_the_dataset():
    dataset = Counting()
    adapter = get_data_adapter(dataset)
    adapter.on_epoch_begin()
    adapter.on_epoch_end()
    assert dataset.events == ["begin", "end"]


def test_class_weight_adds_sample_weights():
    adapter = get_data_adapter(Counting(count=3), class_weight={0: 0.5, 2: 4.0})
    weights = [batch[2].tolist() for batch in adapter.get_iterator()]
    assert weights == [[0.5, 0.5], [1.0, 1.0], [4.0, 4.0]]


def test_infinite_dataset_with_steps_keeps_counting():
    adapter = get_data_adapter(Infinite(workers=2), steps_per_epoch=3)
    assert adapter.num_batches == 3
    assert [indices(adapter) for _ in range(2)] == [[0, 1, 2], [3, 4, 5]]
    adapter.close()


def test_iterating_a_py_dataset_directly():
    assert [int(x[0, 0]) for x, _ in Counting(count=3)] == [0, 1, 2]


def test_missing_super_init_warns_and_uses_defaults():
    class NoInit(PyDataset):
        def __init__(self):
            pass

        def __len__(self):
            return 1

    with pytest.warns(UserWarning, match="super\\(\\).__init__"):
        assert NoInit().workers == 1


def test_bad_batches_and_arguments():
    class Strings(Counting):
        def __getitem__(self, index):
            return "not a batch"

    with pytest.raises(ValueError, match="must return a tuple or a dict.*Received a str"):
        list(get_data_adapter(Strings()).get_iterator())
    with pytest.raises(ValueError, match="`sample_weight` should not be passed"):
        get_data_adapter(Counting(), sample_weight=np.ones(2))
    with pytest.raises(ValueError, match="class_weight` and `sample_weight"):
        list(get_data_adapter(Weighted(), class_weight={0: 1.0}).get_iterator())
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        get_data_adapter(Counting(), shuffle=True)
    with pytest.warns(UserWarning, match="infinite PyDataset"):
        get_data_adapter(Infinite(), shuffle=True)


class Weighted(Counting):
    def __getitem__(self, index):
        return super().__getitem__(index) + (np.ones(2),)
