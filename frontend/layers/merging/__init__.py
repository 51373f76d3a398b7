"""Merging layers: combine a list of tensors (add, multiply, concatenate, dot, ...)."""

from frontend.layers.merging.arithmetic import Add, Average, Multiply, Subtract, add, average, multiply, subtract
from frontend.layers.merging.concatenate import Concatenate, concatenate
from frontend.layers.merging.dot import Dot, dot
from frontend.layers.merging.extrema import Maximum, Minimum, maximum, minimum

__all__ = [
    "Add", "Average", "Concatenate", "Dot", "Maximum", "Minimum", "Multiply", "Subtract",
    "add", "average", "concatenate", "dot", "maximum", "minimum", "multiply", "subtract",
]
