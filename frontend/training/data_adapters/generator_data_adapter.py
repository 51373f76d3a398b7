"""Batches from a Python generator or iterator yielding ``(x,)``, ``(x, y)`` or ``(x, y, sample_weight)``."""

import itertools

from frontend import tree
from frontend.training.data_adapters.data_adapter import DataAdapter
from frontend.training.data_adapters.data_adapter_utils import to_host

_EMPTY = object()


class GeneratorDataAdapter(DataAdapter):
    """Reads a generator once: its first batch is checked up front, later passes yield nothing more.

    Batch leaves come out as NumPy arrays or engine tensors (foreign tensors converted to NumPy).
    """

    def __init__(self, generator, steps=None):
        super().__init__(steps)
        first = next(generator, _EMPTY)
        if first is _EMPTY:
            raise ValueError(
                "When passing a Python generator to a model, the generator must yield at least one "
                "batch; received an empty generator."
            )
        _check_batch(first)
        self._source = itertools.chain([first], generator)

    def _iterate(self):
        for batch in self._source:
            _check_batch(batch)
            yield tree.map_structure(to_host, batch)


def _check_batch(batch):
    if not isinstance(batch, tuple) or not 1 <= len(batch) <= 3:
        raise ValueError(
            "When passing a Python generator to a model, the generator must yield a tuple: "
            f"(inputs,), (inputs, targets) or (inputs, targets, sample_weights). Received a "
            f"{type(batch).__name__}: {str(batch)[:100]}"
        )
