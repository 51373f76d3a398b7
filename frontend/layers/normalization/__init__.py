"""normalization layers."""

from frontend.layers.normalization.batch_normalization import BatchNormalization
from frontend.layers.normalization.group_normalization import GroupNormalization
from frontend.layers.normalization.layer_normalization import LayerNormalization
from frontend.layers.normalization.rms_normalization import RMSNormalization
from frontend.layers.normalization.unit_normalization import UnitNormalization

__all__ = ["BatchNormalization", "GroupNormalization", "LayerNormalization", "RMSNormalization", "UnitNormalization"]
