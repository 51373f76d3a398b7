"""The ``training`` flag of the outermost layer call, seen by every nested call."""

import threading

_state = threading.local()


def current_training():
    """The training value set by an enclosing layer call, or None."""
    stack = getattr(_state, "stack", None)
    return stack[-1] if stack else None


def is_outermost_call():
    return not getattr(_state, "stack", None)


def push(training):
    stack = getattr(_state, "stack", None)
    if stack is None:
        stack = _state.stack = []
    stack.append(training)


def pop():
    _state.stack.pop()
