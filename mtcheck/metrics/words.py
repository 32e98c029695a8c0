"""Word-level fluency signals that need no training data: wordfreq's frequency list.

Garbled text has more non-words (fused or split tokens, transliteration debris) and a function
word profile unlike ordinary prose (dropped articles and prepositions, or runs of them). These
signals work for any English scan, with or without a fluency model.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from mtcheck.analysis import Analysis

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


def word_signals(analysis: Analysis) -> dict[str, Any] | None:
    """Shares of non-words, very rare words and function words among the document's words.

    Words that start with a capital are left out of the non-word and rare shares: names are
    legitimately rare. Numbers are left out of every share. None except for English (the
    function-word list is English).
    """
    if analysis.language != "en":
        return None
    freq = _frequencies("en")
    text = analysis.text
    counted = lowercase = non_words = rare = function = 0
    for s, e in analysis.words:
        w = text[s:e]
        if not w[0].isalpha():
            continue
        counted += 1
        low = w.lower().replace("’", "'")
        if low in FUNCTION_WORDS:
            function += 1
        if w[0].isupper():
            continue
        lowercase += 1
        f = freq.get(low)
        if f is None:
            non_words += 1
        elif f < RARE:
            rare += 1
    return {
        "non_word_share": round(non_words / lowercase, 4) if lowercase else 0.0,
        "rare_word_share": round(rare / lowercase, 4) if lowercase else 0.0,
        "function_word_share": round(function / counted, 4) if counted else 0.0,
    }
