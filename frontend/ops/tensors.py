"""Turning user values into engine tensors, and back: the entry point of every op.

Python scalars and lists become ``int32``, ``floatx()`` or ``bool`` tensors (as in Keras
3); NumPy arrays keep their dtype; engine tensors pass through; Variables give their
current value (the substituted one inside a StatelessScope).
"""

import numpy as np

from frontend import config
from frontend.backends import active as B
from frontend.ops import dtypes
from frontend.ops.errors import OpError, op

_PYTHON_SCALARS = (bool, int, float)


def _is_python_scalar(x):
    """A Python bool/int/float (weak); NumPy scalars such as np.float64 keep their dtype."""
    return isinstance(x, _PYTHON_SCALARS) and not isinstance(x, np.generic)


def _is_variable(x):
    return getattr(x, "__frontend_variable__", False)


def _python_default_dtype(array):
    """Dtype for data that came from Python scalars or lists."""
    if array.dtype.kind == "f":
        return config.floatx()
    if array.dtype.kind in "iu":
        return "int32"
    return dtypes.standardize_dtype(array.dtype, op="convert_to_tensor")


def _scalar_dtype(x):
    """Keras 3's dtype for a Python scalar: bool, int32 or floatx()."""
    if isinstance(x, bool):
        return "bool"
    return "int32" if isinstance(x, int) else config.floatx()


def _to_numpy_input(x):
    if isinstance(x, (list, tuple)):
        if any(B.is_tensor(v) or _is_variable(v) for v in x):
            return None, None
        array = np.asarray(x)
        if array.dtype == object:
            raise OpError(f"ops.convert_to_tensor: cannot make a tensor from a ragged or mixed list: {x!r}")
        return array, _python_default_dtype(array)
    array = np.asarray(x)
    if array.dtype.kind not in "biuf" and array.dtype.name != "bfloat16":
        raise OpError(
            f"ops.convert_to_tensor: unsupported dtype {array.dtype} (shape {array.shape}); "
            f"supported dtypes are: {', '.join(dtypes.DTYPES)}"
        )
    return array, dtypes.standardize_dtype(array.dtype, op="convert_to_tensor")


def tensor(x, dtype=None):
    """The engine tensor for ``x`` (cast to standard dtype name ``dtype`` when given)."""
    if B.is_tensor(x):
        if dtype is None or B.dtype_name(x) == dtype:
            return x
        return B.cast(x, dtype)
    if _is_variable(x):
        return tensor(x.value, dtype)
    if _is_python_scalar(x):  # straight to the engine: no NumPy array that a tracer must follow
        return B.convert_to_tensor(x, dtype or _scalar_dtype(x))
    array, inferred = _to_numpy_input(x)
    if array is None:
        return B.stack([tensor(v, dtype) for v in x], 0)
    target = dtype or inferred
    if array.dtype.name != target:
        array = array.astype(dtypes_to_numpy(target))
    return B.convert_to_tensor(array, target)


def dtypes_to_numpy(name):
    if name == "bfloat16":
        import ml_dtypes

        return ml_dtypes.bfloat16
    return np.dtype(name)


def dtype_node(x):
    """The lattice entry of an op argument: its dtype name, or the Python scalar itself (weak)."""
    if _is_python_scalar(x):
        return x
    if B.is_tensor(x):
        return B.dtype_name(x)
    if _is_variable(x):
        return x.dtype
    if isinstance(x, (list, tuple)):
        return B.dtype_name(tensor(x))
    return dtypes.standardize_dtype(np.asarray(x).dtype)


def promoted(*values):
    """Convert ``values`` to tensors of their promoted common dtype."""
    dtype = dtypes.result_type(*(dtype_node(v) for v in values))
    return [tensor(v, dtype) for v in values]


@op("convert_to_tensor")
def convert_to_tensor(x, dtype=None, sparse=None, ragged=None):
    """Convert ``x`` (array, scalar, list, tensor, Variable) to an engine tensor."""
    return tensor(x, None if dtype is None else dtypes.standardize_dtype(dtype, "convert_to_tensor"))


@op("convert_to_numpy")
def convert_to_numpy(x):
    """A NumPy copy of ``x``."""
    if isinstance(x, np.ndarray):
        return x
    return B.convert_to_numpy(tensor(x))


def is_tensor(x):
    """True for a tensor of the active engine."""
    return B.is_tensor(x)


@op("cast")
def cast(x, dtype):
    return tensor(x, dtypes.standardize_dtype(dtype, "cast"))


def _is_symbolic(x):
    return getattr(x, "__frontend_symbolic__", False)


def dtype(x):
    """The standard dtype name of ``x``."""
    if B.is_tensor(x):
        return B.dtype_name(x)
    return x.dtype if _is_symbolic(x) else B.dtype_name(tensor(x))


def shape(x):
    """The shape of ``x`` as a tuple (None where unknown while tracing)."""
    if B.is_tensor(x):
        return B.shape(x)
    if _is_symbolic(x):
        return x.shape
    if _is_variable(x):
        return x.shape
    return tuple(np.shape(x))


def ndim(x):
    return len(shape(x))


def size(x):
    result = 1
    for dim in shape(x):
        result *= dim
    return result
