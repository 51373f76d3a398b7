"""Shared fixtures: every test runs on the backend named by FRONTEND_BACKEND."""

import pytest

from frontend import config


@pytest.fixture(autouse=True)
def restore_global_config():
    """Tests that change floatx / epsilon / image_data_format leave no trace."""
    saved = (config.floatx(), config.epsilon(), config.image_data_format())
    yield
    config.set_floatx(saved[0])
    config.set_epsilon(saved[1])
    config.set_image_data_format(saved[2])
