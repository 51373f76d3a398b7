"""``get_file``: download a file once into a local cache, check its hash, optionally extract it.

Keras 3's ``keras.utils.get_file`` with the same arguments and cache layout, made safe:

- the bytes go to a temporary file in the cache folder and are renamed into place only after
  the whole body arrived and its hash matched, so a failed or corrupt download leaves nothing
  behind (``frontend.saving.atomic`` does the write-then-rename);
- a cached file whose hash does not match is deleted and downloaded again;
- archives are extracted by ``frontend.utils.safe_extract``, which refuses members that would
  land outside the extraction folder.

The cache is ``<cache_dir>/<cache_subdir>``; ``cache_dir`` defaults to
``frontend.config.config_dir()`` (``$FRONTEND_HOME`` or ``~/.frontend``), so datasets land in
``~/.frontend/datasets`` as Keras's land in ``~/.keras/datasets``.
"""

import contextlib
import hashlib
import os
import tempfile
import urllib.error
import urllib.parse
import urllib.request
import warnings

from frontend import config
from frontend.saving.atomic import atomic_writer
from frontend.utils.safe_extract import extract_archive

_CHUNK_BYTES = 1 << 20
_TIMEOUT_S = 60
_HASH_ALGORITHMS = ("auto", "sha256", "md5")


class DownloadError(OSError):
    """A download that failed (HTTP error, refused connection, truncated body); nothing was cached."""


class ChecksumMismatchError(ValueError):
    """Downloaded bytes whose hash is not the expected one; nothing was cached (a ``ValueError``, as in Keras)."""


def resolve_hash_algorithm(algorithm, file_hash=None):
    """``"sha256"`` or ``"md5"``; ``"auto"`` picks sha256 for a 64-character hash, md5 otherwise (as Keras)."""
    if algorithm not in _HASH_ALGORITHMS:
        raise ValueError(f"get_file: hash_algorithm must be one of {_HASH_ALGORITHMS}; received {algorithm!r}")
    if algorithm != "auto":
        return algorithm
    return "sha256" if file_hash is not None and len(file_hash) == 64 else "md5"


def hash_file(path, algorithm="sha256"):
    """The hex digest of the file at ``path`` (``"sha256"``, ``"md5"`` or ``"auto"`` = sha256)."""
    hasher = hashlib.new("sha256" if algorithm == "auto" else resolve_hash_algorithm(algorithm))
    with open(path, "rb") as file:
        for chunk in iter(lambda: file.read(_CHUNK_BYTES), b""):
            hasher.update(chunk)
    return hasher.hexdigest()


def validate_file(path, file_hash, algorithm="auto"):
    """Whether the file at ``path`` has the hash ``file_hash``."""
    return hash_file(path, resolve_hash_algorithm(algorithm, file_hash)) == str(file_hash).lower()


def _cache_folder(cache_dir, cache_subdir):
    """``<cache_dir>/<cache_subdir>``, created; falls back to the temp folder when it is not writable (as Keras)."""
    base = os.path.expanduser(os.fspath(cache_dir) if cache_dir is not None else config.config_dir())
    folder = os.path.join(base, cache_subdir)
    try:
        os.makedirs(folder, exist_ok=True)
        if os.access(folder, os.W_OK):
            return folder
    except OSError:
        pass
    fallback = os.path.join(tempfile.gettempdir(), ".frontend", cache_subdir)
    warnings.warn(f"get_file: cannot write to {folder}; caching in {fallback} instead", stacklevel=3)
    os.makedirs(fallback, exist_ok=True)
    return fallback


def _file_name(fname, origin):
    """The cache name: ``fname``, or the last part of the URL's path; a bare name, never a path."""
    if fname is None or os.fspath(fname) == "":
        name = os.path.basename(urllib.parse.urlsplit(origin).path)
        if not name:
            raise ValueError(f"get_file: cannot take a file name from origin={origin!r}; pass fname")
        return name
    name = os.fspath(fname)
    if os.sep in name or (os.altsep and os.altsep in name) or name in (".", ".."):
        raise ValueError(
            f"get_file: fname must be a file name, not a path (use cache_dir / cache_subdir for the folder); "
            f"received fname={name!r}"
        )
    return name


def _archive_paths(folder, name, fname_given):
    """``(download_target, extraction_dir)`` for an archive, laid out as Keras lays them out.

    ``fname="data.tar.gz"`` downloads to ``data.tar.gz`` and extracts into ``data_extracted``;
    ``fname="data"`` (no dot) downloads to ``data_archive`` and extracts into ``data``.
    """
    if fname_given and "." in name:
        return os.path.join(folder, name), os.path.join(folder, f"{name[: name.find('.')]}_extracted")
    return os.path.join(folder, f"{name}_archive"), os.path.join(folder, name)


