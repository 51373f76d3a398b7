"""A training backup file: one nested state (JSON values and NumPy arrays) in one safetensors file.

The arrays are the file's tensors, named by their place in the state
(``model/layers/dense/vars/0``, ``callbacks/EarlyStopping/0/best_weights/1``); everything else
is JSON in the safetensors metadata under ``state``, where each array is written as
``{"__tensor__": name}``. One file, written with ``atomic_write``, so a backup is replaced
whole or not at all: there is no moment at which a crash leaves half of one.
"""

import json

import numpy as np

from frontend.saving.atomic import atomic_write
from frontend.saving.errors import SavedFileError
from frontend.saving.tensor_file import tensors_from_bytes, tensors_to_bytes

FORMAT = "frontend.training_backup"
FORMAT_VERSION = "1"
_TENSOR = "__tensor__"
_SCALARS = (type(None), bool, int, float, str)


def _encode(value, path, tensors):
    """``value`` as JSON, its arrays moved into ``tensors`` under their path."""
    if isinstance(value, np.ndarray):
        name = "/".join(path)
        if name in tensors:
            raise ValueError(f"training backup: two arrays would both be named {name!r}")
        tensors[name] = value
        return {_TENSOR: name}
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, _SCALARS):
        return value
    if isinstance(value, dict):
        if not all(isinstance(key, str) for key in value) or set(value) == {_TENSOR}:
            raise ValueError(f"training backup: the dict at {'/'.join(path) or 'the top'} needs string keys "
                             f"other than a lone {_TENSOR!r}")
        return {key: _encode(item, (*path, key), tensors) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_encode(item, (*path, str(index)), tensors) for index, item in enumerate(value)]
    raise TypeError(f"training backup: cannot save a {type(value).__name__} (at {'/'.join(path)}); "
                    "states hold JSON values and NumPy arrays")


def _decode(value, tensors, used, source):
    if isinstance(value, list):
        return [_decode(item, tensors, used, source) for item in value]
    if not isinstance(value, dict):
        return value
    if set(value) == {_TENSOR}:
        name = value[_TENSOR]
        if not isinstance(name, str) or name not in tensors or name in used:
            raise SavedFileError(f"{source}: the state refers to tensor {name!r}, which the file does not hold "
                                 "(or which is referred to twice)")
        used.add(name)
        return tensors[name]
    return {key: _decode(item, tensors, used, source) for key, item in value.items()}


def write_backup(path, state):
    """Write ``state`` (a dict of JSON values and NumPy arrays, nested) to ``path``, atomically."""
    tensors = {}
    encoded = _encode(state, (), tensors)
    metadata = {"format": FORMAT, "format_version": FORMAT_VERSION, "state": json.dumps(encoded)}
    atomic_write(path, tensors_to_bytes(tensors, metadata))


def read_backup(path):
    """The state ``write_backup`` wrote; any problem with the file is a ``SavedFileError`` naming it."""
    try:
        with open(path, "rb") as file:
            data = file.read()
    except OSError as error:
        raise SavedFileError(f"{path}: cannot read the training backup: {error.strerror or error}") from None
    tensors, metadata = tensors_from_bytes(data, source=path)
    if metadata.get("format") != FORMAT:
        raise SavedFileError(f"{path}: not a training backup (format {metadata.get('format')!r}, "
                             f"expected {FORMAT!r})")
    if metadata.get("format_version") != FORMAT_VERSION:
        raise SavedFileError(f"{path}: training backup format version {metadata.get('format_version')!r} is not "
                             f"supported (this version reads {FORMAT_VERSION!r})")
    used = set()
    try:
        state = _decode(json.loads(metadata.get("state", "")), tensors, used, path)
    except RecursionError:
        raise SavedFileError(f"{path}: the training state is nested too deeply") from None
    except json.JSONDecodeError as error:
        raise SavedFileError(f"{path}: the training state is not valid JSON: {error}") from None
    if not isinstance(state, dict):
        raise SavedFileError(f"{path}: the training state must be a JSON object, found {type(state).__name__}")
    if len(used) != len(tensors):
        raise SavedFileError(f"{path}: tensors that no part of the state refers to: "
                             f"{', '.join(sorted(set(tensors) - used)[:5])}")
    return state
