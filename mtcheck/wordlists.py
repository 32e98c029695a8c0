"""wordfreq's word lists of languages other than English, as exact tables mapped from disk.

The foreign-word rules ask how frequent a word is in each of a dozen languages. wordfreq
keeps each list as gzipped msgpack, ordered by frequency; decoding one whole list costs a
tenth of a second and its words as a dict about 60 MB. Most questions concern a few
thousand words a run, so each list is converted once into a table of its words' UTF-8
bytes, grouped by byte length and sorted within each group, with each word's frequency
bin beside it (:mod:`mtcheck.datacache` keeps the table on disk). A lookup is one binary
search over the fixed-width byte strings of the word's length: exact, with no hash that
could make two words answer for each other, and it touches a few pages of the mapped file.
"""

from __future__ import annotations

import gzip
import os
from collections.abc import Mapping
from functools import cache
from typing import Any

from mtcheck import datacache

#: arrays of one table: ``words`` (the byte strings of each length group, concatenated),
#: ``bins`` (each word's wordfreq bin, Zipf = 9 - bin / 100) and ``groups`` (one row per
#: byte length: length, index of its first word, word count, byte offset in ``words``)
_ARRAYS = ("words", "bins", "groups")


def _encode(word: str) -> bytes:
    return word.encode("utf-8", "surrogatepass")


def build(path: str) -> dict[str, Any]:
    """The table of the wordfreq list at ``path`` (reads the whole file)."""
    import msgpack
    import numpy as np

    with gzip.open(path, "rb") as fh:
        data = msgpack.unpackb(fh.read(), raw=False)
    if not data or not isinstance(data[0], dict) or data[0].get("format") != "cB":
        raise ValueError(f"unexpected wordfreq file {path}")
    by_length: dict[int, tuple[list[bytes], list[int]]] = {}
    for i, words in enumerate(data[1:]):
        for w in words:
            if "\0" in w:
                continue  # fixed-width byte strings drop trailing NULs; wordfreq has none
            b = _encode(w)
            group = by_length.get(len(b))
            if group is None:
                group = by_length[len(b)] = ([], [])
            group[0].append(b)
            group[1].append(i)
    parts, bins, rows = [], [], []
    first = offset = 0
    for length in sorted(by_length):
        words, word_bins = by_length[length]
        arr = np.array(words, dtype=f"S{length}")
        # stable: a word listed twice keeps its more frequent bin first, where a search lands
        order = np.argsort(arr, kind="stable")
        parts.append(arr[order].view(np.uint8))
        bins.append(np.asarray(word_bins, dtype=np.int16)[order])
        rows.append((length, first, len(words), offset))
        first += len(words)
        offset += length * len(words)
    return {
        "words": np.concatenate(parts) if parts else np.zeros(0, np.uint8),
        "bins": np.concatenate(bins) if bins else np.zeros(0, np.int16),
        "groups": np.array(rows, dtype=np.int64).reshape(-1, 4),
    }


class WordList:
    """One language's list: :meth:`bin` and :meth:`zipf` of any word, exactly as wordfreq
    lists it (wordfreq's own tokenisation of the word is the caller's business)."""

    def __init__(self, arrays: Mapping[str, Any]) -> None:
        self._words = arrays["words"]
        self._bins = arrays["bins"]
        self._groups = {
            int(length): (int(first), int(count), int(offset))
            for length, first, count, offset in arrays["groups"].tolist()
        }
        #: per byte length, made on first use: (fixed-width words, their bins, count)
        self._views: dict[int, tuple[Any, Any, int]] = {}

    def __len__(self) -> int:
        return len(self._bins)

    def _view(self, length: int) -> tuple[Any, Any, int] | None:
        view = self._views.get(length)
        if view is None:
            group = self._groups.get(length)
            if group is None:
                return None
            first, count, offset = group
            words = self._words[offset : offset + length * count].view(f"S{length}")
            view = self._views[length] = (words, self._bins[first : first + count], count)
        return view

    def bin(self, word: str) -> int | None:
        """The word's wordfreq bin, or None if the list lacks it."""
        if "\0" in word:
            return None
        b = word.encode("utf-8", "surrogatepass")
        found = self._view(len(b))
        if found is None:
            return None
        words, bins, count = found
        at = int(words.searchsorted(b))
        if at < count and words.item(at) == b:
            return int(bins.item(at))
        return None

    def zipf(self, word: str) -> float:
        """wordfreq's Zipf frequency of the word as listed (0.0 when it is not)."""
        i = self.bin(word)
        return 0.0 if i is None else max(0.0, round(9.0 - i / 100, 2))

    def words_through(self, last_bin: int) -> list[str]:
        """Every word in bins up to ``last_bin`` (the most frequent words)."""
        import numpy as np

        out: list[str] = []
        for length in sorted(self._groups):
            found = self._view(length)
            assert found is not None
            words, bins, _ = found
            keep = np.flatnonzero(bins <= last_bin)
            out.extend(b.decode("utf-8", "surrogatepass") for b in words[keep].tolist())
        return out


@cache
def word_list(path: str) -> WordList:
    """The table of the wordfreq list at ``path``, mapped from the data cache (built and
    stored there on first use)."""
    name = "wordfreq-" + os.path.basename(path).split(".", 1)[0]
    versions = [f"wordfreq {_wordfreq_version()}"]
    return WordList(datacache.arrays(name, [path], versions, _ARRAYS, lambda: build(path)))


@cache
def _wordfreq_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("wordfreq")
    except PackageNotFoundError:  # pragma: no cover - a copy not installed as a package
        return ""
