"""Behaviour of the repetition rules (MT4xx) beyond their own examples."""

from __future__ import annotations

import time
from typing import Any

import pytest

from mtcheck import engine
from mtcheck.analysis import Analysis
from mtcheck.config import resolve
from mtcheck.model import Document, Finding
from mtcheck.rules import registry


def scan(code: str, text: str, **options: Any) -> list[Finding]:
    settings = resolve({"select": (code,), "lang": "en", "rules": {code: options}}, discover=False)
    result = engine.run([Document(id="d", text=text, path="d.txt")], settings)
    return list(result.documents[0].findings)


def evidence(code: str, text: str, **options: Any) -> list[str]:
    return [text[f.start : f.end] for f in scan(code, text, **options)]


TRANSCRIPT = "(PERSON1) So we put it in in the cache and then then it works.\n\n(PERSON2) Okay."


def test_repeated_word_speech_restarts_follow_the_spoken_option() -> None:
    assert evidence("MT401", TRANSCRIPT) == []
    assert evidence("MT401", TRANSCRIPT, spoken="never") == ["in in", "then then"]
    plain = "So we put it in in the cache and it works."
    assert evidence("MT401", plain) == ["in in"]
    assert evidence("MT401", plain, spoken="always") == []


def test_repeated_word_in_speech_still_flags_clause_final_and_content_words() -> None:
    text = "(PERSON1) The model runs in Prague Prague. It is fast fast and cheap."
    assert evidence("MT401", text) == ["Prague Prague", "fast fast"]


def test_repeated_word_allow_option_and_suggestion() -> None:
    text = "The drums went boom boom all night."
    found = scan("MT401", text)
    assert [(text[f.start : f.end], f.suggestion) for f in found] == [("boom boom", "boom")]
    assert scan("MT401", text, allow=["Boom"]) == []


def test_repeated_word_name_doubled_twice_in_document_is_a_name() -> None:
    once = "The village of Kota Kota lies north."
    assert evidence("MT401", once) == ["Kota Kota"]
    twice = once + " Kota Kota has a port."
    assert evidence("MT401", twice) == []


def test_repeated_word_numbers_only_after_words() -> None:
    assert evidence("MT401", "It opened on July 13 13.") == ["13 13"]
    assert evidence("MT401", "Row: 13 13 14 15") == []


def test_repeated_phrase_quoted_option() -> None:
    text = "She said: “It is over, it is over.” Then she left."
    assert evidence("MT402", text) == []
    assert evidence("MT402", text, quoted="flag") == ["It is over, it is over"]


def test_repeated_phrase_allow_option() -> None:
    text = "Prices fell day after day, day after day."
    assert evidence("MT402", text) == ["day after day, day after day"]
    assert evidence("MT402", text, allow=["Day after  day"]) == []


def test_repeated_phrase_loop_in_speech_is_flagged() -> None:
    text = "(PERSON1) We need the data the data the data now."
    assert evidence("MT402", text) == ["the data the data the data"]


def test_duplicate_sentence_threshold_and_min_words() -> None:
    text = (
        "The port reopened after the storm on Tuesday. Ships queued for hours. "
        "The port reopened after the storms on Tuesday."
    )
    assert evidence("MT403", text) == ["The port reopened after the storms on Tuesday."]
    assert evidence("MT403", text, threshold=99.5) == []
    assert evidence("MT403", text, min_words=10) == []


def test_duplicate_sentence_reports_each_later_copy() -> None:
    s = "The committee will publish its final report in March next year."
    text = f"{s} Members agreed. {s} Nobody objected. {s}"
    found = scan("MT403", text)
    assert len(found) == 2
    assert all(text[f.start : f.end] == s for f in found)
    assert found[0].start > 0


def test_a_run_on_sentence_is_compared_only_whole() -> None:
    # the fuzzy scores cost the product of the lengths compared: past 1,000 characters only an
    # exact repeat counts (a run-on that long is MT601's finding anyway)
    clause = "and the council said that the roads in the north would be repaired first "
    long_one = "The plan was approved " + clause * 15 + "in the spring."
    assert len(long_one) > 1000
    text = f"{long_one} Members agreed. {long_one}"
    assert evidence("MT403", text) == [long_one]
    nearly = long_one.replace("spring", "summer")
    assert evidence("MT403", f"{long_one} Members agreed. {nearly}") == []


def test_double_attribution_different_speakers_pass() -> None:
    assert evidence("MT404", "Ali said: “We stay,” Omar said.") == []
    assert evidence("MT404", "Ali said: “We stay,” Ali said.") == ["Ali said"]
    assert evidence("MT404", "Ali said: “We stay,” said Ali.") == ["said Ali"]


