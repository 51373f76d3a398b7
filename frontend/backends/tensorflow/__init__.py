"""The TensorFlow engine module: every primitive of ``frontend.backends.interface`` on TensorFlow.

Only this package imports ``tensorflow``. Each submodule holds one family of primitives;
``core`` comes first because it sets up the TensorFlow import (quiet logs, no jax).
"""

from .core import *  # noqa: F401,F403  (first: it imports tensorflow)
from .control_flow import *  # noqa: F401,F403,I001
from .indexing import *  # noqa: F401,F403
from .linalg import *  # noqa: F401,F403
from .nn import *  # noqa: F401,F403
from .numpy_ops import *  # noqa: F401,F403
from .optimizer_ops import *  # noqa: F401,F403
from .random_ops import *  # noqa: F401,F403
from frontend.backends.common.no_fused_rnn import gru, lstm  # noqa: F401  (the generic time loop serves)

NAME = "tensorflow"
