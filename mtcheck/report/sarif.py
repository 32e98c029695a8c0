"""SARIF 2.1.0 for GitHub code scanning and other SARIF consumers.

Valid against the OASIS SARIF 2.1.0 schema (errata 01). Columns are Unicode code points
(``columnKind: unicodeCodePoints``), as everywhere in mtcheck.
Each result carries the finding's fingerprint as a partial fingerprint, so code scanning tracks
it across commits, and a fix when the rule suggests a replacement. Inputs that could not be read
are tool execution notifications of level ``error``; inputs skipped as not text (binary files,
FIFOs, devices) are notifications of level ``note``.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import quote

from mtcheck import __version__
from mtcheck.model import DocumentResult, Finding, RunResult, Severity
from mtcheck.rules import registry
from mtcheck.rules.base import Rule

SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
INFO_URI = "https://pypi.org/project/mtcheck/"
LEVEL = {Severity.CRITICAL: "error", Severity.MAJOR: "error", Severity.MINOR: "warning"}


#: the name the loader gives standard input, which is no file
STDIN = "<stdin>"
_DRIVE_RE = re.compile(r"[A-Za-z]:/")


def _artifact(d: DocumentResult) -> dict[str, Any]:
    return _artifact_of(d.path or d.id)


def _artifact_of(path: str) -> dict[str, Any]:
    """An artifactLocation: a URI for a file (a relative reference for a relative path, a
    file: URI for an absolute one), a description for standard input."""
    if path == STDIN:
        return {"description": {"text": "standard input"}}
    p = path.replace("\\", "/")
    if p.startswith("/"):
        return {"uri": "file://" + quote(p, safe="/@-._~")}
    if _DRIVE_RE.match(p):
        return {"uri": "file:///" + p[:2] + quote(p[2:], safe="/@-._~")}
    # ":" escaped, so that "note:draft.txt" is not read as a URI of scheme "note"
    return {"uri": quote(p, safe="/@-._~")}


def _rule_descriptor(r: Rule) -> dict[str, Any]:
    help_text = (
        f"{r.doc.flags}\n\nWhy it matters: {r.doc.why}\n\nExample:\n{r.doc.example}\n\n"
        f"Does not flag: {r.doc.does_not_flag}"
    )
    return {
        "id": r.code,
        "name": r.name,
        "shortDescription": {"text": r.doc.flags},
        "fullDescription": {"text": r.doc.why},
        "help": {"text": help_text},
        "defaultConfiguration": {"level": LEVEL[r.severity], "enabled": r.default_enabled},
        "properties": {"tags": [r.category, r.scope.value], "precision": "high"},
    }


def _verbatim(f: Finding) -> bool:
    """Whether the finding's region of the file holds its excerpt as written: not so where
    markup, an entity or an escape sits inside it (HTML, Markdown, JSON Lines, XLIFF), whose
    region is longer than the excerpt or spans other lines."""
    lines = f.excerpt.split("\n")
    if len(lines) - 1 != f.end_line - f.line:
        return False
    if len(lines) == 1:
        return f.end_column - f.column == len(f.excerpt)
    return f.end_column - 1 == len(lines[-1])


def _result(d: DocumentResult, f: Finding, index: dict[str, int]) -> dict[str, Any]:
    # the snippet is the region's text, and a fix replaces the region: both only where the
    # region holds the excerpt itself (replacing "offensive.<a>Government" with the
    # suggestion for the text would delete the markup)
    verbatim = _verbatim(f)
    region: dict[str, Any] = {
        "startLine": f.line,
        "startColumn": f.column,
        "endLine": f.end_line,
        "endColumn": f.end_column,
    }
    if verbatim:
        region["snippet"] = {"text": f.excerpt}
    location: dict[str, Any] = {
        "physicalLocation": {"artifactLocation": _artifact(d), "region": region}
    }
    if d.path and d.id != d.path:
        location["logicalLocations"] = [{"name": d.id, "kind": "document"}]
    out: dict[str, Any] = {
        "ruleId": f.rule,
        "ruleIndex": index[f.rule],
        "level": LEVEL[f.severity],
        "message": {"text": f.message},
        "locations": [location],
        "partialFingerprints": {"mtcheckFingerprint/v1": f.fingerprint},
        "properties": {
            "severity": f.severity.label,
            "category": f.category,
            "confidence": round(f.confidence, 3),
            "documentId": d.id,
        },
    }
    if f.suggestion is not None and verbatim:
        out["fixes"] = [
            {
                "description": {"text": f"Replace with: {f.suggestion}"},
                "artifactChanges": [
                    {
                        "artifactLocation": _artifact(d),
                        "replacements": [
                            {
                                "deletedRegion": {
                                    "startLine": f.line,
                                    "startColumn": f.column,
                                    "endLine": f.end_line,
                                    "endColumn": f.end_column,
                                },
                                "insertedContent": {"text": f.suggestion},
                            }
                        ],
                    }
                ],
            }
        ]
    return out


def sarif_dict(run: RunResult) -> dict[str, Any]:
    rules = list(registry.all_rules())
    index = {r.code: i for i, r in enumerate(rules)}
    results = [_result(d, f, index) for d in run.documents for f in d.findings]
    notifications = [
        {
            "level": "error",
            "message": {"text": f"{d.id}: {d.error}"},
            "locations": [{"physicalLocation": {"artifactLocation": _artifact(d)}}],
        }
        for d in run.errors
    ]
    notifications += [
        {
            "level": "note",
            "message": {"text": f"{s['path']}: skipped: {s['reason']}"},
            "locations": [{"physicalLocation": {"artifactLocation": _artifact_of(s["path"])}}],
        }
        for s in run.skipped
    ]
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "mtcheck",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": INFO_URI,
                        "rules": [_rule_descriptor(r) for r in rules],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "invocations": [
                    {
                        "executionSuccessful": not run.errors,
                        "toolExecutionNotifications": notifications,
                    }
                ],
                "results": results,
                "properties": {"signature": run.signature, "passed": run.passed},
            }
        ],
    }


def render(run: RunResult) -> str:
    return json.dumps(sarif_dict(run), ensure_ascii=False, indent=2) + "\n"
