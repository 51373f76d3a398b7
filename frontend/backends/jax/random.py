"""Seeded random draws on JAX: a seed is an int32 tensor of shape (2,), the threefry key data."""

import jax
import jax.numpy as jnp

from frontend.backends.jax.core import DTYPES


def _key(seed):
    return jax.random.wrap_key_data(jnp.asarray(seed).astype(jnp.uint32), impl="threefry2x32")


def _scale(x, mean, stddev):
    return x * jnp.asarray(stddev, x.dtype) + jnp.asarray(mean, x.dtype)


def random_uniform(shape, minval, maxval, dtype, seed):
    return jax.random.uniform(_key(seed), shape, dtype=DTYPES[dtype], minval=minval, maxval=maxval)


def random_normal(shape, mean, stddev, dtype, seed):
    return _scale(jax.random.normal(_key(seed), shape, dtype=DTYPES[dtype]), mean, stddev)


def random_truncated_normal(shape, mean, stddev, dtype, seed):
    return _scale(jax.random.truncated_normal(_key(seed), -2.0, 2.0, shape, dtype=DTYPES[dtype]), mean, stddev)


def random_randint(shape, minval, maxval, dtype, seed):
    return jax.random.randint(_key(seed), shape, minval, maxval, dtype=DTYPES[dtype])


def random_categorical(logits, num_samples, dtype, seed):
    samples = jax.random.categorical(_key(seed), logits, axis=-1, shape=(num_samples, logits.shape[0]))
    return samples.T.astype(DTYPES[dtype])


def random_gamma(shape, alpha, dtype, seed):
    return jax.random.gamma(_key(seed), jnp.asarray(alpha, DTYPES[dtype]), shape, dtype=DTYPES[dtype])
