"""``BatchNormalization``: normalize with batch statistics when training, moving averages otherwise."""

from frontend import constraints, initializers, ops, regularizers
from frontend.config import epsilon as fuzz
from frontend.layers.input_spec import InputSpec
from frontend.layers.layer import Layer
from frontend.layers.normalization.axes import known_sizes, resolve_axes
from frontend.ops import dtypes

_RENORM_KEYS = ("rmax", "rmin", "dmax")


def _check_renorm_clipping(clipping):
    unknown = set(clipping) - set(_RENORM_KEYS)
    if unknown:
        raise ValueError(
            f"BatchNormalization: unknown renorm_clipping keys {sorted(unknown)}; valid keys are {list(_RENORM_KEYS)}"
        )
    rmax, rmin, dmax = (clipping.get(k) for k in _RENORM_KEYS)
    if rmax is not None and rmin is not None and rmax < rmin:
        raise ValueError(f"BatchNormalization: renorm_clipping needs rmax >= rmin, received rmax={rmax}, rmin={rmin}")
    if dmax is not None and dmax < 0:
        raise ValueError(f"BatchNormalization: renorm_clipping needs dmax >= 0, received dmax={dmax}")


class BatchNormalization(Layer):
    """``gamma * (x - mean) / sqrt(variance + epsilon) + beta`` along ``axis``.

    With ``training=True`` (and a trainable layer) the statistics come from the batch
    (masked positions left out) and the moving averages move towards them by
    ``1 - momentum``; otherwise the moving averages are used. A frozen layer
    (``trainable=False``) always runs in inference mode, as in Keras.
    ``renorm=True`` adds batch renormalization (Ioffe, 2017) in training.
    """

    def __init__(self, axis=-1, momentum=0.99, epsilon=1e-3, center=True, scale=True, beta_initializer="zeros",
                 gamma_initializer="ones", moving_mean_initializer="zeros", moving_variance_initializer="ones",
                 beta_regularizer=None, gamma_regularizer=None, beta_constraint=None, gamma_constraint=None,
                 renorm=False, renorm_clipping=None, renorm_momentum=0.99, synchronized=False, **kwargs):
        super().__init__(**kwargs)
        self.axis = int(axis)
        self.momentum = float(momentum)
        self.epsilon = float(epsilon)
        self.center = center
        self.scale = scale
        self.beta_initializer = initializers.get(beta_initializer)
        self.gamma_initializer = initializers.get(gamma_initializer)
        self.moving_mean_initializer = initializers.get(moving_mean_initializer)
        self.moving_variance_initializer = initializers.get(moving_variance_initializer)
        self.beta_regularizer = regularizers.get(beta_regularizer)
        self.gamma_regularizer = regularizers.get(gamma_regularizer)
        self.beta_constraint = constraints.get(beta_constraint)
        self.gamma_constraint = constraints.get(gamma_constraint)
        self.renorm = renorm
        if renorm:
            renorm_clipping = dict(renorm_clipping or {})
            _check_renorm_clipping(renorm_clipping)
        self.renorm_clipping = renorm_clipping
        self.renorm_momentum = renorm_momentum
        # One process, one device: the batch statistics are already global.
        self.synchronized = synchronized
        self.supports_masking = True
        self.gamma = self.beta = self.moving_mean = self.moving_variance = None

    def build(self, input_shape):
        channel_axis = resolve_axes(self, self.axis, input_shape)[0]
        shape = known_sizes(self, input_shape, [channel_axis])
        if self.scale:
            self.gamma = self.add_weight(shape=shape, name="gamma", initializer=self.gamma_initializer,
                                         regularizer=self.gamma_regularizer, constraint=self.gamma_constraint)
        if self.center:
            self.beta = self.add_weight(shape=shape, name="beta", initializer=self.beta_initializer,
                                        regularizer=self.beta_regularizer, constraint=self.beta_constraint)
        self.moving_mean = self.add_weight(shape=shape, name="moving_mean", initializer=self.moving_mean_initializer,
                                           trainable=False)
        self.moving_variance = self.add_weight(shape=shape, name="moving_variance",
                                               initializer=self.moving_variance_initializer, trainable=False)
        if self.renorm:
            self._build_renorm(shape)
        self.input_spec = InputSpec(ndim=len(input_shape), axes={self.axis: shape[0]})
        self._reduction_axes = [i for i in range(len(input_shape)) if i != channel_axis]

    def _build_renorm(self, shape):
        """The renorm state: moving stddev for inference, and the renorm mean/stddev used in training."""
        def stddev_initializer(shape, dtype=None):
            return ops.sqrt(initializers.get(initializers.serialize(self.moving_variance_initializer))(shape, dtype))

        mean_initializer = initializers.get(initializers.serialize(self.moving_mean_initializer))
        self.moving_stddev = self.add_weight(shape=shape, name="moving_stddev", initializer=stddev_initializer,
                                             trainable=False)
        self.renorm_mean = self.add_weight(shape=shape, name="renorm_mean", initializer=mean_initializer,
                                           trainable=False)
        self.renorm_stddev = self.add_weight(shape=shape, name="renorm_stddev", initializer=stddev_initializer,
                                             trainable=False)

    def call(self, inputs, training=None, mask=None):
        if mask is not None and len(mask.shape) != len(inputs.shape) - 1:
            raise ValueError(
                f"Layer '{self.name}': the mask must have one axis less than the inputs, received "
                f"mask.shape={tuple(mask.shape)}, inputs.shape={tuple(inputs.shape)}"
            )
        # Half-precision statistics overflow easily, so compute in at least float32.
        x = ops.cast(inputs, dtypes.result_type(ops.dtype(inputs), "float32"))
        dtype = ops.dtype(x)
        gamma = ops.cast(self.gamma, dtype) if self.scale else None
        beta = ops.cast(self.beta, dtype) if self.center else None
        if training and self.trainable:
            mean, variance = self._moments(x, mask)
            if self.renorm:
                gamma, beta = self._renorm_transform(mean, variance, gamma, beta, dtype)
                self._update_renorm_statistics(mean, variance)
            else:
                self._update_moving(self.moving_mean, mean, self.momentum)
                self._update_moving(self.moving_variance, variance, self.momentum)
        else:
            mean = ops.cast(self.moving_mean, dtype)
            variance = ops.cast(self.moving_variance, dtype)
        outputs = ops.batch_normalization(x, mean, variance, axis=self.axis, offset=beta, scale=gamma,
                                          epsilon=self.epsilon)
        return ops.cast(outputs, self.compute_dtype)

    @staticmethod
    def _update_moving(variable, value, momentum):
        """``variable = variable * momentum + value * (1 - momentum)``; returns the new value."""
        old = ops.cast(variable, ops.dtype(value))
        new = ops.add(ops.multiply(old, momentum), ops.multiply(value, 1.0 - momentum))
        variable.assign(new)
        return new

    def _moments(self, x, mask):
        """Batch mean and variance per channel; masked positions (mask False) are left out."""
        if mask is None:
            return ops.moments(x, axes=self._reduction_axes, synchronized=self.synchronized)
        keep = ops.broadcast_to(ops.expand_dims(ops.cast(mask, "bool"), -1), ops.shape(x))
        count = ops.add(ops.sum(ops.cast(keep, ops.dtype(x)), self._reduction_axes, keepdims=True), fuzz())
        mean = ops.divide(ops.sum(ops.where(keep, x, 0), self._reduction_axes, keepdims=True), count)
        squares = ops.square(ops.where(keep, ops.subtract(x, mean), 0))
        variance = ops.divide(ops.sum(squares, self._reduction_axes, keepdims=True), count)
        channels = (ops.shape(x)[self.axis],)
        return ops.reshape(mean, channels), ops.reshape(variance, channels)

    def _renorm_transform(self, mean, variance, gamma, beta, dtype):
        """gamma and beta with the renorm correction (r, d) folded in: (x_hat * r + d) * gamma + beta."""
        stddev = ops.sqrt(ops.add(variance, self.epsilon))
        renorm_mean = ops.cast(self.renorm_mean, dtype)
        floor = ops.sqrt(ops.cast(self.epsilon, dtype))
        renorm_stddev = ops.maximum(ops.cast(self.renorm_stddev, dtype), floor)
        r = ops.divide(stddev, renorm_stddev)
        d = ops.divide(ops.subtract(mean, renorm_mean), renorm_stddev)
        clipping = self.renorm_clipping
        if clipping.get("rmin") is not None:
            r = ops.maximum(r, clipping["rmin"])
        if clipping.get("rmax") is not None:
            r = ops.minimum(r, clipping["rmax"])
        if clipping.get("dmax") is not None:
            d = ops.clip(d, -clipping["dmax"], clipping["dmax"])
        r, d = ops.stop_gradient(r), ops.stop_gradient(d)
        if gamma is None:
            new_gamma, new_beta = r, d
        else:
            new_gamma, new_beta = ops.multiply(r, gamma), ops.multiply(d, gamma)
        return new_gamma, new_beta if beta is None else ops.add(new_beta, beta)

    def _update_renorm_statistics(self, mean, variance):
        stddev = ops.sqrt(ops.add(variance, self.epsilon))
        self._update_moving(self.renorm_mean, mean, self.renorm_momentum)
        self._update_moving(self.renorm_stddev, stddev, self.renorm_momentum)
        self._update_moving(self.moving_mean, mean, self.momentum)
        new_stddev = self._update_moving(self.moving_stddev, stddev, self.momentum)
        self.moving_variance.assign(ops.relu(ops.subtract(ops.square(new_stddev), self.epsilon)))

    def compute_output_shape(self, input_shape):
        resolve_axes(self, self.axis, input_shape)
        return tuple(input_shape)

    def get_config(self):
        return {
            **super().get_config(),
            "axis": self.axis,
            "momentum": self.momentum,
            "epsilon": self.epsilon,
            "center": self.center,
            "scale": self.scale,
            "beta_initializer": initializers.serialize(self.beta_initializer),
            "gamma_initializer": initializers.serialize(self.gamma_initializer),
            "moving_mean_initializer": initializers.serialize(self.moving_mean_initializer),
            "moving_variance_initializer": initializers.serialize(self.moving_variance_initializer),
            "beta_regularizer": regularizers.serialize(self.beta_regularizer),
            "gamma_regularizer": regularizers.serialize(self.gamma_regularizer),
            "beta_constraint": constraints.serialize(self.beta_constraint),
            "gamma_constraint": constraints.serialize(self.gamma_constraint),
            "synchronized": self.synchronized,
            "renorm": self.renorm,
            "renorm_clipping": self.renorm_clipping,
            "renorm_momentum": self.renorm_momentum,
        }
