"""Functional models as Keras 3 configs, rebuilt by replaying their recorded calls; JSON in and out.

The layout is Keras 3's: ``{"name", "trainable", "layers": [...], "input_layers",
"output_layers"}``, where each layer entry is the layer's own config plus its ``name`` and
``inbound_nodes`` (the arguments of each call, symbolic tensors written as references
``[layer_name, node_index, tensor_index]``). Node indices count only the calls that belong
to this model, so a layer shared with other models is saved as this model sees it.
``frontend.ops`` calls on symbolic tensors (``x + y``, ``x[:, 0]``) are saved as
``__operation__`` entries naming the op, found again only in the public op table.

A config that does not describe a graph (missing keys, unknown layer names, indices out
of range, calls that depend on each other in a cycle) raises a ValueError that says what.
"""

import functools
import inspect
import json

import numpy as np

from frontend import tree
from frontend.ops.operation import OpOperation
from frontend.saving import call_arguments
from frontend.saving.serialization import serialize_object

OPERATION = "__operation__"


@functools.lru_cache(maxsize=None)
def _op_table():
    """The ops a config may name: ``frontend.ops``'s public functions (and ``image.<name>``)."""
    import frontend.ops
    from frontend.ops import image
    from frontend.ops.exports import public_functions

    table = {f"image.{name}": fn for name, fn in public_functions(image).items()}
    table.update({name: fn for name, fn in vars(frontend.ops).items()
                  if not name.startswith("_") and inspect.isfunction(fn)})
    return table


@functools.lru_cache(maxsize=None)
def _op_names():
    names = {}
    for name, fn in sorted(_op_table().items()):
        names.setdefault(id(fn), name)
    return names


def _is_functional(operation):
    from frontend.models.functional import Functional

    return isinstance(operation, Functional)


# ----- writing ------------------------------------------------------------------------


def _operation_entry(model, operation):
    if isinstance(operation, OpOperation):
        name = _op_names().get(id(operation.function))
        if name is None:
            raise ValueError(f"Model '{model.name}': the op '{operation.name}' is not a public frontend.ops "
                             "function, so it cannot be saved; wrap it in a Layer")
        return {"module": "frontend.ops", "class_name": OPERATION, "config": {"name": operation.name, "op": name},
                "registered_name": None}
    if not hasattr(operation, "get_config"):
        raise ValueError(f"Model '{model.name}': cannot save '{operation.name}' ({type(operation).__name__}); "
                         "it has no get_config()")
    return serialize_object(operation)


def get_functional_config(model):
    """``model``'s graph in Keras 3's Functional layout (see the module notes)."""
    from frontend.layers.input_layer import InputLayer

    graph = model._graph
    own = {id(node) for level in graph.nodes_by_depth for node in level}
    node_index = {}
    for operation in graph.operations:
        kept = [node for node in operation._inbound_nodes if id(node) in own]
        node_index.update((id(node), index) for index, node in enumerate(kept))
    for x in graph.inputs:
        if not isinstance(x._history.operation, InputLayer):
            raise ValueError(f"Model '{model.name}': its input {x.name or x.shape} is not made by Input(), so the "
                             "model cannot be saved as a config; build it from Input() tensors")

    def reference(x):
        if id(x._history.node) not in own:
            raise ValueError(f"Model '{model.name}': tensor {x.name or x.shape} comes from outside the model")
        return [x._history.operation.name, node_index[id(x._history.node)], x._history.tensor_index]

    seen, layers = {}, []
    for operation in graph.operations:
        if seen.setdefault(operation.name, operation) is not operation:
            raise ValueError(f"Model '{model.name}': two layers are named '{operation.name}'; layer names must be "
                             "unique within a model to save it")
        entry = dict(_operation_entry(model, operation))
        entry["name"] = operation.name
        keep_tuples = isinstance(operation, OpOperation)
        entry["inbound_nodes"] = [
            {"args": call_arguments.encode(list(node.arguments[0]), reference, keep_tuples),
             "kwargs": call_arguments.encode(node.arguments[1], reference, keep_tuples)}
            for node in operation._inbound_nodes if id(node) in own and not node.is_input
        ]
        layers.append(entry)

    def endpoint(x):  # Keras counts a nested Functional's own construction node first
        name, index, tensor_index = reference(x)
        return [name, index + 1 if _is_functional(x._history.operation) else index, tensor_index]

    return {
        "name": model.name,
        "trainable": model.trainable,
        "layers": layers,
        "input_layers": tree.map_structure(endpoint, graph.inputs_structure),
        "output_layers": tree.map_structure(endpoint, graph.outputs_structure),
    }


