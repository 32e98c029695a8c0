"""Hard-wrapped plain text (e-mail, plain-text exports) gets the findings of the same text
with one paragraph per line: a line break inside a wrapped paragraph is a space to every rule."""

from __future__ import annotations

import textwrap
from collections import Counter
from pathlib import Path

import pytest

from mtcheck import engine
from mtcheck.config import resolve
from mtcheck.model import Document

CORPORA = Path(__file__).resolve().parents[2] / "corpora"


def _rules_by_document(docs: list[Document]) -> Counter[tuple[str, str]]:
    settings = resolve({"lang": "en"}, discover=False)
    run = engine.run(docs, settings, keep_text=False)
    return Counter((d.id, f.rule) for d in run.documents for f in d.findings)


@pytest.fixture(scope="module")
def originals() -> list[Document]:
    docs = []
    for p in sorted(CORPORA.glob("*.txt")):
        docs.append(Document(id=p.name, text=p.read_text(encoding="utf-8"), path=p.name))
    assert len(docs) >= 10
    return docs


@pytest.fixture(scope="module")
def expected(originals: list[Document]) -> Counter[tuple[str, str]]:
    return _rules_by_document(originals)


@pytest.mark.parametrize(("width", "separator"), [(60, "\n\n"), (72, "\n\n"), (72, "\n")])
def test_wrapped_corpora_get_the_same_findings(
    originals: list[Document],
    expected: Counter[tuple[str, str]],
    width: int,
    separator: str,
) -> None:
    wrapped = []
    for d in originals:
        paras = [p for p in d.text.split("\n") if p.strip()]
        text = separator.join(textwrap.fill(p, width) for p in paras) + "\n"
        wrapped.append(Document(id=d.id, text=text, path=d.path))
    found = _rules_by_document(wrapped)
    lost, gained = sorted((expected - found).elements()), sorted((found - expected).elements())
    assert (lost, gained) == ([], [])


def test_a_capital_at_a_wrapped_line_start_is_still_mid_sentence() -> None:
    # three filled lines, most breaks before lowercase: wrapped at 40; "With" opens a line
    text = (
        "The ministry said on Monday that talks\n"
        "would go on for another week, and that\n"
        "officials had spoken in an interview\n"
        "With the press about the budget plans\n"
        "for the schools in the northern region.\n"
    )
    settings = resolve({"select": ("MT201",), "lang": "en"}, discover=False)
    doc = Document(id="w", text=text, path="w.txt")
    found = engine.run([doc], settings).documents[0].findings
    assert [f.excerpt for f in found] == ["With"]
