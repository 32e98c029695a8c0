"""Renderers: each turns one RunResult into text; none computes anything."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO


@contextlib.contextmanager
def atomic_writer(path: str | Path) -> Iterator[IO[bytes]]:
    """A binary file handle whose content appears at ``path`` whole or not at all.

    The content goes to a temporary file beside the target, renamed over it on success and
    removed on any failure. A target that exists and is not a regular file (``/dev/null``,
    ``/dev/stdout``, a FIFO) is written in place: renaming over it would replace the device
    with a plain file.
    """
    target = Path(path)
    if target.is_symlink():
        # a link to the report's place: the file it points to gets the report, the link stays
        target = Path(os.path.realpath(target))
    try:
        mode = os.stat(target).st_mode
    except OSError:
        mode = 0
    if mode and not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        with open(target, "wb") as fh:
            yield fh
        return
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError:  # a file where a folder of the path should be
        raise NotADirectoryError(
            errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(target.parent)
        ) from None
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        # a temporary file is private; a report is meant to be read by others: it gets the
        # mode of the file it replaces, or what the umask gives a new file
        os.chmod(tmp, mode & 0o777 if stat.S_ISREG(mode) else 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _umask() -> int:
    mask = os.umask(0)  # reading the umask means setting it: set it straight back
    os.umask(mask)
    return mask


def write_atomic(path: str | Path, content: str | bytes) -> None:
    """Write a whole file or nothing (see :func:`atomic_writer`)."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    with atomic_writer(path) as fh:
        fh.write(data)
