"""``plot_model`` and ``model_to_dot``: draw a model's layers and the tensors between them.

The model is read once into plain data (``layer_graph``: labelled boxes, arrows, and the
frames of expanded nested models), with no plotting package involved. That graph becomes
DOT through pydot (``model_to_dot``, as in Keras), rendered by graphviz's ``dot`` program
when it is installed; without graphviz, ``plot_model`` draws it with matplotlib instead
(``plot_rendering``), and a ``.dot`` file gets the DOT source, which needs no graphviz.
"""

import html
import importlib
import importlib.util
import os
import shutil
from dataclasses import dataclass, field

from frontend.utils.plot_rendering import draw_graph, require, save_figure

RANKDIRS = ("TB", "LR", "BT", "RL")


@dataclass
class GraphNode:
    """One box: ``title`` (class name, or ``name (Class)``) over ``details`` lines (shapes, dtype...)."""

    key: str
    title: str
    details: list = field(default_factory=list)
    cluster: str | None = None  # the key of the innermost expanded nested model holding the box


@dataclass
class Cluster:
    """An expanded nested model: a frame labelled with its name, inside ``parent`` (None: the top)."""

    key: str
    label: str
    parent: str | None = None


@dataclass
class LayerGraph:
    """Boxes in model order, arrows as ``(source key, destination key)`` pairs, nested-model frames."""

    nodes: list = field(default_factory=list)
    edges: list = field(default_factory=list)
    clusters: list = field(default_factory=list)


def _tensors_text(tensors, attribute):
    values = [str(getattr(t, attribute)) for t in tensors]
    if not values:
        return "?"
    return values[0] if len(values) == 1 else f"[{', '.join(values)}]"


def _activation_name(activation):
    return getattr(activation, "name", None) or getattr(activation, "__name__", None) or str(activation)


def _label(operation, node, show_shapes, show_dtype, show_layer_names, show_layer_activations, show_trainable):
    from frontend.layers.input_layer import InputLayer

    class_name = getattr(operation, "type_name", type(operation).__name__)
    title = f"{operation.name} ({class_name})" if show_layer_names else class_name
    inputs = node.input_tensors if node is not None else []
    outputs = node.output_tensors if node is not None else []
    details = []
    if show_layer_activations and getattr(operation, "activation", None) is not None:
        details.append(f"Activation: {_activation_name(operation.activation)}")
    if show_shapes:
        if not isinstance(operation, InputLayer):
            details.append(f"Input shape: {_tensors_text(inputs, 'shape')}")
        details.append(f"Output shape: {_tensors_text(outputs, 'shape')}")
    if show_dtype:
        details.append(f"Output dtype: {_tensors_text(outputs, 'dtype')}")
    if show_trainable and getattr(operation, "weights", None):
        details.append("Trainable" if operation.trainable else "Non-trainable")
    return title, details


class _GraphBuilder:
    """Walks a model (and, when expanding, the models nested in it) into a ``LayerGraph``."""

    def __init__(self, expand_nested, label_options):
        self.expand_nested = expand_nested
        self.label_options = label_options
        self.graph = LayerGraph()
        self.keys = {}  # id(operation) -> its box's key

    def expands(self, operation):
        return self.expand_nested and getattr(operation, "_graph", None) is not None

    def add_box(self, operation, node, cluster):
        key = f"n{len(self.graph.nodes)}"
        self.keys[id(operation)] = key
        title, details = _label(operation, node, **self.label_options)
        self.graph.nodes.append(GraphNode(key, title, details, cluster))

    def add_model(self, model, cluster):
        from frontend.layers.input_layer import InputLayer
        from frontend.models.sequential import Sequential

        graph = getattr(model, "_graph", None)
        if graph is None:  # a subclassed model has no graph to show: one box, as in Keras
            self.add_box(model, model._inbound_nodes[0] if model._inbound_nodes else None, cluster)
            return
        own = {id(node) for level in graph.nodes_by_depth for node in level}
        # a Sequential's input is not drawn (as in Keras): its first layer is where arrows come in
        shown = [op for op in graph.operations if not (isinstance(model, Sequential) and isinstance(op, InputLayer))]
        for operation in shown:
            if self.expands(operation):
                key = f"c{len(self.graph.clusters)}"
                self.graph.clusters.append(Cluster(key, operation.name, cluster))
                self.add_model(operation, key)
            else:
                node = next((n for n in operation._inbound_nodes if id(n) in own), None)
                self.add_box(operation, node, cluster)
        shown_ids = {id(op) for op in shown}
        for level in graph.nodes_by_depth:
            for node in level:
                for index, tensor in enumerate(node.input_tensors):
                    history = tensor._history
                    if id(history.node) in own and id(history.operation) in shown_ids:
                        self.add_edge(self.exit_box(history.operation, history.tensor_index),
                                      self.entry_box(node.operation, index))

    def exit_box(self, operation, tensor_index):
        """The box an output leaves from: inside an expanded model, the layer that made it."""
        while self.expands(operation):
            history = operation._graph.outputs[tensor_index]._history
            operation, tensor_index = history.operation, history.tensor_index
        return self.keys.get(id(operation))

    def entry_box(self, operation, input_index):
        """The box an input goes into: an expanded model's Input, or a Sequential's first layer."""
        from frontend.models.sequential import Sequential

        while self.expands(operation):
            if isinstance(operation, Sequential):
                operation = operation.layers[0]
            elif input_index < len(operation._graph.inputs):
                operation = operation._graph.inputs[input_index]._history.operation
            else:
                return None
        return self.keys.get(id(operation))

    def add_edge(self, source, destination):
        edge = (source, destination)
        if None not in edge and edge not in self.graph.edges:
            self.graph.edges.append(edge)


