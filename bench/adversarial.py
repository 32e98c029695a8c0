"""Hostile inputs for the linear-time benchmark and the robustness tests.

Each generator takes a size in characters (roughly) and returns a text of about that size.
"""

from __future__ import annotations

import random
from collections.abc import Callable


def _repeat(unit: str, n: int) -> str:
    return unit * max(1, n // len(unit))


def _long_sentences(n: int, line_break: str) -> str:
    """Eight sentences of varied words, each an eighth of the input, on lines of even length
    joined by ``line_break``: a hard-wrapped text (a line break) or one long line (a space).
    The near-duplicate comparisons of sentences once grew with the product of their lengths."""
    rnd = random.Random(0)
    words = ["river", "house", "water", "light", "night", "block", "tower", "field", "plant"]
    lines = []
    while sum(len(line) + 1 for line in lines) < n:
        lines.append("then " + " ".join(rnd.choice(words) for _ in range(9)))
    step = max(1, len(lines) // 8)
    for i in range(step - 1, len(lines), step):
        lines[i] += "."
    return line_break.join(lines) + "."


GENERATORS: dict[str, Callable[[int], str]] = {
    "long-line-no-spaces": lambda n: _repeat("abcdefghij", n),
    "long-word-capitalised": lambda n: "A" + _repeat("b", n - 1),
    "open-brackets": lambda n: _repeat("(", n),
    "mixed-brackets": lambda n: _repeat("([{", n),
    "curly-quotes": lambda n: _repeat("“", n),
    "straight-quotes": lambda n: _repeat('"', n),
    "dot-space": lambda n: _repeat(". ", n),
    "dots": lambda n: _repeat(".", n),
    "capitalised-words": lambda n: _repeat("Word ", n),
    "title-case-run": lambda n: _repeat("President Publicly Criticize Support ", n),
    "repeated-word": lambda n: _repeat("the ", n),
    "repeated-phrase": lambda n: _repeat("in the city ", n),
    "hyphens": lambda n: _repeat("a- ", n),
    # one word token as long as the input: work per token must not grow with its length
    "apostrophe-chain": lambda n: _repeat("a'", n),
    "curly-apostrophe-chain": lambda n: _repeat("a’", n),
    "hyphen-chain": lambda n: _repeat("a-", n),
    "joiner-chain": lambda n: _repeat("a'b-", n),
    "joined-sentences": lambda n: _repeat("word.Word", n),
    "mixed-scripts": lambda n: _repeat("abcПутин政府αβγ", n),
    "combining-marks": lambda n: _repeat("e\u0301\u0302\u0303", n),
    "rtl-marks": lambda n: _repeat("abc\u200f\u202edef\u200b", n),
    "newlines": lambda n: _repeat("\n", n),
    "short-lines": lambda n: _repeat("Word\n", n),
    "markup": lambda n: _repeat("<b>&amp;{x}%s", n),
    "brackets-words": lambda n: _repeat("[the call] It ", n),
    "sentences": lambda n: _repeat("The minister said the talks would resume on Monday. ", n),
    "comma-clauses": lambda n: "If it rains" + _repeat(", it is wet", n) + ".",
    "quoted-comma-clauses": lambda n: 'The "report was late' + _repeat(", it also", n) + ".",
    "comma-clause-sentences": lambda n: _repeat("It was ok" + ", it was ok" * 90 + ". ", n),
    "capital-article-list": lambda n: "Grade list: " + _repeat("Grade A eggs, ", n),
    "bracket-lead-capital-articles": lambda n: "(" * (n // 2) + _repeat(" A apple", n // 2),
    "modal-be-modal": lambda n: _repeat("x will be could ", n),
    "function-word-pairs": lambda n: _repeat("the of be could ", n),
    "article-pairs": lambda n: _repeat("an report a apple ", n),
    "long-sentences": lambda n: _long_sentences(n, " "),
    "wrapped-long-sentences": lambda n: _long_sentences(n, "\n"),
}


#: hostile inputs for the markup loaders (Markdown and HTML extraction)
LOADER_GENERATORS: dict[str, Callable[[int], str]] = {
    "tag-open-without-gt": lambda n: "<a" * n,
    "end-tag-without-gt": lambda n: "</a" * n,
    "bad-charrefs-then-semicolon": lambda n: "&#" * n + ";",
    "bad-hex-charrefs": lambda n: "&#x" * n + ";",
    "cdata-sections": lambda n: "<![CDATA[>" * n,
    "comment-opens": lambda n: "x <!--" * n + ">",
    "unclosed-quoted-attributes": lambda n: "<a title='" * n + ">",
    "brackets": lambda n: "[" * n,
    "stars": lambda n: "*a " * n,
    "links-without-targets": lambda n: "[a](" * n,
    "unclosed-divs": lambda n: "<div>" * n + "x" + "</span>" * n,
    "long-word": lambda n: "a" * (n * 20),
}
