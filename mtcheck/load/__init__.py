"""Inputs to Documents: files, directories, standard input; one module per format.

Directories are walked recursively in sorted order; hidden entries (``.name``) and
``__pycache__`` are skipped, ``--include`` globs pick files (default: every known extension)
and ``--exclude`` globs drop files and whole directories (a glob matches the path relative to
the directory given, or the bare name). A directory reached twice (a symlink loop) is walked once.

Every file is checked before it is read: a FIFO, socket or device is skipped (it is never
opened for blocking reads), and so is a binary file (see :func:`mtcheck.load.decode.looks_binary`);
both are yielded as :class:`InputSkipped` notices, which ``--strict`` turns into errors. A file
over ``--max-file-size``, or one that cannot be opened or decoded (see
:mod:`mtcheck.load.decode`), is an error for that file only. Standard input (``-``) is read as
plain text.

Every loader has the signature ``load(path, source, settings) -> Iterator[Document | InputError]``
where ``source`` is the decoded file (see :func:`mtcheck.load.decode.decode`). Problems with one
input are yielded as :class:`InputError` values (or :class:`InputSkipped` notices), never raised,
so the rest of a scan goes on.
"""

from __future__ import annotations

import fnmatch
import os
import stat
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO

from mtcheck.config import Settings
from mtcheck.errors import InputError, InputSkipped
from mtcheck.load import html, jsonl, text
from mtcheck.load.decode import BinaryFile, DecodeError, decode
from mtcheck.model import Document

Loader = Callable[[str, str, Settings], Iterator[Document | InputError]]


# The Markdown and XLIFF loaders import their parsers (markdown-it, ElementTree: 35 ms) only
# when such a file is read: most scans and every one-file scan of another format never do.
def _markdown(path: str, source: str, settings: Settings) -> Iterator[Document | InputError]:
    from mtcheck.load import markdown

    return markdown.load(path, source, settings)


def _xliff(path: str, source: str, settings: Settings) -> Iterator[Document | InputError]:
    from mtcheck.load import xliff

    return xliff.load(path, source, settings)


LOADERS: dict[str, Loader] = {
    ".txt": text.load,
    ".text": text.load,
    ".md": _markdown,
    ".markdown": _markdown,
    ".html": html.load,
    ".htm": html.load,
    ".xhtml": html.load,
    ".jsonl": jsonl.load,
    ".ndjson": jsonl.load,
    ".xlf": _xliff,
    ".xliff": _xliff,
}
DEFAULT_INCLUDE = tuple(f"*{ext}" for ext in LOADERS)


def loader_for(path: str) -> Loader:
    name = path.lower()
    for ext, fn in LOADERS.items():
        if name.endswith(ext):
            return fn
    return text.load


def _matches(rel: str, patterns: Sequence[str]) -> bool:
    name = rel.rsplit("/", 1)[-1]
    return any(fnmatch.fnmatch(rel, p) or fnmatch.fnmatch(name, p) for p in patterns)


def walk(root: str, settings: Settings) -> Iterator[str | InputError]:
    """Files under a directory, sorted, filtered by include/exclude globs; no symlink loops."""
    # a module-level helper, not a nested function calling itself: that would be a
    # reference cycle left behind by every walk
    yield from _visit(root, root, settings, settings.include or DEFAULT_INCLUDE, set())


def _hidden(name: str) -> bool:
    """A file or folder the walk never enters: a dotfile (.git, .mtcheck_cache) or
    __pycache__."""
    return name.startswith(".") or name == "__pycache__"


