"""Batches from a ``frontend.utils.PyDataset``, read in order by one thread or a pool of workers."""

import collections
import concurrent.futures
import itertools
import random

import numpy as np

from frontend import tree
from frontend.ops import tensors
from frontend.training.data_adapters import data_adapter_utils
from frontend.training.data_adapters.data_adapter import DataAdapter


class PyDatasetAdapter(DataAdapter):
    """Reads ``dataset[i]`` for every batch index of a pass.

    With ``shuffle`` the batch order of a finite dataset is shuffled every pass (Python's
    ``random``). With ``workers > 1`` (or ``use_multiprocessing``) a thread or process pool
    reads up to ``max_queue_size`` batches ahead; batches still come out in index order.
    An infinite dataset (``num_batches`` None) keeps counting indices across passes.
    """

    def __init__(self, dataset, class_weight=None, shuffle=False, steps=None):
        super().__init__(steps)
        self.py_dataset = dataset
        self._class_weight = class_weight
        self._shuffle = bool(shuffle)
        self._next_infinite_index = itertools.count()

    def _indices(self):
        count = self.py_dataset.num_batches
        if count is None:
            return self._next_infinite_index
        order = list(range(count))
        if self._shuffle:
            random.shuffle(order)
        return iter(order)

    def _iterate(self):
        dataset = self.py_dataset
        parallel = dataset.workers > 1 or (dataset.workers > 0 and dataset.use_multiprocessing)
        batches = _read_in_pool(dataset, self._indices()) if parallel else map(dataset.__getitem__, self._indices())
        try:
            for batch in batches:
                yield self._standardize(batch)
        finally:
            if parallel:
                batches.close()

    def _standardize(self, batch):
        if isinstance(batch, list):
            batch = tuple(batch)
        elif isinstance(batch, np.ndarray) or tensors.is_tensor(batch):
            batch = (batch,)
        if not isinstance(batch, (tuple, dict)) or (isinstance(batch, tuple) and not 1 <= len(batch) <= 3):
            raise ValueError(
                "PyDataset.__getitem__() must return a tuple or a dict; a tuple is (inputs,), "
                f"(inputs, targets) or (inputs, targets, sample_weights). Received a "
                f"{type(batch).__name__}: {str(batch)[:100]}"
            )
        batch = tree.map_structure(data_adapter_utils.to_host, batch)
        if self._class_weight is not None and isinstance(batch, tuple):
            if len(batch) == 3:
                raise ValueError("You cannot use `class_weight` and `sample_weight` at the same time.")
            if len(batch) == 2:
                weights = data_adapter_utils.class_weight_to_sample_weights(batch[1], self._class_weight)
                batch = batch + (weights,)
        return batch

    def _pass_length(self):
        return self.py_dataset.num_batches

    def on_epoch_begin(self):
        self.py_dataset.on_epoch_begin()

    def on_epoch_end(self):
        self.py_dataset.on_epoch_end()


_worker_dataset = None


def _install_dataset(dataset):
    """Process-pool initializer: keep the dataset in the worker process."""
    global _worker_dataset
    _worker_dataset = dataset


def _read_installed(index):
    return _worker_dataset[index]


def _read_in_pool(dataset, indices):
    """Yield ``dataset[i]`` for each index, in order, with up to ``max_queue_size`` reads in flight."""
    if dataset.use_multiprocessing:
        pool = concurrent.futures.ProcessPoolExecutor(
            dataset.workers, initializer=_install_dataset, initargs=(dataset,)
        )
        read = _read_installed
    else:
        pool = concurrent.futures.ThreadPoolExecutor(dataset.workers, thread_name_prefix="PyDataset")
        read = dataset.__getitem__
    in_flight = collections.deque()
    try:
        for index in itertools.islice(indices, max(1, dataset.max_queue_size)):
            in_flight.append(pool.submit(read, index))
        while in_flight:
            batch = in_flight.popleft().result()
            for index in itertools.islice(indices, 1):
                in_flight.append(pool.submit(read, index))
            yield batch
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
