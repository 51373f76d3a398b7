"""``clone_model``: the same architecture with fresh weights (layers rebuilt from their configs)."""

from frontend import tree
from frontend.layers.input_layer import InputLayer
from frontend.ops.symbolic import SymbolicTensor


def _default_clone(layer):
    return type(layer).from_config(layer.get_config())


def clone_model(model, input_tensors=None, clone_function=None, call_function=None, recursive=False, **kwargs):
    """A new model with the same structure; ``clone_function(layer)`` makes each new layer."""
    from frontend.models.functional import Functional
    from frontend.models.sequential import Sequential

    clone_function = clone_function or _default_clone
    if kwargs:
        raise TypeError(f"clone_model: unexpected arguments {sorted(kwargs)}")

    def clone_layer(layer):
        if recursive and isinstance(layer, (Sequential, Functional)):
            return clone_model(layer, clone_function=clone_function, call_function=call_function, recursive=True)
        return clone_function(layer)

    if isinstance(model, Sequential):
        layers = [clone_layer(layer) for layer in model.layers]
        clone = Sequential(name=model.name, trainable=model.trainable)
        if input_tensors is not None:
            clone.add(tree.flatten(input_tensors)[0])
        elif model._stack and isinstance(model._stack[0], InputLayer):
            first = model._stack[0]
            clone.add(InputLayer(batch_shape=first.batch_shape, dtype=first.dtype, name=first.name))
        for layer in layers:
            clone.add(layer, rebuild=False)
        clone._build_graph()
        return clone
    if isinstance(model, Functional):
        return _clone_functional(model, input_tensors, clone_layer, call_function)
    if clone_function is not _default_clone:
        raise ValueError("clone_model: clone_function only applies to Sequential and functional models")
    return type(model).from_config(model.get_config())


def _clone_functional(model, input_tensors, clone_layer, call_function):
    from frontend.layers.input_layer import Input
    from frontend.models.model import Model

    graph = model._graph
    if input_tensors is not None:
        new_inputs = tree.flatten(input_tensors)
        if len(new_inputs) != len(graph.inputs):
            raise ValueError(f"clone_model: the model has {len(graph.inputs)} inputs, received {len(new_inputs)} input_tensors")
    else:
        new_inputs = [Input(batch_shape=x.shape, dtype=x.dtype, name=x.name) for x in graph.inputs]
    values = {id(old): new for old, new in zip(graph.inputs, new_inputs)}
    clones = {}
    for level in graph.nodes_by_depth:
        for node in level:
            if node.is_input:
                continue
            operation = node.operation
            if isinstance(operation, InputLayer):
                continue
            if operation not in clones:
                clones[operation] = clone_layer(operation) if hasattr(operation, "get_config") else operation
            new_operation = clones[operation]
            call_args, call_kwargs = node.arguments
            leaves = [values.get(id(x), x) if isinstance(x, SymbolicTensor) else x
                      for x in tree.flatten((call_args, call_kwargs))]
            call_args, call_kwargs = tree.pack_sequence_as((call_args, call_kwargs), leaves)
            if call_function is not None:
                outputs = call_function(new_operation, *call_args, **call_kwargs)
            else:
                outputs = new_operation(*call_args, **call_kwargs)
            for old, new in zip(node.output_tensors, tree.flatten(outputs)):
                values[id(old)] = new
    inputs = tree.pack_sequence_as(graph.inputs_structure, new_inputs)
    outputs = tree.pack_sequence_as(graph.outputs_structure, [values[id(x)] for x in graph.outputs])
    return Model(inputs, outputs, name=model.name)
