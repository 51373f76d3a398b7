"""``Metric``: the base of every metric, a running statistic held in non-trainable variables.

All state lives in ``frontend.Variable``s created by ``add_variable`` and changes only
through ``assign``; that is what lets the same ``update_state`` run eagerly on torch,
inside ``tf.function``, and inside ``jax.jit`` under a ``StatelessScope`` (see the
``stateless_*`` methods, which turn the stateful API into pure functions of the state).
"""

from frontend import config, dtype_policies, ops
from frontend.core.stateless_scope import StatelessScope
from frontend.core.variable import Variable
from frontend.ops import dtypes
from frontend.ops.operation import snake_case, unique_name


def metric_dtype(dtype):
    """The compute dtype for a metric's ``dtype`` argument: a name, a DTypePolicy or None (floatx)."""
    if dtype is None:
        return config.floatx()
    mixed = isinstance(dtype, str) and dtype.startswith("mixed_")
    if mixed or isinstance(dtype, (dtype_policies.DTypePolicy, dict)):
        return dtype_policies.get(dtype).compute_dtype
    return dtypes.standardize_dtype(dtype, "Metric")


class Metric:
    """A stateful statistic: ``update_state(...)`` accumulates, ``result()`` reads, ``reset_state()`` clears.

    Subclasses create their state in ``__init__`` (or on the first ``update_state``, when
    it depends on the input shape) with ``self.add_variable(...)``.
    """

    def __init__(self, dtype=None, name=None):
        if name is not None and not isinstance(name, str):
            raise ValueError(f"{type(self).__name__}: name must be a string, received {name!r}")
        object.__setattr__(self, "_variables", [])
        object.__setattr__(self, "_metrics", [])
        self.name = name or unique_name(snake_case(type(self).__name__))
        self._dtype = metric_dtype(dtype)
        self._direction = None  # "up" or "down": which way is better, for callbacks in mode "auto"

    def __setattr__(self, name, value):
        """Variables and metrics assigned to attributes are tracked, in assignment order."""
        if "_variables" not in self.__dict__:
            raise RuntimeError(f"{type(self).__name__}: call super().__init__() before setting attributes")
        for item in value if isinstance(value, (list, tuple)) else (value,):
            if isinstance(item, Variable) and not any(item is v for v in self._variables):
                self._variables.append(item)
            elif isinstance(item, Metric) and not any(item is m for m in self._metrics):
                self._metrics.append(item)
        object.__setattr__(self, name, value)

    @property
    def name(self):
        return self._name

    @name.setter
    def name(self, value):
        """A new name also renames the paths of the metric's own variables (``name/variable``)."""
        object.__setattr__(self, "_name", value)
        for variable in self._variables:
            variable.path = f"{value}/{variable.name}"

    @property
    def dtype(self):
        return self._dtype

    @property
    def variables(self):
        """Own variables in creation order, then those of nested metrics."""
        result = list(self._variables)
        for metric in self._metrics:
            result.extend(metric.variables)
        return result

    def add_variable(self, shape, initializer="zeros", dtype=None, aggregation="sum", name=None):
        """A non-trainable state variable of this metric (dtype None: the metric's dtype)."""
        from frontend import initializers

        if "_variables" not in self.__dict__:
            raise RuntimeError(f"{type(self).__name__}: call super().__init__() before add_variable()")
        variable = Variable(
            initializers.get(initializer),
            shape=tuple(shape),
            dtype=dtype or self._dtype,
            trainable=False,
            aggregation=aggregation,
            name=name,
        )
        variable.path = f"{self.name}/{variable.name}"
        self._variables.append(variable)
        return variable

    def add_weight(self, shape=(), initializer=None, dtype=None, name=None):
        """Alias of ``add_variable`` kept for older code."""
        return self.add_variable(shape, initializer or "zeros", dtype=dtype, name=name)

    def update_state(self, *args, **kwargs):
        raise NotImplementedError(f"{type(self).__name__} does not implement update_state()")

    def result(self):
        raise NotImplementedError(f"{type(self).__name__} does not implement result()")

    def reset_state(self):
        """Every state variable back to zeros."""
        for variable in self.variables:
            variable.assign(ops.zeros(variable.shape, variable.dtype))

    def __call__(self, *args, **kwargs):
        """``update_state(*args, **kwargs)`` then ``result()``."""
        self.update_state(*args, **kwargs)
        return self.result()

    # ----- pure forms, for compiled steps ------------------------------------------------

    def _mapping(self, metric_variables, method):
        variables = self.variables
        metric_variables = list(metric_variables)
        if len(metric_variables) != len(variables):
            raise ValueError(
                f"{type(self).__name__}.{method}: metric_variables must hold one value per variable of "
                f"metric.variables ({len(variables)}), received {len(metric_variables)}"
            )
        return list(zip(variables, metric_variables))

    def stateless_update_state(self, metric_variables, *args, **kwargs):
        """New state values after ``update_state(*args, **kwargs)`` from ``metric_variables``; nothing is written."""
        mapping = self._mapping(metric_variables, "stateless_update_state")
        with StatelessScope(mapping):
            self.update_state(*args, **kwargs)
            return [variable.value for variable, _ in mapping]

    def stateless_result(self, metric_variables):
        """``result()`` computed from the given state values."""
        with StatelessScope(self._mapping(metric_variables, "stateless_result")):
            return self.result()

    def stateless_reset_state(self):
        """The state values ``reset_state()`` would write; nothing is written."""
        with StatelessScope():
            self.reset_state()
            return [variable.value for variable in self.variables]

    # ----- configs -------------------------------------------------------------------------

    def get_config(self):
        return {"name": self.name, "dtype": self.dtype}

    @classmethod
    def from_config(cls, config):
        return cls(**config)

    def __repr__(self):
        return f"<{type(self).__name__} name={self.name}>"
