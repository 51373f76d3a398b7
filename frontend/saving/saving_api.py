"""``model.save`` / ``load_model`` and ``save_weights`` / ``load_weights``.

A saved model is one zip archive (``archive.py``): ``config.json`` (the model's config,
build and compile configs, in Keras 3's layout), ``metadata.json``, and
``model.weights.safetensors`` (weights and optimizer state, keyed by ``weights_store``),
plus ``assets/`` for layers that keep files (lookup vocabularies). Weights alone are one
safetensors file. The kind of file is read from its first bytes, never from its name,
and every write goes through a temporary file renamed into place. A load builds a new
model completely before returning it, so a bad file leaves nothing half-loaded.
"""

import datetime
import json
import os
import tempfile
import warnings

from frontend.core.allocation_budget import allocation_budget
from frontend.saving import archive, tensor_file, weights_store
from frontend.saving.atomic import atomic_write
from frontend.saving.compile_config import compile_arguments, get_compile_config
from frontend.saving.errors import SavedFileError
from frontend.saving.object_registration import custom_object_scope
from frontend.saving.safe_mode import safe_mode_scope
from frontend.saving.serialization import serialize_object

CONFIG, METADATA, WEIGHTS, ASSETS = "config.json", "metadata.json", "model.weights.safetensors", "assets/"
MODEL_FORMAT, WEIGHTS_FORMAT, FORMAT_VERSION = "frontend.model", "frontend.weights", 1
# Variables a config may create beyond the saved tensors (metric states, unsaved slots): 4 MB of float32.
UNSAVED_ELEMENTS_ALLOWANCE = 2**20


def _metadata():
    from frontend import __version__
    from frontend.backends import NAME

    return {
        "format": MODEL_FORMAT,
        "format_version": FORMAT_VERSION,
        "frontend_version": __version__,
        "backend": NAME,
        "date_saved": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
    }


def _weights_bytes(model, include_optimizer):
    metadata = {key: str(value) for key, value in _metadata().items()}
    metadata["format"] = WEIGHTS_FORMAT
    return tensor_file.tensors_to_bytes(weights_store.collect_tensors(model, include_optimizer), metadata)


def _check_overwrite(filepath, overwrite):
    if not overwrite and os.path.exists(filepath):
        raise FileExistsError(f"{filepath} exists and overwrite=False; nothing was written")


def _asset_members(model):
    members = {}
    for prefix, layer in weights_store.walk_layers(model):
        if not hasattr(layer, "save_assets"):
            continue
        with tempfile.TemporaryDirectory() as folder:
            layer.save_assets(folder)
            for name in sorted(os.listdir(folder)):
                with open(os.path.join(folder, name), "rb") as handle:
                    members[f"{ASSETS}{prefix}{name}"] = handle.read()
    return members


def save_model(model, filepath, overwrite=True, **kwargs):
    """Write ``model`` (config, weights, optimizer state, compile arguments) as one archive."""
    unexpected = sorted(kwargs.keys() - {"zipped", "include_optimizer"})
    if unexpected:
        raise TypeError(f"model.save: unexpected arguments {unexpected}")
    filepath = os.fspath(filepath)
    _check_overwrite(filepath, overwrite)
    config = serialize_object(model)
    config["build_config"] = model.get_build_config()
    config["compile_config"] = get_compile_config(model)
    members = {
        CONFIG: json.dumps(config).encode("utf-8"),
        METADATA: json.dumps(_metadata()).encode("utf-8"),
        WEIGHTS: _weights_bytes(model, include_optimizer=kwargs.get("include_optimizer", True)),
    }
    members.update(_asset_members(model))
    archive.write_archive(filepath, members)


def save_weights(model, filepath, overwrite=True):
    """Write the model's weights (no optimizer state) as one safetensors file."""
    filepath = os.fspath(filepath)
    _check_overwrite(filepath, overwrite)
    if not model.built:
        raise ValueError(f"Model '{model.name}' is not built, so it has no weights to save; call it on data first")
    atomic_write(filepath, _weights_bytes(model, include_optimizer=False))


