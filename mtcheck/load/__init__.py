"""Inputs to Documents: files, directories, standard input; one module per format.

Every loader has the signature ``load(path, source, settings) -> Iterator[Document | InputError]``
where ``source`` is the decoded file (see :func:`mtcheck.load.decode.decode`). Problems with one
input are yielded as :class:`InputError` values, never raised, so the rest of a scan goes on.
"""

from __future__ import annotations

import fnmatch
import os
import stat
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from mtcheck.config import Settings
from mtcheck.errors import InputError
from mtcheck.load import html, jsonl, markdown, text
from mtcheck.load.decode import DecodeError, decode
from mtcheck.model import Document

Loader = Callable[[str, str, Settings], Iterator[Document | InputError]]

LOADERS: dict[str, Loader] = {
    ".txt": text.load,
    ".text": text.load,
    ".md": markdown.load,
    ".markdown": markdown.load,
    ".html": html.load,
    ".htm": html.load,
    ".xhtml": html.load,
    ".jsonl": jsonl.load,
    ".ndjson": jsonl.load,
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
    include = settings.include or DEFAULT_INCLUDE
    seen: set[tuple[int, int]] = set()

    def visit(d: str) -> Iterator[str | InputError]:
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
            if entry.name.startswith(".") or entry.name == "__pycache__":
                continue
            p = os.path.join(d, entry.name)
            rel = os.path.relpath(p, root).replace(os.sep, "/")
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                if not _matches(rel, settings.exclude):
                    yield from visit(p)
                continue
            if _matches(rel, include) and not _matches(rel, settings.exclude):
                yield p

    yield from visit(root)


def load_path(path: str, settings: Settings) -> Iterator[Document | InputError]:
    """Documents of one file (several for JSONL), or the error that stops it."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        yield InputError(path, "no such file or directory")
        return
    except OSError as e:
        yield InputError(path, f"cannot read: {e.strerror}")
        return
    if not stat.S_ISREG(st.st_mode):
        yield InputError(path, "not a regular file (device, FIFO or socket); skipped")
        return
    if st.st_size > settings.max_file_size:
        yield InputError(
            path,
            f"file is {st.st_size:,} bytes, over --max-file-size {settings.max_file_size:,}",
        )
        return
    try:
        with open(path, "rb") as fh:
            data = fh.read(settings.max_file_size + 1)
    except OSError as e:
        yield InputError(path, f"cannot read: {e.strerror}")
        return
    try:
        source = decode(data, settings.encoding, settings.decode_errors)
    except DecodeError as e:
        yield InputError(path, str(e))
        return
    yield from loader_for(path)(path, source, settings)


def iter_documents(paths: Sequence[str], settings: Settings) -> Iterator[Document | InputError]:
    """Every document of the given inputs, in order; ``-`` reads standard input as text."""
    for p in paths:
        if p == "-":
            try:
                source = decode(sys.stdin.buffer.read(), settings.encoding, settings.decode_errors)
            except DecodeError as e:
                yield InputError("<stdin>", str(e))
                continue
            yield from text.load("<stdin>", source, settings)
            continue
        if os.path.isdir(p):
            for item in walk(p, settings):
                if isinstance(item, InputError):
                    yield item
                else:
                    yield from load_path(_display(item), settings)
        else:
            yield from load_path(p, settings)


def _display(path: str) -> str:
    return Path(path).as_posix()
