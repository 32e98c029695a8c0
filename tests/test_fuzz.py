"""Property tests: no input makes the pipeline crash or produce an out-of-range finding.

The examples are bounded for CI (`MTCHECK_FUZZ_EXAMPLES` raises the count for a long run).
"""

from __future__ import annotations

import json
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mtcheck import engine
from mtcheck.config import resolve
from mtcheck.errors import InputError
from mtcheck.load import html, jsonl, markdown, text
from mtcheck.model import Document
from mtcheck.rules import registry
from mtcheck.segment import segment

EXAMPLES = int(os.environ.get("MTCHECK_FUZZ_EXAMPLES", "60"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Text that looks like garbled news: words, names, punctuation, quotes, brackets, markup,
# other scripts, control and zero-width characters, newlines.
PIECES = st.sampled_from(
    [
        "the",
        "The",
        "and",
        "And",
        "U.S.",
        "Mr.",
        "e.g.",
        "3.5",
        "1,000",
        "Yusuf",
        "Yousef",
        "offensive.Government",
        "battlefield-",
        "- May",
        "[the call]",
        "(",
        ")",
        "[",
        "]",
        "{",
        "}",
        "“",
        "”",
        "‘",
        "’",
        '"',
        "'",
        ",",
        ".",
        "..",
        "...",
        "…",
        "!",
        "?",
        ";",
        ":",
        "&amp;",
        "<br>",
        "{name}",
        "%s",
        "政府",
        "Пут",
        "é",
        "â€™",
        "\ufffd",
        "\u200b",
        "\x00",
        "\x07",
        "\t",
        " ",
        "  ",
        "\n",
        "\n\n",
        "\r\n",
        "-",
        "—",
        "#",
        "*",
        "`",
        "http://x.y/z",
    ]
)
TEXTS = st.one_of(
    st.text(max_size=400),
    st.lists(PIECES, max_size=120).map(lambda xs: " ".join(xs)),
    st.lists(PIECES, max_size=120).map("".join),
)

ALL_RULES = resolve(
    {"select": tuple(r.code for r in registry.all_rules()), "lang": "en"}, discover=False
)


def check_findings(doc: Document) -> None:
    res = engine.run([doc], ALL_RULES)
    (d,) = res.documents
    n = len(doc.text)
    for f in d.findings:
        assert 0 <= f.start < f.end <= n, f
        assert doc.text[f.start : f.end] == f.excerpt
        assert f.line >= 1 and f.column >= 1 and f.end_line >= f.line
    json.dumps([f.to_dict() for f in d.findings])


@FUZZ
@given(TEXTS)
def test_every_rule_on_arbitrary_text(s: str) -> None:
    check_findings(Document(id="x", text=s))


@FUZZ
@given(TEXTS)
def test_every_rule_in_lines_mode(s: str) -> None:
    check_findings(Document(id="x", text=s, lines_mode=True))


@FUZZ
@given(TEXTS)
def test_segmentation_covers_text_without_overlap(s: str) -> None:
    seg = segment(s)
    prev = 0
    for p in seg.paragraphs:
        assert prev <= p.start < p.end <= len(s)
        prev = p.end
    prev = 0
    for sent in seg.sentences:
        para = seg.paragraphs[sent.paragraph]
        assert para.start <= sent.start < sent.end <= para.end
        assert sent.start >= prev
        prev = sent.end
    # every non-space character belongs to exactly one sentence
    inside = [False] * len(s)
    for sent in seg.sentences:
        for i in range(sent.start, sent.end):
            assert not inside[i]
            inside[i] = True
    assert all(inside[i] for i, c in enumerate(s) if not c.isspace())


@FUZZ
@given(TEXTS)
def test_loaders_never_raise_and_map_offsets(s: str) -> None:
    cfg = resolve({"lang": "en"}, discover=False)
    for loader, name in ((text.load, "a.txt"), (markdown.load, "a.md"), (html.load, "a.html")):
        for item in loader(name, s, cfg):
            if isinstance(item, InputError):
                continue
            check_findings(item)


@FUZZ
@given(st.lists(st.one_of(TEXTS, st.text(max_size=50)), max_size=8))
def test_jsonl_loader_on_arbitrary_records(records: list[str]) -> None:
    cfg = resolve({"lang": "en"}, discover=False)
    lines = []
    for i, r in enumerate(records):
        lines.append(json.dumps({"id": i, "text": r}) if i % 3 else r)  # every third malformed
    for item in jsonl.load("a.jsonl", "\n".join(lines), cfg):
        if isinstance(item, InputError):
            assert item.path.startswith("a.jsonl:")
            continue
        check_findings(item)
