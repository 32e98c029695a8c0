"""wordfreq's foreign word lists as exact sorted tables (mtcheck.wordlists)."""

from __future__ import annotations

import gzip
from pathlib import Path

import msgpack
import pytest

from mtcheck import wordlists


def _list_file(tmp_path: Path, bins: dict[int, list[str]]) -> str:
    rows: list[list[str]] = [[] for _ in range(max(bins, default=-1) + 1)]
    for i, words in bins.items():
        rows[i] = words
    path = tmp_path / "large_xx.msgpack.gz"
    with gzip.open(path, "wb") as f:
        f.write(msgpack.packb([{"format": "cB"}, *rows]))
    return str(path)


def test_answers_as_wordfreq_lists_words() -> None:
    from wordfreq import available_languages, iter_wordlist, zipf_frequency

    table = wordlists.WordList(wordlists.build(available_languages()["it"]))
    # every 997th word from the most frequent to the rarest, and words the list lacks
    sample = [w for i, w in enumerate(iter_wordlist("it")) if i % 997 == 0]
    assert len(sample) > 200
    for w in [*sample, "evidenziandone", "zzqx", "ZZQX", "perché", "perche"]:
        assert table.zipf(w) == zipf_frequency(w, "it"), w


def test_same_bytes_other_lengths_and_odd_keys(tmp_path: Path) -> None:
    bins = {0: ["und"], 250: ["b", "ab", "abc"], 301: ["x"], 690: ["é"]}
    table = wordlists.WordList(wordlists.build(_list_file(tmp_path, bins)))
    assert [table.bin(w) for w in ("und", "b", "ab", "abc", "x", "é")] == [
        0,
        250,
        250,
        250,
        301,
        690,
    ]
    assert table.zipf("é") == 2.1
    assert table.zipf("abcd") == 0.0  # a length no word has
    assert table.bin("a") is None and table.bin("") is None
    assert table.bin("ab\0") is None  # fixed-width bytes would drop a trailing NUL
    assert table.bin("\ud800") is None  # a lone surrogate from JSON text neither matches nor fails
    assert table.top_words() == ["und", "b", "ab", "abc"]  # bins up to 300, in list order
    assert len(table) == 6
    assert "abc" in table and "abcd" not in table and None not in table


def test_a_word_in_two_bins_keeps_the_more_frequent(tmp_path: Path) -> None:
    path = _list_file(tmp_path, {300: ["zz", "twice", "aa"], 650: ["twice", "bb"]})
    table = wordlists.WordList(wordlists.build(path))
    assert table.bin("twice") == 300
    assert table.bin("bb") == 650


def test_empty_words_are_left_out() -> None:
    table = wordlists.WordList(wordlists.table(["", "a", ""], [1, 2, 3], top_bin=5))
    assert len(table) == 1 and table.bin("a") == 2 and "" not in table
    assert table.top_words() == ["a"]


def test_an_empty_table() -> None:
    table = wordlists.WordList(wordlists.table([], []))
    assert len(table) == 0 and table.bin("a") is None and table.top_words() == []


def test_words_holding_a_nul_are_left_out() -> None:
    table = wordlists.WordList(wordlists.table(["a\0b", "ab", "\0"], [1, 2, 3], top_bin=9))
    assert len(table) == 1 and table.bin("ab") == 2 and table.bin("a\0b") is None
    assert table.top_words() == ["ab"]


def test_bins_must_fit_and_match() -> None:
    with pytest.raises(ValueError, match="one bin for each word"):
        wordlists.table(["a", "b"], [1])
    with pytest.raises(ValueError, match="0 to 32767"):
        wordlists.table(["a"], [40_000])


def test_the_builder_equals_a_plain_sort() -> None:
    # every length group sorted by bytes, and of repeated words the first entry's bin
    rng = __import__("random").Random(3)
    alphabet = ["a", "b", "é", "ß", "\u4e2d", "\ud800", "z"]
    words = ["".join(rng.choices(alphabet, k=rng.randint(0, 5))) for _ in range(3_000)]
    bins = [rng.randint(0, 900) for _ in words]
    table = wordlists.WordList(wordlists.table(words, bins, top_bin=100))
    first: dict[str, int] = {}
    for w, b in zip(words, bins, strict=True):
        if w:
            first.setdefault(w, b)
    assert len(table) == len([w for w in words if w])
    for w, b in first.items():
        assert table.bin(w) == b, w
    assert table.top_words() == [w for w, b in zip(words, bins, strict=True) if w and b <= 100]


def test_empty_list(tmp_path: Path) -> None:
    table = wordlists.WordList(wordlists.build(_list_file(tmp_path, {})))
    assert len(table) == 0
    assert table.bin("und") is None
    assert table.top_words() == []


def test_not_a_wordfreq_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.msgpack.gz"
    with gzip.open(path, "wb") as f:
        f.write(msgpack.packb([{"format": "other"}, ["x"]]))
    with pytest.raises(ValueError, match="unexpected wordfreq file"):
        wordlists.build(str(path))


def test_mapped_from_the_data_cache_answers_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from wordfreq import available_languages

    monkeypatch.setenv("MTCHECK_DATA_CACHE", str(tmp_path / "cache"))
    path = available_languages()["sv"]
    wordlists.word_list.cache_clear()
    try:
        built = wordlists.word_list(path)  # builds and stores
        wordlists.word_list.cache_clear()
        mapped = wordlists.word_list(path)  # maps the stored entry
    finally:
        wordlists.word_list.cache_clear()
    assert [p.name.split("-")[0] for p in (tmp_path / "cache").iterdir()] == ["wordfreq"]
    for w in ["och", "inte", "regeringen", "zzqx", "överenskommelsen"]:
        assert mapped.zipf(w) == built.zipf(w)
    assert mapped.top_words() == built.top_words() and "och" in mapped.top_words()
