"""JSON Lines (``.jsonl``, ``.ndjson``): one document per record.

- The text is the record's ``--text-field`` (default ``text``); a dotted name reaches into
  nested objects (``body.en``), and a key that itself contains a dot is tried first.
- The document id is the record's ``--id-field`` value when given and present, otherwise
  ``path:line``; a repeated id gets ``#2``, ``#3``, ... so ids stay unique within a file, and
  within the run when the caller passes the ids met in earlier files (``seen_ids``).
  ``--reference-field`` is carried along in ``Document.meta["reference"]``.
- Blank and whitespace-only lines are skipped. A line that is not valid JSON, a record that is
  not an object, and a record without a string in the text field are each an input error named
  ``path:line``; the other records of the file are still scanned.
- A file is read in blocks of whole records (:func:`blocks`), never whole, unless its text is
  UTF-16 or UTF-32: ``--max-file-size`` then limits each record (a longer one is an error for
  its line), and bytes that do not decode are an error for their record only.
- Offsets map back exactly: ``line`` is the record's line in the file and ``column`` the column
  of the character inside the raw JSON string. An escape (``\\n``, ``\\"``, ``\\u00e9``) is
  one character of text mapped to its backslash; a surrogate pair (``\\ud83d\\ude00``) is one
  character mapped to its first escape.
"""

from __future__ import annotations

import json
import os
import re
import stat
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from typing import IO, Any

from mtcheck.config import Settings
from mtcheck.errors import SURROGATE_RE, InputError, InputSkipped
from mtcheck.load.decode import BinaryFile, DecodeError, decode, lines_split_on_newline_byte
from mtcheck.model import Document, SourceMap, SourcePiece

EXTENSIONS = (".jsonl", ".ndjson")
#: bytes of whole records per block when a file is read in blocks
BLOCK_BYTES = 512 * 1024

#: json's own string scanner (C): decodes one JSON string and says where it ends (the stub
#: files do not list it, but it is the function ``json.loads`` itself uses)
_scanstring: Callable[[str, int], tuple[str, int]] = json.decoder.scanstring  # type: ignore[attr-defined]
_STRING_RE = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_ESCAPE_RE = re.compile(r"\\(?:u[0-9a-fA-F]{4}|.)", re.DOTALL)


def _field(record: Any, dotted: str) -> Any:
    if isinstance(record, dict) and dotted in record:
        return record[dotted]  # a key that itself contains a dot
    value = record
    for part in dotted.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def _raw_value_span(line: str, key: str, value: str) -> tuple[int, int] | None:
    """Where the JSON string holding ``value`` for ``key`` sits in ``line`` (quotes excluded)."""
    # fast path: the key written plainly, its string decoded by json's C scanner; any raw string
    # of the line that decodes to ``value`` maps offsets correctly, so a match is always safe
    for m in re.finditer('"' + re.escape(key) + r'"\s*:\s*"', line):
        try:
            decoded, end = _scanstring(line, m.end())
        except ValueError:
            continue
        if decoded == value:
            return m.end(), end - 1
    return _raw_value_span_slow(line, key, value)


def _raw_value_span_slow(line: str, key: str, value: str) -> tuple[int, int] | None:
    """:func:`_raw_value_span` for keys written with escapes (``"te\\u0078t"``)."""
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
    """Source pieces mapping decoded text offsets to raw offsets of ``line[start:end]``.

    An escape is one character of text mapped to its backslash; a surrogate pair
    (``\\ud83d\\ude00``) is one character mapped to the first escape; a lone surrogate is
    one character, as :func:`json.loads` decodes it.
    """
    pieces: list[SourcePiece] = []
    text_pos = 0
    raw = start
    while True:
        m = _ESCAPE_RE.search(line, raw, end)
        if m is None:
            break
        if m.start() > raw:
            n = m.start() - raw
            pieces.append(SourcePiece(text_pos, raw, n))
            text_pos += n
        after = m.end()
        esc = m.group()
        if esc.startswith("\\u") and 0xD800 <= int(esc[2:], 16) <= 0xDBFF:
            low = _ESCAPE_RE.match(line, after, end)
            if (
                low is not None
                and low.group().startswith("\\u")
                and 0xDC00 <= int(low.group()[2:], 16) <= 0xDFFF
            ):
                after = low.end()
        pieces.append(SourcePiece(text_pos, m.start(), 1, after - m.start()))
        text_pos += 1
        raw = after
    if end > raw:
        pieces.append(SourcePiece(text_pos, raw, end - raw))
    return pieces


