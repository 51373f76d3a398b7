"""Batches for one epoch: picked by the data adapter, converted to engine tensors one
batch ahead in a background thread, grouped by ``steps_per_execution``.

Where the backend says so (``converts_batches_inline``: torch), in-memory arrays bound for
the CPU are converted in the calling thread instead: there the conversion is one copy,
cheaper than handing the batch over between threads, and a converting thread would take a
core from the engine's own threads in the middle of a step (measured on 2 cores: about 3%
of an MLP step on torch, and steadier timings; on TensorFlow the thread pays off).
"""

import numpy as np

from frontend import tree
from frontend.backends import active as B
from frontend.ops import tensors
from frontend.training.data_adapters import ArrayDataAdapter, get_data_adapter
from frontend.training.prefetch import Prefetcher


def _to_engine(batch):
    """NumPy leaves become engine tensors on the current device; strings stay on the host."""

    def convert(leaf):
        if isinstance(leaf, np.ndarray) and leaf.dtype.kind in "USO":
            return leaf
        return leaf if leaf is None else tensors.tensor(leaf)

    return tree.map_structure(convert, batch)


def _skipping(batches, count):
    """``batches`` without its first ``count`` items; closing it closes ``batches``."""
    try:
        for index, batch in enumerate(batches):
            if index >= count:
                yield batch
    finally:
        batches.close()


class _Inline:
    """The Prefetcher's interface, converting each batch when it is asked for (no thread)."""

    def __init__(self, batches, convert):
        self._batches, self._convert = iter(batches), convert

    def __iter__(self):
        return self

    def __next__(self):
        return self._convert(next(self._batches))

    def close(self):
        close = getattr(self._batches, "close", None)
        if close is not None:
            close()


class EpochIterator:
    def __init__(self, x, y=None, sample_weight=None, batch_size=None, steps_per_epoch=None, shuffle=False,
                 class_weight=None, steps_per_execution=1):
        self.adapter = get_data_adapter(x, y, sample_weight=sample_weight, batch_size=batch_size,
                                        steps_per_epoch=steps_per_epoch, shuffle=shuffle, class_weight=class_weight)
        self.steps_per_execution = steps_per_execution

    @property
    def num_batches(self):
        return self.adapter.num_batches

    def first_of(self, batch):
        return batch[0] if self.steps_per_execution > 1 else batch

    def last_step(self, step, batch):
        """The index of the last batch in what ``batches`` yielded at ``step`` (batch-end hooks get it, as in Keras)."""
        return step + len(batch) - 1 if self.steps_per_execution > 1 else step

    def batches(self, skip=0):
        """(step index, batch) pairs; with steps_per_execution > 1 a batch is a list of batches.

        ``skip``: batches already trained in this epoch before an interruption. They are still
        drawn from the adapter (the same shuffle permutation, the same RNG draws) but neither
        converted nor yielded; steps are numbered from ``skip``.
        """
        self.adapter.on_epoch_begin()
        source = self.adapter.get_iterator()
        source = _skipping(source, skip) if skip else source
        if (B.converts_batches_inline() and isinstance(self.adapter, ArrayDataAdapter)
                and B.current_device().startswith("cpu")):
            prefetcher = _Inline(source, _to_engine)
        else:
            prefetcher = Prefetcher(source, _to_engine)
        try:
            group, step = [], skip
            for batch in prefetcher:
                if self.steps_per_execution == 1:
                    yield step, batch
                    step += 1
                    continue
                group.append(batch)
                if len(group) == self.steps_per_execution:
                    yield step, group
                    step, group = step + len(group), []
            if group:
                yield step, group
        finally:
            prefetcher.close()
            self.adapter.on_epoch_end()

    def close(self):
        """Release what the data source holds open across epochs (worker pools, a pass in progress)."""
        self.adapter.close()
