"""Multi-tensor math for optimizer updates on JAX: plain per-tensor ops, fused by jax.jit."""

import jax.numpy as jnp

_UNARY = {
    "sqrt": jnp.sqrt, "abs": jnp.abs, "sign": jnp.sign, "negative": jnp.negative,
    "reciprocal": jnp.reciprocal, "exp": jnp.exp, "log": jnp.log, "square": jnp.square,
}
_BINARY = {
    "add": jnp.add, "subtract": jnp.subtract, "multiply": jnp.multiply, "divide": jnp.divide,
    "maximum": jnp.maximum, "minimum": jnp.minimum, "power": jnp.power,
}


def foreach_unary(name, xs):
    fn = _UNARY[name]
    return [fn(x) for x in xs]


def foreach_binary(name, xs, ys):
    fn = _BINARY[name]
    if isinstance(ys, (list, tuple)):
        return [fn(x, y) for x, y in zip(xs, ys)]
    return [fn(x, ys) for x in xs]


def foreach_lerp(xs, ys, weight):
    return [x + (y - x) * weight for x, y in zip(xs, ys)]


def foreach_addcdiv(xs, ys, zs, value):
    return [x + (y * value) / z for x, y, z in zip(xs, ys, zs)]


def foreach_assign(storages, values):
    return list(values)
