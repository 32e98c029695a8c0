"""A per-file result cache in ``.mtcheck_cache/``: unchanged files are not scanned again.

An entry holds the results of one input file, or of one block of a large JSON Lines file read in
blocks (see :mod:`mtcheck.parallel`): their findings, metrics and corpus-scope summaries, so
corpus rules still see cached documents, in the form the run hands them on (packed for the
streamed JSON report). Its key digests the file's bytes (a block's: every byte up to its end),
its path, every setting (rules, severities, options, load options), the mtcheck version and the
source of the installed mtcheck package, so any change to the input, the configuration or the
code makes a new key.

Concurrent runs are safe: every entry is its own file, written to a temporary file in the same
directory and renamed into place, so a reader sees a whole entry or none. An entry that cannot
be read (truncated, corrupt, from another Python) counts as a miss. The directory is trusted
like ``__pycache__``: entries are pickles written by mtcheck, never by scanned content.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import tempfile
import zlib
from collections.abc import Iterator
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import IO, Any

from mtcheck import __version__
from mtcheck.config import Settings

DEFAULT_DIR = ".mtcheck_cache"
_FORMAT = b"mtcheck-cache-2\n"
#: zlib's fastest level: entries hold rendered JSON and pickles, which it shrinks about
#: fivefold, at a small fraction of what scanning the same text costs
_LEVEL = 1


@cache
def code_digest() -> str:
    """Digest of the mtcheck package's source, so a changed rule invalidates cached results."""
    h = hashlib.blake2b(__version__.encode(), digest_size=16)
    root = Path(__file__).resolve().parent
    for p in sorted(root.rglob("*")):
        if p.suffix in (".py", ".json", ".txt", ".tsv") and "__pycache__" not in p.parts:
            h.update(str(p.relative_to(root)).encode())
            h.update(p.read_bytes())
    return h.hexdigest()


def settings_digest(settings: Settings) -> str:
    """Digest of everything in the settings that can change a result."""
    neutral = replace(settings, jobs=1, config_path=None)
    return hashlib.blake2b(repr(neutral).encode(), digest_size=16).hexdigest()


class Cache:
    """Entries under ``root``; ``hits`` and ``misses`` count lookups of this run."""

    def __init__(self, settings: Settings, root: str | Path = DEFAULT_DIR) -> None:
        self.root = Path(root)
        self.hits = 0
        self.misses = 0
        self.writes = 0
        self._prefix = f"{code_digest()}|{settings_digest(settings)}"

    def key(self, path: str, data: bytes, variant: str = "") -> str:
        h = hashlib.blake2b(digest_size=20)
        h.update(f"{self._prefix}|{path}|{variant}|".encode())
        h.update(data)
        return h.hexdigest()

    def _file(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.pkl"

    def get(self, key: str) -> list[Any] | None:
        """The cached results, or None (missing or unreadable entries alike)."""
        try:
            with open(self._file(key), "rb") as fh:
                if fh.read(len(_FORMAT)) != _FORMAT:
                    raise ValueError("not a cache entry")
                items = pickle.loads(zlib.decompress(fh.read()))
            if not isinstance(items, list):
                raise ValueError("malformed cache entry")
        except Exception:  # a missing, torn or foreign entry is simply a miss
            self.misses += 1
            return None
        self.hits += 1
        return items

    def writer(self, key: str) -> EntryWriter:
        return EntryWriter(self, self._file(key))


class EntryWriter:
    """Collects one file's results and commits them atomically (or drops them on abort)."""

    def __init__(self, cache: Cache, target: Path) -> None:
        self._cache = cache
        self._target = target
        self._items: list[Any] = []

    def add(self, item: Any) -> None:
        self._items.append(item)

    def commit(self) -> None:
        try:
            self._target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=self._target.parent)
        except OSError:
            return  # a read-only or full disk makes the cache a no-op, never an error
        try:
            with os.fdopen(fd, "wb") as fh:
                _dump(fh, self._items)
            os.replace(tmp, self._target)
            self._cache.writes += 1
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        finally:
            self._items = []


def _dump(fh: IO[bytes], items: list[Any]) -> None:
    fh.write(_FORMAT)
    fh.write(zlib.compress(pickle.dumps(items, protocol=pickle.HIGHEST_PROTOCOL), _LEVEL))


def entries(root: str | Path = DEFAULT_DIR) -> Iterator[Path]:
    """Every entry file under ``root`` (for tests and housekeeping)."""
    yield from sorted(Path(root).glob("*/*.pkl"))
