"""``frontend.models``: Model (functional and subclassed), Sequential, clone_model, model_from_json."""

from frontend.models.cloning import clone_model
from frontend.models.functional import Functional
from frontend.models.model import Model
from frontend.models.sequential import Sequential
from frontend.saving.functional_config import model_from_json
from frontend.saving.saving_api import load_model
