"""``frontend.utils``: helpers users call directly."""

from frontend.utils.random_seed import set_random_seed
from frontend.utils.py_dataset import PyDataset, Sequence
from frontend.saving.object_registration import (  # Keras's keras.utils aliases of keras.saving names
    CustomObjectScope,
    custom_object_scope,
    get_custom_objects,
    get_registered_name,
    get_registered_object,
    register_keras_serializable,
)
from frontend.utils.file_download import get_file
from frontend.utils.model_visualization import model_to_dot, plot_model
from frontend.utils.plot_history import plot_history
