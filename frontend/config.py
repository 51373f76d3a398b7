"""Global settings: the backend name, default float dtype, epsilon and image layout.

Values come from, in order: the environment (``FRONTEND_BACKEND``), the JSON file
``$FRONTEND_HOME/frontend.json`` (``FRONTEND_HOME`` defaults to ``~/.frontend``), and
the defaults below. The file is read once, at import.
"""

import json
import os

VALID_BACKENDS = ("tensorflow", "jax", "torch")
DEFAULT_BACKEND = "tensorflow"
VALID_FLOATX = ("float16", "bfloat16", "float32", "float64")
VALID_IMAGE_DATA_FORMATS = ("channels_last", "channels_first")


def config_dir():
    """The folder that holds ``frontend.json``."""
    return os.path.expanduser(os.environ.get("FRONTEND_HOME", os.path.join("~", ".frontend")))


def config_path():
    return os.path.join(config_dir(), "frontend.json")


def _read_config_file():
    path = config_path()
    if not os.path.exists(path):
        return {}
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, ValueError) as error:
        raise ValueError(f"frontend: cannot read config file {path}: {error}") from error
    if not isinstance(data, dict):
        raise ValueError(f"frontend: config file {path} must hold a JSON object, got {type(data).__name__}")
    return data


_file_settings = _read_config_file()
_settings = {
    "floatx": _file_settings.get("floatx", "float32"),
    "epsilon": float(_file_settings.get("epsilon", 1e-7)),
    "image_data_format": _file_settings.get("image_data_format", "channels_last"),
}


def backend_name_from_settings():
    """The backend the user asked for: environment first, then the config file, then the default."""
    name = os.environ.get("FRONTEND_BACKEND") or _file_settings.get("backend") or DEFAULT_BACKEND
    if name not in VALID_BACKENDS:
        raise ValueError(
            f"frontend: unknown backend {name!r} (from FRONTEND_BACKEND or {config_path()}); "
            f"valid names are: {', '.join(VALID_BACKENDS)}"
        )
    return name


def floatx():
    """The default float dtype name, ``"float32"`` unless changed."""
    return _settings["floatx"]


def set_floatx(value):
    if value not in VALID_FLOATX:
        raise ValueError(f"set_floatx: expected one of {VALID_FLOATX}, received {value!r}")
    _settings["floatx"] = value


def epsilon():
    """The fuzz factor used to avoid division by zero, ``1e-7`` unless changed."""
    return _settings["epsilon"]


def set_epsilon(value):
    _settings["epsilon"] = float(value)


def image_data_format():
    """``"channels_last"`` (default) or ``"channels_first"``."""
    return _settings["image_data_format"]


def set_image_data_format(value):
    if value not in VALID_IMAGE_DATA_FORMATS:
        raise ValueError(
            f"set_image_data_format: expected one of {VALID_IMAGE_DATA_FORMATS}, received {value!r}"
        )
    _settings["image_data_format"] = value


def standardize_data_format(data_format):
    """Resolve ``None`` to the global image data format and validate the name."""
    if data_format is None:
        return image_data_format()
    if data_format not in VALID_IMAGE_DATA_FORMATS:
        raise ValueError(
            f"data_format: expected one of {VALID_IMAGE_DATA_FORMATS}, received {data_format!r}"
        )
    return data_format
