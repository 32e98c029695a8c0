"""The shared English lexicon: frequencies, word forms, corrections."""

from __future__ import annotations

import math
import subprocess
import sys
from pathlib import Path

import pytest

from mtcheck import datacache, lexicon


def test_zipf_of_common_and_unknown_forms() -> None:
    assert lexicon.zipf("the") > 7.0
    assert lexicon.zipf("The") == lexicon.zipf("the")
    assert lexicon.zipf("qzxqzxq") == 0.0


def test_typographic_apostrophe_is_normalised() -> None:
    assert lexicon.zipf("don’t") == lexicon.zipf("don't") > 5.0


@pytest.mark.parametrize(
    "word",
    [
        "government",
        "colour",
        "color",
        "breakrooms",  # inflection of a listed word
        "well-meant",  # hyphenated compound of words
        "non-negotiable",
        "troop's",  # possessive
        "paperclip",  # closed compound of two frequent words
    ],
)
def test_is_word_accepts_real_forms(word: str) -> None:
    assert lexicon.is_word(word)


@pytest.mark.parametrize("word", ["thsoe", "devolopement", "qzxqzxq", "earnd", "copany"])
def test_is_word_rejects_non_words(word: str) -> None:
    assert not lexicon.is_word(word)


def test_base_forms_repair_spelling() -> None:
    assert "stop" in lexicon.base_forms("stopped")
    assert "fuse" in lexicon.base_forms("fusing")
    assert "city" in lexicon.base_forms("cities")
    # one-syllable consonant-vowel-consonant stems double: "studing" is not "stud" + "ing"
    assert "stud" not in lexicon.base_forms("studing")


def test_in_dictionary_knows_rare_real_words_and_their_inflections() -> None:
    assert lexicon.in_dictionary("anther")
    assert lexicon.in_dictionary("dousing")
    assert not lexicon.in_dictionary("goverment")


def test_correction_finds_the_frequent_word_one_edit_away() -> None:
    assert lexicon.correction("tendancy", 2.0) == "tendency"
    assert lexicon.correction("matc", 2.0) == "match"


@pytest.mark.parametrize(
    ("typo", "by_frequency", "meant"),
    [
        # a left-out letter, or one of a doubled pair, is the likeliest slip
        ("wel", "we", "well"),
        ("begining", "beginning", "beginning"),
        ("pased", "based", "passed"),
        ("fom", "for", "from"),
        # a much more frequent word still wins over a likelier slip, and the other edits
        # are decided by frequency as before
        ("ocur", "our", "our"),
        ("teh", "the", "the"),
        ("recieve", "receive", "receive"),
    ],
)
def test_correction_weighs_how_likely_the_typo_is(typo: str, by_frequency: str, meant: str) -> None:
    assert lexicon.correction(typo, 0.0, 3.5) == meant
    assert lexicon.correction(typo, 0.0, 3.5, by_frequency=True) == by_frequency


def test_whether_there_is_a_correction_depends_on_frequency_alone() -> None:
    # "wel" has a frequent neighbour; with a gap no neighbour clears there is none, whichever
    # neighbour would be suggested
    found = []
    for gap in (0.0, 1.0, 2.0, 3.0, 4.0, 6.0):
        likeliest = lexicon.correction("wel", gap, 3.5)
        frequent = lexicon.correction("wel", gap, 3.5, by_frequency=True)
        assert (likeliest is None) == (frequent is None)
        found.append(likeliest)
    assert "well" in found and None in found


def test_correction_ignores_plain_inflections_and_small_gaps() -> None:
    # "felines" is one edit from "feline" but that is an inflection, not a fix
    assert lexicon.correction("felines", 0.0, 0.0) != "feline"
    assert lexicon.correction("government") is None


def test_nearest_counts_transpositions_as_one_edit() -> None:
    assert lexicon.nearest("thsoe", 1) == "those"
    assert lexicon.nearest("devolopement", 2) == "development"
    assert lexicon.nearest("qzxqzxq", 2) is None


