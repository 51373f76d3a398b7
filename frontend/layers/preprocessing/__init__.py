"""Preprocessing layers: feature normalization, image resizing and augmentation, categorical
encodings, vocabularies and text vectorization (strings handled on the host with NumPy)."""

from frontend.layers.preprocessing.category_encoding import CategoryEncoding
from frontend.layers.preprocessing.center_crop import CenterCrop
from frontend.layers.preprocessing.discretization import Discretization
from frontend.layers.preprocessing.integer_lookup import IntegerLookup
from frontend.layers.preprocessing.normalization import Normalization
from frontend.layers.preprocessing.random_contrast import RandomContrast
from frontend.layers.preprocessing.random_flip import RandomFlip
from frontend.layers.preprocessing.random_rotation import RandomRotation
from frontend.layers.preprocessing.random_translation import RandomTranslation
from frontend.layers.preprocessing.random_zoom import RandomZoom
from frontend.layers.preprocessing.rescaling import Rescaling
from frontend.layers.preprocessing.resizing import Resizing
from frontend.layers.preprocessing.string_lookup import StringLookup
from frontend.layers.preprocessing.text_vectorization import TextVectorization

__all__ = [
    "CategoryEncoding",
    "CenterCrop",
    "Discretization",
    "IntegerLookup",
    "Normalization",
    "RandomContrast",
    "RandomFlip",
    "RandomRotation",
    "RandomTranslation",
    "RandomZoom",
    "Rescaling",
    "Resizing",
    "StringLookup",
    "TextVectorization",
]
