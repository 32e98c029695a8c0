"""Readability of a document with textstat (offline: 0.7.8 ships its syllable data).

Flesch reading ease and Flesch-Kincaid grade come from textstat, with its language-specific
formulas where it has them; words per sentence and the share of very long sentences use
mtcheck's own segmentation, so they agree with what the rules saw.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from mtcheck.analysis import Analysis

#: languages textstat 0.7.8 has syllable rules and Flesch variants for
TEXTSTAT_LANGUAGES = frozenset({"en", "de", "es", "fr", "it", "nl", "ru", "cs", "hu"})
#: a sentence with more words than this counts as very long
LONG_SENTENCE_WORDS = 40


@cache
def _textstat() -> Any:
    import textstat

    return textstat


def readability(analysis: Analysis) -> dict[str, Any]:
    """Readability figures of one document (None where the text has no words)."""
    words = analysis.words
    sentences = analysis.sentences
    counts = _words_per_sentence(analysis)
    n_sent = len(sentences)
    long_share = sum(1 for c in counts if c > LONG_SENTENCE_WORDS) / n_sent if n_sent else 0.0
    out: dict[str, Any] = {
        "flesch_reading_ease": None,
        "flesch_kincaid_grade": None,
        "words_per_sentence": round(len(words) / n_sent, 2) if n_sent else 0.0,
        "long_sentence_share": round(long_share, 4),
    }
    lang = analysis.language if analysis.language in TEXTSTAT_LANGUAGES else None
    if not words or lang is None:
        return out
    ts = _textstat()
    # textstat keeps the language as module state; set it on every call (one process, one call)
    ts.set_lang(lang)
    out["flesch_reading_ease"] = round(float(ts.flesch_reading_ease(analysis.text)), 2)
    out["flesch_kincaid_grade"] = round(float(ts.flesch_kincaid_grade(analysis.text)), 2)
    return out


def _words_per_sentence(analysis: Analysis) -> list[int]:
    """Word count of every sentence, by merging the two sorted offset lists."""
    words = analysis.words
    out: list[int] = []
    i = 0
    n = len(words)
    for s in analysis.sentences:
        while i < n and words[i][0] < s.start:
            i += 1
        j = i
        while j < n and words[j][1] <= s.end:
            j += 1
        out.append(j - i)
        i = j
    return out
