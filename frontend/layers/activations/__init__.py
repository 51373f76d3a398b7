"""Activation layers: Activation, ReLU, LeakyReLU, PReLU, ELU, Softmax."""

from frontend.layers.activations.activation import Activation
from frontend.layers.activations.elu import ELU
from frontend.layers.activations.prelu import PReLU
from frontend.layers.activations.relu import LeakyReLU, ReLU
from frontend.layers.activations.softmax import Softmax

__all__ = ["Activation", "ELU", "LeakyReLU", "PReLU", "ReLU", "Softmax"]
