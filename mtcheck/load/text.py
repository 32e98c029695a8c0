"""Plain text: the decoded file is the document."""

from __future__ import annotations

from collections.abc import Iterator

from mtcheck.config import Settings
from mtcheck.errors import InputError
from mtcheck.model import Document


def load(path: str, source: str, settings: Settings) -> Iterator[Document | InputError]:
    yield Document(id=path, text=source, path=path, format="text", lines_mode=settings.lines)
