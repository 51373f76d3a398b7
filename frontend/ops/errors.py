"""Uniform error reporting for public ops: the op's name plus the shapes and dtypes it got."""

import functools

from frontend.backends import active as B


class OpError(ValueError):
    """A public op refused its input; the message names the op, the shapes and the dtypes."""


class OpTypeError(TypeError):
    """A public op got a dtype or argument type it does not accept."""


def describe(value):
    """Short text for an argument: 'shape=(2, 3) dtype=float32' for tensors."""
    if B.is_tensor(value):
        return f"shape={B.shape(value)} dtype={B.dtype_name(value)}"
    if hasattr(value, "shape") and hasattr(value, "dtype") and not isinstance(value, type):
        return f"shape={tuple(value.shape)} dtype={value.dtype}"
    if isinstance(value, (list, tuple)) and value and len(value) <= 8:
        return "[" + ", ".join(describe(v) for v in value) + "]"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


_graph = None  # frontend.ops.operation once loaded: symbolic arguments build a graph node


def enable_graph_building(operation_module):
    global _graph
    _graph = operation_module


def op(name):
    """Decorate a public op: symbolic arguments add a graph node; failures name the op and its input."""

    def decorate(function):
        @functools.wraps(function)
        def wrapper(*args, **kwargs):
            if _graph is not None and _graph.any_symbolic(args, kwargs):
                return _graph.symbolic_op_call(name, wrapper, args, kwargs)
            try:
                return function(*args, **kwargs)
            except (OpError, OpTypeError):
                raise
            except Exception as error:
                received = "; ".join(describe(a) for a in args)
                kind = OpTypeError if isinstance(error, TypeError) else OpError
                raise kind(f"ops.{name}: {error} (received: {received})") from error

        return wrapper

    return decorate
