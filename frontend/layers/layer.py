"""``Layer``: the base of every layer and model.

A layer builds its weights on its first call, from the input shape; tracks the layers,
variables and seed generators assigned to its attributes (also inside lists and dicts);
passes ``training`` and masks down to nested calls; collects losses; and on symbolic
inputs records a graph node instead of computing.
"""

import functools
import inspect

import numpy as np

from frontend import dtype_policies, tree
from frontend.backends import active as B
from frontend.core.stateless_scope import StatelessScope
from frontend.core.tensor_attributes import get_mask, set_mask
from frontend.core.variable import Variable
from frontend.layers import call_context
from frontend.layers.input_spec import check_input_compatibility
from frontend import ops
from frontend.ops import dtypes, tensors
from frontend.ops.operation import Node, Operation
from frontend.ops.symbolic import SymbolicTensor, any_symbolic, compute_output_spec, in_shape_inference
from frontend.random.seed_generator import SeedGenerator

_pending_losses = {}  # layers holding add_loss terms; an outermost call clears its own tree's terms
_INPUT_SHAPE_ARGUMENTS = ("input_shape", "batch_input_shape", "batch_size", "input_dim")


@functools.lru_cache(maxsize=None)
def _call_signature(cls):
    """(accepts training, accepts mask, name of the first argument) for ``cls.call``."""
    parameters = inspect.signature(cls.call).parameters
    names = list(parameters)
    first = names[1] if len(names) > 1 else None
    return "training" in parameters, "mask" in parameters, first


def _shape_of(x):
    if isinstance(x, SymbolicTensor):
        return x.shape
    if B.is_tensor(x):
        return B.shape(x)
    if hasattr(x, "shape"):
        return tuple(x.shape)
    return tensors.shape(x)


def _shapes(inputs):
    return tree.map_structure(lambda x: None if x is None else _shape_of(x), inputs)


def _overrides(layer, method):
    return getattr(type(layer), method) is not getattr(Layer, method)


