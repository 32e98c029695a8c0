"""Bytes to text exactly as DESIGN.md fixes it: UTF-8, BOM dropped, newlines normalised.

- A UTF-8 byte-order mark is dropped; UTF-16 and UTF-32 files are recognised by their BOM and
  decoded whatever ``--encoding`` says.
- A file with NUL bytes (outside UTF-16/32), or whose first 8 KiB are at least 10% control
  bytes that no text uses, is binary: :class:`BinaryFile` (a :class:`DecodeError`), which the
  loader turns into a skipped-input notice. Other encodings are checked after decoding (a
  decoded NUL means binary too).
- Invalid bytes raise :class:`DecodeError` naming the byte offset in the file (BOM included)
  unless ``errors="replace"``, which puts U+FFFD in their place.
- ``\\r\\n`` and a lone ``\\r`` become ``\\n``, as ``Path.read_text`` does.
"""

from __future__ import annotations

import codecs

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class DecodeError(ValueError):
    pass


class BinaryFile(DecodeError):
    """The bytes are not text at all (an image, an archive, an executable)."""


#: C0 controls and DEL that plain text does not contain (tab, newlines, vertical tab, form feed
#: and escape, which terminal logs carry, are allowed)
_CONTROL_BYTES = frozenset(range(0x20)) - frozenset(b"\t\n\v\f\r\x1b") | {0x7F}
_SNIFF = 8192


def looks_binary(data: bytes) -> str | None:
    """Why ``data`` (no UTF-16/32 byte-order mark) is binary, or None if it may be text."""
    if b"\x00" in data:
        return "binary file (contains NUL bytes)"
    sample = data[:_SNIFF]
    if sample:
        controls = sum(1 for b in sample if b in _CONTROL_BYTES)
        # random bytes are ~10.5% such controls; text in any ASCII-compatible encoding ~0%
        if controls * 10 >= len(sample) and controls >= 4:
            return "binary file (control bytes)"
    return None


def _is_utf8(encoding: str) -> bool:
    try:
        return codecs.lookup(encoding).name in ("utf-8", "utf-8-sig")
    except LookupError:
        return False


def lines_split_on_newline_byte(encoding: str) -> bool:
    """Whether every 0x0A byte of text in ``encoding`` is a line break, so that the text can be
    cut into lines before decoding (not UTF-16/32, whose characters hold that byte)."""
    try:
        if codecs.lookup(encoding).name in ("utf-8", "utf-8-sig"):
            return True
        return "\n".encode(encoding) == b"\n" and not _wide(encoding)
    except (LookupError, UnicodeError):
        return False


def _wide(encoding: str) -> bool:
    # UTF-16/32 without a byte-order mark (named by --encoding) legitimately hold NUL bytes
    try:
        return codecs.lookup(encoding).name.startswith(("utf-16", "utf-32"))
    except LookupError:
        return False


def decode(data: bytes, encoding: str = "utf-8", errors: str = "strict", offset: int = 0) -> str:
    """Decode a file's bytes; UTF-16/32 are recognised by their byte-order mark.

    ``offset`` is where ``data`` starts in its file (a part of a file read in pieces): a
    byte-order mark counts only at the file's start, and offsets in errors are the file's.

    Raises :class:`DecodeError` naming the byte offset of the first invalid sequence, or
    :class:`BinaryFile` saying why the file looks binary (see :func:`looks_binary`).
    """
    for bom, codec in _BOMS if offset == 0 else ():
        if data.startswith(bom):
            try:
                text = data.decode(codec, errors)
            except UnicodeDecodeError as e:
                raise DecodeError(
                    f"not valid {codec.upper()}: invalid data at byte offset {e.start} "
                    "(use --errors replace)"
                ) from None
            break
    else:
        skipped = offset
        if offset == 0 and data.startswith(codecs.BOM_UTF8):
            data = data[3:]
            skipped = 3
        utf8 = _is_utf8(encoding)
        why = looks_binary(data) if utf8 or not _wide(encoding) else None
        if why:
            raise BinaryFile(why)
        try:
            text = data.decode(encoding, errors)
        except UnicodeDecodeError as e:
            raise DecodeError(
                f"not valid {encoding.upper()}: invalid byte 0x{data[e.start]:02x} at byte offset "
                f"{e.start + skipped} (use --encoding or --errors replace)"
            ) from None
        except LookupError:
            raise DecodeError(f"unknown encoding {encoding!r}") from None
        except (UnicodeError, ValueError) as e:  # codecs such as punycode fail in their own way
            raise DecodeError(f"not valid {encoding.upper()}: {e}") from None
        if not utf8 and "\x00" in text:
            raise BinaryFile("binary file (contains NUL bytes)")
    if offset == 0 and text.startswith("\ufeff"):
        text = text[1:]  # a BOM the codec kept (e.g. --encoding utf-8 on a UTF-8-SIG file)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text
