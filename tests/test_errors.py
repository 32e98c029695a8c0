from __future__ import annotations

from mtcheck.errors import displayable, printable


def test_printable_replaces_what_would_move_the_cursor_and_keeps_the_rest() -> None:
    assert printable("plain name.txt", "?") == "plain name.txt"
    assert printable("a\nb\tc\x1b[2Jd\u200be", "?") == "a?b?c?[2Jd?e"
    assert printable("line one\nline two", " ") == "line one line two"


def test_displayable_writes_out_undecodable_bytes_and_leaves_valid_text() -> None:
    assert displayable("bad\udcff.txt") == "bad\\xff.txt"
    assert displayable("lone \ud83d surrogate") == "lone \\ud83d surrogate"
    assert displayable("naïve.txt") == "naïve.txt"
    # documented: a name that spells the escape literally is shown alike
    assert displayable("bad\\xff.txt") == displayable("bad\udcff.txt")
