"""Shared pieces of the ``frontend.ops`` conformance suite: the coverage registry,
input builders and the comparison helper.

Every table row (and every hand-written test) names the public ops it calls through
``cover``; ``test_coverage.py`` imports all test modules and checks that the union is the
whole public namespace. Qualified names: ``add`` for ``frontend.ops.add``, ``nn.conv`` for
``frontend.ops.nn.conv``, ``linalg.norm``, ``image.resize``. An op that lives both at the
top level and in a submodule (``ops.conv`` is ``ops.nn.conv``) is covered in both places
by one call.
"""

import math
import types

import ml_dtypes
import numpy as np

import frontend
from frontend import ops

BACKEND = frontend.backend.backend()
BF16 = np.dtype(ml_dtypes.bfloat16)
FLOATS = ("float16", "bfloat16", "float32", "float64")
INTS = ("uint8", "int8", "int16", "int32", "int64")
ALL_DTYPES = ("bool",) + INTS + FLOATS
NAMESPACES = {"": ops, "nn.": ops.nn, "linalg.": ops.linalg, "image.": ops.image}

COVERED = set()


def cover(*names):
    """Register op names as exercised; returns the first so a table row can call ``cover('add')``."""
    for name in names:
        COVERED.add(name)
    return names[0]


def _public(module, top_level):
    """Public op names of a namespace (callables, no submodules, no classes)."""
    names = set()
    for name, value in vars(module).items():
        if name.startswith("_") or isinstance(value, (types.ModuleType, type)) or not callable(value):
            continue
        # Submodules import helpers (``op``, ``tensor``, ``normalize_axis``) from sibling
        # modules; their public ops are the functions they define themselves.
        if not top_level and getattr(value, "__module__", None) != module.__name__:
            continue
        names.add(name)
    return names


def public_ops():
    """{qualified name: function object} for every public op of the four namespaces."""
    result = {}
    for prefix, module in NAMESPACES.items():
        for name in _public(module, prefix == ""):
            result[prefix + name] = getattr(module, name)
    return result


def covered_ops():
    """Qualified names whose op was exercised, directly or under another qualified name."""
    everything = public_ops()
    covered_objects = {id(everything[n]) for n in COVERED if n in everything}
    return {name for name, fn in everything.items() if name in COVERED or id(fn) in covered_objects}


# --------------------------------------------------------------------------- values


def np_dtype(name):
    return BF16 if name == "bfloat16" else np.dtype(name)


def sample(shape, dtype="float32", low=-2.0, high=2.0, seed=0):
    """Deterministic test data of ``shape`` and ``dtype`` (ints in a small range, bools mixed)."""
    rng = np.random.default_rng(seed)
    if dtype == "bool":
        return rng.integers(0, 2, size=shape).astype(bool)
    if dtype in INTS:
        lo = 0 if dtype == "uint8" else -3
        return rng.integers(lo, 4, size=shape).astype(dtype)
    return rng.uniform(low, high, size=shape).astype(np_dtype(dtype))


def as_kind(value, kind):
    """``value`` (a NumPy array) as a NumPy array, a nested list, or a native tensor."""
    if kind == "numpy":
        return value
    if kind == "list":
        return np.asarray(value).tolist()
    if kind == "tensor":
        return ops.convert_to_tensor(value)
    raise ValueError(kind)


def to_numpy(x):
    """A float64/int64/bool NumPy view of an op result, for comparisons."""
    array = np.asarray(ops.convert_to_numpy(x))
    if array.dtype == BF16 or array.dtype.kind == "f":
        return array.astype(np.float64)
    return array


TOLERANCE = {"float16": 1e-2, "bfloat16": 2e-2, "float32": 1e-5, "float64": 1e-10}


def tolerance(dtype):
    return TOLERANCE.get(dtype, 0.0)


