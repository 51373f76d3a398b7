"""Indexing, gathers, scatters and segment reductions on TensorFlow."""

import builtins

import numpy as np
import tensorflow as tf

from .core import tf_dtype

_slice = builtins.slice


def _wrap(indices, size):
    """Negative indices count from the end of an axis of length ``size``."""
    indices = tf.convert_to_tensor(indices)
    return tf.where(indices < 0, indices + tf.cast(size, indices.dtype), indices)


def _is_array(k):
    return isinstance(k, (tf.Tensor, np.ndarray))


def getitem(x, key):
    if not isinstance(key, tuple):
        key = (key,)
    if not builtins.any(_is_array(k) for k in key):
        return x[key]
    key = tuple(tf.convert_to_tensor(k) if isinstance(k, np.ndarray) else k for k in key)
    if len(key) == 1 and key[0].dtype == tf.bool:
        return tf.boolean_mask(x, key[0])
    # Expand Ellipsis, turn bool masks into int index tensors (one per masked axis).
    used = builtins.sum(k.shape.rank if isinstance(k, tf.Tensor) and k.dtype == tf.bool else 1
                        for k in key if k is not None and k is not Ellipsis)
    entries = []
    for k in key:
        if k is Ellipsis:
            entries += [_slice(None)] * (x.shape.rank - used)
        elif isinstance(k, tf.Tensor) and k.dtype == tf.bool:
            entries += tf.unstack(tf.where(k), num=k.shape.rank, axis=1)
        else:
            entries.append(k)
    entries += [_slice(None)] * (x.shape.rank - builtins.sum(e is not None for e in entries))
    # Basic indexing first, keeping one axis per advanced entry; ``positions`` are those axes.
    advanced = [not isinstance(e, _slice) and e is not None for e in entries]
    x = x[tuple(_slice(None) if a else e for a, e in zip(advanced, entries))]
    positions = [i for i, a in enumerate(advanced) if a]
    if len(positions) == 1 and isinstance(entries[positions[0]], tf.Tensor):
        axis = positions[0]
        return tf.gather(x, _wrap(entries[axis], tf.shape(x)[axis]), axis=axis)
    # Several advanced entries (or ints beside one): broadcast them together and gather_nd.
    rest = [i for i in range(x.shape.rank) if i not in positions]
    x = tf.transpose(x, positions + rest)
    indices = [_wrap(tf.cast(entries[p], tf.int64), tf.shape(x, tf.int64)[i]) for i, p in enumerate(positions)]
    shape, nb = tf.shape(indices[0]), builtins.max(i.shape.rank for i in indices)
    for index in indices[1:]:
        shape = tf.broadcast_dynamic_shape(shape, tf.shape(index))
    out = tf.gather_nd(x, tf.stack([tf.broadcast_to(i, shape) for i in indices], axis=-1))
    if positions != list(range(positions[0], positions[0] + len(positions))):
        return out  # separated advanced entries: their dims lead, like NumPy
    start = positions[0]
    perm = list(range(nb, nb + start)) + list(range(nb)) + list(range(nb + start, out.shape.rank))
    return tf.transpose(out, perm)


def take(x, indices, axis):
    if axis is None:
        x, axis = tf.reshape(x, [-1]), 0
    return tf.gather(x, _wrap(indices, tf.shape(x)[axis]), axis=axis)


def take_along_axis(x, indices, axis):
    rank = x.shape.rank
    axis = axis % rank
    indices = _wrap(indices, tf.shape(x)[axis])
    x_shape, i_shape = tf.shape(x), tf.shape(indices)
    ones = tf.ones([1], tf.int32)
    common = tf.broadcast_dynamic_shape(tf.concat([x_shape[:axis], ones, x_shape[axis + 1:]], 0),
                                        tf.concat([i_shape[:axis], ones, i_shape[axis + 1:]], 0))
    x = tf.broadcast_to(x, tf.concat([common[:axis], x_shape[axis:axis + 1], common[axis + 1:]], 0))
    indices = tf.broadcast_to(indices, tf.concat([common[:axis], i_shape[axis:axis + 1], common[axis + 1:]], 0))
    perm = [a for a in range(rank) if a != axis] + [axis]
    out = tf.gather(tf.transpose(x, perm), tf.transpose(indices, perm), axis=rank - 1, batch_dims=rank - 1)
    return tf.transpose(out, np.argsort(perm))


def slice(x, start_indices, shape):
    return tf.slice(x, start_indices, shape)


def slice_update(x, start_indices, updates):
    ranges = [tf.range(s, s + n) for s, n in zip(start_indices, tf.unstack(tf.shape(updates), num=updates.shape.rank))]
    indices = tf.stack(tf.meshgrid(*ranges, indexing="ij"), axis=-1)
    return tf.tensor_scatter_nd_update(x, indices, updates)


def scatter_update(x, indices, updates):
    return tf.tensor_scatter_nd_update(x, indices, updates)


def scatter_add(shape, indices, values, dtype):
    return tf.scatter_nd(indices, tf.cast(values, tf_dtype(dtype)), shape)


def segment_sum(data, segment_ids, num_segments):
    return tf.math.unsorted_segment_sum(data, segment_ids, num_segments)


def segment_max(data, segment_ids, num_segments):
    result = tf.math.unsorted_segment_max(data, segment_ids, num_segments)
    if not data.dtype.is_floating:
        return result
    # TF fills empty segments with the lowest finite value; the contract says -inf.
    counts = tf.math.unsorted_segment_sum(tf.ones_like(segment_ids), segment_ids, num_segments)
    empty = tf.reshape(tf.equal(counts, 0), [-1] + [1] * (len(data.shape) - 1))
    return tf.where(empty, tf.constant(float("-inf"), data.dtype), result)
