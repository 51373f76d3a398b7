"""archive: the .keras zip is written deterministically and atomically, and hostile zips are refused.

Every hostile archive below is built byte by byte in the test; each must raise SavedFileError
naming the file and the problem, and reading must create nothing anywhere on disk.
"""

import io
import os
import stat
import struct
import warnings
import zipfile
import zlib

import numpy as np
import pytest

from frontend.saving.archive import detect_format, read_archive, write_archive
from frontend.saving.atomic import TEMP_PREFIX
from frontend.saving.errors import SavedFileError
from frontend.saving.tensor_file import tensors_to_bytes

MEMBERS = {
    "config.json": b'{"class_name": "Sequential"}',
    "metadata.json": b'{"format": "frontend.model"}',
    "model.weights.safetensors": tensors_to_bytes({"w": np.arange(6, dtype=np.float32)}),
}

# Header field offsets, (local file header, central directory record), and their formats.
_FIELDS = {"flags": (6, 8, "<H"), "method": (8, 10, "<H"), "crc": (14, 16, "<L"),
           "compress_size": (18, 20, "<L"), "file_size": (22, 24, "<L")}


def _zip(entries, compression=zipfile.ZIP_STORED):
    """Zip bytes with exactly the given ``(name, data)`` or ``(ZipInfo, data)`` entries, however bad."""
    buffer = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(buffer, "w", compression) as archive:
        warnings.simplefilter("ignore")  # "Duplicate name" is the point of one test
        for name, data in entries:
            archive.writestr(name, data)
    return buffer.getvalue()


def _valid(**extra):
    return _zip(list({**MEMBERS, **extra}.items()))


