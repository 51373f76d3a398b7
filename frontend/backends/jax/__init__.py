"""The JAX engine: every primitive of ``frontend.backends.interface`` on JAX.

64-bit types are enabled at import so int64/float64 behave as on the other engines.
The primitives live in small modules by family and are re-exported here by name.
"""

import jax

jax.config.update("jax_enable_x64", True)

from frontend.backends import interface  # noqa: E402
from frontend.backends.common import no_fused_rnn  # noqa: E402  (lax.scan under jit serves)
from frontend.backends.jax import control_flow, core, linalg, nn, numpy_ops, optimizer_ops, random  # noqa: E402

NAME = "jax"
DTYPES = core.DTYPES

for _module in (core, numpy_ops, linalg, nn, random, control_flow, optimizer_ops, no_fused_rnn):
    globals().update({name: getattr(_module, name) for name in interface.PRIMITIVE_NAMES if hasattr(_module, name)})
del _module
