"""``frontend.datasets``: small datasets as NumPy arrays, loaded the way Keras loads them."""

from frontend.datasets import digits
