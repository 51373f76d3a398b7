"""Stateless random sampling on TensorFlow: the same seed gives the same numbers, also in tf.function."""

import tensorflow as tf

from .core import tf_dtype

_FLOAT_SAMPLING = (tf.float16, tf.float32, tf.float64, tf.bfloat16)


def _sample(draw, dtype, supported):
    """draw(dtype) in ``dtype``, or in a supported wider dtype and cast."""
    dtype = tf_dtype(dtype)
    return draw(dtype) if dtype in supported else tf.cast(draw(supported[0]), dtype)


def random_uniform(shape, minval, maxval, dtype, seed):
    return _sample(lambda d: tf.random.stateless_uniform(shape, seed, minval, maxval, d), dtype, _FLOAT_SAMPLING)


def random_normal(shape, mean, stddev, dtype, seed):
    return _sample(lambda d: tf.random.stateless_normal(shape, seed, mean, stddev, d), dtype, _FLOAT_SAMPLING)


def random_truncated_normal(shape, mean, stddev, dtype, seed):
    return _sample(lambda d: tf.random.stateless_truncated_normal(shape, seed, mean, stddev, d), dtype, _FLOAT_SAMPLING)


def random_randint(shape, minval, maxval, dtype, seed):
    supported = (tf.int64,) if dtype == "int64" else (tf.int32,)
    return _sample(lambda d: tf.random.stateless_uniform(shape, seed, minval, maxval, d), dtype, supported)


def random_categorical(logits, num_samples, dtype, seed):
    return _sample(lambda d: tf.random.stateless_categorical(logits, num_samples, seed, d), dtype, (tf.int32, tf.int64))


def random_gamma(shape, alpha, dtype, seed):
    def draw(d):
        return tf.random.stateless_gamma(shape, seed, alpha=tf.broadcast_to(tf.cast(alpha, d), shape), dtype=d)
    return _sample(draw, dtype, (tf.float32, tf.float16, tf.float64))
