"""Word-frequency lookups, closed word classes and phrase data shared by the rule families.

wordfreq stores lowercase forms only, so it tells how common a word is, never whether it is a
name. The capitals rules therefore combine it with closed word classes (function words never
start a name) and with morphology (``publicly`` is an adverb because ``public`` is a word).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from mtcheck import lexicon, memo
from mtcheck.analysis import Analysis

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


#: Foreign set phrases English uses as its own (et al., à la carte, en route), as pairs of
#: adjacent lowercase words: a word of one is used, not left untranslated, and not a typo.
LOAN_PHRASES = frozenset(
    tuple(p.split())
    for p in (
        "et al", "et cetera", "en route", "en masse", "en bloc", "en passant", "en suite",
        "a la", "la carte", "de facto", "de jure", "de rigueur", "per se", "per cent",
        "per capita", "ad hoc", "vice versa", "pro bono", "pro rata", "du jour", "status quo",
        "déjà vu", "bona fide", "mea culpa", "de vivre", "tour de", "de force", "coup de",
        "fait accompli", "dos and", "la la", "et tu", "ad infinitum", "ad nauseam",
        "hors d'oeuvre", "hors d'oeuvres", "hors d’oeuvre", "hors d’oeuvres", "hors de",
        "et seq", "et ux", "prima facie", "sub judice", "inter alia", "esprit de", "de corps",
        "raison d'être", "raison d’être", "ma non", "non troppo", "a priori", "a posteriori",
        "a fortiori",
    )
)  # fmt: skip
#: words right after a word that is mentioned, not used (``carro means chariot``)
MENTION_NEXT = frozenset({"means", "meaning", "meant", "translates"})
#: words right before a word that is mentioned, not used (``the word Gruppe``)
MENTION_PREV = frozenset({"word", "term", "called", "spelled", "spelt", "say", "says", "said"})

# A short quotation on one line: a quoted title, phrase or coinage rather than quoted speech.
_QUOTED_RE = re.compile(r"[\"“„«][^\"“”„«»\n]{1,200}[\"”»]")
#: quotations of more words than this are speech, not a phrase
_SHORT_QUOTE_WORDS = 12


def short_quotes(a: Analysis) -> list[tuple[int, int]]:
    """The document's short quotations (see ``_QUOTED_RE``) as (start, end), in text order."""
    return a.shared(
        "short-quotes",
        lambda an: [
            m.span()
            for m in _QUOTED_RE.finditer(an.text)
            if len(m.group().split()) <= _SHORT_QUOTE_WORDS
        ],
    )


def quote_around(a: Analysis, s: int, e: int) -> tuple[int, int] | None:
    """The short quotation containing ``s:e``, found by bisection (quotations come from one
    left-to-right scan, so they are sorted and do not overlap)."""
    quotes = short_quotes(a)
    starts = a.shared("short-quote-starts", lambda an: [q[0] for q in short_quotes(an)])
    i = bisect_right(starts, s) - 1
    if i >= 0 and e <= quotes[i][1]:
        return quotes[i]
    return None
