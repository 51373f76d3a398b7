"""The ``.keras`` container: a zip of a few known members, written atomically, read with suspicion.

Writing: members go in sorted order with fixed timestamps and permissions, so the same model
gives the same bytes. The weights are stored uncompressed (float data barely deflates, and
storing keeps saving and loading a large model fast); the JSON files and assets are deflated.

Reading trusts nothing in the zip: member names must be one of the names this format uses,
with no absolute paths, ``..``, backslashes, drive letters or empty components; links,
special files, duplicates, encryption and exotic compression are refused; declared sizes are
bounded; local headers must agree with the central directory and entries must not overlap.
The zip module only parses the directory: the data is read and inflated here, in chunks, and
each member must produce exactly the bytes it declares with the right CRC, so a zip bomb stops
at its declared (bounded) size whatever the zip module does. Every problem is a ``SavedFileError``.
"""

import contextlib
import io
import os
import re
import stat
import struct
import unicodedata
import zipfile
import zlib

from frontend.saving.atomic import atomic_writer
from frontend.saving.errors import SavedFileError
from frontend.saving.tensor_file import MAX_HEADER_BYTES

CONFIG, METADATA, WEIGHTS, ASSETS = "config.json", "metadata.json", "model.weights.safetensors", "assets/"
FILES = (CONFIG, METADATA, WEIGHTS)
"""The only top-level files; anything else must be under ``assets/``."""
REQUIRED_MEMBERS = FILES
DEFAULT_MAX_MEMBER_BYTES = 2**34
DEFAULT_MAX_TOTAL_BYTES = 2**35
DEFAULT_MAX_MEMBERS = 10_000
MAX_NAME_LENGTH = 1024
MAX_COMPONENT_LENGTH = 255

_CENTRAL_ENTRY_BYTES = 4096  # generous room for one central-directory record: 46 bytes, name, extras
_CHUNK = 1 << 20
_EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest zip timestamp: archives do not depend on the clock
_HDF5 = b"\x89HDF\r\n\x1a\n"
_ZIP_STARTS = (b"PK\x03\x04", b"PK\x05\x06")
_DRIVE = re.compile(r"^[A-Za-z]:")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# What the zip module and the OS raise on a crafted directory (bad offsets, short reads, bad encodings).
_ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, struct.error, OverflowError,
               OSError, ValueError)


def member_name_problem(name, is_dir=False):
    """Why ``name`` may not be an archive member (``None`` when it may); ``is_dir`` for directory entries."""
    if is_dir:
        name = name[:-1]
    if not name:
        return "has an empty name"
    if name.startswith("/"):
        return "is an absolute path"
    if _DRIVE.match(name):
        return "starts with a drive letter"
    if "\\" in name:
        return "contains a backslash"
    if _CONTROL.search(name):
        return "contains a control character"
    if ":" in name:
        return "contains ':'"
    if len(name) > MAX_NAME_LENGTH:
        return f"is longer than {MAX_NAME_LENGTH} characters"
    parts = name.split("/")
    if ".." in parts or "." in parts:
        return "contains a '.' or '..' path component"
    if "" in parts:
        return "has an empty path component"
    if any(len(part) > MAX_COMPONENT_LENGTH for part in parts):
        return f"has a path component longer than {MAX_COMPONENT_LENGTH} characters"
    if (name in FILES and not is_dir) or name.startswith(ASSETS) or (is_dir and name == ASSETS[:-1]):
        return None
    return f"is not one this format uses (expected {', '.join(FILES)} or {ASSETS}...)"


def _member_source(path, name):
    """``path!member`` for error messages; odd or very long names are shown quoted and cut short."""
    if name.isprintable() and len(name) <= 200:
        return f"{path}!{name}"
    return f"{path}!{name[:200]!r}" + ("..." if len(name) > 200 else "")


def write_archive(path, members):
    """Write ``{member name: bytes}`` as a zip at ``path``, replacing any old file only once complete."""
    for name in members:
        problem = member_name_problem(name)
        if problem:
            raise ValueError(f"Cannot write archive member {name!r}: it {problem}")
    with atomic_writer(path) as file, zipfile.ZipFile(file, "w") as archive:
        for name in sorted(members):
            info = zipfile.ZipInfo(name, date_time=_EPOCH)
            info.compress_type = zipfile.ZIP_STORED if name == WEIGHTS else zipfile.ZIP_DEFLATED
            info.create_system = 3  # unix, so the permission bits below mean what they say
            info.external_attr = (stat.S_IFREG | 0o644) << 16
            archive.writestr(info, members[name])


