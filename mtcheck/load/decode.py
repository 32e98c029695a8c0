"""Bytes to text exactly as DESIGN.md fixes it: UTF-8, BOM dropped, newlines normalised.

- A UTF-8 byte-order mark is dropped; UTF-16 and UTF-32 files are recognised by their BOM and
  decoded whatever ``--encoding`` says.
- A file with NUL bytes (outside UTF-16/32) is binary: :class:`DecodeError` "binary file ...;
  skipped". Other encodings are checked after decoding (a decoded NUL means binary too).
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


def _is_utf8(encoding: str) -> bool:
    try:
        return codecs.lookup(encoding).name in ("utf-8", "utf-8-sig")
    except LookupError:
        return False


def decode(data: bytes, encoding: str = "utf-8", errors: str = "strict") -> str:
    """Decode a file's bytes; UTF-16/32 are recognised by their byte-order mark.

    Raises :class:`DecodeError` naming the byte offset of the first invalid sequence, or saying
    that the file looks binary (NUL bytes outside UTF-16/32).
    """
    for bom, codec in _BOMS:
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
        skipped = 0
        if data.startswith(codecs.BOM_UTF8):
            data = data[3:]
            skipped = 3
        utf8 = _is_utf8(encoding)
        if utf8 and b"\x00" in data:
            raise DecodeError("binary file (contains NUL bytes); skipped")
        try:
            text = data.decode(encoding, errors)
        except UnicodeDecodeError as e:
            raise DecodeError(
                f"not valid {encoding.upper()}: invalid byte 0x{data[e.start]:02x} at byte offset "
                f"{e.start + skipped} (use --encoding or --errors replace)"
            ) from None
        except LookupError:
            raise DecodeError(f"unknown encoding {encoding!r}") from None
        if not utf8 and "\x00" in text:
            raise DecodeError("binary file (contains NUL bytes); skipped")
    if text.startswith("\ufeff"):
        text = text[1:]  # a BOM the codec kept (e.g. --encoding utf-8 on a UTF-8-SIG file)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text
