"""``GroupNormalization``: normalize each example over groups of channels."""

from frontend import constraints, initializers, ops, regularizers
from frontend.layers.input_spec import InputSpec
from frontend.layers.layer import Layer
from frontend.layers.normalization.axes import known_sizes, resolve_axes
from frontend.ops import dtypes


class GroupNormalization(Layer):
    """Split the ``axis`` channels into ``groups`` groups; normalize each group over it and all
    non-batch axes, then apply per-channel ``gamma`` and ``beta``.

    ``groups=-1`` makes one group per channel (instance normalization); ``groups=1`` is
    layer normalization over all non-batch axes.
    """

    def __init__(self, groups=32, axis=-1, epsilon=1e-3, center=True, scale=True, beta_initializer="zeros",
                 gamma_initializer="ones", beta_regularizer=None, gamma_regularizer=None, beta_constraint=None,
                 gamma_constraint=None, **kwargs):
        if isinstance(groups, bool) or not isinstance(groups, int) or (groups <= 0 and groups != -1):
            raise ValueError(
                f"GroupNormalization: groups must be a positive integer or -1 (instance normalization), "
                f"received groups={groups!r}"
            )
        super().__init__(**kwargs)
        self.groups = groups
        self.axis = axis
        self.epsilon = epsilon
        self.center = center
        self.scale = scale
        self.beta_initializer = initializers.get(beta_initializer)
        self.gamma_initializer = initializers.get(gamma_initializer)
        self.beta_regularizer = regularizers.get(beta_regularizer)
        self.gamma_regularizer = regularizers.get(gamma_regularizer)
        self.beta_constraint = constraints.get(beta_constraint)
        self.gamma_constraint = constraints.get(gamma_constraint)
        self.supports_masking = True
        self.autocast = False
        self.gamma = self.beta = None

    def build(self, input_shape):
        channel_axis = resolve_axes(self, self.axis, input_shape)[0]
        (channels,) = known_sizes(self, input_shape, [channel_axis])
        if self.groups == -1:
            self.groups = channels
        if channels < self.groups:
            raise ValueError(
                f"Layer '{self.name}': groups ({self.groups}) cannot be more than the number of channels ({channels})"
            )
        if channels % self.groups:
            raise ValueError(
                f"Layer '{self.name}': the number of channels ({channels}) must be a multiple of groups ({self.groups})"
            )
        self.input_spec = InputSpec(ndim=len(input_shape), axes={self.axis: channels})
        if self.scale:
            self.gamma = self.add_weight(shape=(channels,), name="gamma", initializer=self.gamma_initializer,
                                         regularizer=self.gamma_regularizer, constraint=self.gamma_constraint)
        if self.center:
            self.beta = self.add_weight(shape=(channels,), name="beta", initializer=self.beta_initializer,
                                        regularizer=self.beta_regularizer, constraint=self.beta_constraint)

    def call(self, inputs):
        x = ops.cast(inputs, dtypes.result_type(ops.dtype(inputs), "float32"))
        shape = ops.shape(x)
        axis = self.axis % len(shape)
        # (..., channels, ...) -> (..., groups, channels // groups, ...); the group axis sits at `axis`.
        grouped_shape = shape[:axis] + (self.groups, shape[axis] // self.groups) + shape[axis + 1:]
        grouped = ops.reshape(x, grouped_shape)
        reduce = [i for i in range(1, len(grouped_shape)) if i != axis]
        mean, variance = ops.moments(grouped, reduce, keepdims=True)
        outputs = ops.multiply(ops.subtract(grouped, mean), ops.rsqrt(ops.add(variance, self.epsilon)))
        weight_shape = tuple(d if i in (axis, axis + 1) else 1 for i, d in enumerate(grouped_shape))
        if self.gamma is not None:
            outputs = ops.multiply(outputs, ops.reshape(ops.cast(self.gamma, ops.dtype(x)), weight_shape))
        if self.beta is not None:
            outputs = ops.add(outputs, ops.reshape(ops.cast(self.beta, ops.dtype(x)), weight_shape))
        return ops.cast(ops.reshape(outputs, shape), self.compute_dtype)

    def compute_output_shape(self, input_shape):
        resolve_axes(self, self.axis, input_shape)
        return tuple(input_shape)

    def get_config(self):
        return {
            **super().get_config(),
            "groups": self.groups,
            "axis": self.axis,
            "epsilon": self.epsilon,
            "center": self.center,
            "scale": self.scale,
            "beta_initializer": initializers.serialize(self.beta_initializer),
            "gamma_initializer": initializers.serialize(self.gamma_initializer),
            "beta_regularizer": regularizers.serialize(self.beta_regularizer),
            "gamma_regularizer": regularizers.serialize(self.gamma_regularizer),
            "beta_constraint": constraints.serialize(self.beta_constraint),
            "gamma_constraint": constraints.serialize(self.gamma_constraint),
        }
