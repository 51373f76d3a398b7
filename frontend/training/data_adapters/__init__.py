"""Data adapters: every input kind ``fit``/``evaluate``/``predict`` accept, turned into epochs of batches.

``get_data_adapter`` picks the adapter for ``x``: in-memory arrays and tensors, a Python
generator or iterator, a ``frontend.utils.PyDataset``, a ``tf.data.Dataset`` or a
``torch.utils.data.DataLoader`` (the last two recognised without importing their engine).
"""

import warnings

from frontend.training.data_adapters.array_data_adapter import ArrayDataAdapter
from frontend.training.data_adapters.array_slicing import can_convert_arrays, is_array_leaf, train_validation_split
from frontend.training.data_adapters.data_adapter import DataAdapter
from frontend.training.data_adapters.data_adapter_utils import (
    class_weight_to_sample_weights,
    named_leaves,
    pack_x_y_sample_weight,
    unpack_x_y_sample_weight,
)
from frontend.training.data_adapters.generator_data_adapter import GeneratorDataAdapter
from frontend.training.data_adapters.py_dataset_adapter import PyDatasetAdapter
from frontend.training.data_adapters.tf_dataset_adapter import TFDatasetAdapter, is_tf_dataset
from frontend.training.data_adapters.torch_data_loader_adapter import TorchDataLoaderAdapter, is_torch_dataloader
from frontend.utils.py_dataset import PyDataset


def get_data_adapter(x, y=None, sample_weight=None, batch_size=None, steps_per_epoch=None, shuffle=False,
                     class_weight=None):
    """The adapter for ``x`` (returned as is when ``x`` already is a ``DataAdapter``).

    ``y`` and ``sample_weight`` are only accepted with array inputs; other kinds carry
    them inside their batches. ``batch_size`` applies to arrays only. ``shuffle`` is
    ignored, with a warning, for inputs that control their own order.
    """
    if isinstance(x, DataAdapter):
        return x
    if x is None:
        raise ValueError("No input data: `x` is None")
    if can_convert_arrays((x, y, sample_weight)):
        return ArrayDataAdapter(x, y, sample_weight=sample_weight, batch_size=batch_size, steps=steps_per_epoch,
                                shuffle=shuffle, class_weight=class_weight)
    if is_tf_dataset(x):
        _reject_separate_targets(y, sample_weight, "tf.data.Dataset")
        _warn_shuffle_ignored(shuffle, "tf.data.Dataset", "shuffled (via `.shuffle(buffer_size)`)")
        return TFDatasetAdapter(x, class_weight=class_weight, steps=steps_per_epoch)
    if isinstance(x, PyDataset):
        _reject_separate_targets(y, sample_weight, "PyDataset")
        if shuffle and x.num_batches is None:
            _warn_shuffle_ignored(shuffle, "an infinite PyDataset", "shuffled")
        return PyDatasetAdapter(x, class_weight=class_weight, shuffle=shuffle, steps=steps_per_epoch)
    if is_torch_dataloader(x):
        _reject_separate_targets(y, sample_weight, "torch DataLoader")
        _reject_class_weight(class_weight, "torch DataLoader")
        _warn_shuffle_ignored(shuffle, "torch DataLoader", "shuffled")
        return TorchDataLoaderAdapter(x, steps=steps_per_epoch)
    if hasattr(x, "__next__") and hasattr(x, "__iter__"):
        _reject_separate_targets(y, sample_weight, "generator")
        _reject_class_weight(class_weight, "generator")
        _warn_shuffle_ignored(shuffle, "generator", "yielding shuffled data")
        return GeneratorDataAdapter(x, steps=steps_per_epoch)
    raise ValueError(_unrecognized_message(x, y, sample_weight))


def _reject_separate_targets(y, sample_weight, kind):
    for name, value, description in (("y", y, "the targets"), ("sample_weight", sample_weight, "the sample weights")):
        if value is not None:
            raise ValueError(
                f"When providing `x` as a {kind}, `{name}` should not be passed. Instead, {description} "
                f"should be included as part of the {kind}."
            )


def _reject_class_weight(class_weight, kind):
    if class_weight is not None:
        raise ValueError(
            f"Argument `class_weight` is not supported for {kind} inputs; return (x, y, sample_weight) "
            f"batches instead. Received: class_weight={class_weight}"
        )


def _warn_shuffle_ignored(shuffle, kind, expectation):
    if shuffle:
        warnings.warn(
            f"`shuffle={shuffle!r}` was passed, but will be ignored since the data `x` was provided as "
            f"a {kind}, which is expected to be {expectation} already.",
            stacklevel=3,
        )


def _unrecognized_message(x, y, sample_weight):
    leaves = [(path, leaf) for name, part in (("x", x), ("y", y), ("sample_weight", sample_weight))
              for path, leaf in named_leaves(part, name)]
    bad = [f"{path} of type {_type_name(leaf)}" for path, leaf in leaves if not is_array_leaf(leaf)]
    return (
        "Unrecognized data type: expected NumPy arrays or tensors (or lists/tuples/dicts of them), a "
        "Python generator or iterator, a PyDataset, a tf.data.Dataset or a torch DataLoader. Received "
        + (", ".join(bad) or f"x={x!r}")
    )


def _type_name(value):
    cls = type(value)
    return cls.__qualname__ if cls.__module__ == "builtins" else f"{cls.__module__}.{cls.__qualname__}"


__all__ = [
    "ArrayDataAdapter", "DataAdapter", "GeneratorDataAdapter", "PyDatasetAdapter", "TFDatasetAdapter",
    "TorchDataLoaderAdapter", "class_weight_to_sample_weights", "get_data_adapter", "pack_x_y_sample_weight",
    "train_validation_split", "unpack_x_y_sample_weight",
]
