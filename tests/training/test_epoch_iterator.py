"""``EpochIterator``: where batches are converted (inline for CPU arrays where the backend says so, else ahead in a thread)."""

import threading

import numpy as np

from frontend import backend, ops
from frontend.backends import active as B
from frontend.training import epoch_iterator


def _record_threads(monkeypatch):
    threads = []
    convert = epoch_iterator._to_engine

    def recording(batch):
        threads.append(threading.get_ident())
        return convert(batch)

    monkeypatch.setattr(epoch_iterator, "_to_engine", recording)
    return threads


def test_arrays_on_the_cpu_are_converted_where_the_backend_says(monkeypatch):
    threads = _record_threads(monkeypatch)
    x, y = np.arange(20, dtype="float32").reshape(10, 2), np.arange(10)
    with backend.device("cpu"):
        iterator = epoch_iterator.EpochIterator(x, y, batch_size=4)
        batches = list(iterator.batches())
    assert [step for step, _ in batches] == [0, 1, 2]
    assert all(ops.is_tensor(b[0]) for _, b in batches)
    np.testing.assert_array_equal(ops.convert_to_numpy(batches[-1][1][0]), x[8:])
    assert (set(threads) == {threading.get_ident()}) is B.converts_batches_inline()  # torch: inline
    assert [step for step, _ in iterator.batches(skip=2)] == [2]  # a resumed epoch skips without converting


def test_a_generator_is_converted_ahead_in_another_thread(monkeypatch):
    threads = _record_threads(monkeypatch)
    source = ((np.ones((2, 3), "float32"), np.zeros(2)) for _ in range(3))
    batches = list(epoch_iterator.EpochIterator(source).batches())
    assert len(batches) == 3 and all(ops.is_tensor(b[0]) for _, b in batches)
    assert threading.get_ident() not in set(threads)
