"""Extract tar and zip archives without letting a member escape the extraction folder.

Every member is checked before anything is written: a name that is absolute or climbs out
with ``..``, a link whose target lies outside, or a device/FIFO member makes the whole
extraction fail with ``ValueError`` naming the member. Tar extraction also passes Python's
``filter="data"`` where it exists (3.11.4+), which re-checks at write time and drops
set-uid bits. The archive is extracted into a temporary folder next to the destination and
renamed into place only when complete, so a failure leaves no half-extracted folder.
"""

import os
import shutil
import tarfile
import tempfile
import zipfile

_FORMATS = ("tar", "zip")


def _inside(root, path):
    return os.path.commonpath([root, path]) == root


def _check_name(archive_path, root, name):
    """The member's destination, or ``ValueError`` when it would land outside ``root``."""
    destination = os.path.normpath(os.path.join(root, name))
    absolute = os.path.isabs(name) or name.startswith(("/", "\\")) or os.path.splitdrive(name)[0]
    if absolute or not _inside(root, destination):
        raise ValueError(
            f"extract_archive: refusing member {name!r} of {archive_path}: it would be written outside {root}"
        )
    return destination


def _check_tar_member(archive_path, root, member):
    destination = _check_name(archive_path, root, member.name)
    if member.issym() or member.islnk():
        base = os.path.dirname(destination) if member.issym() else root
        target = os.path.normpath(os.path.join(base, member.linkname))
        if os.path.isabs(member.linkname) or not _inside(root, target):
            raise ValueError(
                f"extract_archive: refusing link {member.name!r} -> {member.linkname!r} of {archive_path}: "
                f"it points outside {root}"
            )
    elif not (member.isfile() or member.isdir()):
        raise ValueError(
            f"extract_archive: refusing member {member.name!r} of {archive_path}: "
            "only files, folders and links inside the archive are allowed"
        )


def _extract_tar(archive_path, folder):
    with tarfile.open(archive_path) as archive:
        members = archive.getmembers()
        for member in members:
            _check_tar_member(archive_path, folder, member)
        if hasattr(tarfile, "data_filter"):
            archive.extractall(folder, members=members, filter="data")
        else:
            archive.extractall(folder, members=members)


def _extract_zip(archive_path, folder):
    with zipfile.ZipFile(archive_path) as archive:
        members = archive.infolist()
        for member in members:
            _check_name(archive_path, folder, member.filename)
        archive.extractall(folder, members=members)


def _formats(archive_format):
    if archive_format is None:
        return []
    if archive_format == "auto":
        formats = list(_FORMATS)
    else:
        formats = [archive_format] if isinstance(archive_format, str) else list(archive_format)
    for name in formats:
        if name not in _FORMATS:
            raise ValueError(
                "extract_archive: archive_format must be 'auto', 'tar', 'zip', a list of them or None; "
                f"received {archive_format!r}"
            )
    return formats


def extract_archive(file_path, path=".", archive_format="auto"):
    """Extract ``file_path`` into the folder ``path``, replacing it; ``False`` if it is no ``archive_format`` archive.

    ``archive_format`` is ``"auto"`` (tar, then zip), ``"tar"`` (also .tar.gz/.tar.bz2/.tar.xz),
    ``"zip"``, a list of those, or ``None`` (extract nothing), as in Keras.
    """
    file_path, path = os.fspath(file_path), os.path.abspath(os.fspath(path))
    for name in _formats(archive_format):
        is_format, extract = (tarfile.is_tarfile, _extract_tar) if name == "tar" else (zipfile.is_zipfile, _extract_zip)
        if not is_format(file_path):
            continue
        parent = os.path.dirname(path)
        os.makedirs(parent, exist_ok=True)
        staging = os.path.realpath(tempfile.mkdtemp(prefix=".frontend-extract-", dir=parent))
        try:
            extract(file_path, staging)
            if os.path.isdir(path) and not os.path.islink(path):
                shutil.rmtree(path)
            elif os.path.lexists(path):
                os.remove(path)
            os.replace(staging, path)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        return True
    return False
