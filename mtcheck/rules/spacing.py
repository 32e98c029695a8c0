"""Rules of family MT1xx: spacing and joins."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from mtcheck.analysis import Analysis
from mtcheck.model import Hit, Scope
from mtcheck.rules.base import Rule, rule
from mtcheck.segment import MAYBE_FINAL, NEVER_FINAL

# A word, sentence punctuation, optional closing quotes/brackets, then a capitalised word with
# no space. The lookbehind anchors matching at word starts, which keeps the scan linear.
_JOIN_RE = re.compile(r"(?<![^\W\d_])([^\W\d_]+)([.!?]+[\"'”’»)\]]*)([^\W\d_]+)")
_URLISH = ("/", "@", "www", "http", "://")


def _chunk(text: str, start: int, end: int) -> str:
    """The whitespace-delimited chunk around ``text[start:end]`` (bounded, for URL checks)."""
    a = start
    lo = max(0, start - 200)
    while a > lo and not text[a - 1].isspace():
        a -= 1
    b = end
    hi = min(len(text), end + 200)
    while b < hi and not text[b].isspace():
        b += 1
    return text[a:b]


@rule(
    code="MT101",
    name="missing-space-after-sentence",
    category="fluency/punctuation",
    severity="major",
    scope=Scope.SENTENCE,
    confidence=0.9,
    flags=[
        "The talks were ⟦offensive.Government⟧ officials left.",
        "“We will not ⟦hire.”This⟧ is final,” she said.",
        "Is it ⟦over?The⟧ crowd waited.",
        "They ⟦won!Fans⟧ cheered all night.",
        "He left ⟦early.)Then⟧ it rained.",
    ],
    passes=[
        "The U.S. Army and the U.K. Navy met.",
        "Built with Node.js and Vue.js by the team.",
        "Growth was 3.5 percent in 2023.",
        "Visit example.com or www.Example.org/News for details.",
        "Use a tool, e.g. a hammer, i.e. something heavy.",
        "Write to press@Agency.org today.",
        "The framework ASP.NET and Vue.JS were compared.",
        "He met Dr.Smith and Mr.Jones at St.Mary hospital.",
    ],
)
def missing_space_after_sentence(a: Analysis, opts: Mapping[str, Any]) -> Iterable[Hit]:
    """Two sentences joined with no space after the full stop, question or exclamation mark.

    Why it matters:
        Machine translation and scrapers fuse sentences when they drop the space after the
        stop ("offensive.Government"). Readers stumble, and search and segmentation tools treat
        the two words as one token.

    Example:
        The talks were offensive.Government officials left.
        Use instead: The talks were offensive. Government officials left.

    Does not flag:
        Abbreviations (U.S., e.g., Dr.Smith), file and package names (Node.js), decimals (3.5),
        domains, URLs and e-mail addresses, and short all-capital suffixes (ASP.NET, Vue.JS).
    """
    text = a.text
    for m in _JOIN_RE.finditer(text):
        left, punct, right = m.group(1), m.group(2), m.group(3)
        if len(left) < 2 or not left[-2:].islower():
            continue
        if not right[0].isupper():
            continue
        if right.isupper() and 2 <= len(right) <= 4:
            continue
        low = left.lower()
        if punct[0] == "." and (low in NEVER_FINAL or low in MAYBE_FINAL):
            continue
        chunk = _chunk(text, m.start(), m.end())
        if any(u in chunk for u in _URLISH) or re.search(r"\.[a-z]{2,4}\b", chunk[-5:] or ""):
            continue
        yield Hit(
            m.start(),
            m.end(),
            f"Two sentences are joined without a space: '{m.group()}'",
            suggestion=f"{left}{punct} {right}",
        )


RULES: list[Rule] = [missing_space_after_sentence]
