"""get_file: cache layout and reuse, hash checks, and failures that leave nothing in the cache."""

import hashlib
import os
import socket

import pytest

from frontend.utils.file_download import DownloadError, get_file, hash_file
from tests.datasets import fakes

DATA = b"frontend test payload\n" * 100
SHA256 = hashlib.sha256(DATA).hexdigest()
MD5 = hashlib.md5(DATA).hexdigest()


@pytest.fixture
def served(file_server):
    file_server.files["/data.bin"] = DATA
    return file_server


def _read(path):
    with open(path, "rb") as file:
        return file.read()


def test_downloads_into_cache_and_reuses_it(served, tmp_path):
    url = served.url + "/data.bin"
    path = get_file("data.bin", origin=url, file_hash=SHA256, cache_dir=tmp_path)
    assert path == os.path.join(str(tmp_path), "datasets", "data.bin")
    assert _read(path) == DATA
    assert get_file("data.bin", origin=url, file_hash=SHA256, cache_dir=tmp_path) == path
    assert served.requests == ["/data.bin"]
    assert os.listdir(tmp_path / "datasets") == ["data.bin"]


def test_default_cache_is_config_dir_datasets_and_name_from_url(served, cache_home):
    path = get_file(origin=served.url + "/data.bin", cache_subdir="sub")
    assert path == os.path.join(str(cache_home), "sub", "data.bin")
    assert _read(path) == DATA


def test_cached_file_with_wrong_hash_is_downloaded_again(served, tmp_path):
    (tmp_path / "datasets").mkdir()
    (tmp_path / "datasets" / "data.bin").write_bytes(b"stale")
    path = get_file("data.bin", origin=served.url + "/data.bin", file_hash=SHA256, cache_dir=tmp_path)
    assert _read(path) == DATA
    assert served.requests == ["/data.bin"]


def test_without_hash_a_cached_file_is_reused_unless_forced(served, tmp_path):
    url = served.url + "/data.bin"
    get_file("data.bin", origin=url, cache_dir=tmp_path)
    get_file("data.bin", origin=url, cache_dir=tmp_path)
    assert len(served.requests) == 1
    get_file("data.bin", origin=url, cache_dir=tmp_path, force_download=True)
    assert len(served.requests) == 2


def test_md5_hashes_are_checked(served, tmp_path):
    url = served.url + "/data.bin"
    assert _read(get_file("a.bin", origin=url, md5_hash=MD5, cache_dir=tmp_path)) == DATA
    assert _read(get_file("b.bin", origin=url, file_hash=MD5, hash_algorithm="md5", cache_dir=tmp_path)) == DATA
    with pytest.raises(ValueError, match="md5 hash"):
        get_file("c.bin", origin=url, md5_hash="0" * 32, cache_dir=tmp_path)
    assert hash_file(os.path.join(tmp_path, "datasets", "a.bin"), "md5") == MD5


def _assert_failure_left_nothing(error, url, cache_folder):
    message = str(error.value)
    assert url in message
    assert os.path.join(str(cache_folder), "data.bin") in message
    assert os.listdir(cache_folder) == []


def test_http_404_raises_naming_url_and_path_and_leaves_no_file(file_server, tmp_path):
    url = file_server.url + "/data.bin"
    with pytest.raises(DownloadError, match="404") as error:
        get_file("data.bin", origin=url, file_hash=SHA256, cache_dir=tmp_path)
    _assert_failure_left_nothing(error, url, tmp_path / "datasets")


def test_connection_closed_mid_body_raises_and_leaves_no_file(served, tmp_path):
    served.truncated.add("/data.bin")
    url = served.url + "/data.bin"
    with pytest.raises(DownloadError) as error:
        get_file("data.bin", origin=url, cache_dir=tmp_path)
    _assert_failure_left_nothing(error, url, tmp_path / "datasets")


def test_connection_refused_raises_and_leaves_no_file(tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/data.bin"
    with pytest.raises(DownloadError, match="refused") as error:
        get_file("data.bin", origin=url, cache_dir=tmp_path)
    _assert_failure_left_nothing(error, url, tmp_path / "datasets")


def test_checksum_mismatch_raises_and_leaves_no_file(served, tmp_path):
    url = served.url + "/data.bin"
    with pytest.raises(ValueError, match=f"sha256 hash is {SHA256}, expected {'1' * 64}") as error:
        get_file("data.bin", origin=url, file_hash="1" * 64, cache_dir=tmp_path)
    _assert_failure_left_nothing(error, url, tmp_path / "datasets")


def test_extract_layout_follows_keras(file_server, tmp_path):
    file_server.files["/pack.tar.gz"] = fakes.tar_gz_bytes({"inner/a.txt": b"alpha"})
    url = file_server.url + "/pack.tar.gz"
    folder = get_file("pack", origin=url, extract=True, cache_dir=tmp_path)
    assert folder == os.path.join(str(tmp_path), "datasets", "pack")
    assert _read(os.path.join(folder, "inner", "a.txt")) == b"alpha"
    assert os.path.isfile(os.path.join(str(tmp_path), "datasets", "pack_archive"))
    folder = get_file("pack.tar.gz", origin=url, untar=True, cache_dir=tmp_path)
    assert folder == os.path.join(str(tmp_path), "datasets", "pack_extracted")
    assert _read(os.path.join(folder, "inner", "a.txt")) == b"alpha"
    get_file("pack", origin=url, extract=True, cache_dir=tmp_path)
    assert len(file_server.requests) == 2
    assert sorted(os.listdir(tmp_path / "datasets")) == ["pack", "pack.tar.gz", "pack_archive", "pack_extracted"]


def test_bad_arguments_raise():
    with pytest.raises(ValueError, match="origin"):
        get_file("x.bin")
    with pytest.raises(ValueError, match="fname must be a file name"):
        get_file(os.path.join("a", "b.bin"), origin="http://127.0.0.1:1/b.bin")
    with pytest.raises(ValueError, match="hash_algorithm"):
        get_file("x.bin", origin="http://127.0.0.1:1/x.bin", hash_algorithm="sha1")
