"""Document language identification, offline, loaded lazily once per process."""

from __future__ import annotations

from functools import cache
from typing import Any

from mtcheck.segment import WORD_RE

#: below this many words a guess is not worth making; the default language applies
MIN_WORDS = 8
#: characters classified: the identifier's cost is linear in the sample (a pure-Python walk over
#: its bytes) and a few paragraphs already decide the language with high confidence
SAMPLE_CHARS = 2500


@cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return ident


def detect_language(text: str, min_confidence: float = 0.9) -> str | None:
    """ISO 639-1 code of the text's language, or None when too short or unsure."""
    sample = text[:SAMPLE_CHARS]
    if sum(1 for _ in zip(range(MIN_WORDS), WORD_RE.finditer(sample), strict=False)) < MIN_WORDS:
        return None
    lang, prob = _identifier().classify(sample)
    return str(lang) if prob >= min_confidence else None
