"""What a layer accepts: rank and fixed sizes, checked when it is called."""

from frontend import tree


class InputSpec:
    """Constraints on one input: ``ndim``, ``min_ndim``, ``max_ndim``, ``axes={axis: size}``, ``shape``."""

    def __init__(self, dtype=None, shape=None, ndim=None, max_ndim=None, min_ndim=None, axes=None,
                 allow_last_axis_squeeze=False, name=None, optional=False):
        self.dtype = dtype
        self.shape = None if shape is None else tuple(shape)
        self.ndim = len(self.shape) if self.shape is not None else ndim
        self.max_ndim, self.min_ndim = max_ndim, min_ndim
        self.axes = dict(axes or {})
        self.name, self.optional = name, optional
        self.allow_last_axis_squeeze = allow_last_axis_squeeze

    def __repr__(self):
        parts = [f"{k}={v}" for k, v in (("ndim", self.ndim), ("min_ndim", self.min_ndim),
                 ("max_ndim", self.max_ndim), ("axes", self.axes or None), ("shape", self.shape)) if v is not None]
        return f"InputSpec({', '.join(parts)})"


def _expected(spec):
    if spec.shape is not None:
        return f"shape {spec.shape}"
    parts = []
    if spec.ndim is not None:
        parts.append(f"rank {spec.ndim}")
    if spec.min_ndim is not None:
        parts.append(f"rank >= {spec.min_ndim}")
    if spec.max_ndim is not None:
        parts.append(f"rank <= {spec.max_ndim}")
    if spec.axes:
        parts.append("sizes " + ", ".join(f"axis {a}: {s}" for a, s in spec.axes.items()))
    return " and ".join(parts)


def check_input_compatibility(layer_name, specs, inputs, shape_of):
    """Raise ValueError naming the layer, the expected and the received shape on a mismatch."""
    if specs is None:
        return
    specs = specs if isinstance(specs, list) else tree.flatten(specs)
    flat = [inputs] if not isinstance(inputs, (list, tuple, dict)) else tree.flatten(inputs)
    if len(flat) < len(specs):
        raise ValueError(f"Layer '{layer_name}' expects {len(specs)} input(s), received {len(flat)}")
    for index, (spec, x) in enumerate(zip(specs, flat)):
        if spec is None or x is None:
            continue
        shape = shape_of(x)
        rank = len(shape)
        ok = (
            (spec.ndim is None or rank == spec.ndim)
            and (spec.min_ndim is None or rank >= spec.min_ndim)
            and (spec.max_ndim is None or rank <= spec.max_ndim)
        )
        if ok and spec.axes:
            for axis, size in spec.axes.items():
                if size is None:
                    continue
                if not -rank <= axis < rank or shape[axis] not in (size, None):
                    ok = False
        if ok and spec.shape is not None:
            ok = all(e is None or r is None or e == r for e, r in zip(spec.shape, shape))
        if not ok:
            which = f" input {index}" if len(specs) > 1 else ""
            raise ValueError(
                f"Layer '{layer_name}'{which}: expected {_expected(spec)}, received an input of shape {shape}"
            )
