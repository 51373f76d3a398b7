"""Regularization layers: dropout variants, Gaussian noise, activity regularization."""

from frontend.layers.regularization.activity_regularization import ActivityRegularization
from frontend.layers.regularization.alpha_dropout import AlphaDropout
from frontend.layers.regularization.dropout import Dropout
from frontend.layers.regularization.gaussian_dropout import GaussianDropout
from frontend.layers.regularization.gaussian_noise import GaussianNoise
from frontend.layers.regularization.spatial_dropout import SpatialDropout1D, SpatialDropout2D, SpatialDropout3D

__all__ = [
    "ActivityRegularization",
    "AlphaDropout",
    "Dropout",
    "GaussianDropout",
    "GaussianNoise",
    "SpatialDropout1D",
    "SpatialDropout2D",
    "SpatialDropout3D",
]
