"""The PyTorch engine: every primitive of ``frontend.backends.interface`` on torch tensors."""

from frontend.backends import interface
from frontend.backends.torch import control_flow, core, linalg, nn, numpy_ops, optimizer_ops, random, rnn

NAME = "torch"
DTYPES = core.DTYPES

for _module in (core, numpy_ops, linalg, nn, random, control_flow, optimizer_ops, rnn):
    globals().update({name: getattr(_module, name) for name in interface.PRIMITIVE_NAMES if hasattr(_module, name)})
del _module
