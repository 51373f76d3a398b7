"""``ops.numpy``: the NumPy-like subset of ``frontend.ops`` (as ``keras.ops.numpy``)."""

from frontend.ops import creation, elementwise, indexing, products, reductions, shapes
from frontend.ops.exports import public_functions as _public_functions
from frontend.ops.tensors import ndim, size

for _module in (elementwise, reductions, shapes, creation, indexing, products):
    globals().update(_public_functions(_module))
del _module
