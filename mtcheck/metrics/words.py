"""Word-level fluency signals that need no training data: wordfreq's frequency list.

Garbled text has more non-words (fused or split tokens, transliteration debris) and a function
word profile unlike ordinary prose (dropped articles and prepositions, or runs of them). These
signals work for any English scan, with or without a fluency model.
"""

from __future__ import annotations

from collections import Counter
from functools import cache
from typing import Any

from mtcheck.analysis import Analysis
from mtcheck.segment import WORD_RE

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


@cache
def _frequencies(language: str) -> dict[str, float]:
    import wordfreq

    return wordfreq.get_frequency_dict(language)


def token_counts(analysis: Analysis) -> Counter[str]:
    """How often each word form occurs in the document (shared by the metrics)."""
    return analysis.shared("metrics:token_counts", lambda a: Counter(WORD_RE.findall(a.text)))


def word_signals(analysis: Analysis) -> dict[str, Any] | None:
    """Shares of non-words, very rare words and function words among the document's words.

    Words that start with a capital are left out of the non-word and rare shares: names are
    legitimately rare. Numbers are left out of every share. None except for English (the
    function-word list is English).
    """
    if analysis.language != "en":
        return None
    freq = _frequencies("en")
    info = _WORD_INFO
    if len(info) > _WORD_INFO_MAX:
        info.clear()
    counted = lowercase = non_words = rare = function = 0
    for w, n in token_counts(analysis).items():
        flags = info.get(w)
        if flags is None:
            flags = info[w] = _word_info(w, freq)
        alpha, func, lower, non_word, is_rare = flags
        counted += alpha * n
        function += func * n
        lowercase += lower * n
        non_words += non_word * n
        rare += is_rare * n
    return {
        "non_word_share": round(non_words / lowercase, 4) if lowercase else 0.0,
        "rare_word_share": round(rare / lowercase, 4) if lowercase else 0.0,
        "function_word_share": round(function / counted, 4) if counted else 0.0,
    }


#: per word form: (alphabetic, function word, lowercase-initial, non-word, very rare) as 0/1
_WORD_INFO: dict[str, tuple[int, int, int, int, int]] = {}
_WORD_INFO_MAX = 500_000


def _word_info(w: str, freq: dict[str, float]) -> tuple[int, int, int, int, int]:
    if not w[0].isalpha():
        return (0, 0, 0, 0, 0)
    low = w.lower().replace("’", "'")
    func = int(low in FUNCTION_WORDS)
    if w[0].isupper():
        return (1, func, 0, 0, 0)
    f = freq.get(low)
    return (1, func, 1, int(f is None), int(f is not None and f < RARE))
