"""Hyphenation points from pyphen's pattern files, as textstat counts syllables with them.

textstat counts a word's syllables as its hyphenation points plus one wherever the CMU
dictionary lacks it (always, for languages other than English). pyphen parses a language's
pattern file in Python on every process start: 0.06 s for English, half a second for German
or Hungarian, paid again by each ``--jobs`` worker that meets one document in the language.
Here pyphen parses each file once; the patterns are kept in the data cache
(:mod:`mtcheck.datacache`) as arrays, and later processes rebuild the pattern dict from them
in a few milliseconds. The points are found the way pyphen finds them (Liang's algorithm: every
substring of the dotted word that is a pattern raises the levels at its positions, and odd
levels are points); a test compares the counts with pyphen's for sampled words of each
language.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from mtcheck import datacache

_ARRAYS = ("keys", "starts", "levels", "ends")
#: pyphen's margins (its defaults, which textstat uses): no point within two letters of an end
LEFT = 2
RIGHT = 2


def _pattern_arrays(path: str) -> dict[str, Any]:
    """pyphen's parsed patterns of the file at ``path``: each key, the offset of its first
    nonzero level, and its levels (parity is all that counts: a nonstandard-hyphenation level
    is kept as its number)."""
    import numpy as np
    from pyphen import HyphDict

    patterns = HyphDict(Path(path)).patterns
    keys = [k for k in patterns if k]  # a search never asks for the empty string
    starts = [patterns[k][0] for k in keys]
    levels: list[int] = []
    ends = []
    for k in keys:
        levels.extend(int(v) for v in patterns[k][1])
        ends.append(len(levels))
    return {
        "keys": datacache.text_array(keys),
        "starts": np.asarray(starts, dtype=np.int32),
        "levels": np.asarray(levels, dtype=np.uint8),
        "ends": np.asarray(ends, dtype=np.int64),
    }


class Patterns:
    """One language's hyphenation patterns: :meth:`points` of a word."""

    def __init__(self, arrays: Any) -> None:
        keys = datacache.strings(arrays["keys"])
        starts = arrays["starts"].tolist()
        levels = arrays["levels"].tolist()
        ends = arrays["ends"].tolist()
        begins = [0, *ends[:-1]]
        self.patterns: dict[str, tuple[int, tuple[int, ...]]] = {
            k: (s, tuple(levels[b:e]))
            for k, s, b, e in zip(keys, starts, begins, ends, strict=True)
        }
        self.maxlen = max(map(len, keys), default=0)

    def points(self, word: str) -> int:
        """How many hyphenation points pyphen's ``Pyphen.positions`` gives for ``word``."""
        dotted = f".{word.lower()}."
        n = len(dotted)
        levels = [0] * (n + 1)
        get = self.patterns.get
        maxlen = self.maxlen
        for i in range(n - 1):
            for j in range(i + 1, min(i + maxlen, n) + 1):
                found = get(dotted[i:j])
                if found is None:
                    continue
                at = i + found[0]
                for k, v in enumerate(found[1], at):
                    if v > levels[k]:
                        levels[k] = v
        # level k sits before letter k - 1 of the word; pyphen keeps points LEFT..len - RIGHT
        last = len(word) - RIGHT
        return sum(1 for k in range(LEFT + 1, last + 2) if levels[k] & 1)


def pattern_file(lang: str) -> str:
    """The pattern file pyphen uses for ``lang`` (as ``Pyphen(lang=lang)`` picks it)."""
    from pyphen import LANGUAGES, language_fallback

    name = language_fallback(lang)
    if name is None:
        raise KeyError(f"pyphen has no hyphenation patterns for {lang!r}")
    return str(LANGUAGES[name])


def table_name(lang: str) -> str:
    """The data-cache table name of ``lang``'s patterns."""
    return "hyphenation-" + lang.replace("_", "-")


@cache
def patterns(lang: str) -> Patterns:
    """The patterns of ``lang``, mapped from the data cache (parsed by pyphen on first use)."""
    path = pattern_file(lang)
    versions = [f"pyphen {datacache.package_version('pyphen')}"]
    name = table_name(lang)
    return Patterns(
        datacache.arrays(name, [path], versions, _ARRAYS, lambda: _pattern_arrays(path))
    )
