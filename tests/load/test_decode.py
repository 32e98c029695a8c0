"""Bytes to text: BOMs, newlines, binary and undecodable input."""

from __future__ import annotations

import pytest

from mtcheck.load.decode import DecodeError, decode


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (b"plain\r\ncrlf\rcr\n", "plain\ncrlf\ncr\n"),
        (b"\xef\xbb\xbfwith bom", "with bom"),
        ("utf-16 le caf\u00e9 \U0001f600\r\n".encode("utf-16-le"), None),
        (b"\xff\xfe" + "caf\u00e9 \U0001f600\r\n".encode("utf-16-le"), "caf\u00e9 \U0001f600\n"),
        (b"\xfe\xff" + "caf\u00e9".encode("utf-16-be"), "caf\u00e9"),
        (b"\xff\xfe\x00\x00" + "caf\u00e9".encode("utf-32-le"), "caf\u00e9"),
        (b"", ""),
    ],
)
def test_decodes(data: bytes, text: str | None) -> None:
    if text is None:  # UTF-16 without a BOM is full of NUL bytes: binary
        with pytest.raises(DecodeError, match="binary file"):
            decode(data)
    else:
        assert decode(data) == text


def test_invalid_utf8_names_the_byte_offset() -> None:
    with pytest.raises(DecodeError, match=r"invalid byte 0xff at byte offset 5\b"):
        decode(b"abc\xc3\xa9\xff rest")
    # the offset counts the BOM too: it is an offset into the file
    with pytest.raises(DecodeError, match=r"byte offset 5\b"):
        decode(b"\xef\xbb\xbfab\xfe")


def test_errors_replace() -> None:
    assert decode(b"ab\xffcd", errors="replace") == "ab\ufffdcd"


def test_binary_even_with_replace() -> None:
    with pytest.raises(DecodeError, match=r"binary file .*skipped"):
        decode(b"PNG\x00\x01\x02", errors="replace")


def test_other_encodings() -> None:
    assert decode("caf\u00e9".encode("latin-1"), encoding="latin-1") == "caf\u00e9"
    assert decode("caf\u00e9".encode("utf-16-le"), encoding="utf-16-le") == "caf\u00e9"
    with pytest.raises(DecodeError, match="unknown encoding"):
        decode(b"x", encoding="no-such-codec")
