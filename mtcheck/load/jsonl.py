"""JSON Lines: one document per record, text taken from ``--text-field`` (dotted for nesting).

Offsets map back exactly: ``line`` is the record's line in the file and ``column`` the column
of the character inside the raw JSON string, escapes included (``\\n`` and ``\\u00e9`` are
one character of text each, several of the file).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from mtcheck.config import Settings
from mtcheck.errors import InputError
from mtcheck.model import Document, SourceMap, SourcePiece

_STRING_RE = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_ESCAPE_RE = re.compile(r"\\(?:u[0-9a-fA-F]{4}|.)", re.DOTALL)


def _field(record: Any, dotted: str) -> Any:
    value = record
    for part in dotted.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def _raw_value_span(line: str, key: str, value: str) -> tuple[int, int] | None:
    """Where the JSON string holding ``value`` for ``key`` sits in ``line`` (quotes excluded)."""
    strings = list(_STRING_RE.finditer(line))
    for i, m in enumerate(strings[:-1]):
        try:
            if json.loads(m.group()) != key:
                continue
        except ValueError:
            continue
        nxt = strings[i + 1]
        between = line[m.end() : nxt.start()]
        if between.strip() != ":":
            continue
        try:
            if json.loads(nxt.group()) == value:
                return nxt.start() + 1, nxt.end() - 1
        except ValueError:
            continue
    return None


def _pieces(line: str, start: int, end: int) -> list[SourcePiece]:
    """Source pieces mapping decoded text offsets to raw offsets of ``line[start:end]``."""
    pieces: list[SourcePiece] = []
    text_pos = 0
    raw = start
    for m in _ESCAPE_RE.finditer(line, start, end):
        if m.start() > raw:
            n = m.start() - raw
            pieces.append(SourcePiece(text_pos, raw, n))
            text_pos += n
        esc = m.group()
        if esc.startswith("\\u"):
            cp = int(esc[2:], 16)
            if 0xDC00 <= cp <= 0xDFFF and pieces and pieces[-1].length == 0:
                # low half of a surrogate pair: the high half already produced the character
                raw = m.end()
                pieces[-1] = SourcePiece(pieces[-1].text_start, pieces[-1].source_start, 1)
                text_pos += 1
                continue
            if 0xD800 <= cp <= 0xDBFF:
                pieces.append(SourcePiece(text_pos, m.start(), 0))
                raw = m.end()
                continue
        pieces.append(SourcePiece(text_pos, m.start(), 1))
        text_pos += 1
        raw = m.end()
    if end > raw:
        pieces.append(SourcePiece(text_pos, raw, end - raw))
    return pieces


def load(
    path: str, source: str, settings: Settings, first_line: int = 1
) -> Iterator[Document | InputError]:
    """Records of ``source``; ``first_line`` numbers its first line (a block of a larger file)."""
    key_path = settings.text_field
    last_key = key_path.rsplit(".", 1)[-1]
    for lineno, line in enumerate(source.split("\n"), start=first_line):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as e:
            yield InputError(
                f"{path}:{lineno}", f"malformed JSON record: {e.msg} (column {e.colno})"
            )
            continue
        if not isinstance(record, dict):
            yield InputError(f"{path}:{lineno}", "record is not a JSON object")
            continue
        value = _field(record, key_path)
        if not isinstance(value, str):
            yield InputError(f"{path}:{lineno}", f"record has no string field {key_path!r}")
            continue
        doc_id = f"{path}:{lineno}"
        if settings.id_field:
            ident = _field(record, settings.id_field)
            if ident is not None:
                doc_id = str(ident)
        span = _raw_value_span(line, last_key, value)
        pieces = _pieces(line, *span) if span else [SourcePiece(0, 0, 0)]
        meta: dict[str, Any] = {"record_line": lineno}
        if settings.reference_field:
            ref = _field(record, settings.reference_field)
            if isinstance(ref, str):
                meta["reference"] = ref
        yield Document(
            id=doc_id,
            text=value,
            path=path,
            format="jsonl",
            lines_mode=settings.lines,
            source_map=SourceMap(line, pieces),
            line_offset=lineno - 1,
            meta=meta,
        )
