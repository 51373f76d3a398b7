"""Collect the public functions a module defines, so namespaces re-export ops and nothing else."""


def public_functions(module):
    """{name: function} for the callables defined in ``module`` whose names do not start with '_'."""
    return {
        name: value
        for name, value in vars(module).items()
        if not name.startswith("_") and callable(value) and getattr(value, "__module__", None) == module.__name__
    }
