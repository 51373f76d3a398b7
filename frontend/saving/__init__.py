"""``frontend.saving``: configs in, configs out, resolved only through explicit name tables."""

from frontend.saving.object_registration import (
    CustomObjectScope,
    custom_object_scope,
    get_custom_objects,
    get_registered_name,
    get_registered_object,
    register_keras_serializable,
    register_serializable,
)
from frontend.saving.safe_mode import in_safe_mode, safe_mode_scope
from frontend.saving.serialization import deserialize_object, serialize_object, snake_case
from frontend.saving.errors import SavedFileError
from frontend.saving.saving_api import load_model, load_weights, save_model, save_weights
