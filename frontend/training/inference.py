"""``predict`` over in-memory data: batches in order, outputs gathered as NumPy arrays."""

import numpy as np

from frontend import tree
from frontend.ops import tensors


def _length(x, where):
    sizes = {int(np.shape(leaf)[0]) for leaf in tree.flatten(x)}
    if len(sizes) != 1:
        raise ValueError(f"{where}: all inputs need the same number of samples, received sizes {sorted(sizes)}")
    return sizes.pop()


def predict_on_batch(model, x):
    """The model's outputs for one batch, as NumPy arrays (same structure)."""
    return tree.map_structure(tensors.convert_to_numpy, model(x, training=False))


def predict(model, x, batch_size=None, steps=None):
    """Outputs for every sample of ``x`` (arrays, tensors, or lists/dicts of them), in order."""
    batch_size = 32 if batch_size is None else int(batch_size)
    if batch_size <= 0:
        raise ValueError(f"Model '{model.name}'.predict: batch_size must be positive, received {batch_size}")
    total = _length(x, f"Model '{model.name}'.predict")
    stops = range(0, total, batch_size)
    if steps is not None:
        stops = stops[: int(steps)]
    parts = [predict_on_batch(model, tree.map_structure(lambda a, s=start: a[s:s + batch_size], x)) for start in stops]
    if not parts:
        raise ValueError(f"Model '{model.name}'.predict: received no samples")
    return tree.map_structure(lambda *pieces: np.concatenate(pieces, axis=0), *parts)