# ----- reading ------------------------------------------------------------------------


class _NotYet(Exception):
    """A call refers to a node of a layer that has not been replayed yet."""


def is_functional_config(config):
    return isinstance(config, dict) and "layers" in config and "input_layers" in config


def _create(entry, position, owner, custom_objects):
    from frontend.layers.serialization import deserialize
    from frontend.ops.operation import Operation

    if not isinstance(entry, dict):
        raise ValueError(f"{owner}: layers[{position}] must be a config dict, found {type(entry).__name__}")
    name, nodes = entry.get("name"), entry.get("inbound_nodes", [])
    if not isinstance(name, str) or not name or "/" in name:
        raise ValueError(f"{owner}: layers[{position}] needs a 'name' string without '/', found {name!r}")
    if not isinstance(nodes, list):
        raise ValueError(f"{owner}: layer '{name}': 'inbound_nodes' must be a list, found {type(nodes).__name__}")
    if entry.get("class_name") == OPERATION:
        op = entry["config"].get("op") if isinstance(entry.get("config"), dict) else None
        function = _op_table().get(op) if isinstance(op, str) else None
        if function is None:
            raise ValueError(f"{owner}: layer '{name}' names the op {op!r}, which is not a frontend.ops function")
        operation = OpOperation(op.rpartition(".")[2], function)
        operation.name = name
        return operation, nodes
    try:
        layer = deserialize({key: value for key, value in entry.items() if key not in ("name", "inbound_nodes")},
                            custom_objects=custom_objects)
    except Exception as error:  # noqa: BLE001  a bad config surfaces as one clear error
        raise ValueError(f"{owner}: cannot rebuild layer '{name}' ({entry.get('class_name')!r}): "
                         f"{type(error).__name__}: {error}") from error
    if not isinstance(layer, Operation):
        raise ValueError(f"{owner}: layer '{name}' rebuilt as {type(layer).__name__}, not a layer")
    if layer.name != name:
        layer.name = name
    return layer, nodes


def _index(value, what, owner):
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"{owner}: {what} must be a non-negative integer, found {value!r}")
    return value


class _Replay:
    """Layers by name, and the calls still waiting for the nodes they read."""

    def __init__(self, owner):
        self.owner = owner
        self.layers = {}
        self.pending = {}

    def tensor(self, history, offset=0):
        owner = self.owner
        if not (isinstance(history, list) and len(history) == 3 and isinstance(history[0], str)):
            raise ValueError(f"{owner}: a tensor reference must be [layer_name, node_index, tensor_index], "
                             f"found {history!r}")
        name = history[0]
        node, tensor = _index(history[1], "a node index", owner) - offset, _index(history[2], "a tensor index", owner)
        if name not in self.layers:
            raise ValueError(f"{owner}: a tensor reference names the unknown layer {name!r}; the config's layers "
                             f"are {sorted(self.layers)}")
        layer = self.layers[name]
        total = len(layer._inbound_nodes) + len(self.pending.get(name, ()))
        if not 0 <= node < total:
            raise ValueError(f"{owner}: the reference {history!r} asks for node {history[1]} of layer '{name}', "
                             f"which has {total} node(s)")
        if node >= len(layer._inbound_nodes):
            raise _NotYet(name, node)
        outputs = layer._inbound_nodes[node].output_tensors
        if tensor >= len(outputs):
            raise ValueError(f"{owner}: the reference {history!r} asks for output {tensor} of layer '{name}', "
                             f"which has {len(outputs)} output(s)")
        return outputs[tensor]

    def call(self, name, node):
        owner = self.owner
        if not isinstance(node, dict) or not isinstance(node.get("args", []), list) \
                or not isinstance(node.get("kwargs", {}), dict):
            raise ValueError(f"{owner}: layer '{name}': each inbound node must be {{'args': [...], 'kwargs': "
                             f"{{...}}}}, found {node!r}")
        try:
            args = call_arguments.decode(node.get("args", []), self.tensor)
            kwargs = call_arguments.decode(node.get("kwargs", {}), self.tensor)
        except (ValueError, RecursionError) as error:
            if str(error).startswith(owner):
                raise
            raise ValueError(f"{owner}: layer '{name}': {error}") from None
        try:
            self.layers[name](*args, **kwargs)
        except Exception as error:  # noqa: BLE001
            raise ValueError(f"{owner}: replaying a call of layer '{name}' failed: "
                             f"{type(error).__name__}: {error}") from error

    def run(self, order):
        """Replay every pending call, in config order, as soon as the nodes it reads exist."""
        while any(self.pending.values()):
            progressed, blocked = False, None
            for name in order:
                queue = self.pending[name]
                while queue:
                    try:
                        self.call(name, queue[0])
                    except _NotYet as waiting:
                        blocked = blocked or (name, waiting.args)
                        break
                    queue.pop(0)
                    progressed = True
            if not progressed:
                layer, (needed, index) = blocked
                raise ValueError(f"{self.owner}: the calls cannot be ordered: layer '{layer}' needs node {index} of "
                                 f"'{needed}', which depends on it in turn (a cycle in the graph)")