class Layer(Operation):
    """Base class of layers. Subclasses write ``build(input_shape)`` and ``call(inputs, ...)``."""

    def __init_subclass__(cls, **kwargs):
        """A subclass's ``build`` marks the layer built, also when a user calls it directly."""
        super().__init_subclass__(**kwargs)
        if "build" in cls.__dict__:
            cls.build = _marking_built(cls.__dict__["build"])

    def __init__(self, *, activity_regularizer=None, trainable=True, dtype=None, autocast=True, name=None, **kwargs):
        input_shape_arguments = {k: kwargs.pop(k) for k in _INPUT_SHAPE_ARGUMENTS if k in kwargs}
        if kwargs:
            raise TypeError(f"{type(self).__name__}: unexpected keyword argument(s) {sorted(kwargs)}")
        object.__setattr__(self, "_tracking", False)
        super().__init__(name=name)
        self._trainable_variables = []
        self._non_trainable_variables = []
        self._seed_generators = []
        self._losses = []
        self._trainable = bool(trainable)
        self.built = False
        self.autocast = autocast
        self.dtype_policy = dtype_policies.get(dtype)
        self.input_spec = None
        self.supports_masking = False
        self._build_shapes = None
        self._batch_input_shape = self._batch_shape_from(input_shape_arguments)
        self._activity_regularizer = None
        if activity_regularizer is not None:
            from frontend import regularizers

            self._activity_regularizer = regularizers.get(activity_regularizer)
        self._call_has_training_arg, self._call_has_mask_arg, self._first_argument = _call_signature(type(self))
        self._computes_mask = _overrides(self, "compute_mask")
        self._tracking = True

    def _batch_shape_from(self, arguments):
        if "batch_input_shape" in arguments:
            return tuple(arguments["batch_input_shape"])
        if "input_shape" in arguments:
            return (arguments.get("batch_size"),) + tuple(arguments["input_shape"])
        if "input_dim" in arguments:
            return (arguments.get("batch_size"), arguments["input_dim"])
        return None

    # ----- attribute tracking ---------------------------------------------------------

    def __setattr__(self, name, value):
        if name not in _BOOKKEEPING and _may_hold_layers(value):
            object.__setattr__(self, "_has_sublayers", True)
        if self.__dict__.get("_tracking"):
            if isinstance(value, Variable):
                self._track_variable(value)
            elif isinstance(value, SeedGenerator) and value not in self._seed_generators:
                self._seed_generators.append(value)
        object.__setattr__(self, name, value)

    def _track_variable(self, variable):
        if any(variable is v for v in self._trainable_variables + self._non_trainable_variables):
            return
        (self._trainable_variables if variable.trainable else self._non_trainable_variables).append(variable)

    @property
    def _layers(self):
        """Directly nested layers, in attribute order (found in lists, tuples and dicts too)."""
        if not self.__dict__.get("_has_sublayers"):
            return []  # nothing that could hold a layer was ever assigned: skip the scan (hot in fit)
        found = []
        for name, value in vars(self).items():
            if name in ("_inbound_nodes", "_outbound_nodes"):
                continue
            _collect_layers(value, found)
        return found

    def _flatten_layers(self, include_self=True):
        """This layer and every nested layer, depth first, each once."""
        seen, ordered = set(), []

        def visit(layer):
            if id(layer) in seen:
                return
            seen.add(id(layer))
            ordered.append(layer)
            for child in layer._layers:
                visit(child)

        visit(self)
        return ordered if include_self else ordered[1:]

    # ----- weights ---------------------------------------------------------------------

    def add_weight(self, shape=None, initializer=None, dtype=None, trainable=True, autocast=True,
                   regularizer=None, constraint=None, aggregation="none", overwrite_with_gradient=False,
                   name=None):
        """Create a weight of this layer, drawn from ``initializer`` (seeded, engine-independent)."""
        from frontend import constraints, initializers, regularizers

        shape = () if shape is None else tuple(shape)
        if any(d is None or int(d) < 0 for d in shape):
            raise ValueError(f"Layer '{self.name}': weight {name!r} needs a fully known shape, received {shape}")
        dtype = dtypes.standardize_dtype(dtype or self.variable_dtype, f"Layer '{self.name}'")
        if initializer is None:
            initializer = "glorot_uniform" if dtypes.is_float(dtype) else "zeros"
        variable = Variable(initializers.get(initializer), shape=shape, dtype=dtype, trainable=trainable,
                            name=name or f"variable_{len(self._trainable_variables) + len(self._non_trainable_variables)}")
        variable.path = f"{self.name}/{variable.name}"
        variable.regularizer = regularizers.get(regularizer) if regularizer is not None else None
        variable.constraint = constraints.get(constraint) if constraint is not None else None
        variable.overwrite_with_gradient = overwrite_with_gradient
        self._track_variable(variable)
        return variable

    @property
    def trainable(self):
        return self._trainable

    @trainable.setter
    def trainable(self, value):
        """False freezes every weight of this layer and of all nested layers."""
        value = bool(value)
        self._trainable = value
        for variable in self._trainable_variables:
            variable.trainable = value
        for layer in self._layers:
            layer.trainable = value

    @property
    def weights(self):
        """Own trainable, own non-trainable, then nested layers' weights (no seed states)."""
        result, seen = [], set()
        for variable in self._trainable_variables + self._non_trainable_variables:
            if id(variable) not in seen:
                seen.add(id(variable))
                result.append(variable)
        for layer in self._layers:
            for variable in layer.weights:
                if id(variable) not in seen:
                    seen.add(id(variable))
                    result.append(variable)
        return result

    @property
    def trainable_weights(self):
        return [v for v in self.weights if v.trainable] if self._trainable else []

    @property
    def non_trainable_weights(self):
        return [v for v in self.weights if not v.trainable] if self._trainable else self.weights

    @property
    def variables(self):
        """Every variable: the weights, random-seed states and other state (e.g. stateful RNN states)."""
        result = self.weights
        seen = {id(v) for v in result}
        for layer in self._flatten_layers():
            state = [g.state for g in layer._seed_generators] + _nested_variables(vars(layer).values())
            for variable in state:
                if id(variable) not in seen:
                    seen.add(id(variable))
                    result.append(variable)
        return result

    trainable_variables = trainable_weights

    @property
    def non_trainable_variables(self):
        trainable = {id(v) for v in self.trainable_weights}
        return [v for v in self.variables if id(v) not in trainable]

    def count_params(self):
        if not self.built:
            raise ValueError(f"Layer '{self.name}' is not built yet, so it has no weights to count; call it first")
        return sum(int(_product(v.shape)) for v in self.weights)

    def get_weights(self):
        return [v.numpy() for v in self.weights]

    def set_weights(self, weights):
        """Assign a list of arrays, in ``weights`` order; all shapes are checked before any write."""
        variables = self.weights
        weights = list(weights)
        if len(weights) != len(variables):
            raise ValueError(
                f"Layer '{self.name}': set_weights expected {len(variables)} arrays "
                f"({', '.join(v.path for v in variables) or 'no weights'}), received {len(weights)}"
            )
        for variable, value in zip(variables, weights):
            shape = tuple(getattr(value, "shape", ()))
            if shape != tuple(variable.shape):
                raise ValueError(
                    f"Layer '{self.name}': weight '{variable.path}' has shape {variable.shape}, "
                    f"received an array of shape {shape}"
                )
        for variable, value in zip(variables, weights):
            variable.assign(value)

    # ----- dtypes ----------------------------------------------------------------------

    @property
    def dtype(self):
        return self.dtype_policy.variable_dtype

    @property
    def compute_dtype(self):
        return self.dtype_policy.compute_dtype

    @property
    def variable_dtype(self):
        return self.dtype_policy.variable_dtype

    def _prepare_input(self, x):
        """Arrays become tensors; floating inputs are cast to the compute dtype (autocast)."""
        if isinstance(x, (list, tuple, dict)):
            return tree.map_structure(self._prepare_input, x)
        if isinstance(x, (np.ndarray, np.generic, Variable)):
            if getattr(x, "dtype", None) is not None and np.dtype(x.dtype).kind in "USO":
                return x  # strings stay on the host for lookup and text layers
            x = tensors.tensor(x)
        elif not B.is_tensor(x):
            return x
        if self.autocast:
            dtype = B.dtype_name(x)
            if dtype != self.compute_dtype and dtypes.is_float(dtype):
                return B.cast(x, self.compute_dtype)
        return x

    # ----- calling ---------------------------------------------------------------------

    def build(self, input_shape):
        self.built = True

    def _maybe_build(self, args, kwargs):
        if self.built:
            return
        inputs = args[0] if args else kwargs.get(self._first_argument)
        shapes = _shapes(inputs)
        check_input_compatibility(self.name, self.input_spec, inputs, _shape_of)
        if _overrides(self, "build"):
            try:
                self.build(shapes)
            except Exception as error:
                _note(error, f"while building layer '{self.name}' ({type(self).__name__}) for input shape {shapes}")
                raise
        self._build_shapes = shapes
        self.built = True

    def __call__(self, *args, **kwargs):
        if not self.built:
            self._maybe_build(args, kwargs)
        inputs = args[0] if args else kwargs.get(self._first_argument)
        if self.input_spec is not None:
            check_input_compatibility(self.name, self.input_spec, inputs, _shape_of)
        if len(args) == 1:
            args = (self._prepare_input(args[0]),)
        elif args:
            args = tuple(self._prepare_input(a) for a in args)
        node_kwargs = kwargs
        mask = kwargs.get("mask")
        if mask is None and args and (self._call_has_mask_arg or self.supports_masking):
            mask = _input_masks(args[0])
            if mask is not None and self._call_has_mask_arg:
                kwargs = dict(kwargs, mask=mask)
        training = kwargs.get("training")
        calls = call_context.stack()
        if training is None:
            training = calls[-1] if calls else None
            if training is not None and self._call_has_training_arg:
                kwargs = dict(kwargs, training=training)
        elif not self._call_has_training_arg:
            kwargs = {k: v for k, v in kwargs.items() if k != "training"}
        if any_symbolic(args, kwargs):
            return self._symbolic_call(args, kwargs, node_kwargs)
        if _pending_losses and not calls:
            self._clear_losses()
        calls.append(training)
        try:
            outputs = self.call(*args, **kwargs)
        except Exception as error:
            _note(error, f"in layer '{self.name}' ({type(self).__name__})")
            raise
        finally:
            calls.pop()
        if self._activity_regularizer is not None:
            for output in tree.flatten(outputs):
                self.add_loss(_per_sample(self._activity_regularizer(output), output))
        if mask is not None or self._computes_mask:
            self._attach_masks(args, kwargs, mask, outputs)
        return outputs

    def _attach_masks(self, args, kwargs, mask, outputs):
        inputs = args[0] if args else kwargs.get(self._first_argument)
        output_mask = self.compute_mask(inputs, mask)
        if output_mask is None:
            return
        for output, m in zip(tree.flatten(outputs), _broadcast_masks(output_mask, outputs)):
            if output is not None and m is not None:
                set_mask(output, m)

    def symbolic_call(self, *args, **kwargs):
        return self._symbolic_call(args, kwargs, kwargs)

    def _symbolic_call(self, args, kwargs, node_kwargs):
        """Infer the outputs (and their masks) and record a node with the caller's own arguments."""
        calls = call_context.stack()
        calls.append(kwargs.get("training"))
        try:
            outputs = self.compute_output_spec(*args, **kwargs)
        except Exception as error:
            _note(error, f"in layer '{self.name}' ({type(self).__name__}) called on symbolic inputs")
            raise
        finally:
            calls.pop()
        inputs = args[0] if args else kwargs.get(self._first_argument)
        previous = kwargs.get("mask")
        if previous is None and args and self.supports_masking:
            previous = _input_masks(args[0])
        if previous is not None or self._computes_mask:
            mask = compute_output_spec(self.compute_mask, inputs, previous)
            if mask is not None:
                for output, m in zip(tree.flatten(outputs), _broadcast_masks(mask, outputs)):
                    if isinstance(output, SymbolicTensor):
                        output._keras_mask = m
        Node(self, args, node_kwargs, outputs)
        return outputs

    def compute_output_spec(self, *args, **kwargs):
        if _overrides(self, "compute_output_shape"):
            inputs = args[0] if args else kwargs.get(self._first_argument)
            shapes = self.compute_output_shape(_shapes(inputs))
            return _specs_from_shapes(shapes, self.compute_dtype)
        return compute_output_spec(self.call, *args, **kwargs)

    def compute_output_shape(self, input_shape):
        """Output shape(s) for ``input_shape``, found by running ``call`` abstractly."""
        placeholders = _specs_from_shapes(input_shape, self.compute_dtype)
        self._maybe_build((placeholders,), {})
        outputs = compute_output_spec(self.call, placeholders)
        return tree.map_structure(lambda t: t.shape, outputs)

    def compute_mask(self, inputs, previous_mask):
        return previous_mask if self.supports_masking else None

    def stateless_call(self, trainable_variables, non_trainable_variables, *args, return_losses=False, **kwargs):
        """Call with the given variable values; returns outputs and the new non-trainable values."""
        mapping = list(zip(self.trainable_variables, trainable_variables))
        mapping += list(zip(self.non_trainable_variables, non_trainable_variables))
        with StatelessScope(mapping) as scope:
            outputs = self(*args, **kwargs)
            losses = self.losses if return_losses else None
        new_values = [scope.get_current_value(v) for v in self.non_trainable_variables]
        return (outputs, new_values, losses) if return_losses else (outputs, new_values)

    # ----- losses ----------------------------------------------------------------------

    def add_loss(self, loss):
        """Add a scalar loss term (activity regularization, auxiliary losses) for this call."""
        if not in_shape_inference():
            self._losses.append(loss)
            _pending_losses[id(self)] = self

    def _clear_losses(self):
        for layer in self._flatten_layers():
            if layer._losses:
                layer._losses = []
                _pending_losses.pop(id(layer), None)

    @property
    def losses(self):
        """Losses added during the last call, plus the penalties of weights with a regularizer."""
        collected = []
        for layer in self._flatten_layers():
            collected.extend(layer._losses)
            for variable in layer._trainable_variables + layer._non_trainable_variables:
                if variable.regularizer is not None:
                    collected.append(variable.regularizer(variable))
        return collected

    # ----- configuration ---------------------------------------------------------------

    def get_config(self):
        config = {"name": self.name, "trainable": self.trainable, "dtype": _policy_config(self.dtype_policy)}
        if self._batch_input_shape is not None:
            config["batch_input_shape"] = self._batch_input_shape
        if self._activity_regularizer is not None:
            from frontend import regularizers

            config["activity_regularizer"] = regularizers.serialize(self._activity_regularizer)
        return config

    @classmethod
    def from_config(cls, config):
        config = dict(config)
        if isinstance(config.get("dtype"), dict):
            config["dtype"] = dtype_policies.get(config["dtype"])
        return cls(**config)

    def save_own_variables(self, store):
        """Write this layer's own variables into ``store`` as ``"0"``, ``"1"``, ... (Keras's order)."""
        for index, variable in enumerate(self._own_saved_variables()):
            store[str(index)] = variable.numpy()

    def load_own_variables(self, store):
        """Read what ``save_own_variables`` wrote; shapes are checked before any write."""
        variables = self._own_saved_variables()
        if len(store) != len(variables):
            raise ValueError(f"Layer '{self.name}' has {len(variables)} variables, the store holds {len(store)}")
        for index, variable in enumerate(variables):
            if tuple(store[str(index)].shape) != tuple(variable.shape):
                raise ValueError(f"Layer '{self.name}': variable {index} has shape {tuple(variable.shape)}, "
                                 f"the store holds {tuple(store[str(index)].shape)}")
        for index, variable in enumerate(variables):
            variable.assign(store[str(index)])

    def _own_saved_variables(self):
        return self._trainable_variables + self._non_trainable_variables

    def _uses_default_variable_store(self):
        """False when a subclass reads and writes its own store (lookup tables, for example)."""
        cls = type(self)
        return (cls.save_own_variables is Layer.save_own_variables
                and cls.load_own_variables is Layer.load_own_variables)

    def get_build_config(self):
        return None if self._build_shapes is None else {"input_shape": self._build_shapes}

    def build_from_config(self, config):
        if config and not self.built:
            self._maybe_build((_specs_from_shapes(config["input_shape"], self.compute_dtype),), {})

    @property
    def path(self):
        return self.name

    def __repr__(self):
        return f"<{type(self).__name__} name={self.name}, built={self.built}>"


