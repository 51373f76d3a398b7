"""``AdditiveAttention``: Bahdanau-style attention, scores from ``tanh(query + key)``."""

from frontend import ops
from frontend.layers.attention.attention import Attention


class AdditiveAttention(Attention):
    """``Attention`` with scores ``sum(scale * tanh(query + key), axis=-1)``; ``scale`` is a learned
    vector of the feature size (glorot-uniform at first) when ``use_scale``. Same inputs, masks
    and outputs as ``Attention``."""

    def __init__(self, use_scale=True, dropout=0.0, **kwargs):
        super().__init__(use_scale=use_scale, dropout=dropout, **kwargs)

    def build(self, input_shape):
        self._validate_inputs(input_shape)
        self.scale = None
        if self.use_scale:
            self.scale = self.add_weight(name="scale", shape=(input_shape[0][-1],), initializer="glorot_uniform")

    def _calculate_scores(self, query, key):
        features = ops.tanh(ops.add(ops.expand_dims(query, -2), ops.expand_dims(key, -3)))
        if self.scale is not None:
            features = ops.multiply(features, ops.cast(self.scale, ops.dtype(features)))
        return ops.sum(features, axis=-1)

    def get_config(self):
        config = super().get_config()
        del config["score_mode"]
        return config