def _headers(data):
    """``[(local header offset, central record offset)]`` of each entry, in directory order."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    position, result = archive.start_dir, []
    for info in archive.infolist():
        name_length, extra_length, comment_length = struct.unpack("<HHH", data[position + 28:position + 34])
        result.append((info.header_offset, position))
        position += 46 + name_length + extra_length + comment_length
    return result


def _patch(data, index, field, value, local=True, central=True):
    """Overwrite one header field of entry ``index`` in its local header and/or central record."""
    data = bytearray(data)
    local_at, central_at = _headers(bytes(data))[index]
    local_offset, central_offset, fmt = _FIELDS[field]
    if local:
        struct.pack_into(fmt, data, local_at + local_offset, value)
    if central:
        struct.pack_into(fmt, data, central_at + central_offset, value)
    return bytes(data)


def _patch_eocd_count(data, count):
    data = bytearray(data)
    at = data.rfind(b"PK\x05\x06")
    struct.pack_into("<HH", data, at + 8, count, count)
    return bytes(data)


@pytest.fixture
def box(tmp_path, monkeypatch):
    """A folder to read hostile files from; afterwards nothing new may exist in it, around it or in cwd."""
    folder = tmp_path / "box"
    folder.mkdir()
    monkeypatch.chdir(folder)
    around = sorted(os.listdir(tmp_path.parent))
    yield folder
    assert sorted(os.listdir(tmp_path.parent)) == around
    assert os.listdir(tmp_path) == ["box"]
    assert not (tmp_path / "evil").exists() and not (tmp_path.parent / "evil").exists()


def _refused(folder, data, fragment, name="m.keras", **kwargs):
    path = folder / name
    path.write_bytes(data)
    before = sorted(os.listdir(folder))
    with pytest.raises(SavedFileError) as caught:
        read_archive(path, **kwargs)
    message = str(caught.value)
    assert message.startswith(str(path)), message
    assert fragment in message, message
    assert sorted(os.listdir(folder)) == before
    return message


# ---------------------------------------------------------------- writing


def test_round_trip_with_assets_and_directory_entries(tmp_path):
    members = {**MEMBERS, "assets/string_lookup/vocabulary.txt": "a\nb\n".encode(), "assets/émoji/ünï.txt": b"x"}
    write_archive(tmp_path / "m.keras", members)
    assert read_archive(tmp_path / "m.keras") == members
    data = _zip([*members.items(), ("assets/", b""), ("assets/string_lookup/", b"")])
    (tmp_path / "d.keras").write_bytes(data)
    assert read_archive(str(tmp_path / "d.keras")) == members


def test_writing_is_deterministic_and_stores_weights_uncompressed(tmp_path):
    write_archive(tmp_path / "a.keras", MEMBERS)
    write_archive(tmp_path / "b.keras", dict(reversed(list(MEMBERS.items()))))
    data = (tmp_path / "a.keras").read_bytes()
    assert data == (tmp_path / "b.keras").read_bytes()
    infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    assert [info.filename for info in infos] == sorted(MEMBERS)
    methods = {info.filename: info.compress_type for info in infos}
    assert methods["model.weights.safetensors"] == zipfile.ZIP_STORED
    assert methods["config.json"] == zipfile.ZIP_DEFLATED
    assert all(stat.S_ISREG(info.external_attr >> 16) and info.date_time == (1980, 1, 1, 0, 0, 0) for info in infos)


def test_a_failed_write_keeps_the_previous_archive(tmp_path):
    path = tmp_path / "m.keras"
    write_archive(path, MEMBERS)
    previous = path.read_bytes()
    with pytest.raises(TypeError):
        write_archive(path, {**MEMBERS, "metadata.json": 12345})  # fails after other members were written
    assert path.read_bytes() == previous
    assert [name for name in os.listdir(tmp_path) if name.startswith(TEMP_PREFIX)] == []


@pytest.mark.parametrize("name", ["../evil", "/abs", "assets/../../evil", "model.weights.h5", "assets/", "a\\b"])
def test_writing_refuses_names_the_reader_would_refuse(tmp_path, name):
    with pytest.raises(ValueError, match="Cannot write archive member"):
        write_archive(tmp_path / "m.keras", {**MEMBERS, name: b"x"})
    assert os.listdir(tmp_path) == []


# ---------------------------------------------------------------- member names


@pytest.mark.parametrize(
    "name, fragment",
    [
        ("../evil", "'..' path component"),
        ("assets/../../evil", "'..' path component"),
        ("a/../../b", "'..' path component"),
        ("assets/./x", "'..' path component"),
        ("/abs", "absolute path"),
        ("//server/share/evil", "absolute path"),
        ("C:\\x", "drive letter"),
        ("C:x", "drive letter"),
        ("assets\\..\\..\\evil", "backslash"),
        ("assets/a\\b", "backslash"),
        ("assets/line\nbreak", "control character"),
        ("assets/file.txt:stream", "contains ':'"),
        ("assets//x", "empty path component"),
        ("assets/x/", "directory entry declares"),
        ("assets/" + "a" * 300, "longer than 255"),
        ("assets/" + "a/" * 600 + "b", "longer than 1024"),
        ("evil.py", "not one this format uses"),
        ("model.weights.h5", "not one this format uses"),
        ("Config.json", "not one this format uses"),
        ("assets", "not one this format uses"),
        ("config.json/", "not one this format uses"),
    ],
)
def test_unsafe_member_names_are_refused(box, name, fragment):
    message = _refused(box, _valid(**{name: b"data"}), fragment)
    assert "!" in message  # names the member: path!member


def test_nul_in_a_member_name_is_refused(box):
    # zipfile cuts names at NUL when writing, so the byte goes in afterwards (both headers)
    data = _valid(**{"assets/evilX.txt": b"x"}).replace(b"assets/evilX.txt", b"assets/evil\x00.txt")
    _refused(box, data, "control character")


def test_symlink_member_is_refused(box):
    link = zipfile.ZipInfo("assets/passwd")
    link.create_system = 3
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    _refused(box, _zip([*MEMBERS.items(), (link, b"/etc/passwd")]), "symbolic link")


def test_special_file_member_is_refused(box):
    fifo = zipfile.ZipInfo("assets/pipe")
    fifo.external_attr = (stat.S_IFIFO | 0o644) << 16
    _refused(box, _zip([*MEMBERS.items(), (fifo, b"")]), "file type")


def test_directory_bits_on_a_file_name_are_refused(box):
    entry = zipfile.ZipInfo("assets/vocab")
    entry.external_attr = (stat.S_IFDIR | 0o755) << 16
    _refused(box, _zip([*MEMBERS.items(), (entry, b"")]), "contradicts the name")


def test_duplicate_member_is_refused(box):
    _refused(box, _zip([*MEMBERS.items(), ("config.json", b'{"class_name": "Evil"}')]), "more than once")


@pytest.mark.parametrize("first, second", [("assets/Vocab.txt", "assets/vocab.txt"), ("assets/\u00e9", "assets/e\u0301")])
def test_members_a_filesystem_would_merge_are_refused(box, first, second):
    _refused(box, _valid(**{first: b"a", second: b"b"}), "more than once")


def test_local_header_naming_another_member_is_refused(box):
    data = _valid(**{"assets/aaaa": b"x"})
    local_at = _headers(data)[3][0]
    assert data[local_at + 30:local_at + 41] == b"assets/aaaa"
    data = data[:local_at + 30] + b"assets/bbbb" + data[local_at + 41:]
    _refused(box, data, "local header names")


# ---------------------------------------------------------------- flags, sizes, bombs


def test_encrypted_member_is_refused(box):
    _refused(box, _patch(_valid(), 0, "flags", 0x1), "encrypted")


def test_unknown_compression_method_is_refused(box):
    data = _zip(list(MEMBERS.items()), compression=zipfile.ZIP_LZMA)
    _refused(box, data, "compression method 14")


def test_zip_bomb_declaring_a_small_size_stops_at_the_declared_size(box):
    bomb = _zip([*MEMBERS.items(), ("assets/bomb", b"\0" * 50_000_000)], compression=zipfile.ZIP_DEFLATED)
    assert len(bomb) < 200_000
    bomb = _patch(bomb, 3, "file_size", 1000)
    _refused(box, bomb, "decompresses to more than the 1000 bytes it declares")


def test_zip_bomb_declaring_its_real_size_is_refused_before_decompressing(box):
    bomb = _zip([*MEMBERS.items(), ("assets/bomb", b"\0" * 50_000_000)], compression=zipfile.ZIP_DEFLATED)
    _refused(box, bomb, "declares 50000000 bytes, over the limit of 1000000", max_member_bytes=1_000_000)


def test_total_size_limit(box):
    members = {f"assets/part{i}": b"\0" * 400_000 for i in range(3)}
    _refused(box, _valid(**members), "more than the limit of 1000000 bytes in all", max_total_bytes=1_000_000)


def test_member_shorter_than_declared_is_refused(box):
    data = _zip([*MEMBERS.items(), ("assets/short", b"abc")], compression=zipfile.ZIP_DEFLATED)
    data = _patch(data, 3, "file_size", 1000)
    _refused(box, data, "decompresses to 3 bytes but declares 1000")


def test_stored_member_with_mismatched_sizes_is_refused(box):
    _refused(box, _patch(_valid(), 0, "file_size", 3), "stored member declares 3 bytes")


def test_overlapping_entries_are_refused(box):
    data = _valid()
    second_local = _headers(data)[1][0]
    data = _patch(data, 0, "compress_size", second_local + 10)
    data = _patch(data, 0, "file_size", second_local + 10)
    _refused(box, data, "overlapping entries")


def test_bad_crc_is_refused(box):
    data = _valid()
    offset = data.index(MEMBERS["config.json"])
    data = data[:offset] + b"X" + data[offset + 1:]
    _refused(box, data, "CRC check failed")


def test_corrupt_deflate_stream_is_refused(box):
    data = _zip(list(MEMBERS.items()), compression=zipfile.ZIP_DEFLATED)
    local_at = _headers(data)[0][0]
    start = local_at + 30 + len("config.json")
    data = data[:start] + b"\xff" * 6 + data[start + 6:]
    _refused(box, data, "!config.json: ")


def test_deflate_stream_with_trailing_junk_is_refused(box):
    raw = zlib.compressobj(9, zlib.DEFLATED, -15)
    stream = raw.compress(b"{}") + raw.flush() + b"JUNK"
    info = zipfile.ZipInfo("config.json")
    data = _zip([(info, stream), *[(n, d) for n, d in MEMBERS.items() if n != "config.json"]])
    data = _patch(data, 0, "method", zipfile.ZIP_DEFLATED)
    data = _patch(data, 0, "file_size", 2)
    data = _patch(data, 0, "crc", zlib.crc32(b"{}"))
    _refused(box, data, "continues after the end of its stream")


def test_too_many_members_are_refused_before_parsing(box):
    members = {f"assets/{i}": b"" for i in range(20)}
    _refused(box, _valid(**members), "declares 23 entries", max_members=10)


def test_too_many_members_behind_a_lying_count_are_refused(box):
    members = {f"assets/{i}": b"" for i in range(20)}
    _refused(box, _patch_eocd_count(_valid(**members), 1), "holds 23 entries", max_members=10)


def test_zip64_end_records_are_read_and_bounded(box, monkeypatch):
    monkeypatch.setattr(zipfile, "ZIP_FILECOUNT_LIMIT", 2)  # makes zipfile write zip64 end records
    members = {**MEMBERS, **{f"assets/{i}": b"x" for i in range(20)}}
    data = _zip(list(members.items()))
    assert b"PK\x06\x06" in data and b"PK\x06\x07" in data
    (box / "ok.keras").write_bytes(data)
    assert read_archive(box / "ok.keras") == members
    _refused(box, data, "declares 23 entries", max_members=10)


# ---------------------------------------------------------------- not an archive, damaged archive


@pytest.mark.parametrize(
    "data, fragment",
    [
        (b"", "it is empty"),
        (b"this is not a zip file at all", "bytes starting b'this is "),
        (b"\x89HDF\r\n\x1a\n" + b"\0" * 100, "an HDF5 file"),
        (tensors_to_bytes({"w": np.zeros(3, np.float32)}), "a safetensors file"),
        (b"junk" + b"PK\x03\x04", "bytes starting b'junkPK"),
    ],
)
def test_a_file_that_is_not_a_zip_is_refused(box, data, fragment):
    _refused(box, data, fragment)


def test_zip_appended_to_an_hdf5_file_is_refused(box):
    _refused(box, b"\x89HDF\r\n\x1a\n" + b"\0" * 600 + _valid(), "an HDF5 file")


@pytest.mark.parametrize("fraction", [0.05, 0.3, 0.5, 0.8, 0.95, 0.999])
def test_truncated_archive_is_refused(box, fraction):
    data = _valid(**{"assets/vocab.txt": b"word\n" * 1000})
    _refused(box, data[: int(len(data) * fraction)], "")


def test_garbage_inside_the_central_directory_is_refused(box):
    data = bytearray(_valid())
    start = zipfile.ZipFile(io.BytesIO(bytes(data))).start_dir
    data[start:start + 40] = b"\xa5" * 40
    _refused(box, bytes(data), "corrupt or truncated zip archive")


def test_missing_required_members(box, tmp_path):
    _refused(box, b"PK\x05\x06" + b"\0" * 18, "lacks config.json, metadata.json, model.weights.safetensors")
    _refused(box, _zip([("config.json", b"{}")]), "lacks metadata.json, model.weights.safetensors")
    (box / "c.keras").write_bytes(_zip([("config.json", b"{}")]))
    assert read_archive(box / "c.keras", required=("config.json",)) == {"config.json": b"{}"}


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(FileNotFoundError, match="nope.keras"):
        read_archive(tmp_path / "nope.keras")
    with pytest.raises(SavedFileError, match="is a directory"):
        read_archive(tmp_path)


# ---------------------------------------------------------------- detect_format


@pytest.mark.parametrize(
    "data, kind",
    [
        (_zip(list(MEMBERS.items())), "archive"),
        (b"PK\x05\x06" + b"\0" * 18, "archive"),
        (b"\x89HDF\r\n\x1a\n" + b"\0" * 100, "hdf5"),
        (b"\0" * 512 + b"\x89HDF\r\n\x1a\n" + b"\0" * 100, "hdf5"),
        (MEMBERS["model.weights.safetensors"], "safetensors"),
        (struct.pack("<Q", 10**9) + b"{}", "unknown"),
        (struct.pack("<Q", 100) + b"{}", "unknown"),
        (b"", "unknown"),
        (b"PK", "unknown"),
        (b'{"class_name": "Sequential"}', "unknown"),
    ],
)
def test_detect_format_reads_content_not_the_name(tmp_path, data, kind):
    path = tmp_path / "model.keras"
    path.write_bytes(data)
    assert detect_format(path) == kind
    assert detect_format(str(path)) == kind


def test_detect_format_of_missing_file_and_folder(tmp_path):
    with pytest.raises(FileNotFoundError, match="missing.weights.h5"):
        detect_format(tmp_path / "missing.weights.h5")
    with pytest.raises(SavedFileError, match="is a directory"):
        detect_format(tmp_path)
