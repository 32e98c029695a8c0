"""Word-level fluency signals that need no training data: wordfreq's frequency list.

Garbled text has more non-words (fused or split tokens, transliteration debris) and a function
word profile unlike ordinary prose (dropped articles and prepositions, or runs of them). These
signals work for any English scan, with or without a fluency model.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from itertools import filterfalse
from operator import mul
from typing import Any

from mtcheck import lexicon, memo
from mtcheck.analysis import Analysis
from mtcheck.metrics.syllables import english_syllables, syllables

#: below this frequency (about Zipf 2, once per hundred million words) a word counts as very rare
RARE = 1e-7
FUNCTION_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "nor",
        "so",
        "yet",
        "if",
        "then",
        "than",
        "that",
        "which",
        "who",
        "whom",
        "whose",
        "what",
        "when",
        "where",
        "why",
        "how",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "with",
        "about",
        "into",
        "onto",
        "over",
        "under",
        "after",
        "before",
        "between",
        "through",
        "during",
        "without",
        "within",
        "against",
        "among",
        "across",
        "behind",
        "beyond",
        "toward",
        "towards",
        "upon",
        "via",
        "per",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "am",
        "do",
        "does",
        "did",
        "done",
        "have",
        "has",
        "had",
        "having",
        "will",
        "would",
        "shall",
        "should",
        "can",
        "could",
        "may",
        "might",
        "must",
        "i",
        "me",
        "my",
        "mine",
        "we",
        "us",
        "our",
        "ours",
        "you",
        "your",
        "yours",
        "he",
        "him",
        "his",
        "she",
        "her",
        "hers",
        "it",
        "its",
        "they",
        "them",
        "their",
        "theirs",
        "this",
        "these",
        "those",
        "there",
        "here",
        "not",
        "no",
        "as",
        "also",
        "just",
        "only",
        "very",
        "too",
        "such",
        "each",
        "every",
        "all",
        "any",
        "some",
    ]
)


def token_counts(analysis: Analysis) -> Counter[str]:
    """How often each word form occurs in the document (shared by the metrics)."""
    return analysis.shared("metrics:token_counts", lambda a: Counter(a.tokens))


def english_totals(analysis: Analysis) -> dict[str, int]:
    """One pass over the word forms of an English document: the counts behind the word
    signals and the syllable total for readability (each distinct form is looked up once per
    process)."""
    return analysis.shared("metrics:english_totals", _english_totals)


#: the six per-form figures are packed into one Python int, FIELD bits each, so a document's
#: totals are one multiply-add per distinct form (fields never carry: documents are < 2**40 words)
FIELD = 40
_NAMES = ("counted", "function", "lowercase", "non_words", "rare", "syllables", "pieces")


def _pack(values: Sequence[int]) -> int:
    packed = 0
    for i, v in enumerate(values):
        packed |= v << (FIELD * i)
    return packed


def _english_totals(analysis: Analysis) -> dict[str, int]:
    freq = lexicon.frequencies()
    packed = _PACKED
    if len(packed) > _WORD_INFO_MAX:
        packed.clear()
    # most words repeat across documents: the per-document work is a C-level membership test
    # per distinct word (only new words reach Python) and one C-level multiply-add over them.
    # Not ``counts.keys() - packed.keys()``: a keys view subtracts by walking the whole right
    # side, so each document cost as much as the process's vocabulary
    counts = token_counts(analysis)
    for w in list(filterfalse(packed.__contains__, counts)):
        packed[w] = _pack(_word_info(w, freq))
    total = sum(map(mul, map(packed.__getitem__, counts), counts.values()))
    mask = (1 << FIELD) - 1
    return {name: (total >> (FIELD * i)) & mask for i, name in enumerate(_NAMES)}


def word_signals(analysis: Analysis) -> dict[str, Any] | None:
    """Shares of non-words, very rare words and function words among the document's words.

    Words that start with a capital are left out of the non-word and rare shares: names are
    legitimately rare. Numbers are left out of every share. None except for English (the
    function-word list is English).
    """
    if analysis.language != "en":
        return None
    t = english_totals(analysis)
    lowercase, counted = t["lowercase"], t["counted"]
    return {
        "non_word_share": round(t["non_words"] / lowercase, 4) if lowercase else 0.0,
        "rare_word_share": round(t["rare"] / lowercase, 4) if lowercase else 0.0,
        "function_word_share": round(t["function"] / counted, 4) if counted else 0.0,
        "pieces_per_word": round(t["pieces"] / counted, 4) if counted else None,
    }


#: per word: (alphabetic, function word, lowercase-initial, non-word, very rare) as 0/1, its
#: syllables and its subword pieces, packed (see ``_pack``); bounded so a huge scan stays flat
_PACKED: dict[str, int] = {}
_WORD_INFO_MAX = memo.WORD_TABLES


def syllables_of(word: str, lang: str) -> int:
    """Syllables of one word form by textstat (CMU dictionary, then pyphen)."""
    if not word[0].isalpha():
        return 1  # a number is one word; textstat would count its syllables as one too
    if lang == "en":
        # textstat's counts, from a table instead of parsing the CMU dictionary per process
        return max(1, english_syllables(word.lower()))
    # textstat's count (pyphen's points), without pyphen parsing its patterns in every process
    return max(1, syllables(word.lower(), lang))


def _word_info(w: str, freq: dict[str, float]) -> tuple[int, ...]:
    from mtcheck.metrics.wordpieces import word_pieces

    syl = syllables_of(w, "en")
    if not w[0].isalpha():
        return (0, 0, 0, 0, 0, syl, 0)
    low = w.lower().replace("’", "'")
    func = int(low in FUNCTION_WORDS)
    pieces = word_pieces(low)
    if w[0].isupper():
        return (1, func, 0, 0, 0, syl, pieces)
    f = freq.get(low)
    return (1, func, 1, int(f is None), int(f is not None and f < RARE), syl, pieces)
