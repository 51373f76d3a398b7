"""Python operators (``+``, ``@``, ``<``, ``x[i]`` ...) routed through ``frontend.ops``.

Variables and symbolic tensors share these so that promotion, errors and graph building
behave exactly as the named ops do.
"""

_BINARY = {
    "add": "add", "sub": "subtract", "mul": "multiply", "truediv": "true_divide",
    "floordiv": "floor_divide", "mod": "mod", "pow": "power", "matmul": "matmul",
    "and": "logical_and", "or": "logical_or", "xor": "logical_xor",
}
_COMPARISONS = {"lt": "less", "le": "less_equal", "gt": "greater", "ge": "greater_equal", "eq": "equal", "ne": "not_equal"}
_UNARY = {"neg": "negative", "abs": "abs", "invert": "invert"}


def _ops():
    import frontend.ops

    return frontend.ops


def _binary(name, reflected=False):
    def method(self, other):
        function = getattr(_ops(), name)
        return function(other, self) if reflected else function(self, other)

    return method


def _unary(name):
    def method(self):
        return getattr(_ops(), name)(self)

    return method


def _getitem(self, key):
    return _ops().getitem(self, key)


def install_operators(cls):
    """Give ``cls`` the arithmetic, comparison, unary and indexing operators; keep it hashable."""
    for dunder, name in _BINARY.items():
        setattr(cls, f"__{dunder}__", _binary(name))
        setattr(cls, f"__r{dunder}__", _binary(name, reflected=True))
    for dunder, name in _COMPARISONS.items():
        setattr(cls, f"__{dunder}__", _binary(name))
    for dunder, name in _UNARY.items():
        setattr(cls, f"__{dunder}__", _unary(name))
    cls.__getitem__ = _getitem
    cls.__hash__ = object.__hash__
    return cls
