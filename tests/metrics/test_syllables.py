from __future__ import annotations

import random

import textstat

from mtcheck.metrics.syllables import _read, _table, english_syllables


def test_counts_equal_textstat_for_known_and_unknown_words() -> None:
    textstat.set_lang("en")
    rng = random.Random(7)
    known = rng.sample(sorted(_read()[0]), 300)
    unknown = ["goverment", "zelenskyy", "blockchainify", "matc", "esbuild", "rerouting"]
    for w in known + unknown:
        assert english_syllables(w) == textstat.syllable_count(w), w


def test_table_is_complete_enough() -> None:
    assert len(_table()) > 100_000
    words, counts = _read()
    assert all(_table().bin(w) == n for w, n in zip(words[::97], counts[::97], strict=True))
    assert english_syllables("readability") == 5


def test_words_of_letters_are_tokenised_as_textstat_does() -> None:
    from textstat.backend.selections._list_words import list_words

    from mtcheck.metrics.syllables import _textstat_words

    words = ["Straße", "İstanbul", "ǅemal", "naïve", "ΣΟΦΊΑ", "abc", "ﬁne", "ǈ", "Ⅻ", "ß"]
    words += ["don't", "co-op", "e.g.", "x1", "a b", "", "'quoted'", "it’s"]
    for w in words:
        assert _textstat_words(w) == list_words(w, lowercase=True), w
