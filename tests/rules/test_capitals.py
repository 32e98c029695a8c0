"""Behaviour of the capitals rules (MT2xx) beyond their own examples."""

from __future__ import annotations

import time

import pytest

from mtcheck import engine
from mtcheck.config import resolve
from mtcheck.model import Document
from mtcheck.rules.words import adverb_stem, verb_stem


def _scan(code: str, *texts: str) -> list[list[str]]:
    settings = resolve({"select": (code,), "lang": "en"}, discover=False)
    docs = [Document(id=f"d{i}", text=t) for i, t in enumerate(texts)]
    result = engine.run(docs, settings)
    return [
        [t[f.start : f.end] for f in d.findings]
        for t, d in zip(texts, result.documents, strict=True)
    ]


def test_morphology_helpers() -> None:
    assert adverb_stem("Publicly") == "public"
    assert adverb_stem("Kelly") is None
    assert verb_stem("Wanted") == "want"
    assert verb_stem("Beijing") is None


def test_mt201_document_names_are_left_alone() -> None:
    # "Considering" is capitalised mid-sentence twice and never lowercase: treated as a name
    text = "They met Considering Ltd staff. Officials praised staff of Considering again."
    assert _scan("MT201", text) == [[]]


def test_mt201_flags_the_headline_words_not_the_names() -> None:
    text = "The President of Afghanistan Publicly criticised Pakistan."
    assert _scan("MT201", text) == [["Publicly"]]


def test_mt201_speech_tag_after_comma_and_quote() -> None:
    assert _scan("MT201", "“It is over,” He said.", "“It is over,” Smith said.") == [["He"], []]


def test_mt201_sentence_start_and_after_colon_are_fine() -> None:
    assert _scan("MT201", "With luck, it works. The answer: With care.") == [[]]


def test_mt202_flags_single_lowercase_sentence() -> None:
    assert _scan("MT202", "the talks ended.") == [["the"]]


def test_mt202_headline_without_final_punctuation_is_left_alone() -> None:
    assert _scan("MT202", "works for the most part\n\nI liked it.") == [[]]


def test_mt202_after_abbreviation_is_fine() -> None:
    assert _scan("MT202", "It weighs 5 lbs. when full.") == [[]]


@pytest.mark.parametrize("code", ["MT201", "MT202"])
@pytest.mark.parametrize(
    "hostile",
    [
        "Ab " * 100_000,
        "a. " * 100_000,
        "Go. then " * 40_000,
        "the With " * 50_000,
        "film The " * 50_000,
        "x" * 300_000,
    ],
    ids=["titlecase", "initials", "lowercase-sentences", "function-words", "titles", "one-word"],
)
def test_linear_on_hostile_input(code: str, hostile: str) -> None:
    t0 = time.process_time()
    _scan(code, hostile)
    assert time.process_time() - t0 < 10


def test_mt202_unpunctuated_paragraph_of_several_sentences_is_not_a_headline() -> None:
    assert _scan("MT202", "He left early. the end came soon, they said") == [["the"]]


def test_mt201_candidates_at_the_edges_and_after_odd_spaces() -> None:
    # the candidate-sentence prefilter must keep a word that ends the text, a speech tag
    # after two spaces, and a word after a no-break space
    assert _scan("MT201", "Sales were very Different") == [["Different"]]
    text = "“Prices will rise,”  The minister said. It was quite\u00a0Good"
    assert _scan("MT201", text) == [["The", "Good"]]
