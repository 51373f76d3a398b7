"""The arguments of one recorded call (a graph node) as JSON values, and back.

Symbolic tensors become Keras 3's ``{"class_name": "__keras_tensor__", "config": {"shape",
"dtype", "keras_history": [layer, node, tensor]}}``; slices, ``...``, arrays and tensors use
Keras's other ``__name__`` markers. Everything else must already be a JSON value. Reading
builds plain data only: numbers, strings, lists, dicts, slices and NumPy arrays of
whitelisted dtypes; any other marker is refused.
"""

import numpy as np

from frontend.ops import tensors
from frontend.ops.symbolic import SymbolicTensor

_ARRAY_DTYPES = frozenset({
    "bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
    "float16", "float32", "float64", "complex64", "complex128",
})


def encode(value, tensor_reference, keep_tuples=False):
    """``value`` as JSON data; ``tensor_reference(t)`` gives ``[layer_name, node_index, tensor_index]``.

    With ``keep_tuples``, tuples are marked so they come back as tuples (an op's index
    key ``x[:, 0]`` must stay a tuple); Keras writes them as lists, which layers accept.
    """
    def walk(x):
        if x is None or isinstance(x, (str, bool, int, float)):
            return x
        if isinstance(x, SymbolicTensor):
            return {"class_name": "__keras_tensor__",
                    "config": {"shape": list(x.shape), "dtype": x.dtype, "keras_history": tensor_reference(x)}}
        if isinstance(x, tuple) and keep_tuples:
            return {"class_name": "__tuple__", "config": {"value": [walk(v) for v in x]}}
        if isinstance(x, (list, tuple)):
            return [walk(v) for v in x]
        if isinstance(x, dict):
            if not all(isinstance(key, str) for key in x):
                raise ValueError(f"cannot save a dict argument with non-string keys: {sorted(map(repr, x))}")
            return {key: walk(v) for key, v in x.items()}
        if isinstance(x, slice):
            return {"class_name": "__slice__", "config": {"start": walk(x.start), "stop": walk(x.stop),
                                                          "step": walk(x.step)}}
        if x is Ellipsis:
            return {"class_name": "__ellipsis__", "config": {}}
        if isinstance(x, np.generic):
            return x.item()
        if isinstance(x, np.ndarray) or tensors.is_tensor(x):
            array = np.asarray(tensors.convert_to_numpy(x))
            marker = "__numpy__" if isinstance(x, np.ndarray) else "__tensor__"
            return {"class_name": marker, "config": {"value": array.tolist(), "dtype": str(array.dtype)}}
        if isinstance(x, np.dtype):
            return str(x)
        raise ValueError(f"cannot save the call argument {x!r} (of type {type(x).__name__}); only tensors, "
                         "numbers, strings, None, slices, arrays and lists/dicts of them are saved")

    return walk(value)


def _array(config):
    if not isinstance(config, dict) or config.get("dtype") not in _ARRAY_DTYPES:
        raise ValueError(f"an array argument needs a 'value' and a dtype among {sorted(_ARRAY_DTYPES)}, "
                         f"found {config!r}")
    try:
        return np.asarray(config.get("value"), dtype=config["dtype"])
    except (TypeError, ValueError) as error:
        raise ValueError(f"an array argument's value does not fit its dtype: {error}") from None


def decode(value, find_tensor):
    """Inverse of ``encode``; ``find_tensor(keras_history)`` returns the rebuilt symbolic tensor."""
    def walk(x):
        if isinstance(x, list):
            return [walk(v) for v in x]
        if not isinstance(x, dict):
            return x
        marker = x.get("class_name")
        if not (isinstance(marker, str) and marker.startswith("__")):
            return {key: walk(v) for key, v in x.items()}
        config = x.get("config")
        if marker == "__keras_tensor__":
            if not isinstance(config, dict) or "keras_history" not in config:
                raise ValueError(f"a __keras_tensor__ entry needs config.keras_history, found {x!r}")
            return find_tensor(config["keras_history"])
        if marker == "__tuple__" and isinstance(config, dict) and isinstance(config.get("value"), list):
            return tuple(walk(v) for v in config["value"])
        if marker == "__slice__" and isinstance(config, dict):
            parts = [walk(config.get(key)) for key in ("start", "stop", "step")]
            if not all(p is None or (isinstance(p, int) and not isinstance(p, bool)) for p in parts):
                raise ValueError(f"a slice argument takes integers or null, found {config!r}")
            return slice(*parts)
        if marker == "__ellipsis__":
            return Ellipsis
        if marker in ("__numpy__", "__tensor__"):
            return _array(config)
        raise ValueError(f"unknown or malformed call argument entry {marker!r}: {x!r}")

    return walk(value)
