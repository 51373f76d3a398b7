"""``LayerNormalization``: normalize each example over its own feature axes."""

import warnings

from frontend import constraints, initializers, ops, regularizers
from frontend.layers.layer import Layer
from frontend.layers.normalization.axes import broadcast_shape, check_axis_argument, known_sizes, resolve_axes
from frontend.ops import dtypes


class LayerNormalization(Layer):
    """``gamma * (x - mean) / sqrt(variance + epsilon) + beta``, statistics over ``axis`` per example.

    ``gamma`` and ``beta`` have the sizes of the normalized axes. ``rms_scaling=True`` is
    Keras's deprecated variant (scale by the variance without centering, no ``beta``),
    kept so that old configs load; ``RMSNormalization`` is the real RMS norm.
    """

    def __init__(self, axis=-1, epsilon=1e-3, center=True, scale=True, rms_scaling=False, beta_initializer="zeros",
                 gamma_initializer="ones", beta_regularizer=None, gamma_regularizer=None, beta_constraint=None,
                 gamma_constraint=None, **kwargs):
        super().__init__(**kwargs)
        if rms_scaling:
            warnings.warn(
                "LayerNormalization: rms_scaling=True is deprecated (it scales by the variance, not the root mean "
                "square); use RMSNormalization instead",
                stacklevel=2,
            )
        self.axis = check_axis_argument("LayerNormalization", axis)
        self.epsilon = epsilon
        self.center = center
        self.scale = scale
        self.rms_scaling = rms_scaling
        self.beta_initializer = initializers.get(beta_initializer)
        self.gamma_initializer = initializers.get(gamma_initializer)
        self.beta_regularizer = regularizers.get(beta_regularizer)
        self.gamma_regularizer = regularizers.get(gamma_regularizer)
        self.beta_constraint = constraints.get(beta_constraint)
        self.gamma_constraint = constraints.get(gamma_constraint)
        self.supports_masking = True
        # Statistics are computed in at least float32; only the output takes the compute dtype.
        self.autocast = False
        self.gamma = self.beta = None

    def build(self, input_shape):
        axes = resolve_axes(self, self.axis, input_shape)
        shape = known_sizes(self, input_shape, axes)
        if self.scale or self.rms_scaling:
            self.gamma = self.add_weight(name="gamma", shape=shape, initializer=self.gamma_initializer,
                                         regularizer=self.gamma_regularizer, constraint=self.gamma_constraint)
        if self.center and not self.rms_scaling:
            self.beta = self.add_weight(name="beta", shape=shape, initializer=self.beta_initializer,
                                        regularizer=self.beta_regularizer, constraint=self.beta_constraint)

    def call(self, inputs):
        x = ops.cast(inputs, dtypes.result_type(ops.dtype(inputs), "float32"))
        dtype = ops.dtype(x)
        axes = resolve_axes(self, self.axis, ops.shape(x))
        if self.rms_scaling:
            outputs = ops.multiply(x, ops.rsqrt(ops.add(ops.var(x, axis=axes, keepdims=True), self.epsilon)))
        else:
            mean, variance = ops.moments(x, axes, keepdims=True)
            outputs = ops.multiply(ops.subtract(x, mean), ops.rsqrt(ops.add(variance, self.epsilon)))
        shape = broadcast_shape(ops.shape(x), axes)
        if self.gamma is not None:
            outputs = ops.multiply(outputs, ops.reshape(ops.cast(self.gamma, dtype), shape))
        if self.beta is not None:
            outputs = ops.add(outputs, ops.reshape(ops.cast(self.beta, dtype), shape))
        return ops.cast(outputs, self.compute_dtype)

    def compute_output_shape(self, input_shape):
        resolve_axes(self, self.axis, input_shape)
        return tuple(input_shape)

    def get_config(self):
        return {
            **super().get_config(),
            "axis": self.axis,
            "epsilon": self.epsilon,
            "center": self.center,
            "scale": self.scale,
            "rms_scaling": self.rms_scaling,
            "beta_initializer": initializers.serialize(self.beta_initializer),
            "gamma_initializer": initializers.serialize(self.gamma_initializer),
            "beta_regularizer": regularizers.serialize(self.beta_regularizer),
            "gamma_regularizer": regularizers.serialize(self.gamma_regularizer),
            "beta_constraint": constraints.serialize(self.beta_constraint),
            "gamma_constraint": constraints.serialize(self.gamma_constraint),
        }
