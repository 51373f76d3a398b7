"""Batches sliced from in-memory NumPy arrays or engine tensors (nested structures of them)."""

import math

import numpy as np

from frontend import tree
from frontend.training.data_adapters import array_slicing, data_adapter_utils
from frontend.training.data_adapters.data_adapter import DataAdapter

class ArrayDataAdapter(DataAdapter):
    """Slices ``(x, y, sample_weight)`` into batches of ``batch_size`` samples, in order or shuffled.

    ``shuffle=True`` draws a new permutation of all samples every pass; ``"batch"`` keeps the
    batches in order and shuffles samples within each. Both use NumPy's global RNG, so
    ``frontend.utils.set_random_seed`` makes them reproducible.
    """

    def __init__(self, x, y=None, sample_weight=None, batch_size=None, steps=None, shuffle=False,
                 class_weight=None):
        super().__init__(steps)
        if isinstance(shuffle, str) and shuffle != "batch":
            raise ValueError(f"`shuffle` must be True, False or 'batch', received {shuffle!r}")
        x, y, sample_weight = (tree.map_structure(array_slicing.normalize_array, part)
                               for part in (x, y, sample_weight))
        if sample_weight is not None:
            if class_weight is not None:
                raise ValueError("You cannot use `class_weight` and `sample_weight` at the same time.")
            sample_weight = _per_output_sample_weight(y, sample_weight)
        if class_weight is not None:
            if tree.is_nested(y):
                raise ValueError("`class_weight` is only supported for models with a single output.")
            sample_weight = data_adapter_utils.class_weight_to_sample_weights(y, class_weight)
        self._num_samples = array_slicing.num_samples([("x", x), ("y", y), ("sample_weight", sample_weight)])
        self._data = data_adapter_utils.pack_x_y_sample_weight(x, y, sample_weight)
        if batch_size is None:
            batch_size = math.ceil(self._num_samples / steps) if steps and self._num_samples else 32
        if isinstance(batch_size, bool) or not isinstance(batch_size, (int, np.integer)) or batch_size <= 0:
            raise ValueError(f"`batch_size` must be a positive int, received {batch_size!r}")
        self._batch_size = int(batch_size)
        self._shuffle = shuffle if shuffle == "batch" else bool(shuffle)

    def _iterate(self):
        total, size = self._num_samples, self._batch_size
        order = np.random.permutation(total) if self._shuffle is True else None
        for start in range(0, total, size):
            stop = min(start + size, total)
            if order is not None:
                yield self._gather(order[start:stop])
            elif self._shuffle == "batch":
                yield self._gather(start + np.random.permutation(stop - start))
            else:
                yield tree.map_structure(lambda a: array_slicing.slice_leaf(a, start, stop), self._data)

    def _gather(self, indices):
        return tree.map_structure(lambda a: array_slicing.gather_leaf(a, indices), self._data)

    def _pass_length(self):
        return math.ceil(self._num_samples / self._batch_size)

    @property
    def batch_size(self):
        return self._batch_size

    @property
    def has_partial_batch(self):
        return self._num_samples % self._batch_size > 0

    @property
    def partial_batch_size(self):
        return self._num_samples % self._batch_size or None


def _per_output_sample_weight(y, sample_weight):
    """One ``sample_weight`` per output of a nested ``y``: a matching structure, or one
    per-sample array repeated for every output."""
    if not tree.is_nested(y):
        return sample_weight
    if tree.is_nested(sample_weight):
        if not _same_structure(y, sample_weight):
            raise ValueError(
                "You should provide one `sample_weight` array per output in `y`; the structures differ: "
                f"y is {_outline(y)}, sample_weight is {_outline(sample_weight)}"
            )
        return sample_weight
    shape = tuple(sample_weight.shape)
    if not (len(shape) == 1 or (len(shape) == 2 and shape[1] == 1)):
        raise ValueError(
            "For a model with several outputs, a single `sample_weight` array must hold one scalar "
            f"per sample (shape (num_samples,)); received shape {shape}. Pass one array per output "
            "for non-scalar weights."
        )
    return tree.map_structure(lambda _: sample_weight, y)


def _same_structure(a, b):
    if isinstance(a, dict) or isinstance(b, dict):
        return isinstance(a, dict) and isinstance(b, dict) and a.keys() == b.keys() and all(
            _same_structure(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)) or isinstance(b, (list, tuple)):
        return (isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)) and len(a) == len(b)
                and all(_same_structure(i, j) for i, j in zip(a, b)))
    return True


def _outline(structure):
    """The structure with every leaf shown as '*', for error messages."""
    return repr(tree.map_structure(lambda _: "*", structure))
