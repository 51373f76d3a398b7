"""``Variable``: a named, stateful tensor held in the engine's native storage.

The storage is whatever the backend gives (torch Parameter, JAX array, tf.Variable);
this class adds the Keras surface: value, assign, dtype, shape, trainable, name, path,
numpy(), and the tensor operators, which go through ``frontend.ops`` so promotion is the
same on every engine. Inside a ``StatelessScope`` reads and writes go to the scope.
"""

from frontend.backends import active as B
from frontend.core import allocation_budget
from frontend.core.stateless_scope import current_scope
from frontend.ops import dtypes
from frontend.ops import tensors
from frontend.ops.operators import install_operators

_name_counts = {}


def _unique_name(base):
    count = _name_counts.get(base, 0)
    _name_counts[base] = count + 1
    return base if count == 0 else f"{base}_{count}"


def _ops():
    import frontend.ops

    return frontend.ops


class Variable:
    """A mutable tensor. ``initializer`` is a value or a callable ``(shape, dtype) -> value``."""

    __frontend_variable__ = True
    __array_priority__ = 100  # numpy_array + variable defers to Variable.__radd__

    def __init__(self, initializer, shape=None, dtype=None, trainable=True, name=None, **kwargs):
        unknown = set(kwargs) - {"autocast", "aggregation", "synchronization"}
        if unknown:
            raise TypeError(f"Variable: unexpected arguments {sorted(unknown)}")
        if name is not None and (not isinstance(name, str) or "/" in name):
            raise ValueError(f"Variable: name must be a string without '/', received {name!r}")
        self.name = name or _unique_name("variable")
        self.path = self.name
        self.trainable = bool(trainable)
        with B.eager_scope():  # real values even while a layer is built during shape inference
            if callable(initializer):
                if shape is None:
                    raise ValueError(f"Variable {self.name}: a callable initializer needs a shape")
                allocation_budget.charge(shape, self.name)
                self._dtype = dtypes.standardize_dtype(dtype, f"Variable {self.name}")
                value = tensors.tensor(initializer(tuple(shape), self._dtype), self._dtype)
            else:
                target = None if dtype is None else dtypes.standardize_dtype(dtype, f"Variable {self.name}")
                value = tensors.tensor(initializer, target)
                self._dtype = B.dtype_name(value)
                if shape is not None and tuple(shape) != B.shape(value):
                    raise ValueError(
                        f"Variable {self.name}: initial value has shape {B.shape(value)}, expected {tuple(shape)}"
                    )
            self._shape = tuple(B.shape(value))
            self._storage = B.variable_create(value, self.trainable)
        self.constraint = None  # applied by optimizers after each update
        self.regularizer = None  # its penalty is part of the owning layer's losses

    @property
    def value(self):
        """The current value: the scope's substitute inside a StatelessScope, else the storage."""
        scope = current_scope()
        if scope is not None:
            substitute = scope.get_current_value(self)
            if substitute is not None:
                return substitute
        return B.variable_value(self._storage)

    @property
    def dtype(self):
        return self._dtype

    @property
    def shape(self):
        return self._shape

    @property
    def ndim(self):
        return len(self._shape)

    def _checked(self, value):
        value = tensors.tensor(value, self._dtype)
        if tuple(B.shape(value)) != self._shape:
            raise ValueError(
                f"Variable {self.path}: cannot assign a value of shape {B.shape(value)}; "
                f"the variable has shape {self._shape}"
            )
        return value

    def assign(self, value):
        """Write ``value`` (same shape; cast to the variable's dtype); returns the new value."""
        value = self._checked(value)
        scope = current_scope()
        if scope is not None:
            scope.add_update(self, value)
        else:
            self._storage = B.variable_assign(self._storage, value)
        return value

    def _replace_storage_value(self, value):
        """Write a value already of this variable's shape and dtype, skipping checks (the fit loop's hot path)."""
        self._storage = B.variable_assign(self._storage, value)

    def assign_add(self, delta):
        return self.assign(_ops().add(self.value, delta))

    def assign_sub(self, delta):
        return self.assign(_ops().subtract(self.value, delta))

    def numpy(self):
        return B.convert_to_numpy(self.value)

    def __array__(self, dtype=None, copy=None):
        array = self.numpy()
        return array if dtype is None else array.astype(dtype)

    def __jax_array__(self):
        """Lets ``jax_array @ variable`` read the value, also under tracing."""
        return self.value

    def __tf_tensor__(self, dtype=None, name=None):
        """Lets ``tf_tensor @ variable`` read the value, also inside a graph."""
        return self.value if dtype is None else B.cast(self.value, dtype.name)

    def __repr__(self):
        return f"<Variable path={self.path}, shape={self._shape}, dtype={self._dtype}, value={self.numpy()}>"

    def __len__(self):
        return self._shape[0]

    def __bool__(self):
        return bool(self.numpy())

    def __float__(self):
        return float(self.numpy())

    def __int__(self):
        return int(self.numpy())

    def __pos__(self):
        return self.value


install_operators(Variable)
