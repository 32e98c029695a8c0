"""Arrays derived from installed data files, kept on disk so the next process maps them.

Some tables mtcheck reads at start are expensive to derive and never change while the
installed packages stay the same: py3langid's model is LZMA-compressed (a third of a second
to decompress in every process), and wordfreq's word lists are gzipped msgpack that must be
decoded and hashed word by word. Such a table is written once as plain ``.npy`` files and
memory-mapped by later processes, which then pay milliseconds, share the pages through the
operating system's file cache, and touch only the pages a lookup reads.

An entry is a directory of ``.npy`` files named by the table and a digest of its sources
(path, size and modification time of each file, the packages' versions and this module's
format), so an upgraded package makes a new entry; older entries of the same table are
removed. An entry is written into a temporary directory and renamed into place, so concurrent
processes see a whole entry or none; one that cannot be read counts as absent. Arrays are
loaded with ``allow_pickle=False``: an entry holds numbers, never code. A table is only ever a
copy of what its sources give, so results are the same with or without the cache.

The location is ``$MTCHECK_DATA_CACHE`` if set (``off`` disables the cache), else
``$XDG_CACHE_HOME/mtcheck`` or ``~/.cache/mtcheck``. A directory that cannot be written makes
the cache a no-op: tables are then derived in memory as before.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

#: bump when the layout of any table changes
_FORMAT = "1"
ENV = "MTCHECK_DATA_CACHE"


def root() -> Path | None:
    """Where entries live, or None when the cache is switched off."""
    configured = os.environ.get(ENV)
    if configured is not None:
        return None if configured.strip().lower() in ("", "off", "0", "no") else Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "mtcheck"


def digest(sources: Iterable[str | Path], versions: Iterable[str] = ()) -> str:
    """A key that changes when any source file or version does."""
    h = hashlib.blake2b(f"mtcheck-data-{_FORMAT}".encode(), digest_size=10)
    for v in versions:
        h.update(f"|{v}".encode())
    for src in sources:
        st = os.stat(src)
        h.update(f"|{os.path.abspath(src)}|{st.st_size}|{st.st_mtime_ns}".encode())
    return h.hexdigest()


def _load(entry: Path, names: Iterable[str]) -> dict[str, Any] | None:
    import numpy as np

    try:
        # plain ndarray views of the maps: np.memmap indexes through a Python-level method
        return {
            n: np.asarray(np.load(entry / f"{n}.npy", mmap_mode="r", allow_pickle=False))
            for n in names
        }
    except (OSError, ValueError):  # missing, torn or foreign: treat as absent
        return None


def _store(base: Path, entry: Path, arrays: Mapping[str, Any]) -> None:
    import numpy as np

    try:
        base.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".tmp-", dir=base))
    except OSError:
        return  # read-only or full: the cache is a no-op
    try:
        for name, arr in arrays.items():
            np.save(tmp / f"{name}.npy", np.ascontiguousarray(arr), allow_pickle=False)
        os.rename(tmp, entry)  # atomic; fails if another process renamed its copy first
    except OSError:
        shutil.rmtree(tmp, ignore_errors=True)
        return
    # entries of the same table from older sources are dead weight
    for old in base.glob(f"{entry.name.rsplit('-', 1)[0]}-*"):
        if old != entry and old.is_dir():
            shutil.rmtree(old, ignore_errors=True)


def arrays(
    table: str,
    key: str,
    names: Iterable[str],
    build: Callable[[], Mapping[str, Any]],
) -> Mapping[str, Any]:
    """The arrays ``names`` of ``table`` for ``key``: mapped from the cache when an entry
    exists, else built by ``build`` (and stored for the next process when possible)."""
    names = tuple(names)
    base = root()
    entry = None if base is None else base / f"{table}-{key}"
    if entry is not None and entry.is_dir():
        loaded = _load(entry, names)
        if loaded is not None:
            return loaded
        with contextlib.suppress(OSError):  # unreadable: replace it
            shutil.rmtree(entry)
    built = build()
    if set(built) != set(names):
        raise ValueError(f"table {table} built {sorted(built)}, expected {sorted(names)}")
    if entry is not None and base is not None:
        _store(base, entry, built)
    return built


def text_array(words: Iterable[str]) -> Any:
    """Strings as one array of UTF-8 bytes, newline-separated (no string may hold one)."""
    import numpy as np

    blob = "\n".join(words).encode("utf-8")
    return np.frombuffer(blob, dtype=np.uint8)


def strings(arr: Any) -> list[str]:
    """The strings of a :func:`text_array`."""
    if not len(arr):
        return []
    return bytes(arr).decode("utf-8").split("\n")
