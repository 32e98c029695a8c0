"""Inline ``<!-- mtcheck-... -->`` comments in Markdown and HTML suppress findings."""

from __future__ import annotations

from pathlib import Path

import pytest

from mtcheck.api import scan
from mtcheck.config import Settings
from mtcheck.load import html, markdown
from mtcheck.load.extract import Directive, parse_directive
from mtcheck.model import Document


def excerpts(tmp_path: Path, name: str, content: str) -> list[str]:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    run = scan([path], {"select": ("MT101", "MT401"), "lang": "en"})
    (doc,) = run.documents
    assert doc.error is None
    return [f.excerpt for f in doc.findings]


def load(name: str, content: str) -> Document:
    loader = markdown.load if name.endswith(".md") else html.load
    (doc,) = loader(name, content, Settings())
    assert isinstance(doc, Document)
    return doc


@pytest.mark.parametrize(
    ("body", "directive"),
    [
        ("mtcheck-disable", Directive("disable", ())),
        (" mtcheck-disable MT201 mt3 ", Directive("disable", ("MT201", "MT3"))),
        ("mtcheck-disable MT201,MT301", Directive("disable", ("MT201", "MT301"))),
        ("mtcheck-enable", Directive("enable", ())),
        ("mtcheck-disable-next-line MT1", Directive("next-line", ("MT1",))),
        ("mtcheck-disabled", None),
        ("a comment about mtcheck-disable", None),
    ],
)
def test_parse_directive(body: str, directive: Directive | None) -> None:
    assert parse_directive(body) == directive


MD_BLOCK = """Before: the talks were offensive.Government left.

<!-- mtcheck-disable MT101 -->
Inside: they waited.Nobody came and and left.

Still inside: spoke.Ministers today.
<!-- mtcheck-enable -->

After: rain.Crowds gathered.
"""

HTML_BLOCK = """<p>Before: the talks were offensive.Government left.</p>
<!-- mtcheck-disable MT101 -->
<p>Inside: they waited.Nobody came and and left.</p>
<p>Still inside: spoke.Ministers today.</p>
<!-- mtcheck-enable -->
<p>After: rain.Crowds gathered.</p>
"""


@pytest.mark.parametrize(("name", "content"), [("a.md", MD_BLOCK), ("a.html", HTML_BLOCK)])
def test_disable_enable_block(tmp_path: Path, name: str, content: str) -> None:
    # MT401 (repeated word) is not named, so "and and" inside the block is still reported
    assert excerpts(tmp_path, name, content) == [
        "offensive.Government",
        "and and",
        "rain.Crowds",
    ]
    doc = load(name, content)
    (s,) = doc.suppressions
    assert s.rules == ("MT101",)
    assert s.line == content.splitlines().index("<!-- mtcheck-disable MT101 -->") + 1
    assert "waited.Nobody" in doc.text[s.start : s.end]
    assert "rain.Crowds" not in doc.text[s.start : s.end]


@pytest.mark.parametrize("ext", ["md", "html"])
@pytest.mark.parametrize(
    ("codes", "suppressed"),
    [("", True), ("MT1", True), ("MT101", True), ("MT3 MT101", True), ("MT3", False)],
)
def test_codes_and_prefixes(tmp_path: Path, ext: str, codes: str, suppressed: bool) -> None:
    content = f"<!-- mtcheck-disable {codes} -->\n\nThey waited.Nobody came.\n"
    if ext == "html":
        content = f"<!-- mtcheck-disable {codes} -->\n<p>They waited.Nobody came.</p>\n"
    found = excerpts(tmp_path, f"c.{ext}", content)
    assert found == ([] if suppressed else ["waited.Nobody"])


@pytest.mark.parametrize("ext", ["md", "html"])
def test_disable_without_enable_runs_to_the_end(tmp_path: Path, ext: str) -> None:
    paras = ["First offensive.Government one.", "Then waited.Nobody two.", "And spoke.Ministers."]
    if ext == "md":
        content = f"{paras[0]}\n\n<!-- mtcheck-disable -->\n\n{paras[1]}\n\n{paras[2]}\n"
    else:
        content = f"<p>{paras[0]}</p><!-- mtcheck-disable --><p>{paras[1]}</p><p>{paras[2]}</p>"
    assert excerpts(tmp_path, f"d.{ext}", content) == ["offensive.Government"]
    (s,) = load(f"d.{ext}", content).suppressions
    assert s.end == len(load(f"d.{ext}", content).text)


@pytest.mark.parametrize("ext", ["md", "html"])
def test_disable_next_line(tmp_path: Path, ext: str) -> None:
    if ext == "md":
        content = (
            "Intro line here.\n\n"
            "<!-- mtcheck-disable-next-line MT101 -->\n\n"
            "First waited.Nobody here\n"
            "second line spoke.Ministers here.\n"
        )
    else:
        content = (
            "<p>Intro line here.</p>\n"
            "<!-- mtcheck-disable-next-line MT101 -->\n\n"
            "<p>First waited.Nobody here\n"
            "second line spoke.Ministers here.</p>\n"
        )
    # only the next non-blank line is covered, not the rest of the paragraph
    assert excerpts(tmp_path, f"n.{ext}", content) == ["spoke.Ministers"]
    doc = load(f"n.{ext}", content)
    (s,) = doc.suppressions
    assert s.line == 3 if ext == "md" else s.line == 2
    assert doc.text[s.start : s.end].startswith("First waited.Nobody here")
    assert "spoke" not in doc.text[s.start : s.end]


def test_inline_comment_in_a_markdown_paragraph(tmp_path: Path) -> None:
    content = "Before offensive.Government <!-- mtcheck-disable --> after waited.Nobody.\n"
    assert excerpts(tmp_path, "i.md", content) == ["offensive.Government"]
    (s,) = load("i.md", content).suppressions
    assert s.line == 1


def test_enable_with_codes_ends_only_those(tmp_path: Path) -> None:
    content = (
        "<!-- mtcheck-disable MT101 MT401 -->\n\n"
        "One waited.Nobody and and.\n\n"
        "<!-- mtcheck-enable MT101 -->\n\n"
        "Two spoke.Ministers or or.\n"
    )
    assert excerpts(tmp_path, "e.md", content) == ["spoke.Ministers"]


def test_comments_in_code_are_not_directives(tmp_path: Path) -> None:
    md = "```html\n<!-- mtcheck-disable -->\n```\n\nThey waited.Nobody came.\n"
    assert excerpts(tmp_path, "f.md", md) == ["waited.Nobody"]
    htm = "<script>/* <!-- mtcheck-disable --> */</script><p>They waited.Nobody came.</p>"
    assert excerpts(tmp_path, "f.html", htm) == ["waited.Nobody"]
    assert load("f.md", md).suppressions == ()


def test_suppression_covers() -> None:
    from mtcheck.model import Suppression

    s = Suppression(10, 20, ("MT1", "MT301"), 3)
    assert s.covers("MT101", 10) and s.covers("MT301", 19)
    assert not s.covers("MT101", 20) and not s.covers("MT302", 15)
    assert Suppression(0, 5, (), 1).covers("MT999", 4)
