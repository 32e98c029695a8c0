"""Baselines: record today's findings so that a gate judges only new ones.

A baseline lists findings by document and fingerprint (rule, evidence and local context, not
line numbers), so it survives edits elsewhere in a file. A JSON Lines record without
``--id-field`` is named by its line; its findings are also matched by file and fingerprint,
so inserting a record above it keeps them known. Applying it removes known findings
from the result, counts them, and counts baseline entries that no longer occur, so the file can
be regenerated smaller.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from mtcheck import __version__
from mtcheck.errors import ConfigError
from mtcheck.model import DocumentResult, RunResult

SCHEMA = "mtcheck/baseline/v1"


@dataclass(frozen=True)
class Baseline:
    entries: Counter[tuple[str, str]]  # (document id, fingerprint) -> count
    path: str


@dataclass(frozen=True)
class BaselineOutcome:
    documents: tuple[DocumentResult, ...]
    suppressed: int
    disappeared: int


def baseline_dict(run: RunResult) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "tool": {"name": "mtcheck", "version": __version__},
        "findings": [
            {
                "document": d.id,
                "rule": f.rule,
                "fingerprint": f.fingerprint,
                "excerpt": f.excerpt,
                "line": f.line,
            }
            for d in run.documents
            for f in d.findings
        ],
    }


def render(run: RunResult) -> str:
    return json.dumps(baseline_dict(run), ensure_ascii=False, indent=2) + "\n"


def load(path: str | Path) -> Baseline:
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{p}: baseline file not found") from None
    except (OSError, UnicodeDecodeError, ValueError) as e:
        raise ConfigError(f"{p}: not a readable baseline: {e}") from None
    except RecursionError:
        raise ConfigError(f"{p}: not a readable baseline: nested too deeply") from None
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise ConfigError(f"{p}: not an mtcheck baseline (schema {SCHEMA} expected)")
    findings = data.get("findings", [])
    if not isinstance(findings, list):
        raise ConfigError(f"{p}: malformed baseline: 'findings' is not a list")
    entries: Counter[tuple[str, str]] = Counter()
    for item in findings:
        if not (
            isinstance(item, dict)
            and isinstance(item.get("document"), str)
            and isinstance(item.get("fingerprint"), str)
        ):
            raise ConfigError(f"{p}: malformed baseline entry {str(item)[:200]!r}")
        entries[(item["document"], item["fingerprint"])] += 1
    return Baseline(entries, str(p))


def _numbered(doc_id: str) -> str | None:
    """The file of an id ``path:LINE`` (a JSON Lines record without ``--id-field``, named by
    its line, which changes when records are added above it), else None."""
    head, sep, line = doc_id.rpartition(":")
    return head if sep and line.isdecimal() else None


def _record_file(d: DocumentResult) -> str | None:
    """The file of a document that is such a record, else None."""
    head = _numbered(d.id)
    return head if head is not None and head == d.path else None


def apply(documents: tuple[DocumentResult, ...], baseline: Baseline) -> BaselineOutcome:
    remaining = Counter(baseline.entries)
    # entries of line-numbered records by (file, fingerprint): a record that moved to
    # another line (a record inserted above it) keeps its known findings
    moved: dict[tuple[str, str], list[tuple[str, str]]] = {}
    record_files = {rf for d in documents if (rf := _record_file(d)) is not None}
    for doc, fingerprint in baseline.entries:
        head = _numbered(doc)
        if head in record_files:
            moved.setdefault((head, fingerprint), []).append((doc, fingerprint))
    out = []
    suppressed = 0
    for d in documents:
        kept = []
        record_file = _record_file(d)
        for f in d.findings:
            key = (d.id, f.fingerprint)
            if remaining[key] <= 0 and record_file is not None:
                key = next(
                    (k for k in moved.get((record_file, f.fingerprint), ()) if remaining[k] > 0),
                    key,
                )
            if remaining[key] > 0:
                remaining[key] -= 1
                suppressed += 1
            else:
                kept.append(f)
        out.append(replace(d, findings=tuple(kept)) if len(kept) != len(d.findings) else d)
    # entries of documents this run did not scan (e.g. a --diff scan) have not disappeared;
    # a line-numbered record's entries belong to its file, unless a record of that file could
    # not be read (an input error is named path:LINE), which may be the entry's record
    scanned = {d.id for d in documents if d.error is None}
    unread = {_numbered(d.id) for d in documents if d.error is not None}

    def was_scanned(doc: str) -> bool:
        head = _numbered(doc)
        return doc in scanned or (head in record_files and head not in unread)

    disappeared = sum(n for (doc, _), n in remaining.items() if n > 0 and was_scanned(doc))
    return BaselineOutcome(tuple(out), suppressed, disappeared)
