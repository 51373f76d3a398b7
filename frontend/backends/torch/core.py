"""Tensors, dtypes, devices and variables on PyTorch."""

import contextlib
import ctypes
import os
import sys

import numpy as np
import torch

from frontend.backends.common.devices import check_available, parse_device_name

DTYPES = {
    "bool": torch.bool, "uint8": torch.uint8, "int8": torch.int8, "int16": torch.int16,
    "int32": torch.int32, "int64": torch.int64, "float16": torch.float16,
    "bfloat16": torch.bfloat16, "float32": torch.float32, "float64": torch.float64,
}
_NAMES = {value: name for name, value in DTYPES.items()}

_device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")


def _keep_freed_host_memory():
    """Let glibc keep freed tensor buffers for reuse instead of returning them to the OS.

    By default blocks over 128 KB are unmapped on free and page-faulted back in on the
    next step; eager training allocates such buffers every step, and this costs a CPU
    training step up to half its time (benchmarks/fit_vs_native.py). Opt out with
    FRONTEND_TORCH_KEEP_FREED_MEMORY=0.
    """
    if not sys.platform.startswith("linux") or os.environ.get("FRONTEND_TORCH_KEEP_FREED_MEMORY") == "0":
        return
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:
        return
    m_mmap_threshold, m_trim_threshold = -3, -1
    libc.mallopt(m_mmap_threshold, 32 * 1024 * 1024)
    libc.mallopt(m_trim_threshold, 1024 * 1024 * 1024)


_keep_freed_host_memory()
_abstract = False  # True inside abstract_eval: new tensors and variable reads are meta tensors


def device():
    """The torch.device new tensors go to."""
    return _device


# ----- tensors -------------------------------------------------------------------------


def is_tensor(x):
    return isinstance(x, torch.Tensor)


def convert_to_tensor(x, dtype=None):
    if isinstance(x, (bool, int, float)) and dtype is not None:  # torch.compile traces this; not NumPy
        return torch.tensor(x, dtype=DTYPES[dtype], device=_device)
    if not isinstance(x, torch.Tensor):
        array = np.asarray(x)
        if array.dtype.kind == "V" and array.dtype.name == "bfloat16":  # ml_dtypes.bfloat16: reinterpret the bits
            x = torch.from_numpy(np.array(array, order="C").view(np.int16)).view(torch.bfloat16)
        else:
            if _device.type == "cpu" or not array.flags.writeable or not array.flags.c_contiguous:
                array = np.array(array, order="C", copy=True)
            x = torch.from_numpy(array)
    return x.to(device=_device, dtype=None if dtype is None else DTYPES[dtype])


def convert_to_numpy(x):
    if not isinstance(x, torch.Tensor):
        return np.asarray(x)
    on_cpu = x.device.type == "cpu"
    x = x.detach().cpu()
    if x.dtype == torch.bfloat16:
        import ml_dtypes

        array = x.view(torch.int16).numpy().view(ml_dtypes.bfloat16)
    else:
        array = x.numpy()
    return array.copy() if on_cpu else array  # a CPU tensor's array would share (and follow) its memory


def dtype_name(x):
    return _NAMES.get(x.dtype) or str(x.dtype).replace("torch.", "")


def shape(x):
    return tuple(map(int, x.shape))


def cast(x, dtype):
    return x.to(DTYPES[dtype])


def zeros(shape, dtype):
    return torch.zeros(shape, dtype=DTYPES[dtype], device=_device)


def ones(shape, dtype):
    return torch.ones(shape, dtype=DTYPES[dtype], device=_device)


def full(shape, fill_value, dtype):
    return torch.full(shape, fill_value, dtype=DTYPES[dtype], device=_device)


def arange(start, stop, step, dtype):
    if stop is None:
        start, stop = 0, start
    return torch.arange(start, stop, step, dtype=DTYPES[dtype], device=_device)


# ----- devices -------------------------------------------------------------------------


def _parse_device(name):
    kind, index = parse_device_name(name)
    if kind == "cpu":
        return torch.device("cpu")
    count = torch.cuda.device_count() if kind == "gpu" and torch.cuda.is_available() else 0
    check_available(name, kind, index, count)
    return torch.device("cuda", index)


@contextlib.contextmanager
def device_scope(name):
    global _device
    previous, _device = _device, _parse_device(name)
    try:
        yield
    finally:
        _device = previous


def current_device():
    return "cpu:0" if _device.type == "cpu" else f"gpu:{_device.index or 0}"


# ----- variables -----------------------------------------------------------------------


def variable_create(value, trainable):
    value = convert_to_tensor(value).detach().to(_device, copy=True)
    grad = bool(trainable) and (value.is_floating_point() or value.is_complex())
    return torch.nn.Parameter(value, requires_grad=grad)


def variable_value(storage):
    return storage.to("meta") if _abstract else storage


def variable_assign(storage, value):
    if not torch.is_grad_enabled():
        storage.copy_(value)
        return storage
    torch._C._set_grad_enabled(False)  # torch.no_grad() at a fraction of its cost (a few calls per step)
    try:
        storage.copy_(value)
    finally:
        torch._C._set_grad_enabled(True)
    return storage


# ----- shape inference -----------------------------------------------------------------


@contextlib.contextmanager
def _abstract_mode(active, device):
    global _abstract, _device
    previous = _abstract, _device
    _abstract, _device = active, device
    try:
        yield
    finally:
        _abstract, _device = previous


_real_device = []  # the device in force when each active abstract_eval began


def abstract_eval(fn, specs):
    """Run fn on meta tensors; if that fails (an op without a meta kernel, weights created during the
    trace) run it again on small zeros on the device, where a real error shows as itself."""
    _real_device.append(_device)
    try:
        with torch.no_grad():
            try:
                with _abstract_mode(True, torch.device("meta")):
                    outputs = fn(*[torch.empty(tuple(s), dtype=DTYPES[d], device="meta") for s, d in specs])
            except Exception:  # noqa: BLE001  no meta kernel, or real weights created mid-trace: retry for real
                outputs = fn(*[torch.zeros(tuple(s), dtype=DTYPES[d], device=_device) for s, d in specs])
    finally:
        _real_device.pop()
    return [(shape(o), dtype_name(o)) for o in outputs]


def eager_scope():
    return _abstract_mode(False, _real_device[-1]) if _abstract else contextlib.nullcontext()
