"""Gradients and compilation written once for every engine.

``compute_gradients(loss_fn, variables)`` runs ``loss_fn`` with the variables' values
substituted through a StatelessScope and differentiates with the engine's own autodiff,
so custom training logic needs no engine-specific code.
"""

from frontend.backends import active as B
from frontend.core.stateless_scope import StatelessScope


def value_and_grad(fn, has_aux=False):
    """``g(values, *args) -> (fn(values, *args), grads)`` for a list of tensors ``values``."""
    return B.value_and_grad(fn, has_aux)


def compute_gradients(loss_fn, variables, has_aux=False):
    """(loss, gradients) of ``loss_fn()`` with respect to ``variables`` (a list of Variables).

    With ``has_aux`` ``loss_fn`` returns ``(loss, aux)`` and the result is
    ``((loss, aux), gradients)``. Assignments that ``loss_fn`` makes to other variables
    (batch-norm statistics, seed counters, metrics) are applied afterwards, as an eager
    run would have made them.
    """
    variables = list(variables)

    def pure(values):
        with StatelessScope(zip(variables, values)) as scope:
            out = loss_fn()
        return (out, scope.collected_updates())

    def pure_with_aux(values):
        out, updates = pure(values)
        loss, aux = out if has_aux else (out, None)
        return loss, (aux, updates)

    (loss, (aux, updates)), grads = B.value_and_grad(pure_with_aux, True)([v.value for v in variables])
    for variable, value in updates:
        variable.assign(value)
    return ((loss, aux), grads) if has_aux else (loss, grads)


def compile(fn, jit="auto"):
    """``fn`` compiled by the engine: jax.jit, tf.function, or eager torch unless ``jit=True``."""
    if jit not in (True, False, "auto"):
        raise ValueError(f"compile: jit must be True, False or 'auto', received {jit!r}")
    return B.compile(fn, jit)