HOSTILE = [
    "the " * 100_000,
    "a" * 400_000,
    "word, " * 100_000,
    "(" * 100_000 + "x",
    "Asia " * 100_000 + ".",
    "Kota Kota lies here. " * 20_000,
    "“" + "x said: “" * 50_000,
    ("Sentence number one is here. " * 20_000),
]


@pytest.mark.parametrize("code", ["MT401", "MT402", "MT403", "MT404"])
def test_repetition_rules_are_fast_on_hostile_input(code: str) -> None:
    # the rule alone (the engine's per-finding work is measured elsewhere)
    r = registry.get(code)
    for text in HOSTILE:
        a = Analysis(Document(id="d", text=text))
        t0 = time.process_time()
        for _ in r.check(a, r.default_options()):  # type: ignore[union-attr]
            pass
        assert time.process_time() - t0 < 5, (code, text[:20])


def test_duplicate_sentence_many_distinct_sentences_is_fast() -> None:
    words = [f"w{i}" for i in range(5000)]
    text = " ".join(
        f"The {words[i]} report on {words[i + 1]} and {words[i + 2]} was published today."
        for i in range(0, 4000, 2)
    )
    t0 = time.process_time()
    assert scan("MT403", text) == []
    assert time.process_time() - t0 < 10


# The repeat rules visit only the places a cheap pass over chunk codes finds; with that pass
# switched off they try every place, as the scan did before. Both must find the same.

_PIECES = [
    "the",
    "The",
    "THE",
    "the.",
    "The,",
    "(the",
    "the)",
    "“the”",
    "in",
    "in,",
    "In",
    "city",
    "city.",
    "Geneva",
    "Geneva.",
    "Bora",
    "(ECB)",
    "ECB",
    "2019",
    "2019,",
    "said",
    "he",
    "said,",
    "—",
    "-",
    "*",
    "…",
    "no,",
    "No.",
    "well",
    "well.",
    "a",
    "crisis,",
    "crisis",
    "Σ",
    "İ",
    "straße",
    "STRASSE",
    "_x_",
    "x",
    "\x00",
    "uh",
    "um,",
    "(PERSON1)",
]


def _random_texts(seed: int, count: int) -> list[str]:
    import random

    rnd = random.Random(seed)
    texts = []
    for _ in range(count):
        words = [rnd.choice(_PIECES) for _ in range(rnd.randrange(1, 40))]
        # copy a stretch right after itself, sometimes with other punctuation around it
        for _ in range(rnd.randrange(0, 3)):
            i = rnd.randrange(len(words))
            k = rnd.randrange(1, 9)
            copy = words[i : i + k]
            if copy and rnd.random() < 0.5:
                copy[-1] = copy[-1] + rnd.choice([",", ".", ")", "”", ""])
            words[i + k : i + k] = copy
        seps = [rnd.choice([" ", " ", " ", "  ", "\n", "\n\n", "\t"]) for _ in words]
        texts.append("".join(w + s for w, s in zip(words, seps, strict=True)).strip())
    return texts


def _findings(code: str, text: str) -> list[tuple[int, int, str]]:
    return [(f.start, f.end, f.message) for f in scan(code, text)]


# every document through the short-document path (no limit) and through NumPy (limit 0)
_FEW_CHUNKS_LIMITS = [0, 10**9]


@pytest.mark.parametrize("few", _FEW_CHUNKS_LIMITS)
@pytest.mark.parametrize("code", ["MT401", "MT402"])
def test_repeat_places_miss_nothing(code: str, few: int, monkeypatch: pytest.MonkeyPatch) -> None:
    from mtcheck.rules import repetition

    monkeypatch.setattr(repetition, "_FEW_CHUNKS", few)
    texts = _random_texts(401 if code == "MT401" else 402, 400)
    texts += ["the the", "The the.", "in the city in the city", "a, a", "x\n\nx", "Bora Bora"]
    fast = [_findings(code, t) for t in texts]
    monkeypatch.setattr(repetition, "_repeat_places", lambda a: None)
    slow = [_findings(code, t) for t in texts]
    assert fast == slow
    assert sum(map(len, fast)) > 20  # the texts do hold repeats


