"""Symbolic tensors and shape inference without real computation.

A ``SymbolicTensor`` is a placeholder with a shape (``None`` for an unknown size) and a
dtype; functional models are built by calling layers and ops on them. The output spec
of any function is found by running it through the engine's abstract evaluation
(``backends.active.abstract_eval``): unknown sizes are filled in with two different
trial sizes, and every output size that changes between the two runs is unknown.
"""

from frontend import tree
from frontend.backends import active as B
from frontend.core.stateless_scope import StatelessScope
from frontend.ops import dtypes, tensors
from frontend.ops.operators import install_operators

_TRIAL_SIZES = (83, 89)  # two sizes no real model uses, so a match is not an accident
_inference_depth = [0]


def in_shape_inference():
    """True while compute_output_spec runs a function on placeholders (its side effects are dropped)."""
    return _inference_depth[0] > 0


class SymbolicTensor:
    """A placeholder for a tensor of known rank: ``shape`` (ints or None) and ``dtype``."""

    __frontend_symbolic__ = True

    def __init__(self, shape, dtype=None, name=None, sparse=False):
        self.shape = tuple(None if d is None else int(d) for d in shape)
        # "string" exists only symbolically: host layers (lookups, text) take NumPy strings
        self.dtype = "string" if dtype in ("string", str) else dtypes.standardize_dtype(dtype, "SymbolicTensor")
        self.name = name
        self.sparse = sparse
        self._history = None  # (operation, node_index, tensor_index) once a graph node made it
        self._keras_mask = None

    @property
    def ndim(self):
        return len(self.shape)

    def __len__(self):
        if not self.shape or self.shape[0] is None:
            raise TypeError(f"len() of a symbolic tensor with shape {self.shape} is unknown")
        return self.shape[0]

    def __repr__(self):
        name = f", name={self.name}" if self.name else ""
        return f"<SymbolicTensor shape={self.shape}, dtype={self.dtype}{name}>"

    def _no_value(self, *args, **kwargs):
        raise TypeError(
            f"{self!r} is a placeholder used to build a model; it has no value. Call the model on "
            "real data, or use frontend.ops on it to add a step to the graph"
        )

    __array__ = __bool__ = __float__ = __int__ = __iter__ = numpy = _no_value


install_operators(SymbolicTensor)


def is_symbolic(x):
    return isinstance(x, SymbolicTensor)


def any_symbolic(args, kwargs):
    """True when an argument, or an item of a list/tuple argument, is a SymbolicTensor (cheap)."""
    for value in args:
        if isinstance(value, SymbolicTensor):
            return True
        if isinstance(value, (list, tuple)) and any(isinstance(v, SymbolicTensor) for v in value):
            return True
    if kwargs:
        return any_symbolic(kwargs.values(), None)
    return False


def _trial_shape(shape, size):
    return tuple(size if d is None else d for d in shape)


def compute_output_spec(function, *args, **kwargs):
    """SymbolicTensors shaped like ``function(*args, **kwargs)``'s outputs, inferred abstractly."""
    leaves = tree.flatten((args, kwargs))
    positions = [i for i, leaf in enumerate(leaves) if isinstance(leaf, SymbolicTensor)]
    unknown = any(d is None for i in positions for d in leaves[i].shape)
    found = {}

    def run(size):
        def evaluate(*placeholders):
            values = list(leaves)
            for position, placeholder in zip(positions, placeholders):
                values[position] = placeholder
            call_args, call_kwargs = tree.pack_sequence_as((args, kwargs), values)
            outputs = function(*call_args, **call_kwargs)
            found["structure"] = outputs
            flat = tree.flatten(outputs)
            found["tensor_positions"] = [i for i, leaf in enumerate(flat) if _is_tensor_like(leaf)]
            return [tensors.tensor(flat[i]) for i in found["tensor_positions"]]

        specs = [(_trial_shape(leaves[i].shape, size), leaves[i].dtype) for i in positions]
        _inference_depth[0] += 1
        try:
            with StatelessScope():
                return B.abstract_eval(evaluate, specs)
        finally:
            _inference_depth[0] -= 1

    first = run(_TRIAL_SIZES[0])
    if unknown:
        second = run(_TRIAL_SIZES[1])
        first = [(_merge(a, b), dtype) for (a, dtype), (b, _) in zip(first, second)]
    flat = tree.flatten(found["structure"])
    for position, (shape, dtype) in zip(found["tensor_positions"], first):
        flat[position] = SymbolicTensor(shape, dtype)
    return tree.pack_sequence_as(found["structure"], flat)


def _is_tensor_like(x):
    return B.is_tensor(x) or getattr(x, "__frontend_variable__", False)


def _merge(shape_a, shape_b):
    return tuple(a if a == b else None for a, b in zip(shape_a, shape_b))
