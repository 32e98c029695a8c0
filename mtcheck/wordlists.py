"""Word tables mapped from disk: wordfreq's lists of languages other than English, and the
English dictionary headwords and syllable counts (:mod:`mtcheck.lexicon`,
:mod:`mtcheck.metrics.syllables`).

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
from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any

from mtcheck import datacache

#: arrays of one table: ``words`` (the byte strings of each length group, concatenated),
#: ``bins`` (each word's bin: for wordfreq, Zipf = 9 - bin / 100), ``groups`` (one row per
#: byte length: length, index of its first word, word count, byte offset in ``words``) and
#: ``top`` (the words of the first bins, in list order)
ARRAYS = ("words", "bins", "groups", "top")
#: wordfreq bins kept in ``top``: Zipf 6 and above, a few hundred words a language
TOP_BIN = 300


def table(entries: Iterable[tuple[str, int]], top_bin: int = -1) -> dict[str, Any]:
    """The arrays of a table of ``(word, bin)`` entries; a word listed twice keeps the bin of
    its first entry. Words of bins up to ``top_bin`` are also kept in entry order, for
    :meth:`WordList.top_words`."""
    import numpy as np

    by_length: dict[int, tuple[list[bytes], list[int]]] = {}
    top: list[str] = []
    for w, i in entries:
        if not w or "\0" in w:
            continue  # fixed-width byte strings drop trailing NULs; no listed word holds one
        if i <= top_bin:
            top.append(w)
        b = w.encode("utf-8", "surrogatepass")
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
        # stable: of a word listed twice the first entry comes first, where a search lands
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
        "top": datacache.text_array(top),
    }


def build(path: str) -> dict[str, Any]:
    """The table of the wordfreq list at ``path`` (reads the whole file); wordfreq lists the
    most frequent bin first, so a word listed twice keeps its more frequent bin."""
    import msgpack

    with gzip.open(path, "rb") as fh:
        data = msgpack.unpackb(fh.read(), raw=False)
    if not data or not isinstance(data[0], dict) or data[0].get("format") != "cB":
        raise ValueError(f"unexpected wordfreq file {path}")
    return table(((w, i) for i, words in enumerate(data[1:]) for w in words), TOP_BIN)


class WordList:
    """A table of words: :meth:`bin`, :meth:`zipf` and ``in`` of any word, exactly as listed
    (for a wordfreq list, its own tokenisation of the word is the caller's business)."""

    def __init__(self, arrays: Mapping[str, Any]) -> None:
        self._words = arrays["words"]
        self._bins = arrays["bins"]
        self._top = arrays["top"]
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

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self.bin(word) is not None

    def zipf(self, word: str) -> float:
        """wordfreq's Zipf frequency of the word as listed (0.0 when it is not)."""
        i = self.bin(word)
        return 0.0 if i is None else max(0.0, round(9.0 - i / 100, 2))

    def top_words(self) -> list[str]:
        """The words of the table's first bins (for a wordfreq list, Zipf 6 and above), most
        frequent first: kept apart so that listing them touches none of the table."""
        return datacache.strings(self._top)


@cache
def word_list(path: str) -> WordList:
    """The table of the wordfreq list at ``path``, mapped from the data cache (built and
    stored there on first use)."""
    name = "wordfreq-" + os.path.basename(path).split(".", 1)[0]
    versions = [f"wordfreq {datacache.package_version('wordfreq')}"]
    return WordList(datacache.arrays(name, [path], versions, ARRAYS, lambda: build(path)))
