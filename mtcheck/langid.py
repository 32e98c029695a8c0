"""Document language identification, offline, loaded lazily once per process."""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Any

from mtcheck import datacache
from mtcheck.segment import WORD_RE

#: below this many words a guess is not worth making; the default language applies
MIN_WORDS = 8
#: characters classified: the identifier's cost is linear in the sample (a pure-Python walk over
#: its bytes) and a few paragraphs already decide the language with high confidence
SAMPLE_CHARS = 2500
#: English function words that other Latin-script languages do not use as words of their own
#: (no "a", "in", "on", "is", "was", "die": Dutch, German, French and Italian have those)
_ENGLISH_MARKERS = frozenset(
    {
        *("the", "of", "and", "to", "that", "for", "with", "were", "are", "has", "have", "said"),
        *("from", "this", "by", "which", "would", "their", "it", "they", "been", "not", "but"),
    }
)
#: share of marker words above which a text is English without asking the identifier: English
#: prose runs at 20-30 %, other languages near 0 %, and the identifier costs ~20x more
_ENGLISH_SHARE = 0.12
_SHORTCUT_MIN_WORDS = 50


_MODEL_ARRAYS = ("ptc", "pc", "classes", "nextmove", "row", "output")
#: data-cache table names of the two identifiers' arrays
TABLE = "langid"
SENTENCE_TABLE = "langid-sentences"


def _model_arrays(path: str) -> dict[str, Any]:
    """py3langid's model as plain arrays (its file is LZMA-compressed: a third of a second
    to decompress, which the data cache saves every later process)."""
    import numpy as np
    from py3langid.modelio import load_model

    ptc, pc, classes, nextmove, row, output = load_model(path)
    return {
        "ptc": np.asarray(ptc),
        "pc": np.asarray(pc),
        "classes": datacache.text_array(classes),
        "nextmove": np.frombuffer(nextmove, dtype=f"u{nextmove.itemsize}"),
        "row": np.frombuffer(row, dtype=f"u{row.itemsize}"),
        "output": np.asarray(output, dtype=np.int64),
    }


def _model_file() -> str:
    from py3langid.langid import MODEL_DIR, MODEL_FILE

    return str(MODEL_DIR / MODEL_FILE)


def _model_version() -> str:
    return f"py3langid {datacache.package_version('py3langid')}"


@cache
def _identifier() -> Any:
    from py3langid.langid import LanguageIdentifier

    path = _model_file()
    m = datacache.arrays(
        TABLE, [path], [_model_version()], _MODEL_ARRAYS, lambda: _model_arrays(path)
    )
    return LanguageIdentifier(
        m["ptc"],
        m["pc"],
        datacache.strings(m["classes"]),
        # the state machine (40 MB) is indexed in place: only the states visited are read
        memoryview(m["nextmove"]),
        memoryview(m["output"]),
        norm_probs=True,
        tk_row=memoryview(m["row"]),
    )


@lru_cache(maxsize=64)
def _classify_sample(sample: str) -> tuple[str, float] | None:
    """(language, probability) of a sample, or None when it is too short; cached because the
    engine and wrong-language-document ask about the same document with different thresholds."""
    words = WORD_RE.findall(sample)
    if len(words) < MIN_WORDS:
        return None
    if len(words) >= _SHORTCUT_MIN_WORDS:
        markers = sum(map(_ENGLISH_MARKERS.__contains__, map(str.lower, words)))
        if markers >= _ENGLISH_SHARE * len(words):
            return ("en", 1.0)
    lang, prob = _identifier().classify(sample)
    return str(lang), float(prob)


def detect_language(text: str, min_confidence: float = 0.9) -> str | None:
    """ISO 639-1 code of the text's language, or None when too short or unsure."""
    found = _classify_sample(text[:SAMPLE_CHARS])
    if found is None:
        return None
    lang, prob = found
    return lang if prob >= min_confidence else None


#: Latin-script languages that sentence-level identification chooses between; restricting the
#: candidates keeps it fast and stops rare languages winning on short English clauses
SENTENCE_LANGUAGES = (
    "en", "de", "fr", "es", "it", "pt", "nl", "sv", "da", "no", "fi", "pl", "cs", "sk", "sl",
    "hr", "ro", "hu", "tr", "id", "ms", "ca", "lv", "lt", "vi", "sw",
)  # fmt: skip
#: py3langid code -> wordfreq code, where they differ
WORDFREQ_CODES = {"no": "nb"}


def _sentence_arrays(full: Any) -> dict[str, Any]:
    """The model's per-language tables restricted to ``SENTENCE_LANGUAGES``, as py3langid's
    ``set_languages`` restricts them (cached: restricting reads all 28 MB of the full table)."""
    import numpy as np

    classes = list(full.nb_classes)
    missing = set(SENTENCE_LANGUAGES).difference(classes)
    if missing:
        raise ValueError(f"the language model lacks {sorted(missing)}")
    keep = [i for i, c in enumerate(classes) if c in SENTENCE_LANGUAGES]
    return {
        "ptc": np.ascontiguousarray(full.nb_ptc[:, keep]),
        "pc": np.asarray(full.nb_pc[keep]),
        "classes": datacache.text_array([classes[i] for i in keep]),
    }


@cache
def _sentence_identifier() -> Any:
    from py3langid.langid import LanguageIdentifier

    full = _identifier()  # shares its state machine (the tables that do not depend on classes)
    m = datacache.arrays(
        SENTENCE_TABLE,
        [_model_file()],
        [_model_version(), ",".join(SENTENCE_LANGUAGES)],
        ("ptc", "pc", "classes"),
        lambda: _sentence_arrays(full),
    )
    return LanguageIdentifier(
        m["ptc"],
        m["pc"],
        datacache.strings(m["classes"]),
        full.tk_nextmove,
        full.tk_output,
        norm_probs=True,
        tk_row=full.tk_row,
    )


def classify_sentence(text: str) -> tuple[str, float]:
    """Language and probability of a short Latin-script text among ``SENTENCE_LANGUAGES``."""
    lang, prob = _sentence_identifier().classify(text)
    return str(lang), float(prob)
