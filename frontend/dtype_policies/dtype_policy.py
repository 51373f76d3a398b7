"""Dtype policies: a layer's compute dtype and variable dtype, by name.

``"float32"`` (or any float name) computes and stores in that dtype. ``"mixed_float16"``
and ``"mixed_bfloat16"`` compute in 16 bits and keep float32 weights; layers cast their
inputs to the compute dtype and their weights are read in it, so mixed precision needs
no change to any layer.
"""

from frontend import config
from frontend.ops import dtypes

_MIXED = {"mixed_float16": "float16", "mixed_bfloat16": "bfloat16"}


class DTypePolicy:
    def __init__(self, name=None):
        name = name or config.floatx()
        if name in _MIXED:
            self._compute, self._variable = _MIXED[name], "float32"
        else:
            try:
                dtype = dtypes.standardize_dtype(name, "DTypePolicy")
            except (TypeError, ValueError):
                dtype = None
            if dtype is None or not dtypes.is_float(dtype):
                raise ValueError(
                    f"DTypePolicy: expected a float dtype name or one of {sorted(_MIXED)}, received {name!r}"
                )
            self._compute = self._variable = dtype
        self._name = name

    @property
    def name(self):
        return self._name

    @property
    def compute_dtype(self):
        return self._compute

    @property
    def variable_dtype(self):
        return self._variable

    def get_config(self):
        return {"name": self._name}

    @classmethod
    def from_config(cls, config):
        return cls(**config)

    def __eq__(self, other):
        return isinstance(other, DTypePolicy) and other.name == self.name

    def __hash__(self):
        return hash(self._name)

    def __repr__(self):
        return f'<DTypePolicy "{self._name}">'


_global = {"policy": None}


def set_dtype_policy(policy):
    """Set the policy new layers get when they are given no dtype (None: back to floatx)."""
    _global["policy"] = None if policy is None else get(policy)


def dtype_policy():
    return _global["policy"] or DTypePolicy()


def get(identifier):
    """A DTypePolicy from None (the global policy), a name, a config dict or a policy."""
    if identifier is None:
        return dtype_policy()
    if isinstance(identifier, DTypePolicy):
        return identifier
    if isinstance(identifier, dict):
        return DTypePolicy.from_config(identifier.get("config", identifier))
    if isinstance(identifier, str):
        return DTypePolicy(identifier)
    if hasattr(identifier, "name") and isinstance(getattr(identifier, "name"), str):
        return DTypePolicy(identifier.name)  # a dtype object such as numpy.dtype("float32")
    raise ValueError(f"dtype policy: expected a name, a config or a DTypePolicy, received {identifier!r}")
