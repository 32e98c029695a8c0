"""Per-process caches stay bounded on text of open vocabulary (see mtcheck.memo)."""

from __future__ import annotations

import functools
import importlib
import pkgutil

import pytest

import mtcheck
from mtcheck import memo


def _words(n: int) -> list[str]:
    # made-up forms no cache has seen: two letters per position from a counter
    letters = "bcdfghjklmnpqrstvwz"
    out = []
    for i in range(n):
        w = ""
        while True:
            i, r = divmod(i, len(letters))
            w += letters[r] + "ae"[r % 2]
            if i == 0:
                break
        out.append(w + "ton")
    return out


def test_every_word_cache_of_the_package_has_a_bound() -> None:
    # an unbounded functools cache keyed by words would grow with the vocabulary of a run
    unbounded = []
    for info in pkgutil.walk_packages(mtcheck.__path__, "mtcheck."):
        if info.name.startswith("mtcheck.__main__"):
            continue
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if isinstance(value, functools._lru_cache_wrapper) and value.__module__ == info.name:
                wrapped = value.__wrapped__
                params = wrapped.__code__.co_argcount
                if value.cache_parameters()["maxsize"] is None and params > 0:
                    unbounded.append(f"{info.name}.{name}")
    # caches keyed by a language, a path or a small setting, not by text
    allowed = {
        "mtcheck.metrics.reference.reference_lines",
        "mtcheck.metrics.fluency.load_model",
        "mtcheck.metrics.readability._flesch_constants",
        "mtcheck.rules.language._word_table",
        "mtcheck.rules.language._word_list_path",
        "mtcheck.wordlists.word_list",
        "mtcheck.metrics.hyphenation.patterns",
        "mtcheck.datacache.package_version",
        "mtcheck.datacache._code_digest",
        "mtcheck.rules.language._english_at_least",
        "mtcheck.parallel._stand_in_for",
        "mtcheck.lexicon.common_words",
        "mtcheck.lexicon._frequent_by_length",
        "mtcheck.lexicon._sorted_frequent",
    }
    assert sorted(set(unbounded) - allowed) == []


def test_hyphenation_keeps_nothing_per_word() -> None:
    # pyphen's own hyphenator kept every word it saw; the pattern tables only answer
    from mtcheck.metrics import hyphenation

    table = hyphenation.patterns("en")
    before = (len(table.patterns), dict(vars(table)).keys())
    for w in _words(400):
        table.points(w)
    assert (len(table.patterns), dict(vars(table)).keys()) == before


def test_duplicate_sentence_word_table_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    from mtcheck.rules import repetition

    monkeypatch.setattr(repetition, "_RANK_MAX", 50)
    table = repetition._RankTable()
    for w in _words(400):
        assert table[w] == (repetition._zipf(w), w)
        assert len(table) <= 50


def test_type_parts_are_worked_out_once_and_bounded() -> None:

    calls: list[str] = []

    def parts(word: str) -> tuple[str, ...]:
        calls.append(word)
        return tuple(word.split("-")) if "-" in word else ()

    table = memo.TypeParts(parts, plain_limit=3, parts_limit=2)
    types = {"a-b", "c", "d-e", "f"}
    assert dict(table.of(types)) == {"a-b": ("a", "b"), "d-e": ("d", "e")}
    assert sorted(calls) == sorted(types)
    calls.clear()
    assert dict(table.of(types)) == {"a-b": ("a", "b"), "d-e": ("d", "e")}
    assert calls == []  # all remembered
    words = [f"w{i}" for i in range(10)] + [f"x-{i}" for i in range(10)]
    for w in words:
        assert dict(table.of({w})) == ({w: tuple(w.split("-"))} if "-" in w else {})
        assert len(table._plain) <= 3 and len(table._found) <= 2
