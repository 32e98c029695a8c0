"""Document language identification, offline, loaded lazily once per process."""

from __future__ import annotations

from functools import cache
from typing import Any

from mtcheck.segment import WORD_RE

#: below this many words a guess is not worth making; the default language applies
MIN_WORDS = 8


@cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return ident


def detect_language(text: str, min_confidence: float = 0.9) -> str | None:
    """ISO 639-1 code of the text's language, or None when too short or unsure."""
    sample = text[:20000]
    if sum(1 for _ in zip(range(MIN_WORDS), WORD_RE.finditer(sample), strict=False)) < MIN_WORDS:
        return None
    lang, prob = _identifier().classify(sample)
    return str(lang) if prob >= min_confidence else None


#: Latin-script languages that sentence-level identification chooses between; restricting the
#: candidates keeps it fast and stops rare languages winning on short English clauses
SENTENCE_LANGUAGES = (
    "en", "de", "fr", "es", "it", "pt", "nl", "sv", "da", "no", "fi", "pl", "cs", "sk", "sl",
    "hr", "ro", "hu", "tr", "id", "ms", "ca", "lv", "lt", "vi", "sw",
)  # fmt: skip
#: py3langid code -> wordfreq code, where they differ
WORDFREQ_CODES = {"no": "nb"}


@cache
def _sentence_identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    ident.set_languages(list(SENTENCE_LANGUAGES))
    return ident


def classify_sentence(text: str) -> tuple[str, float]:
    """Language and probability of a short Latin-script text among ``SENTENCE_LANGUAGES``."""
    lang, prob = _sentence_identifier().classify(text)
    return str(lang), float(prob)
