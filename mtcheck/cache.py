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
be read (truncated, corrupt, from another Python) counts as a miss.

Entries are pickles, and the folder sits in the scanned project, which in CI is whatever a pull
request commits. So every entry is signed: an HMAC-SHA256 of its bytes under a key of this
user's (``result-cache.key`` in the data cache folder, see :mod:`mtcheck.datacache`, made
with mode 0600 on first use). An entry whose signature does not check is a miss and is never
unpickled; entries copied from another machine or user are misses too. With the data cache
off or not writable there is no key, and the result cache is neither read nor written.

An edited file leaves its old entry behind, so the folder is swept at most once a day: entries
neither read nor written for 30 days go, and so do temporary files a stopped run left. The
folder also holds a ``.gitignore`` that ignores it, and a ``CACHEDIR.TAG`` that backup tools
know to skip.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import pickle
import re
import tempfile
import time
import zlib
from collections.abc import Iterator
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import IO, Any

from mtcheck import __version__
from mtcheck.config import Settings

DEFAULT_DIR = ".mtcheck_cache"
_FORMAT = b"mtcheck-cache-3\n"
#: the signing key's file in the data cache folder, and its length in bytes
KEY_FILE = "result-cache.key"
_KEY_BYTES = 32
_SIGNATURE_BYTES = hashlib.sha256().digest_size
#: an entry neither read nor written for this long is removed by the next sweep
STALE_SECONDS = 30 * 86400
#: a temporary file this old was left by a run stopped while writing it
ABANDONED_SECONDS = 3600
#: the folder is swept at most this often (its marker file's age tells)
SWEEP_SECONDS = 86400
_SWEPT = "last-swept"
#: written into a new cache folder: it is not to be committed, nor backed up
_MARKERS = {
    ".gitignore": "# written by mtcheck: its result cache is not to be committed\n*\n",
    # the signature the Cache Directory Tagging Specification fixes
    "CACHEDIR.TAG": (
        "Signature: 8a477f597d28d172789f06886806bc55\n"
        "# This file is a cache directory tag created by mtcheck.\n"
    ),
}
_ENTRY_DIR_RE = re.compile(r"[0-9a-f]{2}")
_ENTRY_RE = re.compile(r"[0-9a-f]{40}\.pkl")
_TMP_RE = re.compile(r"\..*\.tmp")
#: zlib's fastest level: entries hold rendered JSON and pickles, which it shrinks about
#: fivefold, at a small fraction of what scanning the same text costs
_LEVEL = 1


@cache
def signing_key() -> bytes | None:
    """This user's key for signing result-cache entries, from the data cache folder, made
    there (readable by the user only) on first use or when the file there is damaged; None
    where that folder is off or cannot be written, and the result cache is then not used."""
    from mtcheck import datacache

    base = datacache.root()
    if base is None:
        return None
    path = base / KEY_FILE
    try:
        base.mkdir(parents=True, exist_ok=True)
        missing = False
        try:
            with open(path, "rb") as fh:
                key = fh.read(_KEY_BYTES + 1)
        except FileNotFoundError:
            key, missing = b"", True
        if len(key) == _KEY_BYTES:
            return key
        # none yet, or one a stopped run left short: a new one, moved into place whole
        fd, tmp = tempfile.mkstemp(prefix=".key-", dir=base)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(os.urandom(_KEY_BYTES))
            if missing and os.path.exists(path):
                pass  # another process made one meanwhile: that one is used
            else:
                os.replace(tmp, path)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        with open(path, "rb") as fh:
            key = fh.read(_KEY_BYTES + 1)
        return key if len(key) == _KEY_BYTES else None
    except OSError:
        return None


def _signature(payload: bytes, key: bytes) -> bytes:
    return hmac.new(key, payload, hashlib.sha256).digest()


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
    """Digest of everything in the settings that can change a result, the content of the
    files they name (a fluency model, reference translations) included."""
    neutral = replace(settings, jobs=1, config_path=None)
    h = hashlib.blake2b(repr(neutral).encode(), digest_size=16)
    for path in (settings.fluency_model, settings.reference):
        if path is not None:
            try:
                data = Path(path).read_bytes()
            except OSError as e:  # the run reports it; the key only has to differ
                data = f"unreadable: {e}".encode()
            h.update(f"|{len(data)}|".encode())  # where one file ends and the next begins
            h.update(data)
    return h.hexdigest()


