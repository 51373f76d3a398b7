"""atomic_write: a save lands whole or not at all, and the previous file survives any failure."""

import os
import signal
import stat
import subprocess
import sys

import pytest

from frontend.saving import atomic
from frontend.saving.atomic import TEMP_PREFIX, atomic_write, atomic_writer


def _umask():
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _leftovers(folder):
    return [name for name in os.listdir(folder) if name.startswith(TEMP_PREFIX)]


def test_writes_a_new_file_with_the_permissions_open_would_give(tmp_path):
    target = tmp_path / "model.keras"
    atomic_write(target, b"new bytes")
    assert target.read_bytes() == b"new bytes"
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~_umask()
    assert _leftovers(tmp_path) == []


def test_replaces_an_existing_file_and_keeps_its_permissions(tmp_path):
    target = tmp_path / "private.keras"
    target.write_bytes(b"old")
    os.chmod(target, 0o600)
    atomic_write(str(target), bytearray(b"new"))
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_temp_file_lives_in_the_target_folder(tmp_path, monkeypatch):
    renames = []
    real_replace = os.replace

    def spy(source, destination):
        renames.append((source, destination))
        real_replace(source, destination)

    monkeypatch.setattr(os, "replace", spy)
    atomic_write(tmp_path / "m.keras", b"x")
    (source, destination), = renames
    assert os.path.dirname(source) == str(tmp_path)
    assert os.path.basename(source).startswith(TEMP_PREFIX + "m.keras-")
    assert destination == str(tmp_path / "m.keras")


def test_failed_rename_keeps_the_old_file_and_removes_the_temp(tmp_path, monkeypatch):
    target = tmp_path / "m.keras"
    target.write_bytes(b"previous save")

    def fail(*args):
        raise OSError("simulated failure at rename")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="simulated failure"):
        atomic_write(target, b"x" * 100_000)
    assert target.read_bytes() == b"previous save"
    assert _leftovers(tmp_path) == []


def test_failed_fsync_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "m.keras"
    target.write_bytes(b"previous save")

    def fail(fd):
        raise OSError("simulated disk error")

    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(OSError, match="simulated disk error"):
        atomic_write(target, b"new")
    assert target.read_bytes() == b"previous save"
    assert _leftovers(tmp_path) == []


def test_writer_failing_midway_keeps_the_old_file(tmp_path):
    target = tmp_path / "m.keras"
    target.write_bytes(b"previous save")
    with pytest.raises(RuntimeError, match="midway"):
        with atomic_writer(target) as file:
            file.write(b"half of the new fi")
            raise RuntimeError("crashed midway")
    assert target.read_bytes() == b"previous save"
    assert _leftovers(tmp_path) == []


def test_interrupt_midway_keeps_the_old_file(tmp_path):
    target = tmp_path / "m.keras"
    target.write_bytes(b"previous save")
    with pytest.raises(KeyboardInterrupt):
        with atomic_writer(target) as file:
            file.write(b"partial")
            raise KeyboardInterrupt
    assert target.read_bytes() == b"previous save"
    assert _leftovers(tmp_path) == []


def test_target_that_is_a_folder_fails_without_leftovers(tmp_path):
    (tmp_path / "taken").mkdir()
    with pytest.raises(OSError):
        atomic_write(tmp_path / "taken", b"x")
    assert (tmp_path / "taken").is_dir()
    assert _leftovers(tmp_path) == []


def test_missing_folder_raises_file_not_found(tmp_path):
    with pytest.raises(FileNotFoundError):
        atomic_write(tmp_path / "no" / "such" / "m.keras", b"x")
    assert os.listdir(tmp_path) == []


_KILLED_MIDWAY = """
import importlib.util, os, signal, sys
spec = importlib.util.spec_from_file_location("atomic", sys.argv[1])
atomic = importlib.util.module_from_spec(spec)
spec.loader.exec_module(atomic)
os.replace = lambda *args: os.kill(os.getpid(), signal.SIGKILL)  # die after writing, before the rename
atomic.atomic_write(sys.argv[2], b"new contents that never land")
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_process_killed_during_a_save_leaves_the_old_file(tmp_path):
    target = tmp_path / "m.keras"
    target.write_bytes(b"previous save")
    result = subprocess.run([sys.executable, "-c", _KILLED_MIDWAY, atomic.__file__, str(target)], timeout=60)
    assert result.returncode == -signal.SIGKILL
    assert target.read_bytes() == b"previous save"
    leftovers = _leftovers(tmp_path)  # a hard kill can leave the temp file; its name says what it is
    assert len(leftovers) == 1 and (tmp_path / leftovers[0]).read_bytes() == b"new contents that never land"
