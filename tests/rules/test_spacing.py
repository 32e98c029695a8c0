"""Behaviour of the spacing and joins rules (MT1xx) beyond their own examples."""

from __future__ import annotations

import time

import pytest

from mtcheck import engine
from mtcheck.config import resolve
from mtcheck.model import Document
from tests.rule_support import rule_spans


def _scan(code: str, text: str, lang: str = "en") -> list[str]:
    settings = resolve({"select": (code,), "lang": lang}, discover=False)
    result = engine.run([Document(id="d", text=text)], settings)
    return [text[f.start : f.end] for f in result.documents[0].findings]


def test_mt101_flags_closing_bracket_and_quote_joins() -> None:
    assert _scan("MT101", "He said “no.”Then he left. It was over.)Next came.") == [
        "no.”Then",
        "over.)Next",
    ]


def test_mt101_leaves_unspaced_ellipsis() -> None:
    assert _scan("MT101", "I tried...Nothing worked.") == []


def test_mt102_flags_every_mark_of_tokenised_text() -> None:
    text = "Prices rose , analysts said ; the index fell ."
    assert _scan("MT102", text) == ["rose ,", "said ;", "fell ."]


def test_mt102_is_english_only() -> None:
    assert _scan("MT102", "Il a dit : non !", lang="fr") == []


def test_mt102_leaves_ellipsis_and_emoticons() -> None:
    assert _scan("MT102", "Well ... maybe :) or ;-) we will see .. ok") == []


def test_mt103_suspended_compound_needs_a_hyphenated_partner() -> None:
    assert _scan("MT103", "Both pre- and post-war data exist.") == []
    assert _scan("MT103", "He stayed at home- and waited.") == ["home-"]


def test_mt103_leaves_spoken_restarts() -> None:
    assert _scan("MT103", "We should add met- these metrics and the- of the rest.") == []


def test_mt104_right_side_must_continue_the_clause() -> None:
    assert _scan("MT104", "It ended in a stand-off-the end.") == []  # no word follows
    assert _scan("MT104", "The vote came late-the count took hours.") == ["late-the"]


def test_mt105_abbreviations_before_comma_are_fine_but_words_are_not() -> None:
    assert _scan("MT105", "Smith Jr., Acme Inc., the U.S., etc., and e.g., rest.") == []
    assert _scan("MT105", "The government., the army.") == [".,"]


def test_mt105_domain_is_not_a_word_with_a_stop_inside() -> None:
    assert _scan("MT105", "See node.js and example.com, then gover.nment went.") == ["gover.nment"]


def test_mt105_stray_symbols_and_marks() -> None:
    text = "Rain fell on the@ city and the, people left; of course."
    assert _scan("MT105", text) == ["the@", "the,"]


@pytest.mark.parametrize("code", ["MT101", "MT102", "MT103", "MT104", "MT105"])
@pytest.mark.parametrize(
    "hostile",
    [
        "a" * 200_000,
        "a " * 100_000,
        "a-" * 100_000,
        ",." * 100_000,
        "word" + " " * 200_000 + ".",
        "ab'" * 60_000,
        "x;y" * 60_000,
    ],
    ids=["letters", "words", "hyphens", "marks", "spaces", "apostrophes", "semicolons"],
)
def test_linear_on_hostile_input(code: str, hostile: str) -> None:
    t0 = time.process_time()
    _scan(code, hostile)
    assert time.process_time() - t0 < 10


# Texts with the trigger of a rule at the edges of the text or of a paragraph, chained
# matches (the left word of one is the right word of the one before), runs longer than the
# windows the fast scans look back over, and code chunks longer than a word: the candidate
# scans must find exactly what a plain scan of the whole text finds (spans as (start, end)).
_EDGE_CASES = [
    ("MT101", "ab.Cd.Ef", [(0, 5)]),
    ("MT101", "It failed.Then it rained.Again", [(3, 14), (18, 30)]),
    ("MT102", " , at the start and at the end ,", [(27, 32)]),
    ("MT102", "They do n't know.\tThe company 's chief left .", [(5, 11), (22, 32), (39, 45)]),
    ("MT103", "a- b- c- d", [(0, 2), (6, 8)]),
    ("MT103", "battlefield- May", [(0, 12)]),
    ("MT104", "deal-but", []),
    ("MT104", "They agreed a deal-but one came.", [(14, 22)]),
    ("MT105", ",,It started", [(0, 2)]),
    ("MT105", "It ended,,", [(8, 10)]),
    ("MT105", "gover,nment", [(0, 11)]),
    ("MT105", "a, b; the. plan; of; the x", [(6, 10), (15, 16)]),
    ("MT105", "the; of; the; of it", [(0, 4), (3, 4), (9, 13)]),
    (
        "MT105",
        "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx,nment was here",
        [(0, 106)],
    ),
    (
        "MT105",
        "govergovergovergovergovergovergovergovergovergovergovergovergovergovergovergovergovergovergovergovergovergovergovergovergovergovergovergovergovergover,nment",
        [(0, 156)],
    ),
    (
        "MT105",
        "see www.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.com/x,,y today,, ok",
        [(113, 115)],
    ),
    ("MT105", "word_ \nthe: of\nhold' the line to? find", [(7, 11), (10, 11), (15, 20), (30, 33)]),
    ("MT105", "They met the.\tminister", [(9, 13)]),
    # chunks longer than the look-up window: the whole document gets indexed
    ("MT105", "x" * 300 + "/a,,b and c,,d", [(311, 313)]),
    (
        "MT105",
        "x" * 300 + ",,b" + "y" * 300 + " and the; of c,,d",
        [(300, 302), (608, 612), (611, 612), (617, 619)],
    ),
    ("MT105", "/" + "x" * 300 + "the; of" + "y" * 300 + "gover,nment", [(306, 619)]),
]


@pytest.mark.parametrize(("code", "text", "spans"), _EDGE_CASES)
def test_fast_scans_keep_edge_and_chained_matches(
    code: str, text: str, spans: list[tuple[int, int]]
) -> None:
    assert rule_spans(code, text) == spans
