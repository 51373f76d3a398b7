"""frontend: Keras-style neural networks on PyTorch, JAX or TensorFlow.

The engine is chosen once, at import, by ``FRONTEND_BACKEND`` (see ``frontend.config``).
"""

from frontend import backend, config, ops, random, tree, utils
from frontend import activations, constraints, dtype_policies, initializers, layers, models, regularizers
from frontend import callbacks, datasets, losses, metrics, optimizers, saving
from frontend.core.stateless_scope import StatelessScope
from frontend.core.variable import Variable
from frontend.dtype_policies import DTypePolicy
from frontend.layers import Input, InputSpec, Layer
from frontend.losses import Loss
from frontend.metrics import Metric
from frontend.optimizers import Optimizer
from frontend.models import Model, Sequential
from frontend.ops.operation import Operation
from frontend.ops.symbolic import SymbolicTensor

KerasTensor = SymbolicTensor

__version__ = "0.1.0"