def check(result, expected, dtype=None, rtol=None, atol=None, what=""):
    """Compare an op result with a NumPy reference: shape, dtype name and values."""
    label = f"{what}: " if what else ""
    if isinstance(expected, (tuple, list)):
        assert isinstance(result, (tuple, list)), f"{label}expected a sequence, got {type(result)}"
        assert len(result) == len(expected), f"{label}expected {len(expected)} results, got {len(result)}"
        dtypes = dtype if isinstance(dtype, (tuple, list)) else [dtype] * len(expected)
        for i, (r, e, d) in enumerate(zip(result, expected, dtypes)):
            check(r, e, d, rtol, atol, f"{what}[{i}]")
        return
    assert ops.is_tensor(result), f"{label}expected a native tensor, got {type(result)}"
    expected = np.asarray(expected)
    if dtype is not None:
        assert ops.dtype(result) == dtype, f"{label}dtype {ops.dtype(result)} != expected {dtype}"
    got = to_numpy(result)
    assert got.shape == expected.shape, f"{label}shape {got.shape} != expected {expected.shape}"
    actual_dtype = ops.dtype(result)
    if actual_dtype in FLOATS or expected.dtype.kind == "f":
        r = tolerance(actual_dtype) if rtol is None else rtol
        a = (r if atol is None else atol)
        np.testing.assert_allclose(got, expected.astype(np.float64), rtol=r, atol=a, equal_nan=True, err_msg=label)
    else:
        np.testing.assert_array_equal(got, expected, err_msg=label)


def weights_like(shape):
    """Fixed, non-symmetric float64 weights to turn an output into a scalar for gradients."""
    size = math.prod(shape)
    return (np.cos(np.arange(size) * 1.3) + 1.5).reshape(shape)


# --------------------------------------------------------------------------- table-driven cases


def resolve(qualified):
    """The function behind a qualified op name ('add', 'nn.conv', 'linalg.norm', 'image.resize')."""
    module = ops
    if "." in qualified:
        prefix, name = qualified.split(".", 1)
        module = getattr(ops, prefix)
    else:
        name = qualified
    return getattr(module, name)


class Case:
    """One table row: ``op(*args, **kwargs)`` must match ``ref(*args)`` (NumPy) in shape, dtype, values.

    ``dtype`` is the expected dtype name (or a tuple of them for multi-output ops); by
    default it is the NumPy reference's dtype. ``post`` turns the op's result into what is
    compared (e.g. reconstructing a matrix from a decomposition).
    """

    def __init__(self, name, args, ref, kwargs=None, dtype=None, rtol=None, atol=None, id=None, post=None,
                 kinds=("numpy", "tensor")):
        self.name = cover(name)
        self.args = tuple(args)
        self.ref = ref
        self.kwargs = kwargs or {}
        self.dtype = dtype
        self.rtol, self.atol = rtol, atol
        self.post = post
        self.kinds = kinds
        self.id = f"{name}-{id}" if id else name

    def __repr__(self):
        return self.id


def convert_args(value, kind):
    """Turn the NumPy arrays inside ``value`` (possibly lists/tuples of arrays) into ``kind``."""
    if isinstance(value, np.ndarray):
        return as_kind(value, kind)
    if isinstance(value, list) and value and all(isinstance(v, np.ndarray) for v in value):
        return [as_kind(v, kind) for v in value]
    return value


def _expected_dtype(expected):
    if isinstance(expected, (tuple, list)):
        return [_expected_dtype(e) for e in expected]
    array = np.asarray(expected)
    return "bfloat16" if array.dtype == BF16 else array.dtype.name


def run_case(case, kind):
    args = [convert_args(a, kind) for a in case.args]
    result = resolve(case.name)(*args, **case.kwargs)
    if case.post is not None:
        result = case.post(result)
    expected = case.ref(*case.args)
    dtype = case.dtype if case.dtype is not None else _expected_dtype(expected)
    check(result, expected, dtype, case.rtol, case.atol, what=case.id)


def case_params(cases):
    """pytest params (case, kind) for a table, one per input kind the row allows."""
    import pytest

    return [pytest.param(c, k, id=f"{c.id}-{k}") for c in cases for k in c.kinds]
