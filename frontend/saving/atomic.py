"""Crash-safe file writes: a save either lands whole or leaves the previous file as it was.

The bytes go to a temporary file in the target's own folder (so the final rename never
crosses a filesystem), are flushed and fsync'ed, and only then renamed over the target with
``os.replace``, which is atomic on POSIX and Windows. A crash or an exception before the
rename leaves the old file untouched; the temporary file is removed on any exception (only a
hard kill can leave one behind, and its name says what it is).
"""

import contextlib
import os
import secrets
import stat

TEMP_PREFIX = ".frontend-tmp-"
"""Temporary files are named ``.frontend-tmp-<target name>-<random>``: hidden, and easy to spot."""


def _new_file_mode(path):
    """The target's current permission bits, or what a plain ``open(path, "w")`` would give.

    Keeping an existing file's bits means a private (0o600) file stays private after a save.
    A new file is created with 0o666 and the kernel applies the umask, like ``open`` does.
    """
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        return None


def _create_temp(folder, name):
    """Open a new temporary file next to the target; ``O_EXCL`` guarantees it is ours."""
    while True:
        temp = os.path.join(folder, f"{TEMP_PREFIX}{name[:100]}-{secrets.token_hex(6)}")
        try:
            return temp, os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
        except FileExistsError:
            continue


def _fsync_folder(folder):
    """Make the rename itself durable; best effort, since not every platform can open a folder."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextlib.contextmanager
def atomic_writer(path):
    """Yield a binary file whose contents replace ``path`` only if the ``with`` block succeeds.

    For writers that stream (a zip archive), so the whole file never has to sit in memory twice.
    """
    path = os.fspath(path)
    folder, name = os.path.split(os.path.abspath(path))
    mode = _new_file_mode(path)
    temp, fd = _create_temp(folder, name)
    try:
        with os.fdopen(fd, "wb") as file:
            if mode is not None:
                os.chmod(temp, mode)
            yield file
            file.flush()
            os.fsync(file.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    _fsync_folder(folder)


def atomic_write(path, data):
    """Replace ``path`` with ``data`` (bytes-like) so that readers see the old file or the new one, never a mix."""
    with atomic_writer(path) as file:
        file.write(data)
