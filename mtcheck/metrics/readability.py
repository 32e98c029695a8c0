"""Readability of a document with textstat (offline: 0.7.8 ships its syllable data).

Flesch reading ease and Flesch-Kincaid grade use textstat's syllable counts (CMU dictionary,
pyphen for unknown words) and its language-specific Flesch constants, over mtcheck's own
segmentation: words and sentences are the ones the rules saw, and each distinct word is
syllabified once per process instead of textstat re-tokenising every document.
"""

from __future__ import annotations

from collections import Counter
from functools import cache
from typing import Any

from mtcheck import memo
from mtcheck.analysis import Analysis
from mtcheck.metrics.words import english_totals, syllables_of, token_counts

#: languages textstat 0.7.8 has syllable rules and Flesch variants for
TEXTSTAT_LANGUAGES = frozenset({"en", "de", "es", "fr", "it", "nl", "ru", "cs", "hu"})
#: a sentence with more words than this counts as very long
LONG_SENTENCE_WORDS = 40


def readability(analysis: Analysis) -> dict[str, Any]:
    """Readability figures of one document (None where the text has no words)."""
    n_words = analysis.word_count
    n_sent = len(analysis.sentences)
    long_share = _long_sentences(analysis) / n_sent if n_sent else 0.0
    out: dict[str, Any] = {
        "flesch_reading_ease": None,
        "flesch_kincaid_grade": None,
        "words_per_sentence": round(n_words / n_sent, 2) if n_sent else 0.0,
        "long_sentence_share": round(long_share, 4),
    }
    lang = analysis.language if analysis.language in TEXTSTAT_LANGUAGES else None
    if not n_words or lang is None or not n_sent:
        return out
    if lang == "en":
        syllables = english_totals(analysis)["syllables"]
    else:
        syllables = _syllables(token_counts(analysis), lang)
    if not syllables:
        return out
    wps = n_words / n_sent
    spw = syllables / n_words
    base, per_sentence, per_syllable = _flesch_constants(lang)
    out["flesch_reading_ease"] = round(base - per_sentence * wps - per_syllable * spw, 2)
    out["flesch_kincaid_grade"] = round(0.39 * wps + 11.8 * spw - 15.59, 2)
    return out


#: syllables of each word form per language; bounded so a huge scan stays flat
_SYLLABLES: dict[str, dict[str, int]] = {}
_SYLLABLE_CACHE_MAX = memo.WORD_TABLES


def _syllables(counts: Counter[str], lang: str) -> int:
    cache = _SYLLABLES.setdefault(lang, {})
    if len(cache) > _SYLLABLE_CACHE_MAX:
        cache.clear()
    total = 0
    get = cache.get
    for word, n in counts.items():
        syl = get(word)
        if syl is None:
            syl = cache[word] = syllables_of(word, lang)
        total += syl * n
    return total


@cache
def _flesch_constants(lang: str) -> tuple[float, float, float]:
    from textstat.backend.utils._get_lang_cfg import get_lang_cfg
    from textstat.backend.utils._get_lang_root import get_lang_root

    root = get_lang_root(lang)
    return (
        float(get_lang_cfg(root, "fre_base")),
        float(get_lang_cfg(root, "fre_sentence_length")),
        float(get_lang_cfg(root, "fre_syll_per_word")),
    )


def _long_sentences(analysis: Analysis) -> int:
    """How many sentences have more than ``LONG_SENTENCE_WORDS`` words."""
    return sum(1 for t in analysis.sentence_tokens if len(t) > LONG_SENTENCE_WORDS)
