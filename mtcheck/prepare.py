"""Filling the data cache ahead of any scan (``mtcheck prepare``).

The first scan on a machine converts the language data it needs into the data cache
(:mod:`mtcheck.datacache`): 3-4 s before a one-article scan that afterwards takes under one.
A container image or a CI cache step can pay that once, at build time, by running this: it
converts every table a scan can ask for, not only those one corpus happens to need.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from mtcheck import datacache
from mtcheck.errors import MtcheckError


class DataCacheError(MtcheckError):
    """The data cache is switched off or cannot be written."""


@dataclass(frozen=True)
class Prepared:
    """What :func:`prepare` left in the cache folder ``root``: one entry per table."""

    root: Path
    #: one entry folder per table
    entries: tuple[Path, ...]
    #: their size in bytes
    size: int


def _steps() -> list[tuple[str, Callable[[], object]]]:
    """(table name, the call that maps or builds it) for every table a scan may use."""
    from mtcheck import langid, lexicon
    from mtcheck.metrics import hyphenation, syllables
    from mtcheck.metrics.readability import TEXTSTAT_LANGUAGES
    from mtcheck.rules import language

    steps: list[tuple[str, Callable[[], object]]] = [
        (langid.TABLE, langid._identifier),
        (langid.SENTENCE_TABLE, langid._sentence_identifier),
        (lexicon.DICTIONARY_TABLE, lexicon._dictionary),
        (syllables.CACHE_TABLE, syllables._table),
    ]
    if lexicon.english_list_path() is not None:  # else wordfreq is asked, nothing is stored
        steps.append((lexicon.FREQUENCY_TABLE, lexicon.frequencies))
    steps.extend(language.word_tables().items())
    for lang in sorted(TEXTSTAT_LANGUAGES):
        steps.append((hyphenation.table_name(lang), partial(hyphenation.patterns, lang)))
    return steps


def prepare(progress: Callable[[str], None] | None = None) -> Prepared:
    """Map or build every table into the data cache; ``progress`` is told each table's name
    before it. Raises :class:`DataCacheError` when the cache is off or a table could not be
    stored."""
    base = datacache.root()
    if base is None:
        if os.environ.get(datacache.ENV) is not None:
            raise DataCacheError(f"the data cache is switched off ({datacache.ENV} is set to off)")
        raise DataCacheError(f"no home directory to keep the data cache in; set {datacache.ENV}")
    try:
        base.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise DataCacheError(f"cannot create the data cache folder {base}: {e.strerror}") from None
    found: list[Path] = []
    for name, step in _steps():
        if progress is not None:
            progress(name)
        step()
        entry = datacache.entry_of(name)
        if entry is None:
            raise DataCacheError(f"could not store the table {name} in {base}")
        found.append(entry)
    size = sum(f.stat().st_size for e in found for f in e.iterdir() if f.is_file())
    return Prepared(base, tuple(found), size)
