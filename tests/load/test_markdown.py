"""Markdown extraction: prose kept, markup and code dropped, every piece copied verbatim."""

from __future__ import annotations

import gc

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mtcheck.config import Settings
from mtcheck.load import markdown
from mtcheck.model import Document


def text_of(source: str) -> str:
    return markdown.extract(source)[0]


def doc_of(source: str) -> Document:
    (doc,) = markdown.load("x.md", source, Settings())
    assert isinstance(doc, Document)
    return doc


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # front matter, YAML and TOML, only at the very start
        ("---\ntitle: A.B\nlist: [x]\n---\nBody text.\n", "Body text."),
        ("+++\ntitle = 'A.B'\n+++\n\nBody text.\n", "Body text."),
        ("Intro.\n\n---\ntitle: kept\n---\n", "Intro.\n\ntitle: kept"),
        # code: fenced, indented, inline (the space around it tidied)
        ("Before.\n\n```py\nx.Y = 1\n```\n\nAfter.\n", "Before.\n\nAfter."),
        ("Before.\n\n    code.Block here\n\nAfter.\n", "Before.\n\nAfter."),
        ("Run `pip install` now.\n", "Run now."),
        ("Call `f()`.\n", "Call."),
        ("Unmatched ` backtick stays.\n", "Unmatched ` backtick stays."),
        # links, images, autolinks, bare URLs, reference definitions
        ('See [the report](https://x.org/a.B "t.T") today.\n', "See the report today."),
        ("An ![chart.Alt](c.png) here.\n", "An here."),
        ("Mail <https://x.org/a.B> or www.example.org/p.Q today.\n", "Mail or today."),
        ("Read https://example.com/a_b_c.\n", "Read."),
        ("Text [ref] here.\n\n[ref]: https://x.org/r.R\n", "Text ref here."),
        # HTML blocks, inline HTML and comments
        ("<div>\nblock.Html\n</div>\n\nProse.\n", "Prose."),
        ("Some <span class='x'>inline</span> html.\n", "Some inline html."),
        ("Some <!-- hidden.Note --> words.\n", "Some words."),
        (
            "The end.<br>Next line<br/>and <p>new block</p>\n",
            "The end.\nNext line\nand\n\nnew block",
        ),
        # tables: each cell on its own, pipes dropped, escaped pipe kept as text
        ("| A | B |\n|---|---|\n| one | two \\| three |\n", "A\n\nB\n\none\n\ntwo | three"),
        # markers of headings, lists, quotes, emphasis
        ("# Title #\n\nText.\n", "Title\n\nText."),
        ("Title\n=====\n\nText.\n", "Title\n\nText."),
        ("- one\n- two\n\n1. three\n", "one\n\ntwo\n\nthree"),
        (
            "> quoted *em* and **strong** and ~~gone~~ and _u_\n",
            "quoted em and strong and gone and u",
        ),
        ("2 * 3 = 6 and snake_case_name\n", "2 * 3 = 6 and snake_case_name"),
        ("Escaped \\*stars\\* and &amp; &eacute; &#8217;\n", "Escaped *stars* and & é ’"),
        # soft break is a space, hard break a newline
        ("one line\nwrapped here\n", "one line wrapped here"),
        ("hard  \nbreak and\\\nslash\n", "hard\nbreak and\nslash"),
        ("", ""),
        ("   \n\n  \n", ""),
    ],
)
def test_extracted_text(source: str, expected: str) -> None:
    assert text_of(source) == expected


def test_pieces_are_verbatim() -> None:
    source = (
        "# Head *one*\n\n> - item with [link](u) and `code`\n>   cont\n\n"
        "| a | b |\n|---|---|\n| c | d |\n\nPlain *para*\nwrapped.\n"
    )
    doc = doc_of(source)
    assert doc.source_map is not None
    _, builder, _ = markdown.extract(source)
    for p in builder.pieces:
        assert (
            doc.text[p.text_start : p.text_start + p.length]
            == (source[p.source_start : p.source_start + p.length])
        )


def test_line_col_of_inserted_separator_is_end_of_previous_piece() -> None:
    doc = doc_of("first line\nsecond line\n")
    assert doc.text == "first line second line"
    loc = doc.locator()
    assert loc.line_col(doc.text.index(" second")) == (1, 11)
    assert loc.line_col(doc.text.index("second")) == (2, 1)


def test_format_is_markdown() -> None:
    assert doc_of("x").format == "markdown"


def unique_words(tokens: list[str]) -> str:
    """Join tokens, each "W" becoming a character found nowhere else in the source, so a
    verbatim piece can only map to the right place."""
    return "".join(chr(0x4E00 + i) if t == "W" else t for i, t in enumerate(tokens))


_MD_ALPHABET = st.sampled_from(
    [
        "W",
        "W",
        "W",
        "W",
        *list("ab .,*_`[]()!<>#|-+>\\&;\n \t"),
        "\n\n",
        "```",
        "---",
        "&amp;",
        "<!--",
        "-->",
        "é",
        "😀",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_MD_ALPHABET, max_size=60).map(unique_words))
def test_fuzz_never_crashes_and_maps_inside_the_source(source: str) -> None:
    doc = doc_of(source)
    _, builder, _ = markdown.extract(source)
    last_t = -1
    for p in builder.pieces:
        assert p.text_start > last_t
        last_t = p.text_start
        assert p.source_start >= 0 and p.source_start + p.length <= len(source)
        assert p.text_start + p.length <= len(doc.text)
        for i in range(p.length):
            t = doc.text[p.text_start + i]
            s = source[p.source_start + i]
            assert t == s or s == "&", (source, p)
    for s in doc.suppressions:
        assert 0 <= s.start <= s.end <= len(doc.text)


@pytest.mark.parametrize("enabled", [True, False])
def test_extract_leaves_the_garbage_collector_as_it_found_it(enabled: bool) -> None:
    # extraction pauses the cyclic collector (see _collector_paused); the caller's choice stands
    was = gc.isenabled()
    try:
        if enabled:
            gc.enable()
        else:
            gc.disable()
        text_of("Some *emphasis* and [a link](x).\n")
        assert gc.isenabled() is enabled
        with pytest.raises(ZeroDivisionError), markdown._collector_paused():
            raise ZeroDivisionError
        assert gc.isenabled() is enabled
    finally:
        if was:
            gc.enable()
        else:
            gc.disable()
