"""``frontend.models``: Model (functional and subclassed), Sequential, clone_model."""

from frontend.models.cloning import clone_model
from frontend.models.functional import Functional
from frontend.models.model import Model
from frontend.models.sequential import Sequential
