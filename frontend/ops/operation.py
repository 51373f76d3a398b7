"""Graph building: an ``Operation`` called on symbolic tensors records a ``Node``.

Layers are Operations; so is every ``frontend.ops`` function applied to a symbolic
tensor (``x + y``, ``ops.concatenate([a, b])``), which is how a functional model can
replay any mix of layers and ops. Each symbolic output remembers the node that made it
(``tensor._history``), and the graph is walked from there.
"""

import re

from frontend import tree
from frontend.ops.symbolic import SymbolicTensor, any_symbolic, compute_output_spec

_name_counts = {}


def unique_name(base):
    """``base``, then ``base_1``, ``base_2``... for each later request of the same base."""
    count = _name_counts.get(base, 0)
    _name_counts[base] = count + 1
    return base if count == 0 else f"{base}_{count}"


def reserve_name(name):
    """Count an explicitly given name as taken, so later auto names (``dense_3``) never repeat it."""
    match = re.fullmatch(r"(.+?)(?:_(\d+))?", name)
    base, number = match.group(1), int(match.group(2) or 0)
    _name_counts[base] = max(_name_counts.get(base, 0), number + 1)


def snake_case(name):
    """Keras's rule for default names and aliases: ``Conv2D`` -> ``conv2d``, ``GlorotUniform`` -> ``glorot_uniform``."""
    name = re.sub(r"\W+", "", name)
    name = re.sub(r"(.)([A-Z][a-z]+)", r"\1_\2", name)
    return re.sub(r"([a-z])([A-Z])", r"\1_\2", name).lower()


class History:
    """Where a symbolic tensor came from: operation, node index and output index."""

    __slots__ = ("operation", "node_index", "tensor_index")

    def __init__(self, operation, node_index, tensor_index):
        self.operation, self.node_index, self.tensor_index = operation, node_index, tensor_index

    @property
    def node(self):
        return self.operation._inbound_nodes[self.node_index]


class Node:
    """One call of an operation in a graph: its arguments (with symbolic tensors) and outputs."""

    def __init__(self, operation, call_args=(), call_kwargs=None, outputs=None):
        self.operation = operation
        self.arguments = (tuple(call_args), dict(call_kwargs or {}))
        self.input_tensors = [x for x in tree.flatten(self.arguments) if isinstance(x, SymbolicTensor)]
        self.outputs = outputs
        self.output_tensors = [x for x in tree.flatten(outputs) if isinstance(x, SymbolicTensor)]
        node_index = len(operation._inbound_nodes)
        operation._inbound_nodes.append(self)
        for parent in self.parent_nodes:
            parent.operation._outbound_nodes.append(self)
        for index, tensor in enumerate(self.output_tensors):
            tensor._history = History(operation, node_index, index)

    @property
    def parent_nodes(self):
        return [t._history.node for t in self.input_tensors if t._history is not None]

    @property
    def is_input(self):
        return not self.input_tensors


class Operation:
    """Something callable on real or symbolic tensors; symbolic calls add a Node to the graph."""

    def __init__(self, name=None):
        if name is not None and (not isinstance(name, str) or "/" in name):
            raise ValueError(f"{type(self).__name__}: name must be a string without '/', received {name!r}")
        if name:
            reserve_name(name)
        self.name = name or unique_name(snake_case(type(self).__name__))
        self._inbound_nodes = []
        self._outbound_nodes = []

    def __call__(self, *args, **kwargs):
        if any_symbolic(args, kwargs):
            return self.symbolic_call(*args, **kwargs)
        return self.call(*args, **kwargs)

    def symbolic_call(self, *args, **kwargs):
        outputs = self.compute_output_spec(*args, **kwargs)
        Node(self, args, kwargs, outputs)
        return outputs

    def compute_output_spec(self, *args, **kwargs):
        return compute_output_spec(self.call, *args, **kwargs)

    def call(self, *args, **kwargs):
        raise NotImplementedError(f"{type(self).__name__} must implement call()")

    @property
    def input(self):
        """The symbolic input(s) of this operation's first call in a graph."""
        return self._node_attribute("input")

    @property
    def output(self):
        """The symbolic output(s) of this operation's first call in a graph."""
        return self._node_attribute("output")

    def _node_attribute(self, what):
        if not self._inbound_nodes:
            raise AttributeError(f"{self.name} has not been called on symbolic inputs, so it has no {what}")
        node = self._inbound_nodes[0]
        if what == "output":
            return node.outputs
        tensors = node.input_tensors
        return tensors[0] if len(tensors) == 1 else tensors


class OpOperation(Operation):
    """A ``frontend.ops`` function applied to symbolic tensors, replayed with the same arguments."""

    def __init__(self, op_name, function):
        super().__init__(name=unique_name(op_name))
        self.function = function
        self.type_name = "".join(part.capitalize() for part in op_name.split("_"))

    def call(self, *args, **kwargs):
        return self.function(*args, **kwargs)


def symbolic_op_call(op_name, function, args, kwargs):
    """Record ``function(*args, **kwargs)`` (some arguments symbolic) as a graph node."""
    return OpOperation(op_name, function)(*args, **kwargs)

