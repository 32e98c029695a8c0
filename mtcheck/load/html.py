"""HTML: visible text (placeholder until the markup loaders land)."""

from __future__ import annotations

from collections.abc import Iterator

from mtcheck.config import Settings
from mtcheck.errors import InputError
from mtcheck.model import Document


def load(path: str, source: str, settings: Settings) -> Iterator[Document | InputError]:
    yield Document(id=path, text=source, path=path, format="html")
