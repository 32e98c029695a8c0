"""line/column of findings point at the evidence in the original file, for every format.

Each test writes a file with fused sentences ("offensive.Government", which MT101 flags) at known
places, scans it, and compares each finding's line/column with the position of the evidence
found by searching the raw file independently of the loaders.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st

from mtcheck.api import scan
from mtcheck.model import DocumentResult, Finding

_NL_RE = re.compile(r"\r\n|\r|\n")
VARIANTS = ["lf", "crlf", "bom-crlf", "bom-lf"]


def write(path: Path, content: str, variant: str) -> str:
    """Write ``content`` (LF newlines) in the variant's encoding; returns the raw text."""
    raw = content.replace("\n", "\r\n") if "crlf" in variant else content
    data = raw.encode("utf-8")
    if variant.startswith("bom"):
        data = b"\xef\xbb\xbf" + data
    path.write_bytes(data)
    return raw


def raw_position(raw: str, needle: str, start: int = 0) -> tuple[int, int, int, int]:
    """Line/column of the needle's first character and just after its last, searched in the
    raw file text (BOM excluded, newlines as written); columns count code points."""
    idx = raw.index(needle, start)
    return (*_line_col(raw, idx), *_line_col(raw, idx + len(needle)))


def _line_col(raw: str, idx: int) -> tuple[int, int]:
    before = raw[:idx]
    line = len(_NL_RE.findall(before)) + 1
    last = max(before.rfind("\n"), before.rfind("\r"))
    return line, idx - last


def scan_one(path: Path, **settings: object) -> DocumentResult:
    config = {"select": ("MT101",), "lang": "en", **settings}
    run = scan([path], config)
    docs = [d for d in run.documents if d.error is None]
    assert len(docs) == 1, [d.error for d in run.documents]
    return docs[0]


def check_findings(doc: DocumentResult, raw: str, expected: list[str]) -> None:
    assert doc.text is not None
    by_excerpt: dict[str, Finding] = {}
    for f in doc.findings:
        assert doc.text[f.start : f.end] == f.excerpt
        by_excerpt[f.excerpt] = f
    assert sorted(by_excerpt) == sorted(expected)
    for needle in expected:
        f = by_excerpt[needle]
        assert (f.line, f.column, f.end_line, f.end_column) == raw_position(raw, needle), needle


TXT = (
    "First line.\n"
    "\tTabbed café 😀 中文 offensive.Government came next.\n"
    "\n"
    "Ünïcödé\t\tand more 北京 text where talks.Officials met.\n"
    "Last line with spoke.Ministers"
)


@pytest.mark.parametrize("variant", VARIANTS)
def test_txt_positions(tmp_path: Path, variant: str) -> None:
    path = tmp_path / "doc.txt"
    raw = write(path, TXT, variant)
    doc = scan_one(path)
    check_findings(doc, raw, ["offensive.Government", "talks.Officials", "spoke.Ministers"])


def test_txt_lone_cr_newlines(tmp_path: Path) -> None:
    path = tmp_path / "mac.txt"
    raw = TXT.replace("\n", "\r")
    path.write_bytes(raw.encode())
    check_findings(
        scan_one(path), raw, ["offensive.Government", "talks.Officials", "spoke.Ministers"]
    )


MD = """---
title: "Front.Matter stays out"
tags: [a.B]
---

# Heading café 😀 中文 with offensive.Government #

Intro paragraph with `code.Sample` and [a link.Target](https://example.com/x.Y) then
a second line where talks.Officials met.

> - Quoted item with **bold** text and spoke.Ministers here
>   continued line with\train.Crowds inside

| Column | Other |
|--------|-------|
| cell with 中文 agreed.Parliament | x \\| y |

1. Numbered item &amp; more waited.Nobody

```
fenced.Code stays out
```

    indented.Code stays out

<div>html.Block stays out</div>

Setext heading with voted.Lawmakers
-----------------------------------

[ref]: https://example.com/ref.Def "ref.Title"

Text after a reference *with emphasis* where rose.Prices too.
"""

MD_EXPECTED = [
    "offensive.Government",
    "link.Target",
    "talks.Officials",
    "spoke.Ministers",
    "rain.Crowds",
    "agreed.Parliament",
    "waited.Nobody",
    "voted.Lawmakers",
    "rose.Prices",
]


@pytest.mark.parametrize("variant", VARIANTS)
def test_markdown_positions(tmp_path: Path, variant: str) -> None:
    path = tmp_path / "doc.md"
    raw = write(path, MD, variant)
    check_findings(scan_one(path), raw, MD_EXPECTED)


def test_markdown_evidence_across_emphasis_ends_before_the_marker(tmp_path: Path) -> None:
    path = tmp_path / "em.md"
    raw = "Some text.\n\nThe vote was agreed.**Parliament** then left.\n"
    path.write_text(raw, encoding="utf-8")
    doc = scan_one(path)
    (f,) = doc.findings
    assert f.excerpt == "agreed.Parliament"
    line, col, _, _ = raw_position(raw, "agreed.")
    _, _, end_line, end_col = raw_position(raw, "Parliament")
    assert (f.line, f.column, f.end_line, f.end_column) == (line, col, end_line, end_col)


