"""Shared helpers of the parallel, cache and distributed tests: a corpus and a corpus rule."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pytest

from mtcheck.analysis import Analysis
from mtcheck.model import Hit, Scope
from mtcheck.rules import registry
from mtcheck.rules.base import Rule, rule

REPO = Path(__file__).resolve().parent.parent
CORPORA = REPO / "corpora"


def make_corpus(root: Path, copies: int = 3) -> Path:
    """The project's sample corpora (text, Markdown, HTML, JSONL), several times over, plus a
    generated JSONL file of varied records."""
    root.mkdir(parents=True, exist_ok=True)
    for i in range(copies):
        d = root / f"set{i}"
        d.mkdir()
        for p in sorted(CORPORA.iterdir()):
            if p.suffix in (".txt", ".md", ".html", ".jsonl"):
                shutil.copy(p, d / p.name)
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPORA.glob("*.txt"))]
    with open(root / "records.jsonl", "w", encoding="utf-8") as fh:
        for i in range(60):
            paras = texts[i % len(texts)].split("\n")
            body = "\n".join(paras[i % 3 :: 2])
            fh.write(json.dumps({"id": f"r{i:03d}", "text": body}, ensure_ascii=False) + "\n")
        fh.write("{not json}\n")
    return root


def _reduce(items: Iterable[tuple[str, Any]], opts: Mapping[str, Any]) -> Iterable[tuple[str, Hit]]:
    # a capitalised word seen in exactly two documents: flag its first use in each
    seen: dict[str, list[tuple[str, int]]] = {}
    for doc_id, words in items:
        for w, start in words.items():
            seen.setdefault(w, []).append((doc_id, start))
    for w in sorted(seen):
        if len(seen[w]) == 2:
            for doc_id, start in seen[w]:
                yield doc_id, Hit(start, start + len(w), f"'{w}' is in two documents")


@rule(
    code="MT599",
    name="test-shared-word",
    category="fluency/inconsistency",
    severity="minor",
    scope=Scope.CORPUS,
    flags=[],
    passes=[],
    reduce=_reduce,
)
def shared_word(a: Analysis, opts: Mapping[str, Any]) -> dict[str, int]:
    """Test-only corpus rule: capitalised words seen in exactly two documents."""
    out: dict[str, int] = {}
    counts = Counter(a.text[s:e] for s, e in a.words)
    for s, e in a.words:
        w = a.text[s:e]
        if len(w) >= 7 and w[0].isupper() and counts[w] >= 1:
            out.setdefault(w, s)
    return out


def with_corpus_rule(monkeypatch: pytest.MonkeyPatch) -> Rule:
    """Register the test corpus rule (forked workers inherit the patched registry)."""
    rules = (*registry.all_rules(), shared_word)
    monkeypatch.setattr(registry, "all_rules", lambda: rules)
    return shared_word
