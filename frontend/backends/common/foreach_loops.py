"""The multi-tensor (``foreach_*``) primitives as plain loops over an engine's own primitives.

For engines without fused multi-tensor kernels (JAX fuses the loop under jit anyway;
TensorFlow runs it op by op). ``primitive(name)`` returns the engine's primitive ``name``.
Results are always new tensors: ``inplace`` is a permission these engines do not use.
"""

UNARY = ("sqrt", "abs", "sign", "negative", "reciprocal", "exp", "log", "square")
BINARY = ("add", "subtract", "multiply", "divide", "maximum", "minimum", "power")


def make(primitive):
    """``{name: function}`` for the five foreach primitives, built on ``primitive(name)``."""

    def foreach_unary(name, xs, inplace=False):
        fn = primitive(name)
        return [fn(x) for x in xs]

    def foreach_binary(name, xs, ys, inplace=False):
        fn = primitive(name)
        if isinstance(ys, (list, tuple)):
            return [fn(x, y) for x, y in zip(xs, ys)]
        return [fn(x, ys) for x in xs]

    def foreach_lerp(xs, ys, weight, inplace=False):
        return [x + (y - x) * weight for x, y in zip(xs, ys)]

    def foreach_addcdiv(xs, ys, zs, value, inplace=False):
        return [x + (y * value) / z for x, y, z in zip(xs, ys, zs)]

    def foreach_assign(storages, values):
        assign = primitive("variable_assign")
        return [storage if value is storage else assign(storage, value) for storage, value in zip(storages, values)]

    return {"foreach_unary": foreach_unary, "foreach_binary": foreach_binary, "foreach_lerp": foreach_lerp,
            "foreach_addcdiv": foreach_addcdiv, "foreach_assign": foreach_assign}
