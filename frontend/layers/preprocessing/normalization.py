"""``Normalization``: shift and scale features to mean 0 and variance 1, with statistics from ``adapt``."""

import numpy as np

from frontend import config, ops
from frontend.layers.layer import Layer
from frontend.layers.preprocessing.adapt_data import batches


class Normalization(Layer):
    """``(x - mean) / sqrt(variance)`` per index of the kept ``axis`` (``invert=True`` undoes it).

    ``mean`` and ``variance`` are given, or learned by ``adapt(data)`` on the host and
    stored as the non-trainable weights ``mean``, ``variance`` and ``count`` (as in Keras).
    ``axis=None`` keeps no axis: one scalar mean and variance.
    """

    def __init__(self, axis=-1, mean=None, variance=None, invert=False, **kwargs):
        super().__init__(**kwargs)
        if axis is None:
            axis = ()
        self.axis = (axis,) if isinstance(axis, int) else tuple(axis)
        self.input_mean, self.input_variance = mean, variance
        self.invert = invert
        self.supports_masking = True
        if (mean is None) != (variance is None):
            raise ValueError(f"Normalization: give both mean and variance or neither, received mean={mean} "
                             f"and variance={variance}")
        if mean is not None:
            if np.shape(mean) != np.shape(variance):
                raise ValueError(f"Normalization: mean and variance must have the same shape, received "
                                 f"{np.shape(mean)} and {np.shape(variance)}")
            if np.ndim(mean) > len(self.axis):
                raise ValueError(f"Normalization: mean of shape {np.shape(mean)} has more axes than axis={self.axis}")

    def build(self, input_shape):
        ndim = len(input_shape)
        if any(a < -ndim or a >= ndim for a in self.axis):
            raise ValueError(f"Layer '{self.name}': every axis must be in [-{ndim}, {ndim}) for inputs of shape "
                             f"{tuple(input_shape)}, received axis={self.axis}")
        self._keep_axes = tuple(sorted(a % ndim for a in self.axis))
        for a in self._keep_axes:
            if input_shape[a] is None:
                raise ValueError(f"Layer '{self.name}': kept axis {a} of the input shape {tuple(input_shape)} "
                                 "must be known")
        self._reduce_axes = tuple(a for a in range(ndim) if a not in self._keep_axes)
        self._broadcast_shape = tuple(input_shape[a] if a in self._keep_axes else 1 for a in range(ndim))
        self._stat_shape = tuple(input_shape[a] for a in self._keep_axes)
        if self.input_mean is None:
            self.adapt_mean = self.add_weight(name="mean", shape=self._stat_shape, initializer="zeros",
                                              trainable=False)
            self.adapt_variance = self.add_weight(name="variance", shape=self._stat_shape, initializer="ones",
                                                  trainable=False)
            self.count = self.add_weight(name="count", shape=(), dtype="int", initializer="zeros", trainable=False)
        else:
            self._given = (self._expand(self.input_mean, ndim), self._expand(self.input_variance, ndim))
        self.built = True

    def _expand(self, value, ndim):
        """A given statistic, its axes aligned right to left with the kept axes, broadcast to full rank."""
        value = np.asarray(value, dtype="float64")
        shape = [1] * ndim
        for i in range(1, value.ndim + 1):
            shape[self._keep_axes[-i]] = value.shape[-i]
        return np.broadcast_to(value.reshape(shape), self._broadcast_shape)

    def adapt(self, data):
        """Compute the mean and variance of ``data`` (array, tensor or iterable of batches) on the host."""
        if self.input_mean is not None:
            raise ValueError(f"Layer '{self.name}': adapt() cannot be used when mean and variance were given")
        total_mean = total_variance = None
        total_count = 0
        for batch in batches(data):
            batch = np.asarray(batch, dtype="float64")
            if not self.built:
                self.build_from_config({"input_shape": batch.shape})
            self._check_adapt_shape(batch.shape)
            count = int(np.prod([batch.shape[a] for a in self._reduce_axes]))
            mean = batch.mean(axis=self._reduce_axes)
            variance = batch.var(axis=self._reduce_axes)
            if total_mean is None:
                total_mean, total_variance, total_count = mean, variance, count
                continue
            new_count = total_count + count
            new_mean = total_mean + (mean - total_mean) * (count / new_count)
            total_variance = (total_count * (total_variance + (total_mean - new_mean) ** 2)
                              + count * (variance + (mean - new_mean) ** 2)) / new_count
            total_mean, total_count = new_mean, new_count
        self.adapt_mean.assign(total_mean.reshape(self._stat_shape))
        self.adapt_variance.assign(total_variance.reshape(self._stat_shape))

    def _check_adapt_shape(self, shape):
        if len(shape) != len(self._broadcast_shape) or any(
                shape[a] != self._broadcast_shape[a] for a in self._keep_axes):
            raise ValueError(f"Layer '{self.name}': adapt() data of shape {tuple(shape)} does not match the kept "
                             f"axes {self._keep_axes} of the built shape")

    def call(self, inputs):
        inputs = ops.cast(inputs, self.compute_dtype)
        if self.input_mean is None:
            mean = ops.reshape(self.adapt_mean, self._broadcast_shape)
            variance = ops.reshape(self.adapt_variance, self._broadcast_shape)
        else:
            mean, variance = self._given
        mean = ops.cast(mean, self.compute_dtype)
        scale = ops.maximum(ops.sqrt(ops.cast(variance, self.compute_dtype)), config.epsilon())
        if self.invert:
            return mean + inputs * scale
        return (inputs - mean) / scale

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)

    def get_config(self):
        config_ = super().get_config()
        config_.update({"axis": self.axis, "invert": self.invert, "mean": np.array(self.input_mean).tolist(),
                        "variance": np.array(self.input_variance).tolist()})
        return config_
