"""Run code with substituted variable values and collect the assignments it makes.

Inside ``with StatelessScope(values) as scope:``, reading a variable listed in
``values`` gives the substituted tensor, and ``variable.assign(x)`` records ``x`` in
``scope.updates`` instead of writing the variable. A training step becomes a pure
function of its state this way, which ``jax.jit`` requires and the other engines accept.
"""

import threading

_state = threading.local()


def current_scope():
    """The innermost active StatelessScope, or None."""
    stack = getattr(_state, "stack", None)
    return stack[-1] if stack else None


class StatelessScope:
    def __init__(self, state_mapping=()):
        self._values = {}
        self.updates = {}
        self._parent = None
        for variable, value in state_mapping:
            self._values[id(variable)] = (variable, value)

    def get_current_value(self, variable):
        """The latest value of ``variable`` here (an update wins), else in the enclosing scope, or None."""
        entry = self.updates.get(id(variable)) or self._values.get(id(variable))
        if entry:
            return entry[1]
        return self._parent.get_current_value(variable) if self._parent is not None else None

    def add_update(self, variable, value):
        self.updates[id(variable)] = (variable, value)

    def collected_updates(self):
        """[(variable, new_value)] in assignment order."""
        return list(self.updates.values())

    def __enter__(self):
        if not hasattr(_state, "stack"):
            _state.stack = []
        self._parent = _state.stack[-1] if _state.stack else None
        _state.stack.append(self)
        return self

    def __exit__(self, *exc):
        _state.stack.pop()
        return False
