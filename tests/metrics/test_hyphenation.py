"""Hyphenation points from cached pattern tables equal pyphen's (mtcheck.metrics.hyphenation)."""

from __future__ import annotations

import random
from itertools import islice
from pathlib import Path

import pyphen
import pytest
import textstat

from mtcheck.metrics import hyphenation
from mtcheck.metrics.readability import TEXTSTAT_LANGUAGES
from mtcheck.metrics.syllables import syllables
from mtcheck.metrics.words import syllables_of

_ODD = ["", "a", "ab", "abc", "Straße", "İstanbul", "co-operate", "x" * 60, "naïve", "élan"]


def _sample(lang: str, k: int) -> list[str]:
    from wordfreq import iter_wordlist

    words = [w for w in islice(iter_wordlist(lang), 60_000) if w.isalpha()]
    return random.Random(lang).sample(words, min(k, len(words)))


@pytest.mark.parametrize("lang", sorted(TEXTSTAT_LANGUAGES))
def test_points_equal_pyphen(lang: str) -> None:
    theirs = pyphen.Pyphen(lang=lang)
    ours = hyphenation.patterns(lang)
    for w in [*_sample(lang, 400), *_ODD]:
        assert ours.points(w) == len(theirs.positions(w)), (lang, w)


@pytest.mark.parametrize("lang", sorted(TEXTSTAT_LANGUAGES - {"en"}))
def test_syllables_equal_textstat(lang: str) -> None:
    textstat.set_lang(lang)
    try:
        for w in [*_sample(lang, 150), "l'homme", "e-mail", "3d", "Über-Ich"]:
            assert syllables(w.lower(), lang) == textstat.syllable_count(w.lower()), (lang, w)
            assert syllables_of(w, lang) == max(1, textstat.syllable_count(w.lower())), w
    finally:
        textstat.set_lang("en")


def test_mapped_from_the_data_cache_answers_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MTCHECK_DATA_CACHE", str(tmp_path / "cache"))
    hyphenation.patterns.cache_clear()
    try:
        built = hyphenation.patterns("de")  # parsed by pyphen, stored
        hyphenation.patterns.cache_clear()
        mapped = hyphenation.patterns("de")  # rebuilt from the stored arrays
    finally:
        hyphenation.patterns.cache_clear()
    assert [p.name.split("-")[0] for p in (tmp_path / "cache").iterdir()] == ["hyphenation"]
    assert mapped.patterns == built.patterns and mapped.maxlen == built.maxlen
    assert mapped.points("silbentrennung") == built.points("silbentrennung") > 0


def test_a_language_pyphen_lacks() -> None:
    with pytest.raises(KeyError, match="no hyphenation patterns"):
        hyphenation.pattern_file("xx-nowhere")
