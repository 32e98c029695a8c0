"""Every rule's own examples are its tests, and every rule must have them and its docs."""

from __future__ import annotations

import pytest

from mtcheck.analysis import Analysis
from mtcheck.config import resolve
from mtcheck.model import Document, Scope
from mtcheck.rules import registry
from mtcheck.rules.base import Example, Rule

RULES = registry.all_rules()


def _hits(r: Rule, ex: Example) -> list[list[tuple[int, int]]]:
    """Spans the rule reports on each text of the example, run through the full engine."""
    from mtcheck import engine

    settings = resolve(
        {"select": (r.code,), "lang": ex.language, "rules": {r.code: dict(ex.options)}},
        discover=False,
    )
    docs = [
        Document(id=f"doc{i}", text=text, path=f"doc{i}.txt")
        for i, (text, _) in enumerate(ex.unmarked())
    ]
    result = engine.run(docs, settings)
    return [sorted((f.start, f.end) for f in d.findings) for d in result.documents]


@pytest.mark.parametrize("r", RULES, ids=lambda r: f"{r.code}-{r.name}")
def test_rule_has_docs_and_examples(r: Rule) -> None:
    assert r.doc.complete, f"{r.code}: docstring needs what/why/example/does-not-flag sections"
    assert len(r.flags) >= 2, f"{r.code}: needs at least two texts it must flag"
    assert len(r.passes) >= 3, f"{r.code}: needs at least three texts it must leave alone"
    for ex in r.flags:
        assert any(spans for _, spans in ex.unmarked()), f"{r.code}: flag example without ⟦span⟧"


@pytest.mark.parametrize(
    ("r", "ex"),
    [(r, ex) for r in RULES for ex in r.flags],
    ids=lambda v: v.code if isinstance(v, Rule) else v.texts[0][:40],
)
def test_rule_flags_exactly_the_marked_spans(r: Rule, ex: Example) -> None:
    expected = [spans for _, spans in ex.unmarked()]
    assert _hits(r, ex) == expected


@pytest.mark.parametrize(
    ("r", "ex"),
    [(r, ex) for r in RULES for ex in r.passes],
    ids=lambda v: v.code if isinstance(v, Rule) else v.texts[0][:40],
)
def test_rule_leaves_alone(r: Rule, ex: Example) -> None:
    assert _hits(r, ex) == [[] for _ in ex.texts]


def test_registry_codes_are_unique_and_in_their_family() -> None:
    codes = [r.code for r in RULES]
    assert len(codes) == len(set(codes))
    modules = {
        "MT1": "spacing",
        "MT2": "capitals",
        "MT3": "brackets",
        "MT4": "repetition",
        "MT5": "consistency",
        "MT6": "structure",
        "MT7": "residue",
        "MT8": "language",
        "MT9": "fluency",
    }
    for r in RULES:
        assert r.check.__module__.endswith(modules[r.code[:3]]), r.code


def test_rule_check_is_plain_function_of_analysis() -> None:
    # a smoke run of every rule over one text, in one Analysis, to catch shared-state bugs
    doc = Document(id="x", text="A short text. It has two sentences.")
    a = Analysis(doc)
    for r in RULES:
        opts = r.default_options()
        if r.scope is Scope.CORPUS:
            r.check(a, opts)
        else:
            list(r.check(a, opts))  # type: ignore[arg-type]
