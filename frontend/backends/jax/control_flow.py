"""Control flow, gradients and compilation on JAX."""

import jax
import jax.numpy as jnp
from jax import lax


def _concrete_bool(pred):
    """pred as a Python bool, or None when it is traced."""
    if isinstance(pred, jax.core.Tracer):
        return None
    return bool(pred)


def cond(pred, true_fn, false_fn):
    value = _concrete_bool(pred)
    if value is None:
        return lax.cond(pred, true_fn, false_fn)
    return true_fn() if value else false_fn()


def _as_tuple(values):
    return tuple(values) if isinstance(values, (tuple, list)) else (values,)


def while_loop(cond, body, loop_vars, maximum_iterations):
    loop_vars = _as_tuple(loop_vars)
    if maximum_iterations is None:
        return lax.while_loop(lambda v: cond(*v), lambda v: _as_tuple(body(*v)), loop_vars)

    def bounded_cond(state):
        step, values = state
        return jnp.logical_and(step < maximum_iterations, cond(*values))

    def bounded_body(state):
        step, values = state
        return step + 1, _as_tuple(body(*values))

    return lax.while_loop(bounded_cond, bounded_body, (jnp.int32(0), loop_vars))[1]


def scan(f, init, xs, length, reverse):
    return lax.scan(f, init, xs, length=length, reverse=reverse)


def vectorized_map(fn, elements):
    return jax.vmap(fn)(elements)


def stop_gradient(x):
    return lax.stop_gradient(x)


def value_and_grad(fn, has_aux):
    return jax.value_and_grad(fn, argnums=0, has_aux=has_aux)


def compiled_steps_are_pure():
    return True


def converts_batches_inline():
    return True


def compile(fn, jit, donate_state=False):
    if jit not in (True, "auto"):
        return fn
    return jax.jit(fn, donate_argnums=(0,) if donate_state else ())
