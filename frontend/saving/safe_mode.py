"""Safe mode: whether loading may import code that a config names (it may not, by default).

``load_model(..., safe_mode=False)`` enters ``safe_mode_scope(False)`` around the load, and
the few places that could import a function by name (``Lambda``) ask ``in_safe_mode()``.
The flag belongs to the thread that set it.
"""

import contextlib
import threading

_local = threading.local()


def in_safe_mode():
    """True unless an enclosing ``safe_mode_scope(False)`` turned it off."""
    stack = getattr(_local, "stack", None)
    return stack[-1] if stack else True


@contextlib.contextmanager
def safe_mode_scope(enabled=True):
    """Within the block, ``in_safe_mode()`` is ``enabled`` (``None`` keeps the current value)."""
    if not hasattr(_local, "stack"):
        _local.stack = []
    _local.stack.append(in_safe_mode() if enabled is None else bool(enabled))
    try:
        yield
    finally:
        _local.stack.pop()
