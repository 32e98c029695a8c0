"""The Python API: the same result objects the command line renders."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from mtcheck import engine
from mtcheck.config import Settings, resolve
from mtcheck.load import iter_documents
from mtcheck.model import Document, DocumentResult, RunResult


def _settings(config: Settings | Mapping[str, Any] | None) -> Settings:
    if isinstance(config, Settings):
        return config
    return resolve(config or {}, discover=False)


def check_text(
    text: str,
    lang: str = "en",
    config: Settings | Mapping[str, Any] | None = None,
    doc_id: str = "<text>",
) -> DocumentResult:
    """Check one text; ``config`` is a Settings object or a mapping of setting names to values.

    >>> r = check_text("The talks were offensive.Government officials left.")
    >>> [(f.rule, f.excerpt) for f in r.findings]
    [('MT101', 'offensive.Government')]
    """
    settings = _settings(config)
    if lang != "auto":
        settings = settings.with_(lang=lang)
    doc = Document(id=doc_id, text=text, lines_mode=settings.lines)
    return engine.run([doc], settings).documents[0]


def scan(
    paths: Sequence[str | Path],
    config: Settings | Mapping[str, Any] | None = None,
) -> RunResult:
    """Scan files and directories as ``mtcheck scan`` does, without printing anything."""
    settings = _settings(config)
    return engine.run(iter_documents([str(p) for p in paths], settings), settings)