def test_completion_of_a_cut_word() -> None:
    assert lexicon.completion("governm") == "government"
    assert lexicon.completion("qzx") is None


def _same_table(ours: dict[str, float], theirs: dict[str, float]) -> bool:
    # the same words in the same order (readers stop at the first rare word), the same floats
    return list(ours) == list(theirs) and all(ours[w].hex() == f.hex() for w, f in theirs.items())


def test_frequencies_are_wordfreqs_table_built_mapped_or_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import wordfreq

    theirs = dict(wordfreq.get_frequency_dict("en", "best"))
    assert lexicon.english_list_path() == wordfreq.available_languages("best")["en"]
    monkeypatch.setenv("MTCHECK_DATA_CACHE", str(tmp_path))
    try:
        for attempt in ("built", "mapped"):
            lexicon.frequencies.cache_clear()
            assert _same_table(lexicon.frequencies(), theirs), attempt
            assert datacache.entry_of(lexicon.FREQUENCY_TABLE) is not None, attempt
        # a wordfreq that keeps its lists elsewhere is asked itself
        monkeypatch.setattr(lexicon, "english_list_path", lambda: None)
        lexicon.frequencies.cache_clear()
        assert _same_table(lexicon.frequencies(), theirs)
    finally:
        lexicon.frequencies.cache_clear()


def test_a_scan_of_english_loads_one_frequency_table() -> None:
    # wordfreq's own English table (40 MB as a dict) is never loaded beside the lexicon's
    code = (
        "from mtcheck.api import check_text\n"
        "r = check_text('The U.S.-backed talks in Doha’s old port were offensive.Government "
        "officials, 4.2 percent of them, left on 12 May 2021 with co-op e-mail drafts.')\n"
        "assert r.findings\n"
        "import wordfreq\n"
        "print(wordfreq.get_frequency_dict.cache_info().currsize)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=300, check=True
    )
    assert out.stdout.strip() == "0"


def test_english_lookup_keys_are_wordfreqs_without_its_tokenizer() -> None:
    import random

    from wordfreq import freq_to_zipf
    from wordfreq.tokens import lossy_tokenize

    rng = random.Random(5)
    words = [w for w in rng.sample(sorted(lexicon.frequencies()), 20000) if w.isalpha()]
    forms = [
        v
        for w in words
        for v in (w, w.capitalize(), w.upper(), "".join(rng.choice((c, c.upper())) for c in w))
    ]
    for form in forms:
        tokens = lossy_tokenize(form, "en")
        expected = tokens[0] if len(tokens) == 1 and not any(map(str.isdigit, tokens[0])) else None
        assert lexicon.wordfreq_key(form, "en") == expected, form
    for f in [*set(lexicon.frequencies().values()), *(rng.random() ** 9 for _ in range(5000))]:
        rounded = round(f, math.floor(-math.log10(f)) + 3)
        assert lexicon.zipf_of_freq(f) == max(0.0, round(freq_to_zipf(rounded), 2)), f


def test_dictionary_table_holds_exactly_the_headwords(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import random

    from english_words import get_english_words_set

    headwords = get_english_words_set(["web2", "gcide"], lower=True, alpha=True)
    rng = random.Random(3)
    sample = rng.sample(sorted(headwords), 2000)
    # near misses: each sampled word with one letter changed, most of them not headwords
    misses = [w[:-1] + ("z" if w[-1] != "z" else "q") for w in sample]
    monkeypatch.setenv("MTCHECK_DATA_CACHE", str(tmp_path))
    for attempt in ("built", "mapped"):
        lexicon._dictionary.cache_clear()
        try:
            table = lexicon._dictionary()
            assert len(table) == len(headwords), attempt
            assert all(w in table for w in sample), attempt
            assert [w in table for w in misses] == [w in headwords for w in misses], attempt
        finally:
            lexicon._dictionary.cache_clear()
