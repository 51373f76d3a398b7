"""Which tensors a model owns, under stable keys, and how to put them back all at once.

Keys follow the layer tree, not layer names: every container names its children by
class (``layers/dense``, ``layers/dense_1``, ``layers/functional/layers/dense``), so a
file loads into the same architecture built in another process, where auto-generated
layer names differ. A layer's own variables are ``<layer key>/vars/<i>``, its random
seed states ``<layer key>/seed_generator/vars/0`` and the optimizer's
``optimizer/vars/<i>``. Loading checks every key and shape before writing anything, so
a mismatched file never leaves a half-loaded model.
"""

import warnings

import numpy as np

from frontend.ops.operation import snake_case
from frontend.saving.errors import SavedFileError

OPTIMIZER_PREFIX = "optimizer/"


def walk_layers(model):
    """``(key prefix, layer)`` for the model and every nested layer, depth first, each layer once."""
    seen = set()

    def visit(layer, prefix):
        seen.add(id(layer))
        yield prefix, layer
        counts = {}
        for child in layer._layers:
            if id(child) in seen:
                continue
            base = snake_case(type(child).__name__)
            index = counts.get(base, 0)
            counts[base] = index + 1
            name = base if index == 0 else f"{base}_{index}"
            yield from visit(child, f"{prefix}layers/{name}/")

    yield from visit(model, "")


def _seed_generator_keys(layer, prefix):
    for index, generator in enumerate(layer._seed_generators):
        name = "seed_generator" if index == 0 else f"seed_generator_{index}"
        yield f"{prefix}{name}/vars/0", generator.state


def collect_tensors(model, include_optimizer):
    """Every saved tensor as a NumPy array, by key."""
    tensors = {}
    for prefix, layer in walk_layers(model):
        store = {}
        layer.save_own_variables(store)
        for key, value in store.items():
            tensors[f"{prefix}vars/{key}"] = np.asarray(value)
        for key, variable in _seed_generator_keys(layer, prefix):
            tensors[key] = variable.numpy()
    optimizer = getattr(model, "optimizer", None)
    if include_optimizer and optimizer is not None and optimizer.built:
        store = {}
        optimizer.save_own_variables(store)
        for key, value in store.items():
            tensors[f"{OPTIMIZER_PREFIX}vars/{key}"] = np.asarray(value)
    return tensors


def _expected_state(model, include_optimizer):
    """``{key: (variable or None, shape)}`` plus the layers that read their own store."""
    expected, custom = {}, []
    for prefix, layer in walk_layers(model):
        if layer._uses_default_variable_store():
            for key, variable in enumerate(layer._own_saved_variables()):
                expected[f"{prefix}vars/{key}"] = variable
        else:
            custom.append((prefix, layer))
        for key, variable in _seed_generator_keys(layer, prefix):
            expected[key] = variable
    if include_optimizer:
        for key, variable in enumerate(model.optimizer.variables):
            expected[f"{OPTIMIZER_PREFIX}vars/{key}"] = variable
    return expected, custom


def _describe(keys, limit=5):
    keys = sorted(keys)
    shown = ", ".join(keys[:limit])
    return shown + (f" and {len(keys) - limit} more" if len(keys) > limit else "")


def assign_tensors(model, tensors, source, include_optimizer=False, skip_mismatch=False):
    """Write ``tensors`` into the model (and its optimizer); every check happens before the first write."""
    if not include_optimizer:
        tensors = {k: v for k, v in tensors.items() if not k.startswith(OPTIMIZER_PREFIX)}
    expected, custom = _expected_state(model, include_optimizer)
    custom_prefixes = tuple(f"{prefix}vars/" for prefix, _ in custom)
    problems, plan = [], []
    missing = [key for key in expected if key not in tensors]
    unexpected = [key for key in tensors if key not in expected and not key.startswith(custom_prefixes or ("\0",))]
    for key, variable in expected.items():
        if key not in tensors:
            continue
        array = tensors[key]
        if tuple(array.shape) != tuple(variable.shape):
            problems.append(f"{key} has shape {tuple(array.shape)} in the file but {tuple(variable.shape)} "
                            f"in the model (variable {variable.path})")
            continue
        plan.append((variable, array))
    if missing:
        problems.append(f"missing from the file: {_describe(missing)}")
    if unexpected:
        problems.append(f"in the file but not in the model: {_describe(unexpected)}")
    if problems:
        message = (f"{source}: does not match model '{model.name}' "
                   f"({len(expected)} tensors expected, {len(tensors)} found): " + "; ".join(problems))
        if not skip_mismatch:
            raise SavedFileError(message)
        warnings.warn(message + ". Skipping those tensors (skip_mismatch=True).", stacklevel=3)
    for variable, array in plan:
        variable.assign(array)
    for prefix, layer in custom:
        store = {key[len(prefix) + 5:]: value for key, value in tensors.items() if key.startswith(f"{prefix}vars/")}
        layer.load_own_variables(store)
