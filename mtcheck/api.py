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


#: language variants kept per settings object (a service may pass any tag it is given)
_VARIANTS_MAX = 16


def _for_language(settings: Settings, lang: str) -> Settings:
    """``settings`` for documents in ``lang``; the variant is kept with the settings object,
    so that its resolved rules and signature are reused by the next call."""
    if lang == "auto" or settings.lang == lang:
        return settings
    variants: dict[str, Settings] = settings.derived("language-variants", lambda s: {})
    found = variants.get(lang)
    if found is None:
        found = settings.with_(lang=lang)
        if len(variants) < _VARIANTS_MAX:
            variants[lang] = found
    return found


def check_text(
    text: str,
    lang: str = "en",
    config: Settings | Mapping[str, Any] | None = None,
    doc_id: str = "<text>",
) -> DocumentResult:
    """Check one text; ``config`` is a Settings object or a mapping of setting names to values.

    To check many texts, pass one Settings object (``mtcheck.config.resolve(mapping,
    discover=False)``, which is what a mapping becomes): a mapping is resolved again on every
    call. The default settings are resolved once.

    >>> r = check_text("The talks were offensive.Government officials left.")
    >>> [(f.rule, f.excerpt) for f in r.findings]
    [('MT101', 'offensive.Government')]
    """
    settings = _for_language(_settings(config), lang)
    doc = Document(id=doc_id, text=text, lines_mode=settings.lines)
    return engine.run([doc], settings).documents[0]


def scan(
    paths: Sequence[str | Path],
    config: Settings | Mapping[str, Any] | None = None,
) -> RunResult:
    """Scan files and directories as ``mtcheck scan`` does, without printing anything."""
    settings = _settings(config)
    return engine.run(iter_documents([str(p) for p in paths], settings), settings)
