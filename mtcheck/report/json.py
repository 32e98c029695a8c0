"""The JSON report, schema ``mtcheck/report/v1`` (field names are a contract)."""

from __future__ import annotations

import io
import json
from collections.abc import Iterable
from typing import Any

from mtcheck import __version__
from mtcheck.model import DocumentResult, RunResult
from mtcheck.report import atomic_writer

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


def report_dict(run: RunResult, documents: bool = True) -> dict[str, Any]:
    """The report as plain data; without ``documents`` its list is left empty (streaming)."""
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
        "documents": [document_dict(d) for d in run.documents] if documents else [],
    }
    for k, v in run.extra.items():
        out.setdefault(k, v)
    return out


def render(run: RunResult) -> str:
    return json.dumps(report_dict(run), ensure_ascii=False, indent=2, sort_keys=False) + "\n"


_DOCS_SENTINEL = "\x00mtcheck-documents\x00"


def write_streaming(path: str, run: RunResult, documents: Iterable[DocumentResult]) -> None:
    """Write the report of ``run`` with ``documents`` streamed in, byte-identical to ``render``.

    ``run`` supplies everything but the documents (its own may be compact stand-ins); the
    file appears atomically (a temporary file beside it, renamed at the end) or not at all.
    """
    head = report_dict(run, documents=False)  # the summary alone: no per-document dicts
    head["documents"] = _DOCS_SENTINEL
    skeleton = json.dumps(head, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
    before, _, after = skeleton.partition(json.dumps(_DOCS_SENTINEL))
    with atomic_writer(path) as raw:
        fh = io.TextIOWrapper(raw, encoding="utf-8", newline="\n")
        fh.write(before)
        first = True
        for d in documents:
            # each document at nesting depth 2 of the indent=2 report; JSON strings never
            # hold a raw newline, so indenting every line is exact
            body = json.dumps(document_dict(d), ensure_ascii=False, indent=2)
            fh.write("[\n    " if first else ",\n    ")
            fh.write(body.replace("\n", "\n    "))
            first = False
        fh.write("[]" if first else "\n  ]")
        fh.write(after)
        fh.flush()
        fh.detach()  # the atomic writer closes the file itself
