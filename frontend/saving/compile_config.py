"""``compile()``'s arguments as JSON-ready data and back.

Losses and metrics may be names, functions, objects, or lists and dicts of them (one per
output); each leaf is written with its catalog's ``serialize`` and read back with its
``deserialize``, so only catalog and registered objects can come out of a file. A function
is written as Keras 3 writes it, ``{"class_name": "function", "config": name}``, never as a
bare name: ``compile`` reads some names specially (``metrics=["accuracy"]`` picks an accuracy
to suit the loss), so ``metrics.accuracy`` saved as ``"accuracy"`` would load as another metric.
"""

import inspect

from frontend import losses, metrics, optimizers
from frontend.saving.object_registration import get_registered_name


def _map_leaves(spec, leaf):
    if isinstance(spec, dict) and "class_name" not in spec:
        return {key: _map_leaves(value, leaf) for key, value in spec.items()}
    if isinstance(spec, (list, tuple)):
        return [_map_leaves(value, leaf) for value in spec]
    return leaf(spec)


def _serialize_leaf(catalog, module):
    def serialize(value):
        if value is None or isinstance(value, str):
            return value
        if inspect.isfunction(value) or inspect.isbuiltin(value):
            name = get_registered_name(value)
            return {"module": module, "class_name": "function", "config": name, "registered_name": name}
        return catalog.serialize(value)
    return serialize


def _deserialize_leaf(catalog):
    def deserialize(value):
        return catalog.deserialize(value) if isinstance(value, dict) else value
    return deserialize


def get_compile_config(model):
    """The arguments ``model.compile`` was called with, serialized; None when not compiled."""
    if not model.compiled:
        return None
    return {
        "optimizer": optimizers.serialize(model.optimizer),
        "loss": _map_leaves(model._loss_spec, _serialize_leaf(losses, "keras.losses")),
        "loss_weights": model._loss_weights,
        "metrics": _map_leaves(model._metrics_spec, _serialize_leaf(metrics, "keras.metrics")),
        "weighted_metrics": _map_leaves(model._weighted_metrics_spec, _serialize_leaf(metrics, "keras.metrics")),
        "run_eagerly": model.run_eagerly,
        "steps_per_execution": model.steps_per_execution,
        "jit_compile": model.jit_compile,
    }


def compile_arguments(config):
    """Keyword arguments for ``model.compile`` from ``get_compile_config``'s dict."""
    if not isinstance(config, dict):
        raise ValueError(f"compile_config must be a dict, received {type(config).__name__}")
    known = {"optimizer", "loss", "loss_weights", "metrics", "weighted_metrics", "run_eagerly",
             "steps_per_execution", "jit_compile"}
    unknown = sorted(set(config) - known)
    if unknown:
        raise ValueError(f"compile_config has unknown keys {unknown}; known keys are {sorted(known)}")
    arguments = dict(config)
    arguments["optimizer"] = optimizers.deserialize(config["optimizer"]) if config.get("optimizer") else "rmsprop"
    arguments["loss"] = _map_leaves(config.get("loss"), _deserialize_leaf(losses))
    arguments["metrics"] = _map_leaves(config.get("metrics"), _deserialize_leaf(metrics))
    arguments["weighted_metrics"] = _map_leaves(config.get("weighted_metrics"), _deserialize_leaf(metrics))
    return arguments
