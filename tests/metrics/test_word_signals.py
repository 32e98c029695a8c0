"""Model-free word signals (wordfreq) and the syllable totals behind readability."""

from __future__ import annotations

import textstat

from mtcheck.analysis import Analysis
from mtcheck.metrics.words import english_totals, word_signals
from mtcheck.model import Document


def _analysis(text: str, lang: str = "en") -> Analysis:
    return Analysis(Document(id="d", text=text), lang)


def test_shares_count_words_once_per_occurrence() -> None:
    text = "The cat sat on the mat. Xqzvt blorfgin Paris 42.\n\nThe cat sat on the mat."
    s = word_signals(_analysis(text))
    assert s is not None
    # alphabetic words: 6 + 3 + 6 = 15; function words: The on the, twice = 6
    assert s["function_word_share"] == round(6 / 15, 4)
    # lowercase-initial words: cat sat on the mat (twice) + blorfgin = 11; non-word: blorfgin
    assert s["non_word_share"] == round(1 / 11, 4)
    assert s["rare_word_share"] == 0.0


def test_names_and_numbers_are_not_non_words() -> None:
    s = word_signals(_analysis("Yusuf Adebayo met Ms. Okonkwo in Abuja on 12 May 2024."))
    assert s is not None
    assert s["non_word_share"] == 0.0


def test_only_english_gets_word_signals() -> None:
    assert word_signals(_analysis("Der Vertrag wurde am Montag unterzeichnet.", "de")) is None


def test_syllable_total_matches_textstat_word_by_word() -> None:
    text = "Beautiful weather arrived unexpectedly; the committee celebrated it twice, twice."
    words = [w.strip(";,.") for w in text.split()]
    textstat.set_lang("en")
    expected = sum(max(1, textstat.syllable_count(w.lower())) for w in words)
    assert english_totals(_analysis(text))["syllables"] == expected


def test_transliterated_debris_fragments_into_more_pieces() -> None:
    clean = word_signals(_analysis("The minister announced new tariffs on imported steel."))
    debris = word_signals(_analysis("The zhengfu gongzuo baogao qiangdiao on imported steel."))
    assert clean is not None and debris is not None
    assert 1.0 <= clean["pieces_per_word"] < 1.6
    assert debris["pieces_per_word"] > clean["pieces_per_word"] + 1.0


def test_pieces_per_word_in_document_metrics() -> None:
    from mtcheck import engine
    from mtcheck.config import resolve

    run = engine.run(
        [Document(id="a", text="The talks resumed on Monday in Geneva.")],
        resolve({"lang": "en"}, discover=False),
    )
    assert 1.0 <= run.documents[0].metrics["fluency"]["pieces_per_word"] < 2.0
