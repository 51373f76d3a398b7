"""In-memory arrays: which leaves qualify, their sample counts, float normalisation, slicing,
and the validation split taken from the end."""

import math

import numpy as np

from frontend import config, tree
from frontend.ops import dtypes, indexing, tensors
from frontend.training.data_adapters.data_adapter_utils import named_leaves, numpy_floatx, to_host


def is_array_leaf(x):
    """None, a NumPy array, an engine tensor or anything with ``__array__`` (foreign tensors too)."""
    return x is None or isinstance(x, np.ndarray) or tensors.is_tensor(x) or hasattr(x, "__array__")


def can_convert_arrays(arrays):
    """Whether every leaf of ``arrays`` is an array leaf (and at least one is not None)."""
    leaves = tree.flatten(arrays)
    return all(is_array_leaf(leaf) for leaf in leaves) and any(leaf is not None for leaf in leaves)


def normalize_array(x):
    """NumPy arrays and engine tensors stay as they are, other array-likes become NumPy;
    floats that are not ``floatx`` are cast to it (as Keras does for array inputs)."""
    x = to_host(x)
    if x is None:
        return None
    if tensors.is_tensor(x):
        if dtypes.is_float(tensors.dtype(x)) and tensors.dtype(x) != config.floatx():
            return tensors.cast(x, config.floatx())
        return x
    if x.dtype.name in dtypes.FLOAT_TYPES and x.dtype.name != config.floatx():
        return x.astype(numpy_floatx())
    return x


def num_samples(named_structures):
    """The common first-dimension size of all leaves; names every leaf's size when they differ.

    ``named_structures`` is a list of ``(name, structure)`` pairs such as ``("x", x)``.
    """
    sizes = []
    for name, structure in named_structures:
        for path, leaf in named_leaves(structure, name):
            if leaf is None:
                continue
            shape = tuple(leaf.shape)
            if not shape:
                raise ValueError(f"`{path}` must have a batch (sample) dimension, received a scalar")
            sizes.append((path, int(shape[0])))
    if len({size for _, size in sizes}) > 1:
        listed = ", ".join(f"{path}: {size}" for path, size in sizes)
        raise ValueError(
            f"Data cardinality is ambiguous: all arrays must contain the same number of samples. "
            f"Received sizes {listed}"
        )
    return sizes[0][1] if sizes else 0


def slice_leaf(x, start, stop):
    """Rows ``start:stop`` of a NumPy array or engine tensor (None stays None)."""
    return None if x is None else x[start:stop]


def gather_leaf(x, indices):
    """Rows ``indices`` (a NumPy int array) of a NumPy array or engine tensor."""
    if x is None:
        return None
    if isinstance(x, np.ndarray):
        return x[indices]
    return indexing.take(x, indices, axis=0)


def train_validation_split(arrays, validation_split):
    """Split ``arrays`` (a nest of arrays/tensors, None leaves allowed) into ``(train, validation)``.

    The LAST ``validation_split`` fraction of the samples becomes the validation set, before
    any shuffling, so the split is deterministic (as in Keras). Leaves are normalised as for
    ``fit`` (foreign tensors to NumPy, floats to ``floatx``).
    """
    if not 0 < validation_split < 1:
        raise ValueError(f"`validation_split` must be a float in (0, 1), received {validation_split!r}")
    bad = [(path, type(leaf).__name__) for path, leaf in named_leaves(arrays, "data") if not is_array_leaf(leaf)]
    if bad:
        listed = ", ".join(f"{path} of type {name}" for path, name in bad)
        raise ValueError(f"`validation_split` is only supported for arrays and tensors; received {listed}")
    arrays = tree.map_structure(normalize_array, arrays)
    if all(leaf is None for leaf in tree.flatten(arrays)):
        return arrays, arrays
    total = num_samples([("data", arrays)])
    split_at = int(math.floor(total * (1.0 - validation_split)))
    if split_at in (0, total):
        raise ValueError(
            f"Training data contains {total} samples, which is not enough to split it into a training "
            f"and a validation set with `validation_split={validation_split}`. Provide more data or "
            "a different `validation_split`."
        )
    train = tree.map_structure(lambda x: slice_leaf(x, 0, split_at), arrays)
    validation = tree.map_structure(lambda x: slice_leaf(x, split_at, total), arrays)
    return train, validation
