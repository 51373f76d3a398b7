"""A cap on how many elements new Variables may hold, for building models from untrusted configs.

A saved config can declare ``Dense(units=10**10)``; building it would allocate before any
weight is read. ``load_model`` therefore builds under ``allocation_budget(n)``, where ``n``
comes from the weights file actually present: every saved variable must fit in it, so a
config asking for more is rejected before its memory is allocated.
"""

import contextlib
import math
import threading

_local = threading.local()


class AllocationBudgetExceeded(ValueError):
    """A Variable larger than what remains of the active allocation budget."""


@contextlib.contextmanager
def allocation_budget(max_elements, reason):
    """Within the block, Variables together may hold at most ``max_elements`` elements."""
    previous = getattr(_local, "budget", None)
    _local.budget = [int(max_elements), reason]
    try:
        yield
    finally:
        _local.budget = previous


def charge(shape, name):
    """Count a new Variable of ``shape`` against the active budget; raises before any allocation."""
    budget = getattr(_local, "budget", None)
    if budget is None:
        return
    elements = math.prod(int(d) for d in shape)
    if elements > budget[0]:
        raise AllocationBudgetExceeded(
            f"Variable {name} of shape {tuple(shape)} ({elements} elements) is larger than the "
            f"{budget[0]} elements left: {budget[1]}"
        )
    budget[0] -= elements
