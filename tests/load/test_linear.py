"""The markup loaders stay linear on hostile input: four times the input, about four times the
CPU time (quadratic would be sixteen; the bound of eight leaves room for noise)."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from mtcheck.load import html, markdown

HOSTILE: dict[str, Callable[[int], str]] = {
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


def _cpu(fn: Callable[[str], object], text: str) -> float:
    best = float("inf")
    for _ in range(2):
        t = time.process_time()
        fn(text)
        best = min(best, time.process_time() - t)
    return max(best, 1e-3)


@pytest.mark.parametrize("loader", ["markdown", "html"])
@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_linear_time(loader: str, case: str) -> None:
    fn = markdown.extract if loader == "markdown" else html.extract
    gen = HOSTILE[case]
    small = _cpu(fn, gen(4000))
    large = _cpu(fn, gen(16000))
    assert large / small < 8 or large < 0.05, (small, large)


def test_many_bad_charrefs_before_a_semicolon() -> None:
    # html.parser copies the rest of the input for each "&#" that starts no reference, looking
    # for a ";": about 40 GB of copying here without the masking in html.extract
    text = "&#" * 200_000 + ";"
    t = time.process_time()
    assert html.extract(text)[0] == text
    assert time.process_time() - t < 5
