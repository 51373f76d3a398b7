"""The restricted unpickler reads NumPy arrays and plain containers and refuses everything else."""

import io
import os
import pickle
import zipfile

import numpy as np
import pytest

from frontend.datasets import imdb
from frontend.datasets._safe_pickle import load_npz, load_pickle
from tests.datasets import fakes


class _RunsCommand:
    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return os.system, (f"touch {self.marker}",)


def _evil_npy(marker):
    """An .npy member that claims to hold an object array but pickles a call to os.system."""
    buffer = io.BytesIO()
    np.lib.format.write_array_header_1_0(buffer, {"descr": "|O", "fortran_order": False, "shape": (1,)})
    buffer.write(pickle.dumps(_RunsCommand(marker), protocol=3))
    return buffer.getvalue()


def test_pickle_calling_os_system_is_refused(tmp_path):
    marker = tmp_path / "pwned"
    path = tmp_path / "batch"
    path.write_bytes(pickle.dumps({b"data": _RunsCommand(marker)}, protocol=2))
    with pytest.raises(pickle.UnpicklingError, match=r"refusing to load (posix|os|nt)\.system"):
        load_pickle(path)
    assert not marker.exists()


def test_arrays_and_containers_are_read(tmp_path):
    path = tmp_path / "batch"
    value = {b"data": np.arange(6, dtype=np.uint8).reshape(2, 3), b"labels": [3, 4], b"name": b"x", b"t": (1.5, None)}
    path.write_bytes(pickle.dumps(value, protocol=2))
    loaded = load_pickle(path, encoding="bytes")
    np.testing.assert_array_equal(loaded[b"data"], value[b"data"])
    assert loaded[b"labels"] == [3, 4] and loaded[b"name"] == b"x" and loaded[b"t"] == (1.5, None)


def test_codecs_encode_is_only_allowed_for_latin1_bytes(tmp_path):
    path = tmp_path / "batch"
    path.write_bytes(pickle.dumps(b"\xff\x00", protocol=2))  # spelled _codecs.encode("\xff\x00", "latin1")
    assert load_pickle(path) == b"\xff\x00"
    path.write_bytes(pickle.dumps(b"x", protocol=2).replace(b"latin1", b"zlib_c"))
    with pytest.raises(pickle.UnpicklingError, match="encoding 'zlib_c'"):
        load_pickle(path)


def test_npz_object_and_numeric_arrays_are_read(tmp_path):
    path = tmp_path / "a.npz"
    path.write_bytes(fakes.npz_bytes(x=fakes.object_array([[1, 2], [3]]), y=np.array([5, 6])))
    arrays = load_npz(path)
    assert arrays["x"].dtype == object and list(arrays["x"]) == [[1, 2], [3]]
    np.testing.assert_array_equal(arrays["y"], [5, 6])


def test_npz_with_malicious_object_array_is_refused(tmp_path):
    marker = tmp_path / "pwned"
    path = tmp_path / "evil.npz"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("x.npy", _evil_npy(marker))
    with pytest.raises(pickle.UnpicklingError, match=r"evil\.npz!x\.npy: refusing to load"):
        load_npz(path)
    assert not marker.exists()


def test_imdb_loader_refuses_tampered_file(publish, tmp_path):
    marker = tmp_path / "pwned"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("x_train.npy", _evil_npy(marker))
    publish("imdb.npz", buffer.getvalue())
    with pytest.raises(pickle.UnpicklingError, match="refusing to load"):
        imdb.load_data()
    assert not marker.exists()
