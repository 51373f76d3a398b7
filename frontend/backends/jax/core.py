"""Tensors, dtypes, devices and variables on JAX."""

import contextlib

import jax
import jax.numpy as jnp
import numpy as np

from frontend.backends.common.devices import check_available, parse_device_name

DTYPES = {
    name: jnp.dtype(name)
    for name in ("bool", "uint8", "int8", "int16", "int32", "int64", "float16", "bfloat16", "float32", "float64")
}

_current = None  # the jax.Device set by device_scope, or None for JAX's default


def to_dtype(name):
    """The JAX dtype for a standard dtype name (None stays None)."""
    return None if name is None else DTYPES[name]


# ----- tensors -------------------------------------------------------------------------


def is_tensor(x):
    return isinstance(x, jax.Array)  # also true for tracers


def _is_concrete_array(x):
    return isinstance(x, jax.Array) and not isinstance(x, jax.core.Tracer)


def _place(x):
    """Put a concrete array on the current device (tracers are left to the compiler)."""
    if _current is not None and _is_concrete_array(x) and x.devices() != {_current}:
        return jax.device_put(x, _current)
    return x


def convert_to_tensor(x, dtype=None):
    if is_tensor(x):
        if dtype is not None and x.dtype != DTYPES[dtype]:
            x = x.astype(DTYPES[dtype])
        return _place(x)
    x = np.asarray(x, dtype=to_dtype(dtype))
    return jax.device_put(x, _current) if _current is not None else jnp.asarray(x)


def convert_to_numpy(x):
    return np.array(x)


_NAMES = {dtype: dtype.name for dtype in DTYPES.values()}


def dtype_name(x):
    dtype = x.dtype
    return _NAMES.get(dtype) or jnp.dtype(dtype).name


def shape(x):
    return tuple(int(d) for d in x.shape)


def cast(x, dtype):
    return x.astype(DTYPES[dtype])


def zeros(shape, dtype):
    return jnp.zeros(shape, dtype=DTYPES[dtype], device=_current)


def ones(shape, dtype):
    return jnp.ones(shape, dtype=DTYPES[dtype], device=_current)


def full(shape, fill_value, dtype):
    return jnp.full(shape, fill_value, dtype=DTYPES[dtype], device=_current)


def arange(start, stop, step, dtype):
    return _place(jnp.arange(start, stop, step, dtype=to_dtype(dtype)))


# ----- devices -------------------------------------------------------------------------


def _parse_device(name):
    kind, index = parse_device_name(name)
    try:
        devices = jax.devices(kind)
    except RuntimeError:
        devices = []
    check_available(name, kind, index, len(devices))
    return devices[index]


@contextlib.contextmanager
def device_scope(name):
    global _current
    device = _parse_device(name)
    previous = _current
    _current = device
    try:
        with jax.default_device(device):
            yield
    finally:
        _current = previous


def current_device():
    device = _current or jax.config.jax_default_device or jax.devices()[0]
    if isinstance(device, str):
        device = jax.devices(device)[0]
    return f"{device.platform}:{device.id}"


# ----- variables -----------------------------------------------------------------------


def variable_create(value, trainable):
    return convert_to_tensor(value)


def variable_value(storage):
    return storage


def variable_assign(storage, value):
    return value


# ----- shape inference -----------------------------------------------------------------


def abstract_eval(fn, specs):
    structs = [jax.ShapeDtypeStruct(tuple(shape), DTYPES[dtype]) for shape, dtype in specs]
    outputs = jax.eval_shape(lambda *args: list(fn(*args)), *structs)
    return [(tuple(o.shape), jnp.dtype(o.dtype).name) for o in outputs]


def eager_scope():
    return jax.ensure_compile_time_eval()
