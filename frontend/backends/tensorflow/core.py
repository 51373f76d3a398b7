"""Tensors, dtypes, devices and variables on TensorFlow."""

import contextlib
import functools
import os
import sys
import threading

import numpy as np

from frontend.backends.common.devices import check_available, parse_device_name

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
# tf.lite imports jax whenever it is installed; hide it so that only the chosen engine loads.
_hide_jax = "jax" not in sys.modules
if _hide_jax:
    sys.modules["jax"] = None
try:
    import tensorflow as tf
finally:
    if _hide_jax and sys.modules.get("jax", 0) is None:
        del sys.modules["jax"]

DTYPES = {
    "bool": tf.bool, "uint8": tf.uint8, "int8": tf.int8, "int16": tf.int16, "int32": tf.int32,
    "int64": tf.int64, "float16": tf.float16, "bfloat16": tf.bfloat16, "float32": tf.float32,
    "float64": tf.float64,
}
_NAMES = {v: k for k, v in DTYPES.items()}


def tf_dtype(dtype):
    """The tf.DType for a standard dtype name."""
    try:
        return DTYPES[dtype]
    except KeyError:
        raise ValueError(f"tensorflow backend: unknown dtype {dtype!r}; valid: {', '.join(DTYPES)}") from None


def convert_to_tensor(x, dtype=None):
    if isinstance(x, tf.Variable):
        x = x.value()
    if isinstance(x, (bool, int, float)) and dtype is not None:  # exact: float64 scalars skip float32
        x = np.asarray(x, dtype=tf_dtype(dtype).as_numpy_dtype)
    if not isinstance(x, tf.Tensor):
        x = tf.convert_to_tensor(x)
    return x if dtype is None or x.dtype == tf_dtype(dtype) else tf.cast(x, tf_dtype(dtype))


def convert_to_numpy(x):
    return np.asarray(x.numpy() if hasattr(x, "numpy") else x)


def is_tensor(x):
    return isinstance(x, tf.Tensor)


def dtype_name(x):
    try:
        return _NAMES[x.dtype]
    except KeyError:
        raise ValueError(f"tensorflow backend: unsupported dtype {x.dtype!r}") from None


def shape(x):
    return tuple(x.shape.as_list())


def cast(x, dtype):
    return tf.cast(x, tf_dtype(dtype))


def zeros(shape, dtype):
    return tf.zeros(shape, tf_dtype(dtype))


def ones(shape, dtype):
    return tf.ones(shape, tf_dtype(dtype))


def full(shape, fill_value, dtype):
    if not isinstance(fill_value, tf.Tensor) and not tuple(shape):
        try:
            return tf.constant(fill_value, tf_dtype(dtype))  # a scalar: several times cheaper than fill
        except (TypeError, ValueError):
            pass  # e.g. 2.5 into an int dtype: tf.constant refuses what the cast below truncates
    value = fill_value if isinstance(fill_value, tf.Tensor) else np.asarray(fill_value)
    return tf.fill(shape, tf.cast(value, tf_dtype(dtype)))


def arange(start, stop, step, dtype):
    wide = "float32" if dtype == "bfloat16" else dtype  # numpy computes in the target dtype
    return tf.cast(np.arange(start, stop, step, dtype=np.dtype(wide)), tf_dtype(dtype))


# --- devices -------------------------------------------------------------------------------

_device_state = threading.local()


@functools.lru_cache(maxsize=None)
def _default_device():
    return "gpu:0" if tf.config.list_physical_devices("GPU") else "cpu:0"


def current_device():
    stack = getattr(_device_state, "stack", None)
    return stack[-1] if stack else _default_device()


@contextlib.contextmanager
def device_scope(name):
    kind, index = parse_device_name(name)
    if kind != "cpu":
        check_available(name, kind, index, len(tf.config.list_physical_devices(kind.upper())))
    device = f"{kind}:{index}"
    stack = _device_state.__dict__.setdefault("stack", [])
    with tf.device(f"/{kind.upper()}:{index}"):
        stack.append(device)
        try:
            yield device
        finally:
            stack.pop()


# --- variables -----------------------------------------------------------------------------

def variable_create(value, trainable):
    return tf.Variable(value, trainable=trainable)


def variable_value(storage):
    return storage.value()


def variable_assign(storage, value):
    storage.assign(value)
    return storage


# --- shape inference -----------------------------------------------------------------------

def abstract_eval(fn, specs):
    from tensorflow.python.framework.func_graph import FuncGraph

    graph = FuncGraph("abstract_eval")
    with graph.as_default():
        placeholders = [tf.compat.v1.placeholder(tf_dtype(dtype), tuple(shape)) for shape, dtype in specs]
        outputs = fn(*placeholders)
        return [(tuple(o.shape.as_list()), _NAMES[o.dtype]) for o in outputs]


def eager_scope():
    return tf.init_scope()