def would_read(target: str, inputs: Sequence[str], settings: Settings) -> bool:
    """Whether a scan of ``inputs`` reads the existing file ``target``: it is one of them,
    or a file the walk of one of the folders among them yields (so a report written there
    would replace what was scanned)."""
    try:
        real = os.path.realpath(target)
        if not os.path.isfile(real):
            return False
    except (OSError, ValueError):
        return False
    include = settings.include or DEFAULT_INCLUDE
    for p in inputs:
        if p == "-":
            continue
        try:
            if os.path.isdir(p):
                root = os.path.realpath(p)
                rel = os.path.relpath(real, root)
                if rel.startswith(os.pardir) or os.path.isabs(rel):
                    continue
                parts = rel.replace(os.sep, "/").split("/")
                if any(map(_hidden, parts)):
                    continue
                # the walk does not enter an excluded folder (see _visit)
                folders = ("/".join(parts[:i]) for i in range(1, len(parts)))
                if any(_matches(f, settings.exclude) for f in folders):
                    continue
                rel = "/".join(parts)
                if _matches(rel, include) and not _matches(rel, settings.exclude):
                    return True
            elif os.path.exists(p) and os.path.samefile(p, real):
                return True
        except (OSError, ValueError):
            continue
    return False


def _visit(
    d: str, root: str, settings: Settings, include: Sequence[str], seen: set[tuple[int, int]]
) -> Iterator[str | InputError]:
    try:
        st = os.stat(d)
    except OSError as e:
        yield InputError(d, f"cannot read directory: {e.strerror}")
        return
    key = (st.st_dev, st.st_ino)
    if key in seen:
        return  # a symlink loop or a second link to a visited directory
    seen.add(key)
    try:
        entries = sorted(os.scandir(d), key=lambda e: e.name)
    except OSError as e:
        yield InputError(d, f"cannot read directory: {e.strerror}")
        return
    for entry in entries:
        if _hidden(entry.name):
            continue
        p = os.path.join(d, entry.name)
        rel = os.path.relpath(p, root).replace(os.sep, "/")
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            if not _matches(rel, settings.exclude):
                yield from _visit(p, root, settings, include, seen)
            continue
        if _matches(rel, include) and not _matches(rel, settings.exclude):
            yield p


def _special(path: str, mode: int) -> InputSkipped:
    if stat.S_ISFIFO(mode):
        kind = "a FIFO"
    elif stat.S_ISSOCK(mode):
        kind = "a socket"
    elif stat.S_ISCHR(mode):
        kind = "a character device"
    elif stat.S_ISBLK(mode):
        kind = "a block device"
    else:
        kind = "a special file"
    return InputSkipped(path, f"not a regular file ({kind})")


def _read_regular(path: str, limit: int) -> bytes | InputError:
    """The bytes of a regular file, or why not; never blocks on a FIFO or a device."""
    try:
        # devices are not even opened (opening some has side effects)
        mode = os.stat(path).st_mode
        if not stat.S_ISREG(mode) and not os.path.isdir(path):
            return _special(path, mode)
    except FileNotFoundError:
        return InputError(path, "no such file or directory")
    except OSError as e:
        return InputError(path, f"cannot read: {e.strerror or e}")
    try:
        # O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer; the check
        # is made on the opened descriptor, so a file swapped after a stat() cannot slip by
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        return InputError(path, "no such file or directory")
    except OSError as e:
        return InputError(path, f"cannot read: {e.strerror or e}")
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            return InputError(path, "is a directory")
        if not stat.S_ISREG(st.st_mode):
            return _special(path, st.st_mode)
        if st.st_size > limit:
            return InputError(
                path, f"file is {st.st_size:,} bytes, over --max-file-size {limit:,}; not scanned"
            )
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            return InputError(path, f"file grew past --max-file-size {limit:,}; not scanned")
        return b"".join(chunks)
    except OSError as e:
        return InputError(path, f"cannot read: {e.strerror or e}")
    finally:
        os.close(fd)


def read_input(path: str, settings: Settings) -> bytes | InputError:
    """The bytes of one regular file within --max-file-size, or why it cannot be read."""
    return _read_regular(path, settings.max_file_size)


