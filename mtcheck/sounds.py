"""Whether an English word starts with a vowel sound, for choosing between "a" and "an".

The spelling usually tells: a word that starts with a, e, i, o or u starts with a vowel sound,
any other with a consonant sound. The exceptions ("university", "one", "European", "hour",
"honest", "heir") and the words said both ways ("herb", "historic") come from the CMU
pronouncing dictionary that textstat ships, as a small table
(``mtcheck/data/first_sounds_en.txt``: word, tab, V, C or B), built once with
``python -m mtcheck.sounds``. Whether the dictionary lists a word at all is read from the
syllable table built from the same dictionary (:mod:`mtcheck.metrics.syllables`).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

TABLE = Path(__file__).resolve().parent / "data" / "first_sounds_en.txt"

VOWEL = "V"
CONSONANT = "C"
BOTH = "B"
_VOWEL_LETTERS = frozenset("aeiou")
_VOWEL_PHONES = frozenset(
    ["AA", "AE", "AH", "AO", "AW", "AY", "EH", "ER", "EY", "IH", "IY", "OW", "OY", "UH", "UW"]
)


def _by_spelling(word: str) -> str:
    """The first sound a lowercase word's first letter suggests (VOWEL for a, e, i, o, u)."""
    return VOWEL if word[0] in _VOWEL_LETTERS else CONSONANT


#: words whose usual English first sound is not the dictionary's: "an Uber" (the brand is said
#: with the vowel of "ooze", the dictionary gives the "you" of "use")
_OVERRIDES = {"uber": VOWEL}


@cache
def _exceptions() -> dict[str, str]:
    out = dict(_OVERRIDES)
    with open(TABLE, encoding="utf-8") as fh:
        for line in fh:
            word, _, sound = line.rstrip("\n").partition("\t")
            out.setdefault(word, sound)
    return out


def first_sound(word: str) -> str | None:
    """``VOWEL``, ``CONSONANT`` or ``BOTH`` for a lowercase word of letters the dictionary
    lists; None for any other word (names and coinages it lacks, which only a guess would
    place).

    >>> first_sound("university"), first_sound("hour"), first_sound("apple")
    ('C', 'V', 'V')
    >>> first_sound("report"), first_sound("herb"), first_sound("zzyzxq") is None
    ('C', 'B', True)
    """
    from mtcheck.metrics.syllables import in_dictionary

    found = _exceptions().get(word)
    if found is not None:
        return found
    if not word.isalpha() or not in_dictionary(word):
        return None
    return _by_spelling(word)


def build(target: Path = TABLE) -> int:
    """Write the table from the CMU dictionary that textstat uses; returns the entry count."""
    from textstat.backend.utils._get_cmudict import get_cmudict

    rows = []
    for word, pronunciations in sorted(get_cmudict("en").items()):
        if not word.isalpha():
            continue
        starts = {p[0].rstrip("012") in _VOWEL_PHONES for p in pronunciations if p}
        if not starts:
            continue
        sound = BOTH if len(starts) > 1 else VOWEL if starts.pop() else CONSONANT
        if sound != _by_spelling(word):
            rows.append(f"{word}\t{sound}\n")
    target.write_text("".join(rows), encoding="utf-8")
    return len(rows)


if __name__ == "__main__":
    print(f"{build()} words written to {TABLE}")
