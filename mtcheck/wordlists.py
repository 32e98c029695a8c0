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
from collections.abc import Mapping, Sequence
from functools import cache
from itertools import chain
from typing import Any

from mtcheck import datacache

#: arrays of one table: ``words`` (the byte strings of each length group, concatenated),
#: ``bins`` (each word's bin: for wordfreq, Zipf = 9 - bin / 100), ``groups`` (one row per
#: byte length: length, index of its first word, word count, byte offset in ``words``) and
#: ``top`` (the words of the first bins, in list order)
ARRAYS = ("words", "bins", "groups", "top")
#: wordfreq bins kept in ``top``: Zipf 6 and above, a few hundred words a language
TOP_BIN = 300


def table(words: Sequence[str], bins: Sequence[int] | Any, top_bin: int = -1) -> dict[str, Any]:
    """The arrays of a table of ``words`` with their ``bins`` (same length; 0 to 32767); a
    word listed twice keeps the bin of its first entry, and empty words are left out. Words of
    bins up to ``top_bin`` are also kept in entry order, for :meth:`WordList.top_words`.

    Vectorised: the words are encoded as one NUL-separated buffer and each length group is
    gathered and sorted by NumPy. A Python loop over the entries took 0.25 s for each large
    wordfreq list, most of a first scan's conversion time.
    """
    import numpy as np

    bin_arr = np.asarray(bins, dtype=np.int64)
    if bin_arr.shape != (len(words),):
        raise ValueError("a table needs one bin for each word")
    if len(bin_arr) and (bin_arr.min() < 0 or bin_arr.max() > np.iinfo(np.int16).max):
        raise ValueError("a table's bins are 0 to 32767")
    bin_arr = bin_arr.astype(np.int16)
    joined = "\0".join(words)
    if joined.count("\0") != max(len(words) - 1, 0):
        # fixed-width byte strings drop trailing NULs; no listed word holds one
        keep_words = [i for i, w in enumerate(words) if "\0" not in w]
        words = [words[i] for i in keep_words]
        bin_arr = bin_arr[keep_words]
        joined = "\0".join(words)
    # UTF-8 (with lone surrogates passed through) never writes a zero byte for another
    # character, so the NULs are exactly the separators
    # (no ``joined + "\0"``: a list with one emoji makes the joined text four bytes a
    # character, and that copy doubled the builder's peak memory)
    encoded = joined.encode("utf-8", "surrogatepass") + b"\0" if words else b""
    del joined
    buf = np.frombuffer(encoded, dtype=np.uint8)
    # positions as 32-bit where they fit: several arrays of one entry per word are alive at once
    pos: Any = np.int32 if len(buf) < 2**31 else np.int64
    ends: Any = np.flatnonzero(buf == 0).astype(pos)
    starts: Any = np.concatenate((np.zeros(1, pos), ends[:-1] + 1)) if len(ends) else ends
    lengths = ends - starts
    del ends
    top_at = np.flatnonzero((lengths > 0) & (bin_arr <= top_bin))
    top = [words[i] for i in top_at.tolist()]
    parts, out_bins, rows = [], [], []
    first = offset = 0
    by_length = np.argsort(lengths, kind="stable")  # entry order within each length
    sorted_lengths = lengths[by_length]
    cuts = np.flatnonzero(np.diff(sorted_lengths)) + 1
    for idx in np.split(by_length, cuts):
        length = int(lengths[idx[0]]) if len(idx) else 0
        if length == 0:
            continue
        # one column of bytes at a time: a full index of the group would take 8 bytes per byte
        first_bytes = starts[idx]
        gathered = np.empty((len(idx), length), dtype=np.uint8)
        for k in range(length):
            gathered[:, k] = buf[first_bytes + k]
        arr = gathered.view(f"S{length}").ravel()
        # stable: of a word listed twice the first entry comes first, where a search lands
        order = np.argsort(arr, kind="stable")
        parts.append(arr[order].view(np.uint8))
        out_bins.append(bin_arr[idx][order])
        rows.append((length, first, len(idx), offset))
        first += len(idx)
        offset += length * len(idx)
    return {
        "words": np.concatenate(parts) if parts else np.zeros(0, np.uint8),
        "bins": np.concatenate(out_bins) if out_bins else np.zeros(0, np.int16),
        "groups": np.array(rows, dtype=np.int64).reshape(-1, 4),
        "top": datacache.text_array(top),
    }


def read_bins(path: str) -> list[list[str]]:
    """The words of the wordfreq list at ``path``, by frequency bin (one centibel each), the
    most frequent bin first (reads the whole file)."""
    import msgpack

    with gzip.open(path, "rb") as fh:
        data = msgpack.unpackb(fh.read(), raw=False)
    if not data or not isinstance(data[0], dict) or data[0].get("format") != "cB":
        raise ValueError(f"unexpected wordfreq file {path}")
    rows: list[list[str]] = data[1:]
    return rows


def build(path: str) -> dict[str, Any]:
    """The table of the wordfreq list at ``path``; wordfreq lists the most frequent bin
    first, so a word listed twice keeps its more frequent bin."""
    import numpy as np

    rows = read_bins(path)
    words = list(chain.from_iterable(rows))
    bins = np.repeat(np.arange(len(rows)), [len(r) for r in rows])
    return table(words, bins, TOP_BIN)


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


def table_name(path: str) -> str:
    """The data-cache table name of the wordfreq list at ``path`` (``wordfreq-large_de``)."""
    return "wordfreq-" + os.path.basename(path).split(".", 1)[0]


@cache
def word_list(path: str) -> WordList:
    """The table of the wordfreq list at ``path``, mapped from the data cache (built and
    stored there on first use)."""
    name = table_name(path)
    versions = [f"wordfreq {datacache.package_version('wordfreq')}"]
    return WordList(datacache.arrays(name, [path], versions, ARRAYS, lambda: build(path)))
