from __future__ import annotations

import doctest
from pathlib import Path

from mtcheck import sounds


def test_shipped_table_is_what_build_makes_from_the_dictionary(tmp_path: Path) -> None:
    # a textstat release with another CMU dictionary fails here: rebuild the table with
    # ``python -m mtcheck.sounds`` and review what changed
    target = tmp_path / "first_sounds.txt"
    n = sounds.build(target)
    assert n > 500
    assert target.read_text(encoding="utf-8") == sounds.TABLE.read_text(encoding="utf-8")


def test_first_sounds_of_exceptions_regular_words_and_unlisted_ones() -> None:
    assert [sounds.first_sound(w) for w in ("one", "european", "usual", "heir", "honour")] == [
        "C",
        "C",
        "C",
        "V",
        "V",
    ]
    assert [sounds.first_sound(w) for w in ("orange", "idea", "table", "report")] == [
        "V",
        "V",
        "C",
        "C",
    ]
    # a word the dictionary lacks, or one that is not a word of letters, has no known sound
    assert sounds.first_sound("zelenskyy") is None
    assert sounds.first_sound("co-op") is None


def test_docstring_examples() -> None:
    assert doctest.testmod(sounds).failed == 0
