"""Word-frequency lookups and closed word classes shared by the spacing and capitals rules.

wordfreq stores lowercase forms only, so it tells how common a word is, never whether it is a
name. The capitals rules therefore combine it with closed word classes (function words never
start a name) and with morphology (``publicly`` is an adverb because ``public`` is a word).
"""

from __future__ import annotations

from functools import lru_cache

from mtcheck import lexicon, memo

#: Prepositions, conjunctions, pronouns, determiners and auxiliaries: in running English they
#: are lowercase unless they start a sentence or a title. ("off" and "the" are left out: "Off"
#: is a switch label and "The" starts many names.)
FUNCTION_WORDS = frozenset(
    """
    with from into onto about above across after against along among around before behind
    below beneath beside besides between beyond during except inside near outside over
    since through throughout toward towards under until upon within without of for to in on
    at by as than via per and or but nor so yet because although though unless whereas while
    whether if when where why how what which who whom whose that this these those there here
    he she they we you it his her its their our your my me him them us itself themselves
    is are was were be been being am has have had do does did will would shall should can
    could might must not also very just then
    """.split()
)
#: Subject pronouns: a capitalised word right after one is the verb, which is never capitalised.
SUBJECT_PRONOUNS = frozenset("he she they we who".split())
#: Function words that are also common surnames or given names, in Chinese, Korean, Vietnamese
#: or English transliteration (He Lifeng, An Cheol-soo, To Lam, Will Smith, May Day).
NAME_LIKE_FUNCTION_WORDS = frozenset("he an so in to do on be ma yu may will can us i a".split())


@lru_cache(maxsize=memo.WORDS)
def zipf(word: str) -> float:
    """Zipf frequency of the lowercased word in English (0 when unknown)."""
    return lexicon.english_zipf(word.lower())


def is_word(word: str, threshold: float = 3.0) -> bool:
    """True when ``word`` is an English word at least as common as ``threshold`` (Zipf)."""
    return zipf(word) >= threshold


def adverb_stem(word: str) -> str | None:
    """The adjective an ``-ly`` adverb derives from (``publicly`` -> ``public``), or None."""
    low = word.lower()
    if not low.endswith("ly") or len(low) < 6:
        return None
    stems = [low[:-2], low[:-2] + "e", low[:-1] + "e"]
    if low.endswith("ily"):
        stems.append(low[:-3] + "y")
    if low.endswith("ally"):
        stems.append(low[:-4])
    for stem in stems:
        if len(stem) >= 4 and zipf(stem) >= 3.5:
            return stem
    return None


def verb_stem(word: str) -> str | None:
    """The verb an ``-ed`` or ``-ing`` form derives from (``wanted`` -> ``want``), or None."""
    low = word.lower()
    if low.endswith("ing") and len(low) >= 7:
        base = low[:-3]
    elif low.endswith("ed") and len(low) >= 6:
        base = low[:-2]
    else:
        return None
    stems = [base, base + "e"]
    if base.endswith("i"):
        stems.append(base[:-1] + "y")
    for stem in stems:
        if len(stem) >= 4 and zipf(stem) >= 3.8:
            return stem
    return None