HTML = """<!DOCTYPE html>
<html><head><title>Title.Here stays out</title>
<script>var x = "script.Text stays out";</script>
<style>p.Class { color: red }</style></head>
<body>
<h1>Caf&eacute; &#x1F600; 中文\toffensive.Government</h1>
<p>Some    text
   spread over lines with talks.Officials in it &amp; more.</p>
<div><span>inline</span> <b>spoke.Ministers</b></div>
<p hidden>hidden.Text stays out</p>
<div aria-hidden="true">aria.Hidden stays out</div>
<ul><li>item one rain.Crowds<li>item two waited.Nobody</ul>
<table><tr><td>cell&nbsp;text agreed.Parliament<td>other</table>
<template><p>template.Text stays out</p></template>
<!-- comment.Text stays out -->
<p>Unclosed paragraph with voted.Lawmakers
<p>Stray < sign and &bogus; entity before rose.Prices
</body></html>
"""

HTML_EXPECTED = [
    "offensive.Government",
    "talks.Officials",
    "spoke.Ministers",
    "rain.Crowds",
    "waited.Nobody",
    "agreed.Parliament",
    "voted.Lawmakers",
    "rose.Prices",
]


@pytest.mark.parametrize("variant", VARIANTS)
def test_html_positions(tmp_path: Path, variant: str) -> None:
    path = tmp_path / "doc.html"
    raw = write(path, HTML, variant)
    check_findings(scan_one(path), raw, HTML_EXPECTED)


def test_html_evidence_across_inline_markup(tmp_path: Path) -> None:
    path = tmp_path / "span.html"
    raw = "<p>Intro.</p>\n<p>The vote was agreed.<em>Parliament</em> then left.</p>\n"
    path.write_text(raw, encoding="utf-8")
    (f,) = scan_one(path).findings
    assert f.excerpt == "agreed.Parliament"
    line, col, _, _ = raw_position(raw, "agreed.")
    _, _, end_line, end_col = raw_position(raw, "Parliament")
    assert (f.line, f.column, f.end_line, f.end_column) == (line, col, end_line, end_col)


JSONL = (
    '{"id": "a", "text": "caf\\u00e9 \\ud83d\\ude00 \\"quoted\\" \\n '
    'line\\toffensive.Government"}\n'
    "\n"
    '{"id": "b", "meta": {"lang": "en"}, "text": "中文 😀 é then talks.Officials met"}\n'
    '{"text": "\\u4e2d\\u6587\\/slash spoke.Ministers", "id": "c"}\n'
)


@pytest.mark.parametrize("variant", VARIANTS)
def test_jsonl_positions(tmp_path: Path, variant: str) -> None:
    path = tmp_path / "docs.jsonl"
    raw = write(path, JSONL, variant)
    run = scan([path], {"select": ("MT101",), "lang": "en", "id_field": "id"})
    assert [d.id for d in run.documents] == ["a", "b", "c"]
    expected = {"a": "offensive.Government", "b": "talks.Officials", "c": "spoke.Ministers"}
    for doc in run.documents:
        assert doc.error is None
        assert doc.text is not None
        (f,) = doc.findings
        assert doc.text[f.start : f.end] == f.excerpt == expected[doc.id]
        assert (f.line, f.column, f.end_line, f.end_column) == raw_position(raw, f.excerpt)


@pytest.mark.parametrize(
    ("name", "content", "reference"),
    [
        ("e.html", "<p>He said &ldquo;it was fine and then left the room.</p>\n", "&ldquo;"),
        ("e.md", "He said &ldquo;it was fine and then left the room.\n", "&ldquo;"),
        ("e.jsonl", '{"text": "He said \\u201cit was fine and then left the room."}\n', "\\u201c"),
        (
            "e.xlf",
            '<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" '
            'xmlns="urn:oasis:names:tc:xliff:document:1.2"><file source-language="de" '
            'target-language="en" datatype="plaintext" original="x"><body>\n<trans-unit id="1">'
            "<source>x</source><target>He said &#x201C;it was fine and then left the room."
            "</target></trans-unit></body></file></xliff>\n",
            "&#x201C;",
        ),
    ],
)
def test_evidence_ending_in_a_reference_or_escape_ends_after_it(
    tmp_path: Path, name: str, content: str, reference: str
) -> None:
    # the end column used to point just after the "&" or the backslash
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    run = scan([path], {"select": ("MT304",), "lang": "en"})
    (doc,) = run.documents
    (f,) = doc.findings
    assert f.excerpt == "“"
    assert (f.line, f.column, f.end_line, f.end_column) == raw_position(content, reference)


_PROSE = st.sampled_from(
    [
        "The talks were offensive.Government left. ",
        "and and ",
        "(open bracket ",
        "café 😀 中文 ",
        "\n",
        "\n\n",
        "\t",
        "**",
        "`",
        "[x](u) ",
        "<b>",
        "</b>",
        "<p>",
        "&amp;",
        "&eacute;",
        "<!-- mtcheck-disable MT1 -->",
        "<!-- mtcheck-enable -->",
        "> ",
        "- ",
        "| a | b |\n|---|---|\n",
    ]
)


@hyp_settings(max_examples=60, deadline=None)
@given(st.lists(_PROSE, max_size=25).map("".join), st.sampled_from(["md", "html"]))
def test_fuzz_findings_point_inside_the_file(
    tmp_path_factory: pytest.TempPathFactory, source: str, ext: str
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / f"doc.{ext}"
    path.write_text(source, encoding="utf-8")
    run = scan([path], {"lang": "en"})
    (doc,) = run.documents
    assert doc.error is None and doc.text is not None
    lines = source.split("\n")
    for f in doc.findings:
        assert doc.text[f.start : f.end] == f.excerpt
        assert 1 <= f.line <= f.end_line <= len(lines)
        assert 1 <= f.column <= len(lines[f.line - 1]) + 1
        assert 1 <= f.end_column <= len(lines[f.end_line - 1]) + 1
        assert (f.line, f.column) < (f.end_line, f.end_column)
