"""Rules of family MT3xx: brackets and quotes."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from mtcheck.analysis import Analysis
from mtcheck.model import Hit, Scope
from mtcheck.rules.base import Rule, rule

_OPEN = {"(": ")", "[": "]", "{": "}"}
_CLOSE = {v: k for k, v in _OPEN.items()}
_BRACKET_RE = re.compile(r"[()\[\]{}]")
# "1)", "a)", "iv)" as list markers: at the start of a paragraph or after whitespace, with a
# following space; emoticons ":)", ";-(", "8)", ":D" handled separately.
_LIST_MARKER_RE = re.compile(r"(?<!\S)(?:\d{1,3}|[a-zA-Z]|[ivxlcIVXLC]{1,5})\)(?!\S)")
_EMOTICON_RE = re.compile(r"[:;=][-^o']?[()\[\]{}]")


def _context(text: str, pos: int, lo: int, hi: int) -> str:
    a = max(lo, pos - 25)
    b = min(hi, pos + 25)
    return " ".join(text[a:b].split())


@rule(
    code="MT301",
    name="unbalanced-bracket",
    category="fluency/punctuation",
    severity="major",
    scope=Scope.PARAGRAPH,
    flags=[
        "The minister ⟦(⟧who arrived late said nothing.",
        "The plan was approved⟦)⟧ by parliament.",
        "He cited the report ⟦[⟧page 4 yesterday.",
        "Values ⟦{⟧a, b⟦]⟧ were used.",
        "The group (led by ⟦[⟧the envoy) met⟦]⟧ in Doha.",
    ],
    passes=[
        "The minister (who arrived late) said nothing.",
        "1) Open the box. 2) Remove the cover.",
        "a) first item\nb) second item",
        "Great news :) see you soon ;-)",
        "Nested (brackets [are] fine) here.",
        "Choose plan a) or plan b) today.",
        "The option (plan a) was chosen.",
    ],
)
def unbalanced_bracket(a: Analysis, opts: Mapping[str, Any]) -> Iterable[Hit]:
    """A bracket with no partner in its paragraph, or brackets closed in the wrong order.

    Why it matters:
        Machine translation often drops one half of a bracket pair or reorders clauses across
        it, leaving an aside that never ends. Readers cannot tell where the aside stops.

    Example:
        The minister (who arrived late said nothing.
        Use instead: The minister (who arrived late) said nothing.

    Does not flag:
        List markers such as 1) or a) that close nothing, emoticons such as :) and ;-), and
        balanced nesting.
    """
    text = a.text
    for p in a.paragraphs:
        markers = {m.end() - 1 for m in _LIST_MARKER_RE.finditer(text, p.start, p.end)}
        skip: set[int] = set()
        for m in _EMOTICON_RE.finditer(text, p.start, p.end):
            skip.update(i for i in range(m.start(), m.end()) if text[i] in "()[]{}")
        stack: list[int] = []
        for m in _BRACKET_RE.finditer(text, p.start, p.end):
            i = m.start()
            if i in skip:
                continue
            ch = text[i]
            if ch in _OPEN:
                stack.append(i)
                continue
            want = _CLOSE[ch]
            if stack and text[stack[-1]] == want:
                stack.pop()
                continue
            depth = next((k for k in range(len(stack) - 1, -1, -1) if text[stack[k]] == want), -1)
            if depth < 0:
                if i in markers:
                    continue  # "1)" or "a)" closing nothing is a list marker
                yield Hit(
                    i,
                    i + 1,
                    f"Closing '{ch}' has no opening '{want}': "
                    f"'{_context(text, i, p.start, p.end)}'",
                )
                continue
            for j in stack[depth + 1 :]:
                yield Hit(
                    j,
                    j + 1,
                    f"'{text[j]}' is not closed before '{ch}': "
                    f"'{_context(text, j, p.start, p.end)}'",
                )
            del stack[depth:]
        for j in stack:
            yield Hit(
                j,
                j + 1,
                f"Opening '{text[j]}' is never closed in its paragraph: "
                f"'{_context(text, j, p.start, p.end)}'",
            )


RULES: list[Rule] = [unbalanced_bracket]
