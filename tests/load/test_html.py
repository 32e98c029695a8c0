"""HTML extraction: visible text only, blocks separated, entities decoded, malformed input safe."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mtcheck.config import Settings
from mtcheck.load import html
from mtcheck.model import Document


def text_of(source: str) -> str:
    return html.extract(source)[0]


def doc_of(source: str) -> Document:
    (doc,) = html.load("x.html", source, Settings())
    assert isinstance(doc, Document)
    return doc


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # invisible content
        (
            "<html><head><title>T</title><meta charset=utf-8><style>p{}</style></head>"
            "<body><p>Shown.</p></body></html>",
            "Shown.",
        ),
        ("<script>var a = '<p>no</p>';</script><p>Yes.</p>", "Yes."),
        ("<template><p>no</p></template><noscript>no</noscript><p>Yes.</p>", "Yes."),
        ("<svg><text>no</text></svg><iframe>no</iframe><p>Yes.</p>", "Yes."),
        ("<p hidden>no</p><div aria-hidden='true'>no</div><p>Yes.</p>", "Yes."),
        ("<div style='display: none'>no</div><p>Yes.</p>", "Yes."),
        ("<p aria-hidden='false'>Shown.</p>", "Shown."),
        ("<!-- a comment --><p>Yes.</p>", "Yes."),
        # blocks separate paragraphs, inline elements don't, br is a line break
        (
            "<h1>Head</h1><p>One <b>bold</b><i>joined</i>.</p><div>Two</div>",
            "Head\n\nOne boldjoined.\n\nTwo",
        ),
        ("<p>line one<br>line two<br/>three</p>", "line one\nline two\nthree"),
        (
            "<ul><li>a</li><li>b</li></ul><table><tr><td>c</td><td>d</td></tr></table>",
            "a\n\nb\n\nc\n\nd",
        ),
        # whitespace collapses inside a block; edges dropped
        ("<p>\n   many\t\tspaces \n here   </p>", "many spaces here"),
        ("<pre>line  one\n  line two</pre>", "line one\nline two"),
        # entities
        ("<p>A &amp; B&nbsp;C &#8217; &#x2019; caf&eacute;</p>", "A & B\xa0C ’ ’ café"),
        ("<p>AT&T &bogus; &#xZZ; 3 &lt 4</p>", "AT&T &bogus; &#xZZ; 3 < 4"),
        # html.parser alone would give up at "&#" and return the rest, tags and all, as text
        ("<p>Price &# 5 &#x; too</p><script>x;</script><p>Next</p>", "Price &# 5 &#x; too\n\nNext"),
        # malformed markup
        ("<p>unclosed <b>bold <i>italic<p>next", "unclosed bold italic\n\nnext"),
        ("<div hidden><p>inner</div><p>after</p>", "after"),
        ("<p>stray < sign and </span> end tag</p>", "stray < sign and end tag"),
        ("<ul><li>one<li>two</ul>", "one\n\ntwo"),
        ("<p>text <!-- never closed", "text"),
        ("<p>a <![if !IE]> b <![bogus[ c</p>", "a b"),  # a bogus comment runs to ">"
        (
            "<head><title>t</title><body><p>body without closing head</p>",
            "body without closing head",
        ),
        ("", ""),
        ("   \n ", ""),
    ],
)
def test_extracted_text(source: str, expected: str) -> None:
    assert text_of(source) == expected


def test_entity_maps_to_its_ampersand() -> None:
    source = "<p>caf&eacute; &#8217;x</p>"
    doc = doc_of(source)
    loc = doc.locator()
    assert loc.line_col(doc.text.index("é")) == (1, source.index("&eacute;") + 1)
    assert loc.line_col(doc.text.index("’")) == (1, source.index("&#8217;") + 1)
    assert loc.line_col(doc.text.index("x")) == (1, source.index("x") + 1)


def test_collapsed_whitespace_maps_each_kept_character() -> None:
    source = "<p>\n  alpha\n\n    beta   gamma</p>"
    doc = doc_of(source)
    assert doc.text == "alpha beta gamma"
    loc = doc.locator()
    assert loc.line_col(doc.text.index("beta")) == (4, 5)
    assert loc.line_col(doc.text.index("gamma")) == (4, 12)
    assert loc.line_col(doc.text.index("alpha")) == (2, 3)


def test_format_is_html() -> None:
    assert doc_of("<p>x</p>").format == "html"


def test_deep_unclosed_nesting_stays_fast() -> None:
    import time

    n = 20000
    source = "<div>" + "<span><td>" * n + "text" + "</i>" * n + "</div>" * n
    t0 = time.process_time()
    assert text_of(source) == "text"
    assert time.process_time() - t0 < 5


def unique_words(tokens: list[str]) -> str:
    """Join tokens, each "W" becoming a character found nowhere else in the source, so a
    verbatim piece can only map to the right place."""
    return "".join(chr(0x4E00 + i) if t == "W" else t for i, t in enumerate(tokens))


_HTML_ALPHABET = st.sampled_from(
    [
        "W",
        "W",
        "W",
        "W",
        *list("ab .<>/!-=&#;'\"x\n \t"),
        "<p>",
        "</p>",
        "<b>",
        "<br>",
        "<script>",
        "</script>",
        "<!--",
        "-->",
        "&amp;",
        "<![",
        "é",
        "<div hidden>",
        "</div>",
        "<li>",
        "<pre>",
        "</pre>",
        "&#x",
        "&#",
        "😀",
        "<td>",
        "<tr>",
    ]
)
_WS = " \t\n\r\f"


@settings(max_examples=300, deadline=None)
@given(st.lists(_HTML_ALPHABET, max_size=60).map(unique_words))
def test_fuzz_never_crashes_and_maps_inside_the_source(source: str) -> None:
    doc = doc_of(source)
    _, builder, _ = html.extract(source)
    last_t = -1
    for p in builder.pieces:
        assert p.text_start > last_t
        last_t = p.text_start
        assert p.source_start >= 0 and p.source_start + p.length <= len(source)
        for i in range(p.length):
            t = doc.text[p.text_start + i]
            s = source[p.source_start + i]
            # verbatim, or a collapsed whitespace run, or a decoded entity at its "&"
            assert t == s or (t == " " and s in _WS) or s == "&", (source, p)


def test_xml_entity_declarations_are_never_expanded() -> None:
    import time

    laughs = "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">\n' for i in range(1, 10))
    source = (
        '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n<!ENTITY lol0 "lol">\n'
        + laughs
        + "]>\n<html><body><p>Boom &lol9; and &ext; here.</p></body></html>"
    )
    t0 = time.process_time()
    assert text_of(source) == "Boom &lol9; and &ext; here."
    assert time.process_time() - t0 < 1


def test_external_entity_is_not_fetched() -> None:
    source = '<!DOCTYPE x [<!ENTITY ext SYSTEM "file:///etc/passwd">]><p>Value: &ext;</p>'
    assert text_of(source) == "Value: &ext;"
