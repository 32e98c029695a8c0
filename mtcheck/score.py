"""Numbers from findings and metrics: per-document metrics, the run's totals, the gate verdict."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from mtcheck.analysis import Analysis
from mtcheck.config import Settings
from mtcheck.model import DocumentResult, Finding


def penalty(findings: Sequence[Finding], words: int, weights: Mapping[str, float]) -> float:
    """MQM-style penalty per 1,000 words (WMT weights by default: minor 1, major 5, crit. 25)."""
    total = sum(weights.get(f.severity.label, 0.0) for f in findings)
    return round(total * 1000.0 / max(words, 1), 3)


def document_metrics(
    analysis: Analysis, findings: Sequence[Finding], settings: Settings
) -> dict[str, Any]:
    return {
        "paragraphs": len(analysis.paragraphs),
        "sentences": len(analysis.sentences),
        "penalty_per_1000_words": penalty(findings, analysis.word_count, settings.weights),
    }


def run_metrics(results: Sequence[DocumentResult], settings: Settings) -> dict[str, Any]:
    words = sum(r.words for r in results)
    findings = [f for r in results for f in r.findings]
    return {"penalty_per_1000_words": penalty(findings, words, settings.weights)}


@dataclass(frozen=True)
class Gate:
    passed: bool
    failed: tuple[str, ...]


def evaluate_gate(
    results: Sequence[DocumentResult], metrics: Mapping[str, Any], settings: Settings
) -> Gate:
    failed: list[str] = []
    if settings.fail_on is not None:
        n = sum(1 for r in results for f in r.findings if f.severity >= settings.fail_on)
        if n:
            failed.append(f"fail-on: {n} finding(s) at or above {settings.fail_on.label}")
    if settings.max_findings is not None:
        total = sum(len(r.findings) for r in results)
        if total > settings.max_findings:
            failed.append(f"max-findings: {total} findings > {settings.max_findings}")
    if settings.max_penalty is not None:
        if settings.penalty_scope == "document":
            over = [
                r.id
                for r in results
                if float(r.metrics.get("penalty_per_1000_words", 0.0)) > settings.max_penalty
            ]
            if over:
                failed.append(
                    f"max-penalty: {len(over)} document(s) over {settings.max_penalty} "
                    f"per 1,000 words (first: {over[0]})"
                )
        else:
            p = float(metrics.get("penalty_per_1000_words", 0.0))
            if p > settings.max_penalty:
                failed.append(
                    f"max-penalty: run penalty {p} per 1,000 words > {settings.max_penalty}"
                )
    return Gate(not failed, tuple(failed))