def load_path(
    path: str, settings: Settings, seen_ids: dict[str, int] | None = None
) -> Iterator[Document | InputError]:
    """Documents of one file (several for JSONL), or the error that stops it. ``seen_ids``
    counts the record ids (``--id-field``) met so far in the run, so that a repeated id is
    numbered (``a#2``) whichever file it comes from."""
    if jsonl.streamable(path, settings):
        yield from jsonl.load_file(path, settings, seen_ids)
        return
    data = read_input(path, settings)
    if isinstance(data, InputError):
        yield data
        return
    yield from load_bytes(path, data, settings, seen_ids)


def load_bytes(
    path: str, data: bytes, settings: Settings, seen_ids: dict[str, int] | None = None
) -> Iterator[Document | InputError]:
    """Documents of one file's bytes (several for JSONL), or the error that stops it."""
    try:
        source = decode(data, settings.encoding, settings.decode_errors)
    except BinaryFile as e:
        yield InputSkipped(path, str(e))
        return
    except DecodeError as e:
        yield InputError(path, str(e))
        return
    loader = loader_for(path)
    if loader is jsonl.load:
        yield from jsonl.load(path, source, settings, 1, seen_ids)
    else:
        yield from loader(path, source, settings)


def _read_upto(fh: IO[bytes], limit: int) -> bytes:
    """Everything ``fh`` gives, or its first ``limit`` + 1 bytes if it gives more: read in
    pieces, since one read of a huge ``--max-file-size`` would ask for that much memory."""
    chunks: list[bytes] = []
    total = 0
    while total <= limit:
        piece = fh.read(min(1 << 20, limit + 1 - total))
        if not piece:
            break
        chunks.append(piece)
        total += len(piece)
    return b"".join(chunks)


def iter_documents(paths: Sequence[str], settings: Settings) -> Iterator[Document | InputError]:
    """Every document of the given inputs, in order; ``-`` reads standard input as text."""
    seen: set[tuple[int, int]] = set()
    # record ids are unique in the run, not only in their file: corpus rules key by them
    ids: dict[str, int] | None = {} if settings.id_field else None
    for p in paths:
        if p == "-":
            try:
                data = _read_upto(sys.stdin.buffer, settings.max_file_size)
                if len(data) > settings.max_file_size:
                    yield InputError("<stdin>", "input is over --max-file-size; not scanned")
                    continue
                source = decode(data, settings.encoding, settings.decode_errors)
            except BinaryFile as e:
                yield InputSkipped("<stdin>", str(e))
                continue
            except DecodeError as e:
                yield InputError("<stdin>", str(e))
                continue
            except OSError as e:
                yield InputError("<stdin>", f"cannot read: {e.strerror or e}")
                continue
            yield from text.load("<stdin>", source, settings)
            continue
        for item in input_files(p, settings, seen):
            if isinstance(item, InputError):
                yield item
            else:
                yield from load_path(item, settings, ids)


def input_files(
    path: str, settings: Settings, seen: set[tuple[int, int]] | None = None
) -> Iterator[str | InputError]:
    """The files one command-line path names: itself, or the files under a directory.

    ``seen`` (one set for the whole run) leaves out a regular file an earlier path already
    named (``scan a.txt a.txt``, or a folder and a file in it): scanned twice, its findings
    would count twice and its two documents would share an id.
    """
    items: Iterable[str | InputError] = [path]
    if os.path.isdir(path):
        items = (i if isinstance(i, InputError) else _display(i) for i in walk(path, settings))
    for item in items:
        if isinstance(item, InputError):
            yield item
            continue
        if seen is not None:
            key = _file_key(item)
            if key is not None:
                if key in seen:
                    continue
                seen.add(key)
        yield item


def _file_key(path: str) -> tuple[int, int] | None:
    """A regular file's device and inode, whatever path names it; None for anything else
    (reading it says what is wrong)."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return (st.st_dev, st.st_ino) if stat.S_ISREG(st.st_mode) else None


def _display(path: str) -> str:
    return Path(path).as_posix()
