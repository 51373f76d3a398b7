"""Dtype names and the one type-promotion table used on every backend.

Promotion is the least upper bound on a lattice, as in JAX and Keras 3, written down in
``docs/dtype_promotion.md`` (``tests/ops/test_dtypes.py`` checks the two agree)::

    bool -> int* -> {uint8, int8};  uint8 -> int16;  int8 -> int16 -> int32 -> int64
    int64 -> float* -> {float16, bfloat16} -> float32 -> float64

``int*`` and ``float*`` are the "weak" types of Python ints and floats: they adopt the
tensor's dtype where possible (``int8_tensor + 1`` stays int8, ``float16_tensor * 2.0``
stays float16). A result that is still weak becomes ``int32`` or ``floatx()``.
Deliberate differences from Keras 3: ``int64 + uint8`` is ``int64`` (Keras says int32);
the unsigned types above 8 bits are not supported because PyTorch has few kernels for them.
"""

import numpy as np

from frontend import config

FLOAT_TYPES = ("float16", "bfloat16", "float32", "float64")
INT_TYPES = ("uint8", "int8", "int16", "int32", "int64")
DTYPES = ("bool",) + INT_TYPES + FLOAT_TYPES

FLOAT_MAX = {
    "float16": 65504.0,
    "bfloat16": 3.3895313892515355e38,
    "float32": float(np.finfo(np.float32).max),
    "float64": float(np.finfo(np.float64).max),
}

FLOAT_EPS = {"float16": 2.0**-10, "bfloat16": 2.0**-7, "float32": 2.0**-23, "float64": 2.0**-52}

WEAK_INT = "int*"
WEAK_FLOAT = "float*"

_PARENTS = {
    "bool": (WEAK_INT,),
    WEAK_INT: ("uint8", "int8"),
    "uint8": ("int16",),
    "int8": ("int16",),
    "int16": ("int32",),
    "int32": ("int64",),
    "int64": (WEAK_FLOAT,),
    WEAK_FLOAT: ("float16", "bfloat16"),
    "float16": ("float32",),
    "bfloat16": ("float32",),
    "float32": ("float64",),
    "float64": (),
}

_ALIASES = {"float": "float32", "double": "float64", "half": "float16", "int": "int32", "long": "int64"}


def _upper_set(node):
    seen = {node}
    stack = [node]
    while stack:
        for parent in _PARENTS[stack.pop()]:
            if parent not in seen:
                seen.add(parent)
                stack.append(parent)
    return frozenset(seen)


_UPPER = {node: _upper_set(node) for node in _PARENTS}


def _join(a, b):
    common = _UPPER[a] & _UPPER[b]
    for candidate in common:
        if _UPPER[candidate] == common:
            return candidate
    raise AssertionError(f"dtype lattice has no join for {a} and {b}")


_JOIN = {(a, b): _join(a, b) for a in _PARENTS for b in _PARENTS}


def is_float(dtype):
    return dtype in FLOAT_TYPES


def is_int(dtype):
    return dtype in INT_TYPES


_STANDARD = frozenset(DTYPES)
_NUMPY_NAMES = {np.dtype(name): name for name in DTYPES if name != "bfloat16"}  # (numpy's .name is slow)


def standardize_dtype(dtype, op="dtype"):
    """Turn a dtype given as a name, NumPy dtype, Python type or engine dtype into a standard name."""
    if type(dtype) is str and dtype in _STANDARD:  # already a standard name (the common case, hot in every cast)
        return dtype
    if type(dtype) is np.dtype or isinstance(dtype, np.dtype):
        name = _NUMPY_NAMES.get(dtype)
        if name is not None:
            return name
    if dtype is None:
        return config.floatx()
    if dtype is float:
        return config.floatx()
    if dtype is int:
        return "int32"
    if dtype is bool:
        return "bool"
    if isinstance(dtype, str):
        name = dtype
    elif isinstance(dtype, np.dtype) or (isinstance(dtype, type) and issubclass(dtype, np.generic)):
        name = np.dtype(dtype).name
    else:
        name = getattr(dtype, "name", None) or str(dtype).split(".")[-1]
    name = _ALIASES.get(name, name)
    if name not in DTYPES:
        raise ValueError(
            f"{op}: unsupported dtype {dtype!r}; supported dtypes are: {', '.join(DTYPES)}"
        )
    return name


def _lattice_node(item):
    """A dtype name for tensors and dtypes, a weak type for Python scalars."""
    if isinstance(item, np.generic):  # NumPy scalars (np.float64 is a float subclass) are strong
        return standardize_dtype(item.dtype)
    if isinstance(item, bool):
        return "bool"
    if isinstance(item, int):
        return WEAK_INT
    if isinstance(item, float):
        return WEAK_FLOAT
    return standardize_dtype(item)


def finalize(node):
    """The concrete dtype of a lattice node (weak types become int32 / floatx)."""
    if node == WEAK_INT:
        return "int32"
    if node == WEAK_FLOAT:
        return config.floatx()
    return node


def result_type(*items):
    """The promoted dtype of dtypes and/or Python scalars, per the table above."""
    if not items:
        return config.floatx()
    node = _lattice_node(items[0])
    for item in items[1:]:
        node = _JOIN[node, _lattice_node(item)]
    return finalize(node)


def promotion_table():
    """{(a, b): result} for every pair of supported dtypes: the table the docs show."""
    return {(a, b): finalize(_JOIN[a, b]) for a in DTYPES for b in DTYPES}


def float_result(dtype):
    """The dtype a float-valued op returns for input ``dtype``: floats stay, others become floatx."""
    return dtype if dtype in FLOAT_TYPES else config.floatx()