def _download(origin, target, file_hash, algorithm):
    """Stream ``origin`` into ``target`` through a temporary file; rename only when complete and hash-matched."""
    print(f"Downloading data from {origin}")
    hasher = hashlib.new(algorithm)
    try:
        with atomic_writer(target) as file, urllib.request.urlopen(origin, timeout=_TIMEOUT_S) as response:
            expected_size = response.headers.get("Content-Length")
            received = 0
            for chunk in iter(lambda: response.read(_CHUNK_BYTES), b""):
                file.write(chunk)
                hasher.update(chunk)
                received += len(chunk)
            if expected_size is not None and received != int(expected_size):
                raise DownloadError(f"received {received} of {expected_size} bytes")
            if file_hash is not None and hasher.hexdigest() != str(file_hash).lower():
                raise ChecksumMismatchError(
                    f"get_file: the file downloaded from {origin} is incomplete or corrupted: its {algorithm} hash "
                    f"is {hasher.hexdigest()}, expected {file_hash}; nothing was saved at {target}"
                )
    except ChecksumMismatchError:
        raise
    except urllib.error.HTTPError as error:
        raise DownloadError(
            f"get_file: could not download {origin} to {target}: HTTP {error.code} {error.reason}"
        ) from error
    except (OSError, EOFError) as error:
        reason = getattr(error, "reason", None) or error
        raise DownloadError(f"get_file: could not download {origin} to {target}: {reason}") from error
    except Exception as error:  # http.client.IncompleteRead and other protocol errors
        raise DownloadError(
            f"get_file: could not download {origin} to {target}: {type(error).__name__}: {error}"
        ) from error


def get_file(
    fname=None,
    origin=None,
    untar=False,
    md5_hash=None,
    file_hash=None,
    cache_subdir="datasets",
    hash_algorithm="auto",
    extract=False,
    archive_format="auto",
    cache_dir=None,
    force_download=False,
):
    """Download ``origin`` into the cache unless a good copy is there; return the local path.

    Args:
        fname: the cache file name (for an archive with ``extract=True``, names the extraction
            folder, see below); ``None`` takes the last part of the URL.
        origin: the URL (``http(s)://``, ``ftp://`` or ``file://``).
        untar: deprecated, same as ``extract=True, archive_format="tar"``.
        md5_hash: deprecated, same as ``file_hash=md5_hash, hash_algorithm="md5"``.
        file_hash: the expected sha256 (64 hex digits) or md5 hash. A cached file that does not
            match is downloaded again; a download that does not match raises ``ValueError``.
        cache_subdir: folder under ``cache_dir`` (an absolute path is used as is).
        hash_algorithm: ``"auto"``, ``"sha256"`` or ``"md5"``.
        extract: extract a tar/zip archive. ``fname="x.tar.gz"`` extracts into ``x_extracted``,
            ``fname="x"`` downloads to ``x_archive`` and extracts into ``x``; the folder is returned.
        archive_format: ``"auto"`` (tar then zip), ``"tar"``, ``"zip"``, a list of them, or ``None``.
        cache_dir: the cache root; default ``frontend.config.config_dir()``.
        force_download: download even when a good copy is cached.

    Returns:
        The path of the file, or of the extraction folder when extracting.

    Raises:
        DownloadError: (an ``OSError``) the download failed; the message names the URL and the
            cache path, and no partial file is left in the cache.
        ChecksumMismatchError: (a ``ValueError``) the downloaded bytes do not match ``file_hash``;
            the message names the URL and the cache path, and nothing is cached.
        ValueError: a bad argument, or an archive member that would be extracted outside its folder.
    """
    if origin is None:
        raise ValueError("get_file: origin (the URL of the file to download) is required; received origin=None")
    if md5_hash is not None and file_hash is None:
        file_hash, hash_algorithm = md5_hash, "md5"
    algorithm = resolve_hash_algorithm(hash_algorithm, file_hash)
    folder = _cache_folder(cache_dir, cache_subdir)
    name = _file_name(fname, origin)
    extracting = bool(extract or untar)
    if extracting:
        target, extraction_dir = _archive_paths(folder, name, bool(fname))
    else:
        target = os.path.join(folder, name)

    download = force_download or not os.path.exists(target)
    if not download and file_hash is not None and not validate_file(target, file_hash, algorithm):
        print(f"A cached file at {target} does not match the {algorithm} hash {file_hash}; downloading it again.")
        with contextlib.suppress(FileNotFoundError):
            os.remove(target)
        download = True
    if download:
        _download(origin, target, file_hash, algorithm)

    if not extracting:
        return target
    if download or not os.path.isdir(extraction_dir):
        if not extract_archive(target, extraction_dir, "tar" if untar else archive_format):
            warnings.warn(
                f"get_file: {target} is not an archive of format {archive_format!r}; nothing extracted", stacklevel=2
            )
    return extraction_dir
