"""Backend selection: import exactly one engine module, chosen at import time.

The name comes from ``FRONTEND_BACKEND``, then ``$FRONTEND_HOME/frontend.json``, then the
default (``tensorflow``, as in Keras 3); see ``frontend.config``. Only the chosen
engine is imported. ``active`` is the engine module implementing ``interface``.
"""

import importlib

from frontend import config

_ENGINE_PACKAGES = {"torch": "torch", "jax": "jax", "tensorflow": "tensorflow"}


def load_backend(name):
    """Import ``frontend.backends.<name>``; ImportError names the pip extra when the engine is missing."""
    if name not in _ENGINE_PACKAGES:
        raise ValueError(
            f"frontend: unknown backend {name!r}; valid names are: {', '.join(config.VALID_BACKENDS)}"
        )
    engine = _ENGINE_PACKAGES[name]
    try:
        return importlib.import_module(f"frontend.backends.{name}")
    except ModuleNotFoundError as error:
        if error.name is None or error.name.split(".")[0] != engine:
            raise
        raise ImportError(
            f"frontend: the {name!r} backend needs the {engine!r} package, which is not installed. "
            f"Install it with: pip install \"frontend[{name}]\" "
            f"(or pick another backend with FRONTEND_BACKEND={'|'.join(config.VALID_BACKENDS)})"
        ) from error


NAME = config.backend_name_from_settings()
active = load_backend(NAME)
