"""``TimeDistributed``: the same layer applied to every time step of a sequence."""

from frontend import ops
from frontend.layers.layer import Layer
from frontend.layers.rnn import nested


class TimeDistributed(Layer):
    """Applies ``layer`` to each slice ``inputs[:, t]`` and stacks the results along axis 1.

    Each step is a separate call (as in Keras), so layers whose result depends on the
    batch, such as BatchNormalization in training, see one time step at a time.
    """

    def __init__(self, layer, **kwargs):
        if not isinstance(layer, Layer):
            raise ValueError(f"Please initialize `TimeDistributed` layer with a `Layer` instance. Received: {layer}")
        super().__init__(**kwargs)
        self.layer = layer
        self.supports_masking = True

    def _child_input_shape(self, input_shape):
        if not isinstance(input_shape, (tuple, list)) or len(input_shape) < 3:
            raise ValueError(f"Layer '{self.name}': `TimeDistributed` needs an input with at least 3 dimensions "
                             f"(batch, time, ...), received an input of shape {input_shape}")
        return (input_shape[0], *input_shape[2:])

    def build(self, input_shape):
        child_shape = self._child_input_shape(input_shape)
        if not self.layer.built:
            self.layer.build(child_shape)
            self.layer.built = True

    def compute_output_shape(self, input_shape):
        child = self.layer.compute_output_shape(self._child_input_shape(input_shape))
        return (child[0], input_shape[1], *child[1:])

    def call(self, inputs, training=None, mask=None):
        shape = ops.shape(inputs)
        if mask is not None:
            mask_shape = ops.shape(mask)
            if len(mask_shape) < 2 or any(m is not None and s is not None and m != s
                                          for m, s in zip(mask_shape[:2], shape[:2])):
                raise ValueError(
                    f"Layer '{self.name}': the mask passed to `TimeDistributed` has shape {mask_shape}, "
                    f"incompatible with the input shape {shape}; it must start with (batch_size, timesteps)"
                )
        if shape[1] is None:
            raise ValueError(f"Layer '{self.name}': `TimeDistributed` needs a known number of time steps, "
                             f"received an input of shape {shape}")
        kwargs = {}
        if self.layer._call_has_training_arg:
            kwargs["training"] = training
        steps = []
        for t in range(shape[1]):
            if self.layer._call_has_mask_arg and mask is not None:
                kwargs["mask"] = mask[:, t]
            steps.append(self.layer.call(inputs[:, t], **kwargs))
        return ops.stack(steps, axis=1)

    def get_config(self):
        return {**super().get_config(), "layer": nested.serialize_layer(self.layer)}

    @classmethod
    def from_config(cls, config, custom_objects=None):
        config = dict(config)
        config["layer"] = nested.deserialize_layer(config["layer"], custom_objects)
        return super().from_config(config)
