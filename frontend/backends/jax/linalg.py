"""Linear algebra on JAX."""

import jax
import jax.numpy as jnp


def matmul(x1, x2):
    return jnp.matmul(x1, x2)


def einsum(subscripts, *operands):
    return jnp.einsum(subscripts, *operands)


def tensordot(x1, x2, axes):
    return jnp.tensordot(x1, x2, axes=axes)


def inv(x):
    return jnp.linalg.inv(x)


def solve(a, b):
    return jnp.linalg.solve(a, b)


def solve_triangular(a, b, lower):
    return jax.scipy.linalg.solve_triangular(a, b, lower=lower)


def cholesky(x):
    return jnp.linalg.cholesky(x)


def qr(x, mode):
    return tuple(jnp.linalg.qr(x, mode=mode))


def svd(x, full_matrices, compute_uv):
    result = jnp.linalg.svd(x, full_matrices=full_matrices, compute_uv=compute_uv)
    return tuple(result) if compute_uv else result


def eigh(x):
    return tuple(jnp.linalg.eigh(x))


def det(x):
    return jnp.linalg.det(x)


def dense(x, kernel, bias):
    y = jnp.matmul(x, kernel)
    return y if bias is None else y + bias
