"""attention layers."""

from frontend.layers.attention.additive_attention import AdditiveAttention
from frontend.layers.attention.attention import Attention
from frontend.layers.attention.multi_head_attention import MultiHeadAttention

__all__ = ["AdditiveAttention", "Attention", "MultiHeadAttention"]
