"""``frontend.backend``: which engine runs, its settings, devices and the autodiff/compile entry points."""

from frontend import config
from frontend.backends import NAME, active
from frontend.config import epsilon, floatx, image_data_format, set_epsilon, set_floatx, set_image_data_format
from frontend.core.gradients import compile, compute_gradients, value_and_grad
from frontend.core.stateless_scope import StatelessScope
from frontend.core.variable import Variable
from frontend.ops.dtypes import result_type, standardize_dtype
from frontend.ops.tensors import convert_to_numpy, convert_to_tensor, is_tensor


def backend():
    """The active backend's name: 'tensorflow', 'jax' or 'torch' (Keras 3 spelling)."""
    return NAME


def device(device_name):
    """Context manager placing new tensors and variables on ``device_name`` ('cpu', 'gpu:0', ...)."""
    return active.device_scope(device_name)


def current_device():
    return active.current_device()


__all__ = [
    "StatelessScope", "Variable", "backend", "compile", "compute_gradients", "config", "convert_to_numpy",
    "convert_to_tensor", "current_device", "device", "epsilon", "floatx", "image_data_format", "is_tensor",
    "result_type", "set_epsilon", "set_floatx", "set_image_data_format", "standardize_dtype", "value_and_grad",
]
