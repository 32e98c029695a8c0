"""Bytes to text exactly as DESIGN.md fixes it: UTF-8, BOM dropped, newlines normalised."""

from __future__ import annotations


class DecodeError(ValueError):
    pass


def decode(data: bytes, encoding: str = "utf-8", errors: str = "strict") -> str:
    """Decode a file's bytes; UTF-16 is recognised by its byte-order mark.

    Raises :class:`DecodeError` naming the byte offset of the first invalid sequence, or saying
    that the file looks binary (NUL bytes outside UTF-16).
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise DecodeError(f"invalid UTF-16 at byte {e.start}") from None
    else:
        if data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]
        if b"\x00" in data:
            raise DecodeError("binary file (contains NUL bytes); skipped")
        try:
            text = data.decode(encoding, errors)
        except UnicodeDecodeError as e:
            raise DecodeError(
                f"not valid {encoding.upper()}: invalid byte 0x{data[e.start]:02x} at byte offset "
                f"{e.start} (use --encoding or --errors replace)"
            ) from None
        except LookupError:
            raise DecodeError(f"unknown encoding {encoding!r}") from None
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text
