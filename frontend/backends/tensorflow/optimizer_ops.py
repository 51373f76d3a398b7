"""Multi-tensor math for optimizer updates on TensorFlow: plain per-tensor ops."""

import tensorflow as tf

__all__ = ["foreach_addcdiv", "foreach_assign", "foreach_binary", "foreach_lerp", "foreach_unary"]

_UNARY = {
    "sqrt": tf.sqrt, "abs": tf.abs, "sign": tf.sign, "negative": tf.negative,
    "reciprocal": tf.math.reciprocal, "exp": tf.exp, "log": tf.math.log, "square": tf.square,
}
_BINARY = {
    "add": tf.add, "subtract": tf.subtract, "multiply": tf.multiply, "divide": tf.divide,
    "maximum": tf.maximum, "minimum": tf.minimum, "power": tf.pow,
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
    for storage, value in zip(storages, values):
        storage.assign(value)
    return storages
