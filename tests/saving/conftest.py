"""Fixtures for the saving tests."""

import pytest

from frontend.saving import object_registration


@pytest.fixture(autouse=True)
def clean_registry():
    """Registrations made inside a test are undone after it."""
    saved = dict(object_registration._REGISTRY), dict(object_registration._NAMES)
    yield
    object_registration._REGISTRY.clear()
    object_registration._REGISTRY.update(saved[0])
    object_registration._NAMES.clear()
    object_registration._NAMES.update(saved[1])