@pytest.mark.parametrize("few", _FEW_CHUNKS_LIMITS)
def test_repeat_places_are_a_superset_of_real_repeats(
    few: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mtcheck.rules import repetition

    monkeypatch.setattr(repetition, "_FEW_CHUNKS", few)
    for text in _random_texts(7, 200):
        a = Analysis(Document(id="d", text=text, path="d.txt"))
        places = repetition._repeat_places(a)
        if places is None:
            continue
        for k, p in enumerate(a.paragraphs):
            chunks = repetition._chunks(text, p.start, p.end)
            pairs, squares, _ = places.get(k, ([], [], []))
            for i in range(len(chunks) - 1):
                if chunks[i].core == chunks[i + 1].core:
                    assert i in pairs
                if repetition._phrase_at(chunks, i, len(chunks)) is not None:
                    assert i in squares


def test_spoken_register_matches_its_regexes() -> None:
    from mtcheck.rules import repetition

    texts = [
        "Uh, we, UM, left.",
        "the drum-hmm uh",
        "umm... erm, mm-hmm",
        "Yes [laughter] no",
        "<laugh> fine",
        "(Speaker 2) hi",
        "number summit term",
        "İ uh Um",
        "Σ um uh",
    ]
    for text in texts + _random_texts(9, 200):
        a = Analysis(Document(id="d", text=text, path="d.txt"))
        expected = bool(repetition._SPOKEN_MARKUP_RE.search(text)) or (
            sum(1 for _ in repetition._FILLER_RE.finditer(text)) >= 2
        )
        assert repetition.spoken_register(a) == expected, text


def test_quotations_are_those_of_a_scan_per_paragraph() -> None:
    import random

    from mtcheck.rules import repetition

    rnd = random.Random(404)
    bits = ["He said: ", "“Yes,”", " she said", '"no"', "“open", "close”", "\n", "\n\n", " ", '"']
    for _ in range(300):
        text = "".join(rnd.choice(bits) for _ in range(rnd.randrange(1, 25)))
        a = Analysis(Document(id="d", text=text, path="d.txt"))
        fast = [(p, m.span()) for p, m in repetition._quotations(a)]
        slow = [
            (p, m.span())
            for p in a.paragraphs
            for m in repetition._QUOTE_RE.finditer(text, p.start, p.end)
        ]
        assert fast == slow


def test_lead_ins_end_with_a_colon_or_comma() -> None:
    from mtcheck.rules import repetition

    windows = [
        "Yusuf said: “",
        "He told reporters, “",
        "According to Wang,\n “",
        'They said:"',
        "He said “",
        "said: x “",
    ]
    for window in windows:
        found = repetition._PRE_RE.search(window) or repetition._ACCORDING_RE.search(window)
        if found is not None:
            assert window[:-1].rstrip()[-1:] in (":", ",")


def test_lazy_chunks_equal_the_scanned_chunks() -> None:
    from mtcheck.rules import repetition

    for text in [*_random_texts(11, 200), "a  b", " a b ", "x"]:
        chunks = repetition._chunks(text, 0, len(text))
        lengths = [c.end - c.start for c in chunks]
        for lazy in (
            repetition._LazyChunks(text, 0, len(text), lengths),
            repetition._LazyChunks(text, 0, len(text)),
        ):
            assert len(lazy) == len(chunks)
            assert [lazy[i] for i in range(len(chunks))] == chunks
            assert lazy[1:4] == chunks[1:4]
            if chunks:
                assert lazy[-1] == chunks[-1]


def test_squares_are_the_immediate_repeats_of_runs_of_up_to_eight_codes() -> None:
    # the definition, checked by brute force: a run of p codes starting at t followed by the
    # same p codes, for p from 1 to 8; small alphabets make repeats frequent
    import numpy as np

    from mtcheck.rules import repetition

    rng = np.random.default_rng(8)
    for _ in range(2000):
        n = int(rng.integers(0, 50))
        codes = rng.integers(0, int(rng.integers(1, 5)), n).astype(np.uint32)
        c = codes.tolist()

        def repeats(t: int, p: int, c: list[int] = c, n: int = n) -> bool:
            return t + 2 * p <= n and c[t : t + p] == c[t + p : t + 2 * p]

        want_pairs = [t for t in range(n) if repeats(t, 1)]
        want_squares = [t for t in range(n) if any(repeats(t, p) for p in range(1, 9))]
        pairs, squares = repetition._squares(codes)
        assert pairs.tolist() == want_pairs
        assert squares.tolist() == want_squares
        assert repetition._squares_of(c) == (want_pairs, want_squares)
        # keys of any kind: strings, with unique marks that equal nothing else
        keys: list[object] = [f"w{x}" for x in c]
        if n:
            keys[n // 2] = -1
            c[n // 2] = -1
            assert repetition._squares_of(keys) == (
                [t for t in range(n) if repeats(t, 1)],
                [t for t in range(n) if any(repeats(t, p) for p in range(1, 9))],
            )
