"""The Python API: the same result objects the command line renders."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from mtcheck import engine
from mtcheck.config import Settings, resolve
from mtcheck.load import iter_documents
from mtcheck.model import Document, DocumentResult, RunResult


@cache
def _default_settings() -> Settings:
    # resolved once: resolving settings and the rule set they select costs about as much as
    # checking a sentence, and check_text may be called for every segment of a pipeline
    return resolve({}, discover=False)


def _settings(config: Settings | Mapping[str, Any] | None) -> Settings:
    if isinstance(config, Settings):
        return config
    if not config:
        return _default_settings()
    return resolve(config, discover=False)


def check_text(
    text: str,
    lang: str = "en",
    config: Settings | Mapping[str, Any] | None = None,
    doc_id: str = "<text>",
) -> DocumentResult:
    """Check one text; ``config`` is a Settings object or a mapping of setting names to values.

    To check many texts, pass one Settings object (``mtcheck.config.resolve(mapping)``): a
    mapping is resolved again on every call. The default settings are resolved once.

    >>> r = check_text("The talks were offensive.Government officials left.")
    >>> [(f.rule, f.excerpt) for f in r.findings]
    [('MT101', 'offensive.Government')]
    """
    settings = _settings(config)
    if lang != "auto" and settings.lang != lang:
        # kept with the settings object, so that its resolved rules and signature are reused
        settings = settings.derived(f"lang={lang}", lambda s: s.with_(lang=lang))
    doc = Document(id=doc_id, text=text, lines_mode=settings.lines)
    return engine.run([doc], settings).documents[0]


def scan(
    paths: Sequence[str | Path],
    config: Settings | Mapping[str, Any] | None = None,
) -> RunResult:
    """Scan files and directories as ``mtcheck scan`` does, without printing anything."""
    settings = _settings(config)
    return engine.run(iter_documents([str(p) for p in paths], settings), settings)