def _json_member(members, name, source):
    try:
        value = json.loads(members[name].decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise SavedFileError(f"{source}!{name}: not valid JSON ({type(error).__name__}: {error})") from None
    if not isinstance(value, dict):
        raise SavedFileError(f"{source}!{name}: expected a JSON object, found {type(value).__name__}")
    return value


def _read_model_archive(filepath):
    kind = archive.detect_format(filepath)
    if kind == "safetensors":
        raise SavedFileError(f"{filepath}: holds weights only (a safetensors file); use model.load_weights")
    if kind == "hdf5":
        raise SavedFileError(f"{filepath}: is an HDF5 file (Keras .h5 or .weights.h5); frontend reads only its own "
                             f"archive format, written by model.save")
    if kind != "archive":
        raise SavedFileError(f"{filepath}: not a saved model (expected a zip archive written by model.save)")
    members = archive.read_archive(filepath, required=(CONFIG, METADATA, WEIGHTS))
    metadata = _json_member(members, METADATA, filepath)
    if metadata.get("format") != MODEL_FORMAT:
        raise SavedFileError(f"{filepath}!{METADATA}: format is {metadata.get('format')!r}, expected {MODEL_FORMAT!r}")
    if not isinstance(metadata.get("format_version"), int) or metadata["format_version"] > FORMAT_VERSION:
        raise SavedFileError(f"{filepath}!{METADATA}: format_version {metadata.get('format_version')!r} is not "
                             f"one this frontend reads (1 to {FORMAT_VERSION}); upgrade frontend")
    return members


def _build(model, build_config, source):
    if model.built or not build_config:
        return
    if not isinstance(build_config, dict) or "input_shape" not in build_config:
        raise SavedFileError(f"{source}: build_config must be a dict with 'input_shape', found {build_config!r}")
    if hasattr(model, "fit"):
        model.build(build_config["input_shape"])
    else:
        model.build_from_config(build_config)


def _compile(model, compile_config, source):
    try:
        model.compile(**compile_arguments(compile_config))
        return True
    except Exception as error:  # noqa: BLE001  Keras returns the model uncompiled, with a warning
        warnings.warn(f"{source}: the model loads uncompiled because its compile config could not be "
                      f"restored ({type(error).__name__}: {error}); call model.compile() yourself", stacklevel=3)
        return False


def _load_assets(model, members):
    for prefix, layer in weights_store.walk_layers(model):
        if not hasattr(layer, "load_assets"):
            continue
        start = f"{ASSETS}{prefix}"
        files = {name[len(start):]: data for name, data in members.items()
                 if name.startswith(start) and "/" not in name[len(start):]}
        with tempfile.TemporaryDirectory() as folder:
            for name, data in files.items():
                with open(os.path.join(folder, name), "wb") as handle:
                    handle.write(data)
            layer.load_assets(folder)


def _rebuild(config, source, compile):
    from frontend.layers.serialization import deserialize

    model_config = {key: value for key, value in config.items() if key not in ("build_config", "compile_config")}
    try:
        model = deserialize(model_config)
        _build(model, config.get("build_config"), source)
    except SavedFileError:
        raise
    except Exception as error:  # noqa: BLE001  any failure to rebuild is a problem with this file
        raise SavedFileError(f"{source}: cannot rebuild the model ({type(error).__name__}: {error})") from error
    compiled = bool(compile and config.get("compile_config")) and _compile(model, config["compile_config"], source)
    return model, compiled


def load_model(filepath, custom_objects=None, compile=True, safe_mode=True):
    """A new model from ``model.save``'s archive; class names resolve only through registries."""
    filepath = os.fspath(filepath)
    members = _read_model_archive(filepath)
    config = _json_member(members, CONFIG, filepath)
    tensors, _ = tensor_file.tensors_from_bytes(members[WEIGHTS], f"{filepath}!{WEIGHTS}")
    budget = sum(array.size for array in tensors.values()) + UNSAVED_ELEMENTS_ALLOWANCE
    reason = f"{filepath}!{WEIGHTS} holds only {budget - UNSAVED_ELEMENTS_ALLOWANCE} elements in all"
    with custom_object_scope(custom_objects or {}), safe_mode_scope(safe_mode), allocation_budget(budget, reason):
        model, compiled = _rebuild(config, f"{filepath}!{CONFIG}", compile)
        with_optimizer = compiled and any(key.startswith(weights_store.OPTIMIZER_PREFIX) for key in tensors)
        if with_optimizer and not model.optimizer.built:
            model.optimizer.build(model.trainable_variables)
        weights_store.assign_tensors(model, tensors, f"{filepath}!{WEIGHTS}", include_optimizer=with_optimizer)
        _load_assets(model, members)
    return model


def _read_weights(filepath):
    kind = archive.detect_format(filepath)
    if kind == "archive":
        members = _read_model_archive(filepath)
        return tensor_file.tensors_from_bytes(members[WEIGHTS], f"{filepath}!{WEIGHTS}")[0]
    if kind != "safetensors":
        found = "an HDF5 file (Keras .h5 or .weights.h5)" if kind == "hdf5" else "not a weights file"
        raise SavedFileError(f"{filepath}: {found}; expected safetensors written by save_weights, "
                             f"or an archive written by model.save")
    limit = tensor_file.DEFAULT_MAX_TENSOR_BYTES + tensor_file.MAX_HEADER_BYTES + 8
    size = os.path.getsize(filepath)
    if size > limit:
        raise SavedFileError(f"{filepath}: {size} bytes is over the {limit}-byte limit for a weights file")
    with open(filepath, "rb") as handle:
        data = handle.read()
    return tensor_file.tensors_from_bytes(data, filepath)[0]


def load_weights(model, filepath, skip_mismatch=False):
    """Load weights saved by ``save_weights`` (or the weights of a ``model.save`` archive) into ``model``."""
    filepath = os.fspath(filepath)
    if not model.built:
        raise ValueError(f"Model '{model.name}' is not built, so its weights do not exist yet; call it on "
                         f"data or build() it before load_weights")
    tensors = _read_weights(filepath)
    weights_store.assign_tensors(model, tensors, filepath, include_optimizer=False, skip_mismatch=skip_mismatch)