def _marking_built(build):
    @functools.wraps(build)
    def wrapper(self, *args, **kwargs):
        result = build(self, *args, **kwargs)
        self.built = True
        if self._build_shapes is None and args:
            self._build_shapes = args[0]
        return result

    return wrapper


def _per_sample(penalty, output):
    """An activity penalty divided by the batch size, as Keras does (rank-0 outputs: unchanged)."""
    shape = _shape_of(output)
    if not shape or shape[0] in (None, 0):
        return penalty
    return ops.divide(penalty, ops.cast(shape[0], ops.dtype(penalty)))


def _input_masks(inputs):
    """The masks riding on ``inputs`` (same structure), or None when there are none."""
    if B.is_tensor(inputs) or isinstance(inputs, SymbolicTensor):
        return get_mask(inputs)
    masks = tree.map_structure(lambda x: None if x is None else get_mask(x), inputs)
    return masks if any(m is not None for m in tree.flatten(masks)) else None


_BOOKKEEPING = frozenset({
    "_trainable_variables", "_non_trainable_variables", "_seed_generators", "_losses", "_inbound_nodes",
    "_outbound_nodes", "_build_shapes", "_batch_input_shape",
})


def _may_hold_layers(value):
    """A layer, or a list/tuple/dict that holds one or is still empty (layers may be added later)."""
    if isinstance(value, Layer):
        return True
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, (list, tuple)):
        return not value or any(_may_hold_layers(item) for item in value)
    return False