def _sniff(file):
    """What the open ``file`` looks like from its first bytes."""
    size = os.fstat(file.fileno()).st_size
    head = file.read(16)
    if head.startswith(_ZIP_STARTS):
        return "archive"
    for offset in (0, 512, 1024, 2048):  # HDF5 allows a user block of 512 * 2**k bytes before its signature
        file.seek(offset)
        if file.read(8) == _HDF5:
            return "hdf5"
    if len(head) >= 9 and head[8:9] == b"{":
        header_size = struct.unpack("<Q", head[:8])[0]
        if 2 <= header_size <= min(MAX_HEADER_BYTES, size - 8):
            return "safetensors"
    return "unknown"


def _open_checked(path):
    path = os.fspath(path)
    if os.path.isdir(path):
        raise SavedFileError(f"{path}: is a directory, expected a saved file")
    return path, open(path, "rb")  # a missing file raises FileNotFoundError naming the path


def detect_format(path):
    """``"archive"``, ``"safetensors"``, ``"hdf5"`` or ``"unknown"``, judged by content, never by the name."""
    path, file = _open_checked(path)
    with file:
        return _sniff(file)


@contextlib.contextmanager
def _zip_errors(source):
    """Turn what the zip module raises on a corrupt file into a ``SavedFileError`` naming ``source``."""
    try:
        yield
    except SavedFileError:
        raise
    except _ZIP_ERRORS as error:
        problem = str(error) or type(error).__name__
        raise SavedFileError(f"{source}: corrupt or truncated zip archive: {problem}") from None


def _central_directory_size(file):
    """``(entries, bytes)`` the end-of-central-directory record declares, or ``None`` if there is none."""
    size = file.seek(0, os.SEEK_END)
    tail_size = min(size, 22 + 0xFFFF)  # the record is 22 bytes, followed by at most a 64 KiB comment
    file.seek(size - tail_size)
    tail = file.read(tail_size)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) - at < 22:
        return None
    entries, cd_bytes = struct.unpack("<HL", tail[at + 10:at + 16])
    if (entries == 0xFFFF or cd_bytes == 0xFFFFFFFF) and at >= 20 and tail[at - 20:at - 16] == b"PK\x06\x07":
        # zip64: the real counts are in a record that the locator just before this one points to
        file.seek(struct.unpack("<Q", tail[at - 12:at - 4])[0])
        record = file.read(56)
        if record[:4] == b"PK\x06\x06" and len(record) == 56:
            entries, cd_bytes = struct.unpack("<QQ", record[32:48])
    return entries, cd_bytes


def _check_entries(infos, path, max_members, max_member_bytes, max_total_bytes):
    """Names, kinds, flags and declared sizes of every entry, before any data is read."""
    if len(infos) > max_members:
        raise SavedFileError(f"{path}: holds {len(infos)} entries, more than the limit of {max_members}")
    seen, total = set(), 0
    for info in infos:
        name = info.orig_filename
        source = _member_source(path, name)
        kind = stat.S_IFMT(info.external_attr >> 16)
        is_dir = name.endswith("/")
        if kind == stat.S_IFLNK:
            raise SavedFileError(f"{source}: is a symbolic link; an archive member must be a regular file")
        if kind not in (0, stat.S_IFREG, stat.S_IFDIR):
            raise SavedFileError(f"{source}: has file type {oct(kind)}; expected a regular file or a directory")
        if kind and (kind == stat.S_IFDIR) != is_dir:
            raise SavedFileError(f"{source}: file type {oct(kind)} contradicts the name (a directory name ends in '/')")
        problem = member_name_problem(name, is_dir)
        if problem:
            raise SavedFileError(f"{source}: member name {problem}")
        key = unicodedata.normalize("NFC", name).casefold()  # names that one filesystem or another would merge
        if key in seen:
            raise SavedFileError(f"{source}: member appears more than once in the archive")
        seen.add(key)
        if info.flag_bits & 0x41:
            raise SavedFileError(f"{source}: member is encrypted; saved models are never encrypted")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise SavedFileError(f"{source}: compression method {info.compress_type} is not accepted "
                                 f"(expected stored or deflated)")
        if info.compress_type == zipfile.ZIP_STORED and info.compress_size != info.file_size:
            raise SavedFileError(f"{source}: stored member declares {info.file_size} bytes but occupies "
                                 f"{info.compress_size}")
        if is_dir and info.file_size:
            raise SavedFileError(f"{source}: directory entry declares {info.file_size} bytes of data")
        if info.file_size > max_member_bytes:
            raise SavedFileError(f"{source}: declares {info.file_size} bytes, over the limit of {max_member_bytes}")
        total += info.file_size
        if total > max_total_bytes:
            raise SavedFileError(f"{path}: members declare more than the limit of {max_total_bytes} bytes in all")


