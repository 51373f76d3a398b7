"""``model.summary()``: one row per layer (name, type, output shape, parameters), then totals."""

import numpy as np

from frontend import tree


def _shape_text(layer):
    nodes = getattr(layer, "_inbound_nodes", [])
    if not nodes:
        return "?"
    shapes = [t.shape for t in tree.flatten(nodes[0].outputs) if hasattr(t, "shape")]
    if not shapes:
        return "?"
    return str(shapes[0]) if len(shapes) == 1 else str(shapes)


def _params(layer):
    if not getattr(layer, "built", False):
        return 0
    return sum(int(np.prod(v.shape)) for v in layer.weights)


def _connected_to(layer, model_operations):
    nodes = getattr(layer, "_inbound_nodes", [])
    if not nodes:
        return ""
    parts = []
    for tensor in nodes[0].input_tensors:
        history = tensor._history
        if history is not None and history.operation in model_operations:
            parts.append(f"{history.operation.name}[{history.node_index}][{history.tensor_index}]")
    return ", ".join(parts) or "-"


def _bytes(variables):
    total = sum(int(np.prod(v.shape)) * np.dtype(_numpy_dtype(v.dtype)).itemsize for v in variables)
    for unit in ("B", "KB", "MB", "GB"):
        if total < 1024 or unit == "GB":
            return f"{total:.2f} {unit}"
        total /= 1024


def _numpy_dtype(name):
    return "float16" if name == "bfloat16" else name


def _rows(model, expand_nested, depth, with_connections, show_trainable):
    graph = getattr(model, "_graph", None)
    operations = set(graph.operations) if graph is not None else set()
    rows = []
    for layer in graph.operations if graph is not None else model.layers:
        kind = getattr(layer, "type_name", type(layer).__name__)
        row = ["  " * depth + f"{layer.name} ({kind})", _shape_text(layer), f"{_params(layer):,}"]
        if with_connections:
            row.append(_connected_to(layer, operations))
        if show_trainable:
            row.append("Y" if layer.trainable else "N")
        rows.append(row)
        if expand_nested and hasattr(layer, "summary"):
            rows.extend(_rows(layer, expand_nested, depth + 1, with_connections, show_trainable))
    return rows


def _select(rows, names, layer_range):
    if layer_range is None:
        return rows
    start, end = layer_range
    try:
        first, last = names.index(start), names.index(end)
    except ValueError:
        raise ValueError(f"summary: layer_range {layer_range!r} names a layer the model does not have; it has {names}") from None
    return rows[first:last + 1]


def print_summary(model, line_length=None, positions=None, print_fn=None, expand_nested=False,
                  show_trainable=False, layer_range=None):
    from frontend.models.functional import Functional
    from frontend.models.sequential import Sequential

    print_fn = print_fn or print
    with_connections = isinstance(model, Functional) and not isinstance(model, Sequential) and _branches(model)
    header = ["Layer (type)", "Output Shape", "Param #"]
    if with_connections:
        header.append("Connected to")
    if show_trainable:
        header.append("Trainable")
    rows = _rows(model, expand_nested, 0, with_connections, show_trainable)
    if layer_range is not None and not expand_nested:
        rows = _select(rows, [layer.name for layer in model.layers], layer_range)
    widths = [max(len(header[i]), *(len(r[i]) for r in rows)) if rows else len(header[i]) for i in range(len(header))]
    if line_length:
        widths[0] = max(widths[0], line_length - sum(widths[1:]) - 3 * len(widths))
    line = "+".join("-" * (w + 2) for w in widths)

    def render(cells):
        return "|".join(f" {c.rjust(w) if i == 2 else c.ljust(w)} " for i, (c, w) in enumerate(zip(cells, widths)))

    print_fn(f'Model: "{model.name}"')
    print_fn(line)
    print_fn(render(header))
    print_fn(line.replace("-", "="))
    for row in rows:
        print_fn(render(row))
    print_fn(line)
    trainable, non_trainable = model.trainable_weights, model.non_trainable_weights
    count = lambda vs: sum(int(np.prod(v.shape)) for v in vs)  # noqa: E731
    if model.built:
        print_fn(f" Total params: {count(trainable) + count(non_trainable):,} ({_bytes(trainable + non_trainable)})")
    else:
        print_fn(" Total params: 0 (unbuilt)")
    print_fn(f" Trainable params: {count(trainable):,} ({_bytes(trainable)})")
    print_fn(f" Non-trainable params: {count(non_trainable):,} ({_bytes(non_trainable)})")


def _branches(model):
    """True unless the model is a plain chain (one input, one output, each layer feeding the next)."""
    if len(model.inputs) > 1 or len(model.outputs) > 1:
        return True
    for layer in model._graph.operations:
        nodes = layer._inbound_nodes
        if nodes and len(nodes[0].input_tensors) > 1:
            return True
        if len(layer._outbound_nodes) > 1:
            return True
    return False
