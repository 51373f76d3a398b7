"""Helpers shared by the adapters: batch packing, class weights, host conversion, leaf naming."""

import sys

import numpy as np

from frontend import config
from frontend.ops import tensors


def unpack_x_y_sample_weight(data):
    """Split a batch into ``(x, y, sample_weight)``; missing parts are None.

    A tuple or list of length 1, 2 or 3 is read as ``(x,)``, ``(x, y)`` or
    ``(x, y, sample_weight)``; anything else is ``x`` alone.
    """
    if isinstance(data, list):
        data = tuple(data)
    if not isinstance(data, tuple):
        return data, None, None
    if 1 <= len(data) <= 3:
        return tuple(data) + (None,) * (3 - len(data))
    raise ValueError(
        f"Data is expected to be in format `x`, `(x,)`, `(x, y)`, or `(x, y, sample_weight)`, "
        f"received a tuple of length {len(data)}: {data}"
    )


def pack_x_y_sample_weight(x, y=None, sample_weight=None):
    """The batch tuple ``fit`` uses: ``x`` alone (wrapped as ``(x,)`` when ``x`` is a list or tuple),
    ``(x, y)`` or ``(x, y, sample_weight)``."""
    if y is None:
        return (x,) if isinstance(x, (list, tuple)) else x
    if sample_weight is None:
        return x, y
    return x, y, sample_weight


def numpy_floatx():
    """The NumPy dtype matching ``floatx`` (bfloat16 comes from ml_dtypes)."""
    if config.floatx() == "bfloat16":
        import ml_dtypes

        return np.dtype(ml_dtypes.bfloat16)
    return np.dtype(config.floatx())


def class_weight_to_sample_weights(y, class_weight):
    """One weight per sample: ``class_weight[class of y[i]]``, 1.0 for classes not in the dict.

    The class of a sample is ``round(y)`` for sparse labels, the argmax for one-hot
    (last axis longer than 1) labels.
    """
    if y is None:
        raise ValueError("`class_weight` needs targets `y` to weight, received y=None")
    labels = tensors.convert_to_numpy(y) if tensors.is_tensor(y) else to_host(y)
    labels = np.asarray(labels)
    if labels.ndim > 1:
        labels = np.argmax(labels, axis=-1) if labels.shape[-1] != 1 else np.squeeze(labels, axis=-1)
    if labels.ndim != 1:
        raise ValueError(
            f"`class_weight` needs one class per sample; received targets of shape {np.shape(y)}"
        )
    classes, position = np.unique(np.round(labels).astype("int64"), return_inverse=True)
    table = np.array([class_weight.get(int(c), 1.0) for c in classes], dtype=numpy_floatx())
    return table[position.reshape(-1)]


def module_root(x):
    """The top-level package that defined ``type(x)`` ('torch', 'tensorflow', 'numpy', ...)."""
    return type(x).__module__.split(".")[0]


def is_foreign_instance(x, package, class_names, module_part):
    """True when ``x`` is an instance of one of ``class_names`` from ``package``.

    Checks class names along the MRO instead of importing ``package``; a package
    that is not imported yet cannot have made ``x``.
    """
    if package not in sys.modules:
        return False
    return any(
        cls.__name__ in class_names and module_part in cls.__module__ for cls in type(x).__mro__
    )


def to_host(x):
    """A leaf ready for the trainer: engine tensors and NumPy arrays as they are, other
    array-likes (foreign engines' tensors included) as NumPy arrays, anything else unchanged."""
    if x is None or isinstance(x, np.ndarray) or tensors.is_tensor(x):
        return x
    if module_root(x) == "torch":
        x = x.detach().cpu()  # a torch tensor may need grad-detaching and a copy off the GPU
    return np.asarray(x) if hasattr(x, "__array__") else x


def named_leaves(structure, name):
    """``(path, leaf)`` pairs in flatten order, paths spelled like ``x[0]['image']``."""
    if isinstance(structure, dict):
        return [pair for key in sorted(structure) for pair in named_leaves(structure[key], f"{name}[{key!r}]")]
    if isinstance(structure, (list, tuple)):
        return [pair for i, item in enumerate(structure) for pair in named_leaves(item, f"{name}[{i}]")]
    return [(name, structure)]
