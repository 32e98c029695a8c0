"""Arrays derived from installed data files, kept on disk so the next process maps them.

Some tables mtcheck reads at start are expensive to derive and never change while the
installed packages stay the same: py3langid's model is LZMA-compressed (a third of a second
to decompress in every process), and wordfreq's word lists are gzipped msgpack that must be
decoded word by word. Such a table is written once as plain ``.npy`` files and
memory-mapped by later processes, which then pay milliseconds, share the pages through the
operating system's file cache, and touch only the pages a lookup reads.

An entry is a directory of ``.npy`` files named by the table, its sources' paths and a
digest of the sources (size and modification time of each file, the packages' versions, and
the source of the code that builds the table), so an upgraded package makes a new entry;
the older entry of the same table and install is then removed, and so is any entry unused
for 30 days. An entry is written into a temporary directory and renamed into place, so
concurrent processes see a whole entry or none; one that cannot be read counts as absent.
Arrays are loaded with ``allow_pickle=False``: an entry holds numbers, never code. A table
is only ever a copy of what its sources give, so results are the same with or without the
cache.

The location is ``$MTCHECK_DATA_CACHE`` if set (``off`` disables the cache), else
``$XDG_CACHE_HOME/mtcheck`` or ``~/.cache/mtcheck``. A directory that cannot be written makes
the cache a no-op: every process then derives the tables it needs in memory.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

#: bump when the layout of any table changes
_FORMAT = "1"
ENV = "MTCHECK_DATA_CACHE"
#: an entry not used for this long is removed when another entry is stored (other installs
#: of the same packages keep entries of their own, which nothing else would remove)
STALE_SECONDS = 30 * 86400
#: a half-written entry this old was left by a process that died while writing it
ABANDONED_SECONDS = 3600
#: names of what this module writes: only these are ever removed (the folder may be one the
#: user also keeps other things in)
_ENTRY_RE = re.compile(r"[A-Za-z][A-Za-z0-9_-]*-[0-9a-f]{8}-[0-9a-f]{20}")
_TMP_PREFIX = ".mtcheck-tmp-"


def root() -> Path | None:
    """Where entries live, or None when the cache is switched off."""
    configured = os.environ.get(ENV)
    if configured is not None:
        return None if configured.strip().lower() in ("", "off", "0", "no") else Path(configured)
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        home = os.path.expanduser("~")
        if home == "~":
            return None  # no home directory: never a folder named "~" in the working directory
        base = os.path.join(home, ".cache")
    return Path(base) / "mtcheck"


@cache
def package_version(name: str) -> str:
    """The installed version of a package ("" when it is not installed as one)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return ""


def digest(sources: Iterable[str | Path], versions: Iterable[str] = ()) -> str:
    """A key that changes when any source file or version does."""
    h = hashlib.blake2b(f"mtcheck-data-{_FORMAT}".encode(), digest_size=10)
    for v in versions:
        h.update(f"|{v}".encode())
    for src in sources:
        st = os.stat(src)
        h.update(f"|{os.path.abspath(src)}|{st.st_size}|{st.st_mtime_ns}".encode())
    return h.hexdigest()


@cache
def _code_digest(modules: tuple[str, ...]) -> str:
    h = hashlib.blake2b(digest_size=8)
    for name in sorted(set(modules)):
        path = getattr(sys.modules.get(name), "__file__", None)
        if path:
            with contextlib.suppress(OSError):
                h.update(Path(path).read_bytes())
    return f"code {h.hexdigest()}"


def entry_name(
    table: str, sources: Sequence[str | Path], versions: Sequence[str], builder: str
) -> str:
    """``TABLE-PLACE-KEY``: one entry per table and install (the sources' paths, PLACE),
    replaced when the sources, the versions or the code that builds it (this module, the
    word tables and the module ``builder``) change (KEY)."""
    paths = "|".join(os.path.abspath(s) for s in sources)
    place = hashlib.blake2b(paths.encode(), digest_size=4).hexdigest()
    code = _code_digest((__name__, "mtcheck.wordlists", builder))
    return f"{table}-{place}-{digest(sources, [*versions, code])}"


