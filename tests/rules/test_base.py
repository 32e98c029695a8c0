"""The rules' shared text helpers agree with the plain scans they stand for."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from mtcheck.rules.base import count_matches_from, occurrences

_TEXT = st.text(alphabet="ab #@:/w.", max_size=60)


@given(_TEXT, st.sampled_from(["a", "aa", "ab", "#", "www."]))
def test_occurrences_are_every_start_overlapping_included(text: str, needle: str) -> None:
    expected = [i for i in range(len(text)) if text.startswith(needle, i)]
    assert list(occurrences(text, needle)) == expected


@given(_TEXT, st.integers(min_value=1, max_value=4))
def test_counting_from_candidate_starts_equals_finditer(text: str, limit: int) -> None:
    # every match of this pattern starts at '#', '@' or 'w': those are the candidates
    pattern = re.compile(r"(?<!\w)[#@]\w|www\.|w+b")
    starts = [i for i, c in enumerate(text) if c in "#@w"]
    expected = min(limit, sum(1 for _ in pattern.finditer(text)))
    assert count_matches_from(pattern, text, starts, limit) == expected
    assert count_matches_from(pattern, text, [*reversed(starts), *starts], limit) == expected
