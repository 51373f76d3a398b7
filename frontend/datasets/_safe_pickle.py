"""Read the pickled parts of dataset files without running arbitrary code.

CIFAR's "python version" batches are pickled dicts, and the IMDB / Reuters ``.npz`` files
hold ragged sequences as object arrays, which NumPy stores as pickles. A plain
``pickle.load`` (or ``np.load(allow_pickle=True)``) would run whatever a tampered file asks
for. ``RestrictedUnpickler`` lets a pickle name only the globals NumPy needs to rebuild an
array, plus the one Python 3 uses to spell bytes in protocol 2 pickles; dicts, lists,
tuples, strings and numbers need no globals. Anything else is refused with
``pickle.UnpicklingError`` before it is called.
"""

import io
import pickle
import zipfile

import numpy as np

ALLOWED_GLOBALS = frozenset(
    {
        ("numpy", "ndarray"),
        ("numpy", "dtype"),
        ("numpy.core.multiarray", "_reconstruct"),  # pickles written by NumPy 1.x
        ("numpy._core.multiarray", "_reconstruct"),  # pickles written by NumPy 2.x
    }
)


def _latin1_encode(text, encoding):
    """Stands in for ``_codecs.encode``, which protocol 2 pickles call as ``encode(text, "latin1")`` to make bytes."""
    if encoding != "latin1":
        raise pickle.UnpicklingError(f"refusing _codecs.encode with encoding {encoding!r}; only 'latin1' makes bytes")
    return text.encode("latin1")


class RestrictedUnpickler(pickle.Unpickler):
    """An unpickler that resolves only ``ALLOWED_GLOBALS``; ``source`` names the file in errors."""

    def __init__(self, file, source="<stream>", **kwargs):
        super().__init__(file, **kwargs)
        self._source = source

    def find_class(self, module, name):
        if (module, name) == ("_codecs", "encode"):
            return _latin1_encode
        if (module, name) in ALLOWED_GLOBALS:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(
            f"{self._source}: refusing to load {module}.{name} from a pickle; only NumPy arrays, dicts, lists, "
            "strings and numbers are allowed in dataset files (the file may be corrupt or malicious)"
        )


def load_pickle(path, encoding="ASCII"):
    """The object pickled in the file at ``path``, read with ``RestrictedUnpickler``."""
    with open(path, "rb") as file:
        return RestrictedUnpickler(file, source=str(path), encoding=encoding).load()


def _read_npy(stream, source):
    """One ``.npy`` member: numeric arrays with pickling off, object arrays through ``RestrictedUnpickler``."""
    version = np.lib.format.read_magic(stream)
    read_header = np.lib.format.read_array_header_1_0 if version == (1, 0) else np.lib.format.read_array_header_2_0
    _, _, dtype = read_header(stream)
    if not dtype.hasobject:
        stream.seek(0)
        return np.lib.format.read_array(stream, allow_pickle=False)
    array = RestrictedUnpickler(stream, source=source).load()
    if not isinstance(array, np.ndarray):
        raise pickle.UnpicklingError(f"{source}: expected a pickled NumPy array, found {type(array).__name__}")
    return array


def load_npz(path):
    """All arrays of the ``.npz`` file at ``path`` as a dict, object arrays included, without unrestricted pickle."""
    arrays = {}
    with zipfile.ZipFile(path) as archive:
        for member in archive.namelist():
            if member.endswith(".npy"):
                arrays[member[: -len(".npy")]] = _read_npy(io.BytesIO(archive.read(member)), f"{path}!{member}")
    return arrays
