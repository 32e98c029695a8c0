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
        "documents": run.documents_count,
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


#: lists of flat records printed one record per line: a finding or an entity reads as one line
#: (greppable, diffable), and the records are encoded by json's C encoder, several times faster
#: than the pure-Python indenting encoder
_ONE_PER_LINE = ("findings", "entities")


#: one encoder for every record: ``json.dumps`` with options builds a new encoder per call
_record = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode


def _dumps(out: dict[str, Any]) -> str:
    """``out`` indented by two spaces per level, its ``_ONE_PER_LINE`` lists one record per
    line (the nested ``out`` is altered: callers pass a dict of their own)."""
    blocks: dict[str, str] = {}
    for key in _ONE_PER_LINE:
        items = out.get(key)
        if isinstance(items, list) and items:
            stand_in = f"\x00mtcheck-{key}\x00"
            out[key] = stand_in
            rows = ",\n    ".join(_record(x) for x in items)
            blocks[f'"{key}": {json.dumps(stand_in)}'] = f'"{key}": [\n    {rows}\n  ]'
    body = json.dumps(out, ensure_ascii=False, indent=2)
    for placeholder, block in blocks.items():
        body = body.replace(placeholder, block, 1)
    return body


def document_json(d: DocumentResult, indent: int = 0) -> str:
    """One document of the report as JSON text, at nesting depth ``indent`` (in spaces).

    The document's own fields are indented by two spaces per level; its findings and entities
    are one compact record per line.
    """
    body = _dumps(document_dict(d))
    if indent:
        # JSON strings never hold a raw newline, so indenting every line is exact
        body = body.replace("\n", "\n" + " " * indent)
    return body


_DOCS_SENTINEL = "\x00mtcheck-documents\x00"


def _skeleton(run: RunResult) -> tuple[str, str]:
    """The report's text before and after its documents (the summary, nothing per document)."""
    head = report_dict(run, documents=False)
    head["documents"] = _DOCS_SENTINEL
    skeleton = _dumps(head) + "\n"
    before, _, after = skeleton.partition(json.dumps(_DOCS_SENTINEL))
    return before, after


def _write(fh: Any, run: RunResult, documents: Iterable[str]) -> None:
    before, after = _skeleton(run)
    fh.write(before)
    first = True
    for d in documents:
        fh.write("[\n    " if first else ",\n    ")
        fh.write(d)
        first = False
    fh.write("[]" if first else "\n  ]")
    fh.write(after)


def render(run: RunResult) -> str:
    buf = io.StringIO()
    _write(buf, run, (document_json(d, indent=4) for d in run.documents))
    return buf.getvalue()


def write_streaming(path: str, run: RunResult, documents: Iterable[DocumentResult]) -> None:
    """Write the report of ``run`` with ``documents`` streamed in, byte-identical to ``render``.

    ``run`` supplies everything but the documents (its own may be compact stand-ins); the
    file appears atomically (a temporary file beside it, renamed at the end) or not at all.
    """
    write_streaming_json(path, run, (document_json(d, indent=4) for d in documents))


def write_streaming_json(path: str, run: RunResult, documents: Iterable[str]) -> None:
    """:func:`write_streaming` with the documents already rendered by :func:`document_json`
    (at ``indent=4``, their depth in the report)."""
    with atomic_writer(path) as raw:
        fh = io.TextIOWrapper(raw, encoding="utf-8", newline="\n")
        _write(fh, run, documents)
        fh.flush()
        fh.detach()  # the atomic writer closes the file itself
