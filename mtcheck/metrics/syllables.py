"""English syllable counts without loading the CMU dictionary at run time.

textstat counts syllables with the CMU pronouncing dictionary (the stressed phones of a word's
first pronunciation) and falls back to pyphen's hyphenation for unknown words. Parsing the CMU
dictionary takes seconds, on every process start and in every worker. This module ships the
same counts as a compact table (``mtcheck/data/syllables_en.txt.gz``: word, tab, count), built
once from the CMU data with ``python -m mtcheck.metrics.syllables``, and uses textstat's own
pyphen fallback for words outside it, so counts equal textstat's (tested).
"""

from __future__ import annotations

import gzip
from functools import cache
from pathlib import Path
from typing import Any

from mtcheck import datacache, wordlists
from mtcheck.metrics import hyphenation

TABLE = Path(__file__).resolve().parent.parent / "data" / "syllables_en.txt.gz"
#: data-cache table name of the counts
CACHE_TABLE = "syllables"


def _read() -> tuple[list[str], list[int]]:
    """The shipped words and their counts, in file order."""
    words, counts = [], []
    with gzip.open(TABLE, "rt", encoding="utf-8") as fh:
        for line in fh:
            word, _, n = line.rstrip("\n").partition("\t")
            words.append(word)
            counts.append(int(n))
    return words, counts


@cache
def _table() -> wordlists.WordList:
    """The shipped counts as a table in the data cache (as a dict, 10 MB in every process);
    a word's ``bin`` is its count."""
    return wordlists.WordList(
        datacache.arrays(
            CACHE_TABLE, [str(TABLE)], [], wordlists.ARRAYS, lambda: wordlists.table(*_read())
        )
    )


def in_dictionary(word: str) -> bool:
    """Whether the CMU pronouncing dictionary lists ``word`` (lowercase, as it spells it)."""
    return word in _table()


@cache
def _list_words() -> Any:
    from textstat.backend.selections._list_words import list_words

    return list_words


def _textstat_words(word: str) -> list[str]:
    """textstat's words of ``word`` (``list_words(word, lowercase=True)``). A word of letters
    only is its own single word, lowercased: textstat removes punctuation, lowercases and
    splits at whitespace, and a letter is neither punctuation nor whitespace. That answer
    skips its regex substitutions, which cost most of a new word's syllable count."""
    if word.isalpha():
        return [word.lower()]
    words: list[str] = _list_words()(word, lowercase=True)
    return words


def english_syllables(word: str) -> int:
    """Syllables of an English word form, as textstat counts them (same tokenisation)."""
    table = _table()
    count = 0
    for w in _textstat_words(word):
        n = table.bin(w)
        count += n if n is not None else hyphenation.patterns("en").points(w) + 1
    return count


def syllables(word: str, lang: str) -> int:
    """Syllables of a word form in a language textstat has no CMU dictionary for, as textstat
    counts them: its hyphenation points plus one, for each of textstat's tokens."""
    points = hyphenation.patterns(lang).points
    return sum(points(w) + 1 for w in _textstat_words(word))


def build(target: Path = TABLE) -> int:
    """Write the table from the CMU dictionary that textstat uses; returns the entry count."""
    from textstat.backend.utils._get_cmudict import get_cmudict

    cmu = get_cmudict("en")
    rows = []
    for word in sorted(cmu):
        phones = cmu[word][0]
        rows.append(f"{word}\t{sum(1 for p in phones if p[-1].isdigit())}\n")
    # mtime 0: the same data gives the same bytes
    with (
        open(target, "wb") as raw,
        gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, compresslevel=9) as fh,
    ):
        fh.write("".join(rows).encode("utf-8"))
    return len(rows)


if __name__ == "__main__":
    print(f"{build()} words written to {TABLE}")
