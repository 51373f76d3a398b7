"""frontend: Keras-style neural networks on PyTorch, JAX or TensorFlow.

The engine is chosen once, at import, by ``FRONTEND_BACKEND`` (see ``frontend.config``).
"""

from frontend import backend, config, ops, random, utils
from frontend.core.variable import Variable
from frontend.core.stateless_scope import StatelessScope

__version__ = "0.1.0"