class Cache:
    """Entries under ``root``; ``hits`` and ``misses`` count lookups of this run."""

    def __init__(self, settings: Settings, root: str | Path = DEFAULT_DIR) -> None:
        self.root = Path(root)
        self.hits = 0
        self.misses = 0
        self.writes = 0
        self._prepared = False
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
            secret = signing_key()
            if secret is None:
                raise ValueError("no key to check entries with")
            with open(self._file(key), "rb") as fh:
                if fh.read(len(_FORMAT)) != _FORMAT:
                    raise ValueError("not a cache entry")
                signature = fh.read(_SIGNATURE_BYTES)
                payload = fh.read()
            if not hmac.compare_digest(signature, _signature(payload, secret)):
                raise ValueError("not signed by this user's key")  # never unpickled
            items = pickle.loads(zlib.decompress(payload))
            if not isinstance(items, list):
                raise ValueError("malformed cache entry")
        except Exception:  # a missing, torn or foreign entry is simply a miss
            self.misses += 1
            return None
        self.hits += 1
        with contextlib.suppress(OSError):
            os.utime(self._file(key), follow_symlinks=False)  # in use: kept by the sweep
        return items

    def sweep(self, now: float | None = None) -> int:
        """Remove entries unused for ``STALE_SECONDS`` and temporary files older than
        ``ABANDONED_SECONDS``, unless the folder was swept less than ``SWEEP_SECONDS`` ago;
        returns the number of files removed. Only names this module gives are touched."""
        now = time.time() if now is None else now
        marker = self.root / _SWEPT
        try:
            if now - os.stat(marker, follow_symlinks=False).st_mtime < SWEEP_SECONDS:
                return 0
        except OSError:
            pass  # never swept, or no folder yet
        try:
            # links are never followed: only what the cache wrote inside its folder goes
            subdirs = [
                d
                for d in os.scandir(self.root)
                if _ENTRY_DIR_RE.fullmatch(d.name) and d.is_dir(follow_symlinks=False)
            ]
        except OSError:
            return 0
        with contextlib.suppress(OSError):
            _mark(self.root)  # a folder made by an older mtcheck gets its markers too
        removed = 0
        for sub in subdirs:
            try:
                files = list(os.scandir(sub.path))
            except OSError:
                continue
            for f in files:
                if not f.is_file(follow_symlinks=False):
                    continue
                if _ENTRY_RE.fullmatch(f.name):
                    limit = STALE_SECONDS
                elif _TMP_RE.fullmatch(f.name):
                    limit = ABANDONED_SECONDS
                else:
                    continue
                try:
                    if now - f.stat(follow_symlinks=False).st_mtime > limit:
                        os.unlink(f.path)
                        removed += 1
                except OSError:
                    continue  # removed meanwhile by another run
            with contextlib.suppress(OSError):
                os.rmdir(sub.path)  # only when empty
        with contextlib.suppress(OSError):
            if not os.path.lexists(marker):
                with open(marker, "x"):
                    pass
            os.utime(marker, (now, now), follow_symlinks=False)
        return removed

    def prepare_folder(self) -> None:
        """The cache folder, with its markers when this makes it; checked once per object
        rather than once per entry written (raises OSError)."""
        if not self._prepared:
            if not self.root.is_dir():
                _create(self.root)
            self._prepared = True

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
        secret = signing_key()
        if secret is None:
            self._items = []
            return  # no entry can be checked later: none is written
        try:
            self._cache.prepare_folder()
            self._target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=self._target.parent)
        except OSError:
            return  # a read-only or full disk makes the cache a no-op, never an error
        try:
            with os.fdopen(fd, "wb") as fh:
                _dump(fh, self._items, secret)
            os.replace(tmp, self._target)
            self._cache.writes += 1
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        finally:
            self._items = []


def _create(root: Path) -> None:
    """The cache folder, with its markers."""
    root.mkdir(parents=True, exist_ok=True)
    _mark(root)


def _mark(root: Path) -> None:
    for name, content in _MARKERS.items():
        with contextlib.suppress(FileExistsError), open(root / name, "x", encoding="utf-8") as fh:
            fh.write(content)


def _dump(fh: IO[bytes], items: list[Any], secret: bytes) -> None:
    payload = zlib.compress(pickle.dumps(items, protocol=pickle.HIGHEST_PROTOCOL), _LEVEL)
    fh.write(_FORMAT)
    fh.write(_signature(payload, secret))
    fh.write(payload)


def entries(root: str | Path = DEFAULT_DIR) -> Iterator[Path]:
    """Every entry file under ``root`` (for tests and housekeeping)."""
    yield from sorted(Path(root).glob("*/*.pkl"))
