from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mtcheck.analysis import Analysis
from mtcheck.model import Document
from mtcheck.segment import WORD_RE, count_words, paragraphs, segment


def sents(text: str, lines_mode: bool = False) -> list[str]:
    return [text[s.start : s.end] for s in segment(text, lines_mode).sentences]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mr. Smith arrived. He sat down.", ["Mr. Smith arrived.", "He sat down."]),
        ("The U.S. Senate voted. It passed.", ["The U.S. Senate voted.", "It passed."]),
        (
            "He lives in the U.S. The weather is fine.",
            ["He lives in the U.S.", "The weather is fine."],
        ),
        ("Use tools, e.g. hammers. Then stop.", ["Use tools, e.g. hammers.", "Then stop."]),
        ("We met at 9 a.m. on Monday.", ["We met at 9 a.m. on Monday."]),
        ("J. K. Rowling wrote it. Fans cheered.", ["J. K. Rowling wrote it.", "Fans cheered."]),
        (
            "Growth was 3.5 percent. At 10.30 it rose.",
            ["Growth was 3.5 percent.", "At 10.30 it rose."],
        ),
        ("He paused... Then he left.", ["He paused...", "Then he left."]),
        ("He paused… and then left.", ["He paused… and then left."]),
        ('"Why?" he asked. "Go."', ['"Why?" he asked.', '"Go."']),
        (
            "She said: “Leave now.” They left.",
            ["She said: “Leave now.” They left."][0:1] * 0
            or ["She said: “Leave now.”", "They left."],
        ),
        ("It ended (finally.) Next day came.", ["It ended (finally.)", "Next day came."]),
        ("See No. 5 for details. Done.", ["See No. 5 for details.", "Done."]),
        ("It was fine. the next one was not.", ["It was fine.", "the next one was not."]),
        ("Wait! What? Really.", ["Wait!", "What?", "Really."]),
        (
            "The talks were offensive.Government left.",
            ["The talks were offensive.Government left."],
        ),
    ],
)
def test_sentence_hard_cases(text: str, expected: list[str]) -> None:
    assert sents(text) == expected


def test_headline_and_list_items_are_their_own_paragraphs() -> None:
    text = "Floods Hit the Coast\nRain fell all night. Roads closed.\n- first item\n- second item\n"
    paras = [text[p.start : p.end] for p in paragraphs(text)]
    assert paras == [
        "Floods Hit the Coast",
        "Rain fell all night. Roads closed.",
        "- first item",
        "- second item",
    ]


def test_soft_wrapped_lines_stay_in_one_paragraph() -> None:
    text = "The minister said the plan\nwould be ready by May.\n\nNext paragraph."
    paras = [text[p.start : p.end] for p in paragraphs(text)]
    assert paras == ["The minister said the plan\nwould be ready by May.", "Next paragraph."]


def test_lines_mode_never_joins_lines() -> None:
    text = "the first segment\nwithout end\nThird one."
    assert len(paragraphs(text, lines_mode=True)) == 3
    assert sents(text, lines_mode=True) == ["the first segment", "without end", "Third one."]


def test_spans_are_ordered_disjoint_and_stripped() -> None:
    text = "  One. Two!  \n\n\n Three?\nFour \n"
    seg = segment(text)
    prev = 0
    for s in seg.sentences:
        assert prev <= s.start < s.end <= len(text)
        assert not text[s.start].isspace() and not text[s.end - 1].isspace()
        prev = s.end


def test_word_count() -> None:
    assert count_words("It's a well-known fact: 3.5 percent, U.S.") == 7


_READABLE_WORD_RE = re.compile(r"(?:[^\W\d_]\.){2,}|\w+(?:[-'’]\w+|(?<=\d)[.,:]\d+)*")


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="aZ1_.,:-'’ é\n", max_size=30))
def test_word_re_tokens_equal_the_readable_form(text: str) -> None:
    got = [m.span() for m in WORD_RE.finditer(text)]
    assert got == [m.span() for m in _READABLE_WORD_RE.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aB1 .!?\"')\n-", max_size=40))
def test_sentence_tokens_are_the_document_tokens(text: str) -> None:
    a = Analysis(Document(id="d", text=text))
    assert a.tokens == WORD_RE.findall(text)
    assert a.word_count == len(a.words)
