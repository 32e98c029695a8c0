"""Behaviour of the bracket and quote rules (MT3xx) beyond their own examples."""

from __future__ import annotations

import time
from typing import Any

import pytest

from mtcheck import engine
from mtcheck.analysis import Analysis
from mtcheck.config import resolve
from mtcheck.model import Document, Finding
from mtcheck.rules import registry
from tests.rule_support import rule_spans


def scan(code: str, text: str, **options: Any) -> list[Finding]:
    settings = resolve({"select": (code,), "lang": "en", "rules": {code: options}}, discover=False)
    result = engine.run([Document(id="d", text=text, path="d.txt")], settings)
    return list(result.documents[0].findings)


def evidence(code: str, text: str, **options: Any) -> list[str]:
    return [text[f.start : f.end] for f in scan(code, text, **options)]


def starts(code: str, text: str) -> list[int]:
    return [f.start for f in scan(code, text)]


def test_unbalanced_bracket_aside_only_spans_into_the_next_paragraph() -> None:
    spanning = "The fund (set up in 2019\n\nand run by the bank) grew."
    assert scan("MT301", spanning) == []
    too_far = "The fund (set up in 2019\n\nIt grew.\n\nIt was run by the bank) in May."
    assert starts("MT301", too_far) == [too_far.index("("), too_far.index(")")]


def test_unbalanced_bracket_intervals_need_numbers_or_variables() -> None:
    assert scan("MT301", "For x in [a, b) the sum converges.") == []
    assert starts("MT301", "He said [the deal) was done.") == [8, 17]


def test_unbalanced_bracket_smiley_run_only_when_nothing_is_open() -> None:
    assert scan("MT301", "Great seller, thanks))") == []
    text = "The plan (approved in May)) was cut."
    assert starts("MT301", text) == []  # a ")" run next to a closed aside reads as a smiley
    assert starts("MT301", "The plan approved in May) was cut.") == [24]


def test_editorial_insertion_cues_option() -> None:
    text = "[crowd noise] The speech resumed."
    assert evidence("MT302", text) == ["[crowd noise]"]
    assert evidence("MT302", text, cues=["Crowd noise"]) == []


def test_editorial_insertion_needs_a_new_clause_after_it() -> None:
    assert evidence("MT302", "The deal [the third one] collapsed.") == []
    assert evidence("MT302", "The deal [the third one] They collapsed.") == ["[the third one]"]
    assert evidence("MT302", "They met [in secret] Ahmed Khan in May.") == []


def test_quote_direction_suggests_the_right_mark() -> None:
    text = "“We go,“ he said. ”Now,” she said."
    found = scan("MT303", text)
    assert [(text[f.start], f.suggestion) for f in found] == [("“", "”"), ("”", "“")]


def test_quote_direction_leaves_apostrophes_alone() -> None:
    text = "Fans of ’60s music and the boss’ band loved ’em at the players’ party."
    assert scan("MT303", text) == []


def test_unbalanced_quotes_multi_paragraph_quotation() -> None:
    ok = "“The first part runs on.\n\n“The second part too.\n\n“The last part ends,” he said."
    assert scan("MT304", ok) == []
    broken = "“The first part runs on.\n\nThe second part does not continue it."
    assert starts("MT304", broken) == [0]


def test_unbalanced_quotes_direction_errors_are_not_reported_twice() -> None:
    text = "“We will win,“ she said."
    assert scan("MT304", text) == []
    assert len(scan("MT303", text)) == 1


def test_unbalanced_quotes_straight_and_inch_marks() -> None:
    assert scan("MT304", 'The 65" model and the "Pro" model sold out.') == []
    assert starts("MT304", 'The 65" model sold out. He called it "a farce.') == [37]


def test_space_inside_delimiters_suggestion() -> None:
    text = "The agency ( Reuters ) said so."
    found = scan("MT305", text)
    assert [(text[f.start : f.end], f.suggestion) for f in found] == [("( Reuters )", "(Reuters)")]


def test_space_inside_delimiters_is_english_only() -> None:
    settings = resolve({"select": ("MT305",), "lang": "fr"}, discover=False)
    doc = Document(id="d", text="Il a dit ( Reuters ) non.", path="d.txt")
    assert engine.run([doc], settings).documents[0].findings == ()


HOSTILE = [
    "(" * 100_000,
    ")" * 100_000,
    "[" + "a" * 400_000,
    '"' * 100_000,
    "“" * 100_000,
    "’a" * 100_000,
    "( " * 100_000,
    "[x] The " * 100_000,
    ":)" * 100_000,
    "[0, " * 100_000,
]


@pytest.mark.parametrize("code", ["MT301", "MT302", "MT303", "MT304", "MT305"])
def test_bracket_rules_are_fast_on_hostile_input(code: str) -> None:
    # the rule alone (the engine's per-finding work is measured elsewhere)
    r = registry.get(code)
    for text in HOSTILE:
        a = Analysis(Document(id="d", text=text))
        t0 = time.process_time()
        for _ in r.check(a, r.default_options()):  # type: ignore[union-attr]
            pass
        assert time.process_time() - t0 < 5, (code, text[:20])


# Texts with the trigger of a rule at the edges of the text or of a paragraph, chained
# matches (the left word of one is the right word of the one before), runs longer than the
# windows the fast scans look back over, and code chunks longer than a word: the candidate
# scans must find exactly what a plain scan of the whole text finds (spans as (start, end)).
_EDGE_CASES = [
    ("MT301", "(open", [(0, 1)]),
    ("MT301", "close)", [(5, 6)]),
    ("MT301", "(a)\n\n(b\n\nc) d :) (e :)", [(5, 6), (17, 18)]),
    ("MT303", "”He left.", [(0, 1)]),
    ("MT303", "He left.“", [(8, 9)]),
    ("MT304", "“a\n\n“b”\n\nc”", [(10, 11)]),
    ("MT305", "( Reuters )", [(0, 11)]),
    ("MT305", "(a “ b) c”", []),
]


@pytest.mark.parametrize(("code", "text", "spans"), _EDGE_CASES)
def test_fast_scans_keep_edge_and_chained_matches(
    code: str, text: str, spans: list[tuple[int, int]]
) -> None:
    assert rule_spans(code, text) == spans