def layer_graph(model, show_shapes=False, show_dtype=False, show_layer_names=True, expand_nested=False,
                show_layer_activations=False, show_trainable=False):
    """``model``'s boxes and arrows as plain data (``LayerGraph``), the input of every renderer.

    Functional and Sequential models show one box per layer (and per ``frontend.ops`` call on
    symbolic tensors); with ``expand_nested``, a nested Functional or Sequential model becomes a
    frame holding its own layers. A subclassed model has no graph and shows as one box, as in Keras.
    """
    if not getattr(model, "built", False):
        raise ValueError(f"Model '{getattr(model, 'name', model)}' has not been built yet, so it has no layers to "
                         "draw; build it first by calling build() or by calling the model on a batch of data")
    options = dict(show_shapes=show_shapes, show_dtype=show_dtype, show_layer_names=show_layer_names,
                   show_layer_activations=show_layer_activations, show_trainable=show_trainable)
    builder = _GraphBuilder(expand_nested, options)
    builder.add_model(model, None)
    return builder.graph


def _html_label(node):
    rows = [f'<tr><td bgcolor="black"><font color="white"><b>{html.escape(node.title)}</b></font></td></tr>']
    rows += [f"<tr><td>{html.escape(detail)}</td></tr>" for detail in node.details]
    return f'<<table border="0" cellborder="1" cellspacing="0" cellpadding="6">{"".join(rows)}</table>>'


def _to_pydot(graph, name, rankdir, dpi, subgraph, splines, caller):
    pydot = require("pydot", caller)
    if subgraph:
        root = pydot.Cluster(name, label=name, style="dashed", labeljust="l")
    else:
        root = pydot.Dot(graph_type="digraph", rankdir=rankdir, concentrate=True, dpi=dpi, splines=splines)
    root.set_node_defaults(shape="plaintext", fontname="Helvetica")
    frames = {None: root}
    for cluster in graph.clusters:  # a frame always comes after the frame around it
        frames[cluster.key] = pydot.Cluster(cluster.key, label=cluster.label, style="dashed", labeljust="l")
        frames[cluster.parent].add_subgraph(frames[cluster.key])
    for node in graph.nodes:
        frames[node.cluster].add_node(pydot.Node(node.key, label=_html_label(node)))
    for source, destination in graph.edges:
        root.add_edge(pydot.Edge(source, destination))
    return root


def _check_arguments(caller, rankdir, kwargs):
    if kwargs.pop("layer_range", None) is not None:
        raise ValueError(f"{caller}: the layer_range argument is no longer supported (as in Keras 3)")
    if kwargs:
        raise ValueError(f"{caller}: unrecognized keyword arguments {sorted(kwargs)}")
    if rankdir not in RANKDIRS:
        raise ValueError(f"{caller}: rankdir must be one of {RANKDIRS}, received {rankdir!r}")


def model_to_dot(model, show_shapes=False, show_dtype=False, show_layer_names=True, rankdir="TB",
                 expand_nested=False, dpi=200, subgraph=False, show_layer_activations=False,
                 show_trainable=False, splines="ortho", **kwargs):
    """The model as a ``pydot.Dot`` graph (a ``pydot.Cluster`` named after the model if ``subgraph``).

    Needs pydot but not graphviz: ``.to_string()`` gives the DOT source; ``.write(path, format=...)``
    renders it with graphviz's ``dot`` program.
    """
    _check_arguments("model_to_dot", rankdir, kwargs)
    graph = layer_graph(model, show_shapes, show_dtype, show_layer_names, expand_nested,
                        show_layer_activations, show_trainable)
    return _to_pydot(graph, model.name, rankdir, dpi, subgraph, splines, "model_to_dot")


def _notebook_image(to_file, extension):
    """What Keras returns: an ``IPython.display.Image`` of the file, where IPython is installed."""
    if extension not in ("png", "jpg", "jpeg", "gif"):
        return None
    try:
        display = importlib.import_module("IPython.display")
    except ImportError:
        return None
    return display.Image(filename=to_file)


def plot_model(model, to_file="model.png", show_shapes=False, show_dtype=False, show_layer_names=False, rankdir="TB",
               expand_nested=False, dpi=200, show_layer_activations=False, show_trainable=False, splines="ortho",
               **kwargs):
    """Draw the model's layers and their connections into ``to_file`` (format from its extension).

    ``rankdir`` is ``"TB"`` (top to bottom) or ``"LR"`` (left to right; ``"BT"``/``"RL"`` reverse them).
    With graphviz's ``dot`` program installed, graphviz draws it (any format graphviz writes); without
    it, matplotlib does (png, pdf, svg, jpg and the other formats matplotlib saves). A ``.dot``/``.gv``
    file gets the DOT source. Returns an ``IPython.display.Image`` of a png/jpg file when IPython is
    installed, else None.
    """
    _check_arguments("plot_model", rankdir, kwargs)
    graph = layer_graph(model, show_shapes, show_dtype, show_layer_names, expand_nested,
                        show_layer_activations, show_trainable)
    to_file = os.fspath(to_file)
    extension = os.path.splitext(to_file)[1][1:].lower() or "png"
    if extension in ("dot", "gv"):
        source = _to_pydot(graph, model.name, rankdir, dpi, False, splines, "plot_model").to_string()
        with open(to_file, "w", encoding="utf-8") as file:
            file.write(source)
    elif shutil.which("dot") and importlib.util.find_spec("pydot") is not None:
        _to_pydot(graph, model.name, rankdir, dpi, False, splines, "plot_model").write(to_file, format=extension)
    else:
        save_figure(draw_graph(graph, rankdir, dpi), to_file, "plot_model")
    return _notebook_image(to_file, extension)
