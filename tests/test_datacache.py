"""Arrays derived from installed data, kept on disk (mtcheck.datacache)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from mtcheck import datacache


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "cache"
    monkeypatch.setenv(datacache.ENV, str(root))
    return root


def _counting_build(calls: list[int]) -> Any:
    def build() -> dict[str, Any]:
        calls.append(1)
        return {"a": np.arange(5, dtype=np.int32), "b": datacache.text_array(["x", "yé"])}

    return build


def test_root_from_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(datacache.ENV, str(tmp_path))
    assert datacache.root() == tmp_path
    for off in ("off", "OFF", "0", "", "no"):
        monkeypatch.setenv(datacache.ENV, off)
        assert datacache.root() is None
    monkeypatch.delenv(datacache.ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert datacache.root() == tmp_path / "xdg" / "mtcheck"


def test_built_once_then_mapped(cache_dir: Path) -> None:
    calls: list[int] = []
    first = datacache.arrays("t", "k1", ("a", "b"), _counting_build(calls))
    second = datacache.arrays("t", "k1", ("a", "b"), _counting_build(calls))
    assert calls == [1]
    assert isinstance(second["a"].base, np.memmap)  # mapped, not read
    assert second["a"].tolist() == first["a"].tolist() == [0, 1, 2, 3, 4]
    assert datacache.strings(second["b"]) == ["x", "yé"]
    assert [p.name for p in cache_dir.iterdir()] == ["t-k1"]  # no temporary left


def test_new_key_replaces_older_entries_of_the_table(cache_dir: Path) -> None:
    calls: list[int] = []
    datacache.arrays("t", "k1", ("a", "b"), _counting_build(calls))
    datacache.arrays("other", "k1", ("a", "b"), _counting_build(calls))
    datacache.arrays("t", "k2", ("a", "b"), _counting_build(calls))
    assert sorted(p.name for p in cache_dir.iterdir()) == ["other-k1", "t-k2"]


def test_torn_entry_is_rebuilt(cache_dir: Path) -> None:
    calls: list[int] = []
    datacache.arrays("t", "k", ("a", "b"), _counting_build(calls))
    (cache_dir / "t-k" / "a.npy").write_bytes(b"\x93NUMPY garbage")
    again = datacache.arrays("t", "k", ("a", "b"), _counting_build(calls))
    assert calls == [1, 1]
    assert again["a"].tolist() == [0, 1, 2, 3, 4]
    assert datacache.arrays("t", "k", ("a", "b"), _counting_build(calls))["a"][4] == 4
    assert calls == [1, 1]  # the rebuilt entry was stored


def test_pickled_arrays_are_refused(cache_dir: Path) -> None:
    calls: list[int] = []
    entry = cache_dir / "t-k"
    entry.mkdir(parents=True)
    np.save(entry / "a.npy", np.array([{"not": "numbers"}], dtype=object), allow_pickle=True)
    np.save(entry / "b.npy", np.zeros(1))
    got = datacache.arrays("t", "k", ("a", "b"), _counting_build(calls))
    assert calls == [1] and got["a"].dtype == np.int32


def test_a_process_that_stored_first_wins(cache_dir: Path) -> None:
    calls: list[int] = []
    inner = _counting_build(calls)

    def racing_build() -> dict[str, Any]:
        # another process stores the same entry while this one builds
        datacache.arrays("t", "k", ("a", "b"), inner)
        return {"a": np.arange(5, dtype=np.int32), "b": datacache.text_array(["x", "yé"])}

    got = datacache.arrays("t", "k", ("a", "b"), racing_build)
    assert got["a"].tolist() == [0, 1, 2, 3, 4]
    assert [p.name for p in cache_dir.iterdir()] == ["t-k"]  # the loser's copy is gone


def test_switched_off_or_unwritable_builds_in_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []
    monkeypatch.setenv(datacache.ENV, "off")
    datacache.arrays("t", "k", ("a", "b"), _counting_build(calls))
    datacache.arrays("t", "k", ("a", "b"), _counting_build(calls))
    assert calls == [1, 1]
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    monkeypatch.setenv(datacache.ENV, str(blocker / "cache"))
    got = datacache.arrays("t", "k", ("a", "b"), _counting_build(calls))
    assert calls == [1, 1, 1] and got["a"].tolist() == [0, 1, 2, 3, 4]


def test_build_must_give_the_named_arrays(cache_dir: Path) -> None:
    with pytest.raises(ValueError, match="expected"):
        datacache.arrays("t", "k", ("a", "c"), _counting_build([]))


def test_digest_follows_the_sources(tmp_path: Path) -> None:
    src = tmp_path / "data.bin"
    src.write_bytes(b"one")
    first = datacache.digest([src], ["lib 1"])
    assert datacache.digest([src], ["lib 1"]) == first
    assert datacache.digest([src], ["lib 2"]) != first
    src.write_bytes(b"three")
    assert datacache.digest([src], ["lib 1"]) != first


def test_text_array_round_trip() -> None:
    for words in ([], ["a"], ["", "b"], ["naïve", "日本", "x y"]):
        back = datacache.strings(datacache.text_array(words))
        assert back == (words if words != [""] else [])


def test_cached_language_model_classifies_as_py3langid(
    cache_dir: Path,
) -> None:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    from mtcheck import langid

    reference = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    texts = [
        "The government approved the budget on Tuesday after a long debate.",
        "Die Regierung hat den Haushalt am Dienstag nach langer Debatte gebilligt.",
        "Le gouvernement a approuvé le budget mardi après un long débat.",
        "Rząd zatwierdził budżet we wtorek po długiej debacie.",
        "政府は長い議論の末、火曜日に予算を承認した。",
        "",
    ]
    for attempt in ("built", "mapped"):
        langid._identifier.cache_clear()
        try:
            mine = langid._identifier()
            assert [mine.classify(t) for t in texts] == [reference.classify(t) for t in texts]
        finally:
            langid._identifier.cache_clear()
        assert any(p.name.startswith("langid-model-") for p in cache_dir.iterdir()), attempt
