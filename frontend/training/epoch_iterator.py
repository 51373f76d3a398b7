"""Batches for one epoch: picked by the data adapter, converted to engine tensors one
batch ahead in a background thread, grouped by ``steps_per_execution``."""

import numpy as np

from frontend import tree
from frontend.ops import tensors
from frontend.training.data_adapters import get_data_adapter
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
        prefetcher = Prefetcher(_skipping(source, skip) if skip else source, _to_engine)
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