def _locate(file, infos, central_directory_start, path):
    """``[(info, data offset)]`` in file order, after checking each local header against the directory.

    The local header must carry the same name, and each entry's data must end before the next
    entry starts: overlapping entries are a known zip-bomb trick.
    """
    entries = sorted(infos, key=lambda info: info.header_offset)
    located = []
    for info, following in zip(entries, entries[1:] + [None]):
        source = _member_source(path, info.orig_filename)
        file.seek(info.header_offset)
        header = file.read(30)
        if len(header) != 30 or header[:4] != b"PK\x03\x04":
            raise SavedFileError(f"{source}: local file header missing or truncated")
        name_length, extra_length = struct.unpack("<HH", header[26:30])
        local_name = file.read(name_length)
        if local_name != info.orig_filename.encode("utf-8" if info.flag_bits & 0x800 else "cp437"):
            raise SavedFileError(f"{source}: local header names the member {local_name[:100]!r} instead")
        start = info.header_offset + 30 + name_length + extra_length
        end = central_directory_start if following is None else following.header_offset
        if start + info.compress_size > end:
            raise SavedFileError(f"{source}: data runs into the next entry "
                                 f"(overlapping entries: a zip bomb or a corrupt file)")
        located.append((info, start))
    return located


def _inflated(file, info, source):
    """Yield the member's decompressed bytes chunk by chunk, never more than it declares."""
    inflater = zlib.decompressobj(-zlib.MAX_WBITS) if info.compress_type == zipfile.ZIP_DEFLATED else None
    remaining, produced = info.compress_size, 0
    while remaining:
        raw = file.read(min(_CHUNK, remaining))
        if not raw:
            raise SavedFileError(f"{source}: truncated: the file ends inside this member's data")
        remaining -= len(raw)
        while raw:
            if inflater is None:
                piece, raw = raw, b""
            else:
                if inflater.eof:
                    raise SavedFileError(f"{source}: compressed data continues after the end of its stream")
                try:
                    piece = inflater.decompress(raw, info.file_size - produced + 1)  # bounded output
                except zlib.error as error:
                    raise SavedFileError(f"{source}: corrupt compressed data: {error}") from None
                raw = inflater.unconsumed_tail
            produced += len(piece)
            if produced > info.file_size:
                raise SavedFileError(f"{source}: decompresses to more than the {info.file_size} bytes it declares "
                                     f"(a zip bomb or a corrupt file)")
            yield piece
    if inflater is not None and not inflater.eof:
        raise SavedFileError(f"{source}: compressed data ends before its stream does (truncated)")
    if inflater is not None and inflater.unused_data:
        raise SavedFileError(f"{source}: compressed data continues after the end of its stream")


def _read_member(file, info, start, source):
    """The member's bytes, checked against its declared size and CRC."""
    file.seek(start)
    buffer, crc = io.BytesIO(), 0
    for piece in _inflated(file, info, source):
        buffer.write(piece)
        crc = zlib.crc32(piece, crc)
    if buffer.tell() != info.file_size:
        raise SavedFileError(f"{source}: decompresses to {buffer.tell()} bytes but declares {info.file_size}")
    if crc != info.CRC:
        raise SavedFileError(f"{source}: CRC check failed: the data is corrupt")
    return buffer.getvalue()


def read_archive(path, max_member_bytes=DEFAULT_MAX_MEMBER_BYTES, max_total_bytes=DEFAULT_MAX_TOTAL_BYTES,
                 required=REQUIRED_MEMBERS, max_members=DEFAULT_MAX_MEMBERS):
    """``{member name: bytes}`` of the archive at ``path`` (directory entries left out), after validating it all.

    Sizes are bounded as declared (``max_member_bytes`` each, ``max_total_bytes`` in all) and
    again while decompressing, since each member must produce exactly what it declares.
    Raises ``SavedFileError`` naming the file (or ``path!member``) and the problem; a missing
    file raises ``FileNotFoundError``.
    """
    path, file = _open_checked(path)
    with file:
        kind = _sniff(file)
        if kind != "archive":
            file.seek(0)
            head = file.read(8)
            found = {"hdf5": "an HDF5 file", "safetensors": "a safetensors file"}.get(
                kind, f"bytes starting {head!r}" if head else "empty")
            raise SavedFileError(f"{path}: is not a zip archive (.keras); it is {found}")
        with _zip_errors(path):
            declared = _central_directory_size(file)
        if declared and (declared[0] > max_members or declared[1] > max_members * _CENTRAL_ENTRY_BYTES):
            raise SavedFileError(f"{path}: declares {declared[0]} entries in {declared[1]} bytes of directory, "
                                 f"more than the limit of {max_members} entries")
        with _zip_errors(path):
            with zipfile.ZipFile(file) as archive:
                infos, central_directory_start = archive.infolist(), archive.start_dir
        _check_entries(infos, path, max_members, max_member_bytes, max_total_bytes)
        with _zip_errors(path):
            located = _locate(file, infos, central_directory_start, path)
            members = {info.orig_filename: _read_member(file, info, start, _member_source(path, info.orig_filename))
                       for info, start in located if not info.orig_filename.endswith("/")}
    missing = [name for name in required if name not in members]
    if missing:
        raise SavedFileError(f"{path}: archive lacks {', '.join(missing)}")
    return members
