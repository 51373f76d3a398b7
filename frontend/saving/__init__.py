"""``frontend.saving``: configs in, configs out, resolved only through explicit name tables."""

from frontend.saving.serialization import deserialize_object, serialize_object, snake_case
