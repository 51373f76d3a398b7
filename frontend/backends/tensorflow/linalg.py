"""Matrix products and decompositions on TensorFlow."""

import tensorflow as tf

from .numpy_ops import _widened


def matmul(x1, x2):
    return _widened(_matmul)(x1, x2)


def dense(x, kernel, bias):
    y = _matmul(x, kernel)
    return y if bias is None else tf.add(y, bias)


def _matmul(x1, x2):
    if x1.shape.rank == 1 and x2.shape.rank == 1:
        return tf.tensordot(x1, x2, 1)
    if x1.shape.rank == 1:
        return tf.linalg.matmul(x1[None], x2)[..., 0, :]
    if x2.shape.rank == 1:
        return tf.linalg.matmul(x1, x2[:, None])[..., 0]
    return tf.linalg.matmul(x1, x2)


def einsum(subscripts, *operands):
    return _widened(lambda *xs: tf.einsum(subscripts, *xs))(*operands)


def tensordot(x1, x2, axes):
    return _widened(tf.tensordot)(x1, x2, axes)


def inv(x):
    return tf.linalg.inv(x)


def cholesky(x):
    return tf.linalg.cholesky(x)


def det(x):
    return tf.linalg.det(x)


def solve(a, b):
    return tf.linalg.solve(a, b)


def solve_triangular(a, b, lower):
    return tf.linalg.triangular_solve(a, b, lower=lower)


def qr(x, mode):
    if mode not in ("reduced", "complete"):
        raise ValueError(f"qr: mode must be 'reduced' or 'complete', received {mode!r}")
    return tf.linalg.qr(x, full_matrices=mode == "complete")


def svd(x, full_matrices, compute_uv):
    if not compute_uv:
        return tf.linalg.svd(x, full_matrices=full_matrices, compute_uv=False)
    s, u, v = tf.linalg.svd(x, full_matrices=full_matrices)
    return u, s, tf.linalg.adjoint(v)


def eigh(x):
    return tf.linalg.eigh(x)
