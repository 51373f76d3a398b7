"""``frontend.ops``: the op namespace for custom layers, with Keras 3's names and signatures.

Every op accepts NumPy arrays, Python scalars, Variables and tensors of the active
engine, promotes dtypes with one table (``frontend/ops/dtypes.py``), and reports bad input
naming the op, the shapes and the dtypes. Submodules mirror Keras: ``ops.nn``,
``ops.linalg``, ``ops.image``, ``ops.numpy``.
"""

from frontend.ops import (
    control_flow, creation, ctc, elementwise, image, indexing, linalg, nn, numpy, products, reductions, shapes,
)
from frontend.ops import errors as _errors
from frontend.ops import operation as _operation
from frontend.ops.exports import public_functions as _public_functions
from frontend.ops.tensors import cast, convert_to_numpy, convert_to_tensor, dtype, is_tensor, ndim, shape, size

for _module in (elementwise, reductions, shapes, creation, indexing, products, linalg, control_flow, nn, ctc):
    globals().update(_public_functions(_module))
del _module

_errors.enable_graph_building(_operation)
