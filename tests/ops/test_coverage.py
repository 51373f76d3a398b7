"""Every public op of ``frontend.ops`` (and of ``ops.nn``, ``ops.linalg``, ``ops.image``) is exercised.

The test modules register the ops they call (``support.cover``, every table row does);
this test imports them all, so it sees the whole registry whichever worker runs it.
"""

import importlib
import pkgutil

import pytest

import tests.ops
from frontend import ops

from . import support

MINIMUM = 150

# Aliases share one function object with their target: calling either covers both. These
# rows call the alias names too, so the suite breaks if an alias stops being the same op.
ALIASES = [("absolute", "abs"), ("amax", "max"), ("amin", "min"), ("true_divide", "divide"),
           ("conjugate", "conj"), ("get_item", "getitem"), ("swish", "silu"), ("hard_swish", "hard_silu"),
           ("bitwise_not", "bitwise_invert"), ("invert", "bitwise_invert"), ("empty", "zeros"),
           ("bitwise_left_shift", "left_shift"), ("bitwise_right_shift", "right_shift")]

for _alias, _ in ALIASES:
    support.cover(_alias)


def _load_all_test_modules():
    for info in pkgutil.iter_modules(tests.ops.__path__):
        if info.name.startswith("test_"):
            importlib.import_module(f"tests.ops.{info.name}")


def coverage_report():
    _load_all_test_modules()
    public = support.public_ops()
    covered = support.covered_ops()
    return public, covered, sorted(set(public) - covered)


def test_every_public_op_is_exercised():
    public, covered, missing = coverage_report()
    print(f"\nfrontend.ops conformance: {len(covered)} of {len(public)} public ops exercised")
    assert not missing, f"public ops without a test: {missing}"
    assert len(covered) >= MINIMUM


def test_registry_names_are_real_ops():
    public, _, _ = coverage_report()
    unknown = sorted(support.COVERED - set(public))
    assert not unknown, f"cover() names that are not public ops: {unknown}"


def test_namespace_holds_only_ops():
    """No helper leaks into the public namespace (``public_functions``, engine modules, ...)."""
    for name, value in vars(ops).items():
        if name.startswith("_") or not callable(value) or isinstance(value, type(ops)):
            continue
        assert getattr(value, "__module__", "").startswith("frontend.ops"), f"ops.{name} comes from {value.__module__}"
        assert name not in ("public_functions",), f"ops.{name} is a helper, not an op"


@pytest.mark.parametrize("alias, target", ALIASES)
def test_aliases_are_the_same_op(alias, target):
    assert getattr(ops, alias) is getattr(ops, target)
