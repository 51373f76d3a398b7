"""The functional graph: from the symbolic outputs back to the inputs, then run forward.

Nodes are sorted the way Keras 3 sorts them (depth-first from each output, then by
depth), so ``model.layers`` and ``model.weights`` come in Keras's order and Keras weight
lists can be loaded with ``set_weights`` unchanged.
"""

from frontend import tree
from frontend.backends import active as B
from frontend.core.tensor_attributes import set_mask
from frontend.layers.input_spec import InputSpec, check_input_compatibility
from frontend.ops import tensors
from frontend.ops.symbolic import SymbolicTensor


def _describe(tensor):
    name = f"'{tensor.name}' " if tensor.name else ""
    return f"{name}{tensor.shape}"


class FunctionalGraph:
    """The operations between ``inputs`` and ``outputs`` (nests of symbolic tensors)."""

    def __init__(self, inputs, outputs, owner="Model"):
        self.inputs_structure, self.outputs_structure = inputs, outputs
        self.inputs, self.outputs = tree.flatten(inputs), tree.flatten(outputs)
        for role, flat in (("inputs", self.inputs), ("outputs", self.outputs)):
            bad = [x for x in flat if not isinstance(x, SymbolicTensor) or x._history is None]
            if bad or not flat:
                raise ValueError(
                    f"{owner}: {role} must be symbolic tensors made by Input() and layers, received {bad or flat!r}"
                )
        self.nodes_by_depth, self.operations = self._map_graph(owner)
        self.input_specs = [InputSpec(shape=x.shape) for x in self.inputs]

    def _map_graph(self, owner):
        input_ids = {id(x) for x in self.inputs}
        ordered, operation_index, missing = [], {}, []
        finished, in_progress = set(), set()

        def visit(tensor, needed_by):
            node = tensor._history.node
            if id(node) in finished:
                return
            if id(tensor) in input_ids and not node.is_input:
                finished.add(id(node))
                return
            if node.is_input and id(tensor) not in input_ids:
                missing.append((tensor, needed_by))
            if id(node) in in_progress:
                raise ValueError(f"{owner}: the graph has a cycle through '{node.operation.name}'")
            operation_index.setdefault(node.operation, len(operation_index))
            in_progress.add(id(node))
            if not node.is_input:
                for parent in node.input_tensors:
                    visit(parent, needed_by)
            in_progress.discard(id(node))
            finished.add(id(node))
            ordered.append(node)

        for output in self.outputs:
            visit(output, output)
        if missing:
            details = "; ".join(
                f"output {_describe(out)} needs input {_describe(t)}, which is not among the model's inputs"
                for t, out in missing
            )
            known = ", ".join(_describe(x) for x in self.inputs)
            raise ValueError(f"{owner}: graph disconnected: {details}. The inputs given are: {known}")

        node_depth, operation_depth = {}, {}
        in_graph = {id(n) for n in ordered}
        for node in reversed(ordered):
            depth = max(node_depth.setdefault(id(node), 0), operation_depth.get(node.operation, 0))
            operation_depth[node.operation] = depth
            node_depth[id(node)] = depth
            for parent in node.parent_nodes:
                if id(parent) in in_graph:
                    node_depth[id(parent)] = max(depth + 1, node_depth.get(id(parent), 0))
        for x in self.inputs:  # inputs no output depends on still belong to the model
            operation = x._history.operation
            if operation not in operation_depth and x._history.node.is_input:
                operation_depth[operation] = 0
                operation_index[operation] = -1
                node_depth[id(x._history.node)] = 0
                ordered.append(x._history.node)

        nodes_by_depth = {}
        for node in ordered:
            nodes_by_depth.setdefault(node_depth[id(node)], []).append(node)
        depths = sorted(set(operation_depth.values()), reverse=True)
        operations = []
        for depth in depths:
            level = [op for op, d in operation_depth.items() if d == depth]
            operations.extend(sorted(level, key=lambda op: operation_index[op]))
        ordered_nodes = [nodes_by_depth[d] for d in sorted(nodes_by_depth, reverse=True)]
        return ordered_nodes, operations

    def flatten_inputs(self, inputs, owner):
        """The values for ``self.inputs``, from a structure like the model's or a dict by input name."""
        if isinstance(inputs, dict) and not isinstance(self.inputs_structure, dict):
            names = [x.name for x in self.inputs]
            if set(names) <= set(inputs):
                return [inputs[name] for name in names]
        if isinstance(inputs, dict) and isinstance(self.inputs_structure, dict):
            extra = set(inputs) - set(self.inputs_structure)
            if not extra:
                try:
                    return tree.flatten({k: inputs[k] for k in self.inputs_structure})
                except KeyError as error:
                    raise ValueError(f"{owner}: missing input {error.args[0]!r}; expected keys {sorted(self.inputs_structure)}") from None
        flat = tree.flatten(inputs)
        if len(flat) != len(self.inputs):
            raise ValueError(
                f"{owner}: expected {len(self.inputs)} input(s) "
                f"({', '.join(_describe(x) for x in self.inputs)}), received {len(flat)}"
            )
        return flat

    def run(self, inputs, owner, mask=None):
        """Evaluate the graph on real (or symbolic) values; returns the outputs' structure."""
        flat = self.flatten_inputs(inputs, owner)
        check_input_compatibility(owner, self.input_specs, flat, _shape_of)
        values = {}
        masks = tree.flatten(mask) if mask is not None else [None] * len(flat)
        for symbol, value, m in zip(self.inputs, flat, masks):
            value = _as_input(value, symbol.dtype)
            if m is not None:
                set_mask(value, m)
            values[id(symbol)] = value
        for level in self.nodes_by_depth:
            for node in level:
                if node.is_input:
                    continue
                call_args, call_kwargs = node.arguments
                if len(call_args) == 1 and not call_kwargs and isinstance(call_args[0], SymbolicTensor):
                    # the usual node, one tensor in (a Sequential's every node): no nests to walk
                    if id(call_args[0]) not in values:
                        continue
                    outputs = node.operation(values[id(call_args[0])])
                    if isinstance(node.outputs, SymbolicTensor):
                        values[id(node.outputs)] = outputs
                    else:
                        for symbol, value in zip(node.output_tensors, tree.flatten(outputs)):
                            values[id(symbol)] = value
                    continue
                leaves = tree.flatten((call_args, call_kwargs))
                if any(isinstance(leaf, SymbolicTensor) and id(leaf) not in values for leaf in leaves):
                    continue  # a branch cut off by choosing intermediate tensors as inputs
                resolved = [values[id(leaf)] if isinstance(leaf, SymbolicTensor) else leaf for leaf in leaves]
                call_args, call_kwargs = tree.pack_sequence_as((call_args, call_kwargs), resolved)
                outputs = node.operation(*call_args, **call_kwargs)
                for symbol, value in zip(node.output_tensors, tree.flatten(outputs)):
                    values[id(symbol)] = value
        return tree.pack_sequence_as(self.outputs_structure, [values[id(x)] for x in self.outputs])


def _shape_of(x):
    if isinstance(x, SymbolicTensor):
        return x.shape
    return B.shape(x) if B.is_tensor(x) else tuple(getattr(x, "shape", tensors.shape(x)))


def _as_input(value, dtype):
    if isinstance(value, SymbolicTensor) or dtype == "string":
        return value
    value = tensors.tensor(value)
    return value if B.dtype_name(value) == dtype else B.cast(value, dtype)
