"""extract_archive refuses members that would land outside the folder and leaves no half-extracted folder."""

import io
import os
import tarfile
import zipfile

import pytest

from frontend.utils.file_download import get_file
from frontend.utils.safe_extract import extract_archive
from tests.datasets import fakes


def _tar(tmp_path, members, links=()):
    path = tmp_path / "archive.tar"
    with tarfile.open(path, "w") as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
        for name, target in links:
            info = tarfile.TarInfo(name)
            info.type, info.linkname = tarfile.SYMTYPE, target
            archive.addfile(info)
    return path


def _zip(tmp_path, members):
    path = tmp_path / "archive.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(zipfile.ZipInfo(name), data)
    return path


def _only_archive_left(tmp_path):
    assert sorted(os.listdir(tmp_path)) in (["archive.tar"], ["archive.zip"])


@pytest.mark.parametrize("name", ["../evil.txt", "ok/../../evil.txt", "/tmp/frontend-evil.txt"])
def test_tar_member_outside_folder_is_refused(tmp_path, name):
    archive = _tar(tmp_path, {"good.txt": b"good", name: b"evil"})
    with pytest.raises(ValueError, match=f"refusing member {name!r}"):
        extract_archive(archive, tmp_path / "out")
    _only_archive_left(tmp_path)
    assert not os.path.exists("/tmp/frontend-evil.txt")


def test_tar_link_outside_folder_is_refused_and_inside_is_kept(tmp_path):
    archive = _tar(tmp_path, {"a/b.txt": b"bee"}, links=[("escape", "../../etc")])
    with pytest.raises(ValueError, match="refusing link 'escape' -> '../../etc'"):
        extract_archive(archive, tmp_path / "out")
    _only_archive_left(tmp_path)
    archive = _tar(tmp_path, {"a/b.txt": b"bee"}, links=[("a/link", "b.txt")])
    assert extract_archive(archive, tmp_path / "out")
    assert (tmp_path / "out" / "a" / "link").read_bytes() == b"bee"


def test_zip_member_outside_folder_is_refused(tmp_path):
    archive = _zip(tmp_path, {"good.txt": b"good", "../evil.txt": b"evil"})
    with pytest.raises(ValueError, match="refusing member '../evil.txt'"):
        extract_archive(archive, tmp_path / "out")
    _only_archive_left(tmp_path)


def test_good_archives_replace_the_folder(tmp_path):
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "old.txt").write_bytes(b"old")
    assert extract_archive(_zip(tmp_path, {"d/z.txt": b"zed"}), tmp_path / "out", archive_format="zip")
    assert sorted(os.listdir(tmp_path / "out")) == ["d"]
    assert (tmp_path / "out" / "d" / "z.txt").read_bytes() == b"zed"
    assert not extract_archive(tmp_path / "archive.zip", tmp_path / "tar_only", archive_format="tar")
    assert not os.path.exists(tmp_path / "tar_only")
    with pytest.raises(ValueError, match="archive_format"):
        extract_archive(tmp_path / "archive.zip", tmp_path / "x", archive_format="rar")


def test_get_file_refuses_traversal_archive(file_server, tmp_path):
    file_server.files["/bad.tar.gz"] = fakes.tar_gz_bytes({"../../evil.txt": b"evil"})
    with pytest.raises(ValueError, match="refusing member '../../evil.txt'"):
        get_file("bad", origin=file_server.url + "/bad.tar.gz", extract=True, cache_dir=tmp_path)
    assert os.listdir(tmp_path / "datasets") == ["bad_archive"]
    assert not os.path.exists(tmp_path / "evil.txt")