def _unique_id(ident: str, seen_ids: dict[str, int]) -> str:
    """``ident``, or ``ident#2``, ``ident#3``, ... when it was met before: ids key each
    document's results. A numbered id is recorded too, so that a record whose own id is
    ``a#2`` and a second ``a`` never share one; each id's count is kept, so the numbering
    resumes where it stopped (linear however the ids repeat)."""
    n = seen_ids.get(ident, 0) + 1
    doc_id = ident
    if n > 1:
        doc_id = f"{ident}#{n}"
        while doc_id in seen_ids:
            n += 1
            doc_id = f"{ident}#{n}"
        seen_ids[doc_id] = 1
    seen_ids[ident] = n
    return doc_id


def load(
    path: str,
    source: str,
    settings: Settings,
    first_line: int = 1,
    seen_ids: dict[str, int] | None = None,
) -> Iterator[Document | InputError]:
    """Records of ``source``; ``first_line`` numbers its first line and ``seen_ids`` counts the
    ids met so far when ``source`` is one block of a larger file read in blocks."""
    key_path = settings.text_field
    last_key = key_path.rsplit(".", 1)[-1]
    seen_ids = {} if seen_ids is None else seen_ids
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
        except (ValueError, RecursionError) as e:
            # an integer of thousands of digits, or arrays nested thousands deep
            why = (
                "nested too deeply"
                if isinstance(e, RecursionError)
                else "a number of more than 4,300 digits"
            )
            yield InputError(f"{path}:{lineno}", f"JSON record not read: {why}")
            continue
        if not isinstance(record, dict):
            yield InputError(f"{path}:{lineno}", "record is not a JSON object")
            continue
        value = _field(record, key_path)
        if not isinstance(value, str):
            yield InputError(f"{path}:{lineno}", f"record has no string field {key_path!r}")
            continue
        raw_value = value  # as the record holds it: the source map finds it by this
        value, problem = _characters(value, key_path, settings)
        ident = _field(record, settings.id_field) if settings.id_field else None
        if ident is not None and problem is None:
            ident, problem = _characters(str(ident), settings.id_field or "", settings)
        if problem is not None:
            yield InputError(f"{path}:{lineno}", problem)
            continue
        doc_id = f"{path}:{lineno}"
        if settings.id_field and ident is not None:
            doc_id = _unique_id(ident, seen_ids)
        span = _raw_value_span(line, key_path, raw_value) if "." in key_path else None
        span = span or _raw_value_span(line, last_key, raw_value)
        pieces = partial(_pieces, line, *span) if span else [SourcePiece(0, 0, 0)]
        meta: dict[str, Any] = {"record_line": lineno}
        if settings.reference_field:
            ref = _field(record, settings.reference_field)
            if isinstance(ref, str):
                ref, problem = _characters(ref, settings.reference_field, settings)
                if problem is not None:
                    yield InputError(f"{path}:{lineno}", problem)
                    continue
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


def _characters(value: str, field: str, settings: Settings) -> tuple[str, str | None]:
    """``value`` and None when it is text; with a lone surrogate escape (``"\\ud83d"``, which
    is no character and cannot be written as UTF-8), the problem to report, or, with
    ``--errors replace``, the value with U+FFFD in its place (one character for one, so the
    offsets into the record stay right)."""
    if value.isascii():
        return value, None
    # json.loads joins an escaped pair (\\ud83d\\ude00) into the one character it stands for,
    # so a surrogate left in a decoded string came from a lone escape
    m = SURROGATE_RE.search(value)
    if m is None:
        return value, None
    if settings.decode_errors == "replace":
        return SURROGATE_RE.sub("\ufffd", value), None
    escape = f"\\u{ord(m.group()):04x}"
    return value, (
        f"field {field!r} holds a lone surrogate escape {escape} at character {m.start()}, "
        "which is not a character (use --errors replace)"
    )