def _endpoints(structure, replay, role):
    def walk(x):
        if isinstance(x, list) and len(x) == 3 and isinstance(x[0], str):
            return replay.tensor(x, offset=1 if _is_functional(replay.layers.get(x[0])) else 0)
        if isinstance(x, dict):
            return {key: walk(value) for key, value in x.items()}
        if isinstance(x, (list, tuple)) and x:
            return [walk(value) for value in x]
        raise ValueError(f"{replay.owner}: {role} must be [layer_name, node_index, tensor_index] references "
                         f"(in lists or dicts), found {x!r}")

    return walk(structure)


def functional_from_config(cls, config, custom_objects=None):
    """A new ``cls`` (Model, Functional or a subclass with their constructor) from ``get_functional_config``."""
    if not isinstance(config, dict):
        raise ValueError(f"A functional model config must be a dict, found {type(config).__name__}")
    owner = f"Model config '{config.get('name', '?')}'"
    missing = [key for key in ("layers", "input_layers", "output_layers") if key not in config]
    if missing:
        raise ValueError(f"{owner}: missing key(s) {missing}; a functional config has 'layers', 'input_layers' "
                         "and 'output_layers'")
    if not isinstance(config["layers"], list):
        raise ValueError(f"{owner}: 'layers' must be a list, found {type(config['layers']).__name__}")
    replay = _Replay(owner)
    for position, entry in enumerate(config["layers"]):
        layer, nodes = _create(entry, position, owner, custom_objects)
        if layer.name in replay.layers:
            raise ValueError(f"{owner}: two layers are named '{layer.name}'")
        replay.layers[layer.name], replay.pending[layer.name] = layer, list(nodes)
    replay.run([layer_name for layer_name in replay.layers])
    inputs = _endpoints(config["input_layers"], replay, "input_layers")
    outputs = _endpoints(config["output_layers"], replay, "output_layers")
    rest = {key: value for key, value in config.items()
            if key not in ("layers", "input_layers", "output_layers", "name", "trainable")}
    trainable = config.get("trainable", True)
    return cls(inputs=inputs, outputs=outputs, name=config.get("name"),
               trainable=True if trainable is None else trainable, **rest)


# ----- JSON ---------------------------------------------------------------------------


def _json_default(value):
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.ndarray):
        return value.tolist()
    raise TypeError(f"{value!r} (of type {type(value).__name__}) is not JSON data")


def model_to_json(model, **kwargs):
    """``model``'s config (and build config) as a JSON string; ``kwargs`` go to ``json.dumps``."""
    config = serialize_object(model)
    build_config = model.get_build_config()
    if build_config is not None:
        config["build_config"] = build_config
    return json.dumps(config, default=_json_default, **kwargs)


def model_from_json(json_string, custom_objects=None):
    """A new, untrained model from ``to_json``'s string; names resolve only through registries."""
    from frontend.layers.serialization import deserialize

    try:
        config = json.loads(json_string)
    except (TypeError, ValueError, RecursionError) as error:
        raise ValueError(f"model_from_json: not a JSON model config ({type(error).__name__}: {error})") from None
    if not isinstance(config, dict):
        raise ValueError(f"model_from_json: expected a JSON object, found {type(config).__name__}")
    build_config = config.pop("build_config", None)
    config.pop("compile_config", None)
    model = deserialize(config, custom_objects=custom_objects)
    if build_config and not model.built:
        if not isinstance(build_config, dict) or "input_shape" not in build_config:
            raise ValueError(f"model_from_json: build_config must be a dict with 'input_shape', found {build_config!r}")
        model.build(build_config["input_shape"])
    return model
