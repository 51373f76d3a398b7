"""Core layers: Dense, EinsumDense, Embedding, Masking, Lambda, Identity."""

from frontend.layers.core.dense import Dense
from frontend.layers.core.einsum_dense import EinsumDense
from frontend.layers.core.embedding import Embedding
from frontend.layers.core.identity import Identity
from frontend.layers.core.lambda_layer import Lambda
from frontend.layers.core.masking import Masking

__all__ = ["Dense", "EinsumDense", "Embedding", "Identity", "Lambda", "Masking"]
