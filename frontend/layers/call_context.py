"""The ``training`` flags of the layer calls in progress on this thread, innermost last.

Nested layers read the innermost flag when they are not given one; an empty stack means
the call being made is the outermost one.
"""

import threading

_state = threading.local()


def stack():
    """This thread's list of training flags (push by append, pop by pop)."""
    try:
        return _state.stack
    except AttributeError:
        _state.stack = []
        return _state.stack
