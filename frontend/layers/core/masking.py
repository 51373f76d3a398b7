"""``Masking``: marks timesteps whose features all equal ``mask_value`` as padding."""

from frontend import ops
from frontend.layers.layer import Layer


class Masking(Layer):
    """Zeroes every timestep (axis -2 slice) whose features all equal ``mask_value``.

    The output mask is ``any(inputs != mask_value, axis=-1)``, so downstream layers that
    support masking skip those timesteps.
    """

    def __init__(self, mask_value=0.0, **kwargs):
        super().__init__(**kwargs)
        self.mask_value = mask_value
        self.supports_masking = True
        self.built = True

    def _keep(self, inputs, keepdims):
        return ops.any(ops.not_equal(inputs, self.mask_value), axis=-1, keepdims=keepdims)

    def call(self, inputs):
        return ops.where(self._keep(inputs, True), inputs, ops.zeros_like(inputs))

    def compute_mask(self, inputs, previous_mask=None):
        return self._keep(inputs, False)

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return {**super().get_config(), "mask_value": self.mask_value}