def _nested_variables(values):
    """Variables held inside lists, tuples and dicts among ``values``."""
    found = []
    for value in values:
        if isinstance(value, (list, tuple)):
            found.extend(v for v in value if isinstance(v, Variable))
            found.extend(_nested_variables(v for v in value if isinstance(v, (list, tuple, dict))))
        elif isinstance(value, dict):
            found.extend(_nested_variables([list(value.values())]))
    return found


def _collect_layers(value, found):
    if isinstance(value, Layer):
        if all(value is not f for f in found):
            found.append(value)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _collect_layers(item, found)
    elif isinstance(value, dict):
        for item in value.values():
            _collect_layers(item, found)


def _product(shape):
    result = 1
    for d in shape:
        result *= d
    return result


def _note(error, text):
    if hasattr(error, "add_note") and text not in getattr(error, "__notes__", ()):
        error.add_note(text)


def _is_shape(value):
    return isinstance(value, (list, tuple)) and all(d is None or isinstance(d, int) for d in value)


def _as_shape_structure(shape):
    """Shapes as tuples inside their list/dict nest (a bare shape stays one shape)."""
    if _is_shape(shape):
        return _Shape(shape)
    if isinstance(shape, dict):
        return {k: _as_shape_structure(v) for k, v in shape.items()}
    return [_as_shape_structure(s) for s in shape]


class _Shape:
    """A shape treated as one leaf of a structure."""

    def __init__(self, dims):
        self.dims = tuple(dims)


def _specs_from_shapes(shapes, dtype):
    structure = _as_shape_structure(shapes)
    return _map_shapes(structure, lambda s: SymbolicTensor(s.dims, dtype))


def _map_shapes(structure, function):
    if isinstance(structure, _Shape):
        return function(structure)
    if isinstance(structure, dict):
        return {k: _map_shapes(v, function) for k, v in structure.items()}
    return [_map_shapes(s, function) for s in structure]


def _broadcast_masks(mask, outputs):
    count = len(tree.flatten(outputs))
    masks = tree.flatten(mask) if isinstance(mask, (list, tuple, dict)) else [mask]
    return masks if len(masks) == count else [masks[0]] * count


def _policy_config(policy):
    return {"module": "keras", "class_name": "DTypePolicy", "config": {"name": policy.name}, "registered_name": None}
