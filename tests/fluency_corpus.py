"""A tiny, regular English corpus for fluency-model tests: every subject x verb x object."""

from __future__ import annotations

SUBJECTS = ["The council", "The company", "The minister", "The team", "The school", "The bank"]
VERBS = ["said", "announced", "confirmed", "reported", "explained", "agreed"]
OBJECTS = [
    "that the new plan would start in the spring",
    "that prices would rise again next year",
    "that the office would open on Monday",
    "that more staff would join the project",
    "that the results were better than expected",
    "that the talks would continue next week",
]


def sentences() -> list[str]:
    """All 216 sentences of the corpus, in a fixed order."""
    return [f"{s} {v} {o}." for s in SUBJECTS for v in VERBS for o in OBJECTS]
