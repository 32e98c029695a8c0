"""Helpers shared by the rule tests."""

from __future__ import annotations

from mtcheck.analysis import Analysis
from mtcheck.model import Document
from mtcheck.rules import registry


def rule_spans(code: str, text: str) -> list[tuple[int, int]]:
    """The sorted (start, end) of rule ``code``'s hits on ``text`` with default options."""
    rule = next(r for r in registry.all_rules() if r.code == code)
    analysis = Analysis(Document(id="d", text=text), "en")
    return sorted((h.start, h.end) for h in rule.check(analysis, rule.default_options()))