def blocks(path: str, settings: Settings) -> Iterator[tuple[str, int, bytes] | InputError]:
    """A JSON Lines file in blocks of whole lines: each decoded, with its first line number and
    its bytes, in order with the errors met between them.

    The file is read in pieces, never whole, and parsed where it is processed: parsing every
    record and pickling its document in the main process held ``--jobs 2`` to 1.6x on
    one-sentence records. A record is a unit of its own:

    - one longer than ``--max-file-size`` (its line ending and a byte-order mark aside) is an
      error for its line, skipped without being held in memory; the file as a whole has no
      size limit;
    - one whose bytes do not decode is an error for its line (naming the byte's offset in the
      file), and the records around it are scanned;
    - a first block that is binary makes the file a skipped input, as for any other file.
    """
    size = BLOCK_BYTES
    limit = max(0, min(settings.max_file_size, _READ_MAX))
    # room for a line ending and a byte-order mark: the limit is on the record itself
    cap = limit + 6
    fh = _open_regular(path)
    if isinstance(fh, InputError):
        yield fh
        return
    first = 1  # the line number of the block's first line
    offset = 0  # the file offset of its first byte
    try:
        while True:
            lines: list[bytes] = []
            taken = 0
            too_long = 0  # bytes of a record over the limit, read and dropped
            while taken < size:
                line = fh.readline(cap)
                if not line:
                    break
                at = offset + taken
                ending = 2 if line.endswith(b"\r\n") else 1 if line.endswith(b"\n") else 0
                bom = 3 if at == 0 and line.startswith(b"\xef\xbb\xbf") else 0
                if len(line) - ending - bom > limit:
                    too_long = len(line)
                    breaks = _breaks(line)
                    while line and not line.endswith(b"\n"):
                        piece = fh.readline(1 << 20)
                        # a CR LF cut between two pieces is one line break
                        breaks += _breaks(piece) - (line.endswith(b"\r") and piece[:1] == b"\n")
                        too_long += len(piece)
                        line = piece
                    break
                lines.append(line)
                taken += len(line)
            if lines:
                data = b"".join(lines)
                try:
                    yield (
                        decode(data, settings.encoding, settings.decode_errors, offset),
                        first,
                        data,
                    )
                except BinaryFile as e:
                    if offset == 0:
                        yield InputSkipped(path, str(e))
                        return
                    yield from _decoded_lines(path, lines, first, offset, settings)
                except DecodeError:
                    yield from _decoded_lines(path, lines, first, offset, settings)
                first += _breaks(data)
                offset += taken
            if too_long:
                yield InputError(
                    f"{path}:{first}", f"record longer than --max-file-size ({limit:,} bytes)"
                )
                first += max(breaks, 1)
                offset += too_long
            elif not lines:
                return
    except OSError as e:
        yield InputError(path, f"cannot read: {e.strerror} (after line {first - 1})")
    finally:
        fh.close()


def _breaks(data: bytes) -> int:
    """The line breaks in ``data`` as the decoded text has them: a CR LF, a lone LF or a lone
    CR each make one (see :func:`mtcheck.load.decode.decode`)."""
    return data.count(b"\n") + data.count(b"\r") - data.count(b"\r\n")


def _open_regular(path: str) -> IO[bytes] | InputError:
    """``path`` opened for reading if it is a regular file; never blocks on a FIFO put in its
    place after it was chosen (the check is made on the opened descriptor)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as e:
        return InputError(path, f"cannot read: {e.strerror or e}")
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            return InputError(path, "not a regular file any more; not scanned")
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except OSError as e:
        os.close(fd)
        return InputError(path, f"cannot read: {e.strerror or e}")


#: the largest --max-file-size a record is read up to (a read needs a machine-sized length)
_READ_MAX = 1 << 50


def _decoded_lines(
    path: str, lines: Sequence[bytes], first: int, offset: int, settings: Settings
) -> Iterator[tuple[str, int, bytes] | InputError]:
    """A block that did not decode, line by line: runs of lines that decode, as blocks, and an
    error for each line that does not."""
    run: list[str] = []
    run_bytes: list[bytes] = []
    run_first = lineno = first
    for line in lines:
        try:
            text = decode(line, settings.encoding, settings.decode_errors, offset)
        except DecodeError as e:
            if run:
                yield "".join(run), run_first, b"".join(run_bytes)
            run, run_bytes = [], []
            yield InputError(f"{path}:{lineno}", str(e))
            run_first = lineno + max(_breaks(line), 1)
        else:
            run.append(text)
            run_bytes.append(line)
        lineno += _breaks(line)
        offset += len(line)
    if run:
        yield "".join(run), run_first, b"".join(run_bytes)


def streamable(path: str, settings: Settings) -> bool:
    """Whether ``path`` is read in blocks of records (see :func:`blocks`): a regular
    JSON Lines file whose line breaks are whole bytes (not UTF-16/32 by its byte-order mark
    or by ``--encoding``: such a file is read whole)."""
    if not path.lower().endswith(EXTENSIONS):
        return False
    if not lines_split_on_newline_byte(settings.encoding):
        return False
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return False  # a FIFO or a device: read_input says what it is
        with open(path, "rb") as fh:
            head = fh.read(4)
    except OSError:
        return False
    return not head.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff"))


def load_file(
    path: str, settings: Settings, seen_ids: dict[str, int] | None = None
) -> Iterator[Document | InputError]:
    """The records of a file read in blocks (see :func:`blocks`), ids numbered across them
    (and across the files before it that share ``seen_ids``)."""
    seen = {} if seen_ids is None else seen_ids
    for blk in blocks(path, settings):
        if isinstance(blk, InputError):
            yield blk
        else:
            yield from load(path, blk[0], settings, blk[1], seen)
