"""``PReLU``: a leaky ReLU whose negative slope is learned, per element or shared along axes."""

from frontend import constraints, initializers, ops, regularizers
from frontend.layers.input_spec import InputSpec
from frontend.layers.layer import Layer


class PReLU(Layer):
    """``max(x, 0) - alpha * max(-x, 0)``; ``alpha`` has the input's shape without the batch axis.

    ``shared_axes`` (1-based, counting the batch axis as 0) gives ``alpha`` size 1 there,
    e.g. ``shared_axes=[1, 2]`` learns one slope per channel of an image.
    """

    def __init__(self, alpha_initializer="Zeros", alpha_regularizer=None, alpha_constraint=None, shared_axes=None,
                 **kwargs):
        super().__init__(**kwargs)
        self.supports_masking = True
        self.alpha_initializer = initializers.get(alpha_initializer)
        self.alpha_regularizer = regularizers.get(alpha_regularizer)
        self.alpha_constraint = constraints.get(alpha_constraint)
        if shared_axes is None:
            self.shared_axes = None
        elif isinstance(shared_axes, (list, tuple)):
            self.shared_axes = list(shared_axes)
        else:
            self.shared_axes = [shared_axes]

    def build(self, input_shape):
        rank = len(input_shape)
        shared = set(self.shared_axes or ())
        for axis in shared:
            if not 1 <= axis < rank:
                raise ValueError(
                    f"Layer '{self.name}': shared_axes must lie in 1..{rank - 1} for an input of shape "
                    f"{tuple(input_shape)}, received shared_axes={self.shared_axes}"
                )
        alpha_shape = [1 if axis in shared else input_shape[axis] for axis in range(1, rank)]
        if any(d is None for d in alpha_shape):
            raise ValueError(
                f"Layer '{self.name}': every non-shared axis needs a known size, received shape {tuple(input_shape)}"
            )
        self.alpha = self.add_weight(name="alpha", shape=alpha_shape, initializer=self.alpha_initializer,
                                     regularizer=self.alpha_regularizer, constraint=self.alpha_constraint)
        axes = {axis: input_shape[axis] for axis in range(1, rank) if axis not in shared}
        self.input_spec = InputSpec(ndim=rank, axes=axes)

    def call(self, inputs):
        alpha = ops.cast(self.alpha, self.compute_dtype)
        return ops.subtract(ops.relu(inputs), ops.multiply(alpha, ops.relu(ops.negative(inputs))))

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return {
            **super().get_config(),
            "alpha_initializer": initializers.serialize(self.alpha_initializer),
            "alpha_regularizer": regularizers.serialize(self.alpha_regularizer),
            "alpha_constraint": constraints.serialize(self.alpha_constraint),
            "shared_axes": self.shared_axes,
        }
