"""Multi-tensor math for optimizer updates on tensorflow: plain per-tensor loops (backends/common/foreach_loops.py)."""

import sys

from frontend.backends.common.foreach_loops import make

_FUNCTIONS = make(lambda name: getattr(sys.modules["frontend.backends.tensorflow"], name))
foreach_unary = _FUNCTIONS["foreach_unary"]
foreach_binary = _FUNCTIONS["foreach_binary"]
foreach_lerp = _FUNCTIONS["foreach_lerp"]
foreach_addcdiv = _FUNCTIONS["foreach_addcdiv"]
foreach_assign = _FUNCTIONS["foreach_assign"]

__all__ = ["foreach_addcdiv", "foreach_assign", "foreach_binary", "foreach_lerp", "foreach_unary"]
