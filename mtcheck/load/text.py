"""Plain text (``.txt``, ``.text``, and any file without a known extension; standard input).

The decoded file is the document, unchanged: ``Document.text`` is what
:func:`mtcheck.load.decode.decode` returns (BOM dropped, ``\r\n`` and ``\r`` turned into
``\n``), so offsets map to line and column directly. With ``--lines`` every line is one
segment (MT output aligned line by line with a source and a reference).
"""

from __future__ import annotations

from collections.abc import Iterator

from mtcheck.config import Settings
from mtcheck.errors import InputError
from mtcheck.model import Document


def load(path: str, source: str, settings: Settings) -> Iterator[Document | InputError]:
    yield Document(id=path, text=source, path=path, format="text", lines_mode=settings.lines)
