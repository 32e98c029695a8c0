"""Every rule's own examples are its tests, and every rule must have them and its docs."""

from __future__ import annotations

import pytest

from mtcheck.analysis import Analysis
from mtcheck.config import resolve
from mtcheck.model import Document, Scope
from mtcheck.rules import registry
from mtcheck.rules.base import Example, Rule, strip_marks

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


#: What other default rules report on a rule's "leaves alone" example, where that is right:
#: (rule, start of the example) -> the other rules' (rule, excerpt). Every other example of
#: every default rule must draw no finding from any default rule.
CROSS_FINDINGS: dict[tuple[str, str], list[tuple[str, str]]] = {
    # a quotation that runs over a blank line: unbalanced per paragraph, as MT304 says
    ("MT301", "“The report (which we publish today"): [("MT304", "“"), ("MT304", "”")],
    # the example keeps the missing space after the closing quote that MT101 reports
    ("MT303", "“We are here to stay.”The crowd"): [("MT101", "stay.”The")],
    # a document that ends in an open quote: alone, the example reads as cut off
    ("MT304", "Item A costs $5"): [("MT603", '"')],
    # the example's quotes face the wrong way, which is MT303's finding
    ("MT305", "“We will win,“ she said."): [("MT303", "“"), ("MT303", "”")],
    # MT604 leaves a template placeholder to markup-residue, which reports it
    ("MT604", "Thanks to the Vite and esbuild teams"): [("MT703", "{{ ssid }}")],
    # an untranslated French phrase after the mojibake MT704 must leave alone
    ("MT704", "Über-Präsident Müller said"): [("MT805", "bientôt")],
    # foreign script in an English text, glossed or not, is MT802's finding
    ("MT803", "He wrote Москва (Moscow)"): [("MT802", "Москва")],
}


def _default_rule_examples() -> list[tuple[Rule, Example]]:
    defaults = {a.rule.code for a in resolve({}, discover=False).active_rules(None)}
    return [(r, ex) for r in RULES if r.code in defaults for ex in r.passes]


@pytest.mark.parametrize(
    ("r", "ex"),
    _default_rule_examples(),
    ids=lambda v: v.code if isinstance(v, Rule) else v.texts[0][:40],
)
def test_leaves_alone_examples_draw_no_other_default_rule(r: Rule, ex: Example) -> None:
    """A rule's "leaves alone" example is clean text by the project's own standard, so the
    other default rules must leave it alone too (but for the listed cases)."""
    from mtcheck import engine

    settings = resolve({"lang": ex.language, "rules": {r.code: dict(ex.options)}}, discover=False)
    docs = [
        Document(id=f"doc{i}", text=text, path=f"doc{i}.txt")
        for i, (text, _) in enumerate(ex.unmarked())
    ]
    for doc, result in zip(docs, engine.run(docs, settings).documents, strict=True):
        others = [(f.rule, f.excerpt) for f in result.findings if f.rule != r.code]
        expected = next(
            (
                v
                for (code, head), v in CROSS_FINDINGS.items()
                if code == r.code and doc.text.startswith(head)
            ),
            [],
        )
        assert others == expected, doc.text


def test_cross_findings_name_existing_examples() -> None:
    # an entry whose example was edited or removed would otherwise go unchecked
    texts = [(r.code, strip_marks(t)[0]) for r, ex in _default_rule_examples() for t in ex.texts]
    listed = {
        key
        for key in CROSS_FINDINGS
        for code, text in texts
        if code == key[0] and text.startswith(key[1])
    }
    assert listed == set(CROSS_FINDINGS)


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