def _load(entry: Path, names: Iterable[str]) -> dict[str, Any] | None:
    import numpy as np

    out = {}
    try:
        for n in names:
            path = entry / f"{n}.npy"
            try:
                # a plain ndarray view of the map: np.memmap indexes through Python code
                out[n] = np.asarray(np.load(path, mmap_mode="r", allow_pickle=False))
            except ValueError:
                # some numpy versions cannot map an empty array; a torn file fails here too
                out[n] = np.load(path, allow_pickle=False)
    except (OSError, ValueError):  # missing, torn or foreign: treat as absent
        return None
    return out


def _prune(base: Path, entry: Path) -> None:
    """Remove older entries of the entry's table, entries unused for ``STALE_SECONDS`` and
    half-written ones abandoned for ``ABANDONED_SECONDS``."""
    table = entry.name.rsplit("-", 1)[0]
    now = time.time()
    try:
        others = [p for p in base.iterdir() if p != entry]
    except OSError:
        return
    for old in others:
        try:
            age = now - old.stat().st_mtime
        except OSError:
            continue  # removed meanwhile by another process
        if old.name.startswith(_TMP_PREFIX):
            doomed = age > ABANDONED_SECONDS
        elif _ENTRY_RE.fullmatch(old.name):
            doomed = old.name.rsplit("-", 1)[0] == table or age > STALE_SECONDS
        else:
            doomed = False
        if doomed and old.is_dir():
            shutil.rmtree(old, ignore_errors=True)


def _store(base: Path, entry: Path, arrays: Mapping[str, Any]) -> bool:
    """Write the entry; whether it is in place afterwards (written here or by a process that
    renamed its copy first)."""
    import numpy as np

    try:
        base.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=_TMP_PREFIX, dir=base))
    except OSError:
        return False  # read-only or full: the cache is a no-op
    try:
        for name, arr in arrays.items():
            np.save(tmp / f"{name}.npy", np.ascontiguousarray(arr), allow_pickle=False)
        os.rename(tmp, entry)  # atomic; fails if another process renamed its copy first
    except OSError:
        shutil.rmtree(tmp, ignore_errors=True)
        return entry.is_dir()
    _prune(base, entry)
    return True


#: the entry each table was mapped from or stored in by this process, by table name
_ENTRIES: dict[str, Path] = {}


def entry_of(table: str) -> Path | None:
    """The cache entry this process mapped ``table`` from or stored it in (None when it
    built the table without storing it, or never asked for it)."""
    return _ENTRIES.get(table)


def arrays(
    table: str,
    sources: Sequence[str | Path],
    versions: Sequence[str],
    names: Iterable[str],
    build: Callable[[], Mapping[str, Any]],
) -> Mapping[str, Any]:
    """The arrays ``names`` that ``build`` derives from the files ``sources`` (with the
    packages at ``versions``): mapped from the cache when an entry exists, else built (and
    stored for the next process when possible)."""
    names = tuple(names)
    base = root()
    entry = None
    if base is not None:
        entry = base / entry_name(table, sources, versions, build.__module__)
    if entry is not None and entry.is_dir():
        loaded = _load(entry, names)
        if loaded is not None:
            with contextlib.suppress(OSError):
                os.utime(entry)  # in use: not stale
            _ENTRIES[table] = entry
            return loaded
        with contextlib.suppress(OSError):  # unreadable: replace it
            shutil.rmtree(entry)
    built = build()
    if set(built) != set(names):
        raise ValueError(f"table {table} built {sorted(built)}, expected {sorted(names)}")
    if entry is not None and base is not None and _store(base, entry, built):
        _ENTRIES[table] = entry
    return built


def text_array(words: Iterable[str]) -> Any:
    """Strings as one array of UTF-8 bytes (lone surrogates passed through), newline-separated
    (a string holding a newline is refused: :func:`strings` would split it)."""
    import numpy as np

    words = list(words)
    joined = "\n".join(words)
    if joined.count("\n") != max(len(words) - 1, 0):
        raise ValueError("a string of a text array holds a newline")
    blob = joined.encode("utf-8", "surrogatepass")
    return np.frombuffer(blob, dtype=np.uint8)


def strings(arr: Any) -> list[str]:
    """The strings of a :func:`text_array`."""
    if not len(arr):
        return []
    return bytes(arr).decode("utf-8", "surrogatepass").split("\n")
