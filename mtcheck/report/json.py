"""The JSON report, schema ``mtcheck/report/v1`` (field names are a contract)."""

from __future__ import annotations

import json
from typing import Any

from mtcheck import __version__
from mtcheck.model import DocumentResult, RunResult

SCHEMA = "mtcheck/report/v1"


def document_dict(d: DocumentResult) -> dict[str, Any]:
    out: dict[str, Any] = {
        "path": d.path,
        "id": d.id,
        "language": d.language,
        "words": d.words,
        "metrics": dict(d.metrics),
        "error": d.error,
        "findings": [f.to_dict() for f in d.findings],
    }
    for k, v in d.extra.items():
        out.setdefault(k, v)
    return out


def report_dict(run: RunResult) -> dict[str, Any]:
    summary: dict[str, Any] = {
        "documents": len(run.documents),
        "words": run.words,
        "findings": run.findings_count,
        "by_severity": run.by_severity(),
        "errors": len(run.errors),
        "skipped": len(run.skipped),
        "fail_on": run.fail_on.label if run.fail_on else "never",
        "passed": run.passed,
        "failed_conditions": list(run.failed_conditions),
        "metrics": dict(run.metrics),
    }
    out: dict[str, Any] = {
        "schema": SCHEMA,
        "tool": {"name": "mtcheck", "version": __version__},
        "signature": run.signature,
        "summary": summary,
        "documents": [document_dict(d) for d in run.documents],
    }
    for k, v in run.extra.items():
        out.setdefault(k, v)
    return out


def render(run: RunResult) -> str:
    return json.dumps(report_dict(run), ensure_ascii=False, indent=2, sort_keys=False) + "\n"
