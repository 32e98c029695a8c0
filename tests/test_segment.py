from __future__ import annotations

import re
import textwrap
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mtcheck.analysis import Analysis
from mtcheck.model import Document
from mtcheck.segment import WORD_RE, count_words, paragraphs, segment, wrap_width


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


# three paragraphs of plain prose, long enough to wrap over several lines at any usual width
_PROSE = [
    "The regional council approved a budget of 40 million euros for rural schools on Monday "
    "after a debate of more than five hours, in which Mayor Ana Ruiz defended the plan against "
    "members who said the money should go to roads and bridges first.",
    "Teachers in the district welcomed the decision. Their union said that 140 additional "
    "assistants would be hired before the next school year and that the free lunch programme "
    "would reach every primary school in the region by the spring.",
    "The state government in the capital must still approve the plan, which it is expected to "
    "do in the autumn, according to officials who spoke on condition of anonymity because the "
    "talks were not public.",
]


def _wrapped(paras: list[str], width: int, separator: str) -> str:
    return separator.join(textwrap.fill(p, width) for p in paras) + "\n"


@pytest.mark.parametrize("width", [50, 60, 72, 80])
@pytest.mark.parametrize("separator", ["\n\n", "\n"])
def test_hard_wrapped_paragraphs_are_whole_again(width: int, separator: str) -> None:
    # a line that starts with a capital (a name, a number, a new sentence) is still the same
    # paragraph when the line above was filled to the width
    text = _wrapped(_PROSE, width, separator)
    assert width - 10 < wrap_width(text) <= width
    paras = [" ".join(text[p.start : p.end].split()) for p in paragraphs(text)]
    if separator == "\n\n":
        assert paras == _PROSE
    else:
        # without blank lines, a filled line that ends a sentence may as well end a paragraph:
        # the text may split there, never inside a sentence
        assert " ".join(paras) == " ".join(_PROSE)
        assert all(p.endswith(".") for p in paras)
        assert len(paras) <= len(_PROSE) + 2
    whole = segment(" ".join(_PROSE))
    assert len(segment(text).sentences) == len(whole.sentences)


def test_a_headline_above_wrapped_text_stays_its_own_paragraph() -> None:
    headline = "Regional Council Approves New Budget for Rural Schools After Long Debate"
    text = headline + "\n" + _wrapped(_PROSE, 72, "\n")
    assert len(headline) + len("The") + 1 > 72  # its next word would not have fitted
    paras = [" ".join(text[p.start : p.end].split()) for p in paragraphs(text)]
    assert paras == [headline, *_PROSE]


def test_a_sentence_case_headline_above_a_dateline_stays_its_own_paragraph() -> None:
    headline = "Regional council approves a new budget for rural schools after long debate"
    body = "BRUSSELS, May 4 (Agency) - " + _PROSE[0]
    text = headline + "\n" + _wrapped([body, *_PROSE[1:]], 76, "\n")
    assert len(headline) <= 76 < len(headline) + len("BRUSSELS,") + 1
    paras = [" ".join(text[p.start : p.end].split()) for p in paragraphs(text)]
    assert paras[0] == headline and paras[1].startswith("BRUSSELS, May 4")


def test_a_line_of_figures_is_not_joined_to_the_next() -> None:
    # subtitles saved as text: a cue's timestamps are a line of their own
    cue = "00:00:01,000 --> 00:00:03,500\nWhere were you last night when\nthe lights went out?\n"
    text = "\n".join(f"{i}\n{cue}" for i in range(1, 30))
    paras = [text[p.start : p.end] for p in paragraphs(text)]
    assert "00:00:01,000 --> 00:00:03,500" in paras


@pytest.mark.parametrize(
    "text",
    [
        # one sentence per line: each line ends with its own punctuation
        "The council met on Monday in the town hall to vote.\n"
        "Teachers welcomed the decision of the regional council.\n"
        "The state government in the capital must still approve it.\n"
        "Officials said the plan would be ready by the spring.\n",
        # a list of short items, broken off wherever the item ends
        "Weight 180 grams without the charger\nColour black or silver\n"
        "Battery 5000 mAh with fast charging\nScreen 6.1 inches\nStorage 128 or 256 GB\n"
        "Price 499 euros in most shops\n",
        # verse
        "The rain came down on the harbour town\nAnd nobody went to sea\n"
        "The boats lay still in the grey of the morning\nWaiting for you and me\n",
        # lists whose items are all about as long: every line "filled", but none goes on in
        # lowercase
        "Large double bedroom with a balcony\nFully equipped kitchen and a washer\n"
        "Private terrace facing the old harbour\nFree parking in the garage below\n"
        "Daily cleaning and fresh towels at noon\nAir conditioning in every bedroom\n",
        "Factory activity shrinks for a fifth month in a row in May\n"
        "Oil prices climb as tensions in the region threaten supplies\n"
        "Central bank holds its main rate steady for a third meeting\n"
        "Shares in carmakers fall after the new tariffs are announced\n"
        "Bond yields rise to their highest level in more than a year\n",
        # news: one paragraph per line, longer than any wrapped line
        "\n".join(_PROSE) + "\n",
    ],
)
def test_text_with_its_own_line_breaks_is_not_taken_for_wrapped(text: str) -> None:
    assert wrap_width(text) == 0
    assert len(paragraphs(text)) == text.count("\n")


def test_a_line_ending_in_an_abbreviation_goes_on_in_lowercase() -> None:
    text = "The robots are large -- 8 ft., 12 ft.\nlong in all. They move.\nNext one."
    paras = [text[p.start : p.end] for p in paragraphs(text)]
    assert paras == ["The robots are large -- 8 ft., 12 ft.\nlong in all. They move.", "Next one."]


def test_wrap_detection_is_linear_on_hostile_lines() -> None:
    # many short lines, and lines of one long word each: one pass and a sort
    for text in ("a\n" * 200_000, ("x" * 70 + "\n") * 20_000, "\n" * 300_000):
        started = time.process_time()
        paragraphs(text)
        assert time.process_time() - started < 5.0


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
