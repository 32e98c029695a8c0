"""Arrays derived from installed data, kept on disk (mtcheck.datacache)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from mtcheck import datacache

#: the source file the test tables are "derived" from
SRC = [__file__]


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "cache"
    monkeypatch.setenv(datacache.ENV, str(root))
    return root


def _entries(root: Path) -> list[str]:
    """Entry names with the install and version digests cut off."""
    return sorted(p.name.split("-")[0] for p in root.iterdir())


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
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert datacache.root() == tmp_path / "home" / ".cache" / "mtcheck"
    monkeypatch.setattr("os.path.expanduser", lambda p: p)  # no home directory at all
    assert datacache.root() is None


def test_built_once_then_mapped(cache_dir: Path) -> None:
    calls: list[int] = []
    first = datacache.arrays("t", SRC, ["v1"], ("a", "b"), _counting_build(calls))
    second = datacache.arrays("t", SRC, ["v1"], ("a", "b"), _counting_build(calls))
    assert calls == [1]
    assert isinstance(second["a"].base, np.memmap)  # mapped, not read
    assert second["a"].tolist() == first["a"].tolist() == [0, 1, 2, 3, 4]
    assert datacache.strings(second["b"]) == ["x", "yé"]
    # no temporary left
    assert [p.name for p in cache_dir.iterdir()] == [
        datacache.entry_name("t", SRC, ["v1"], __name__)
    ]


def test_new_key_replaces_older_entries_of_the_table(cache_dir: Path) -> None:
    calls: list[int] = []
    datacache.arrays("t", SRC, ["v1"], ("a", "b"), _counting_build(calls))
    datacache.arrays("other", SRC, ["v1"], ("a", "b"), _counting_build(calls))
    datacache.arrays("t", SRC, ["v2"], ("a", "b"), _counting_build(calls))
    names = sorted(p.name for p in cache_dir.iterdir())
    assert names == sorted(
        datacache.entry_name(t, SRC, [v], __name__) for t, v in [("other", "v1"), ("t", "v2")]
    )


def test_entries_of_other_installs_stay_until_unused_for_long(
    cache_dir: Path, tmp_path: Path
) -> None:
    import os
    import time

    calls: list[int] = []
    mine = datacache.entry_name("t", SRC, ["v1"], __name__)
    copies = [tmp_path / "install-x.bin", tmp_path / "install-y.bin"]
    for c in copies:
        c.write_bytes(b"same data, other path")
    other_install = cache_dir / datacache.entry_name("t", [copies[0]], ["v1"], __name__)
    old_install = cache_dir / datacache.entry_name("t", [copies[1]], ["v1"], __name__)
    abandoned = cache_dir / ".mtcheck-tmp-abandoned"
    fresh_tmp = cache_dir / ".mtcheck-tmp-writing"
    # the folder may hold the user's own things: none of them is ever removed
    users = [cache_dir / "photos", cache_dir / ".tmp-mine", cache_dir / "t-notes-2024"]
    for d in (other_install, old_install, abandoned, fresh_tmp, *users):
        d.mkdir(parents=True)
    month_ago = time.time() - datacache.STALE_SECONDS - 60
    for d in (old_install, *users):
        os.utime(d, (month_ago, month_ago))
    hours_ago = time.time() - datacache.ABANDONED_SECONDS - 60
    os.utime(abandoned, (hours_ago, hours_ago))
    datacache.arrays("t", SRC, ["v1"], ("a", "b"), _counting_build(calls))
    names = sorted(p.name for p in cache_dir.iterdir())
    assert names == sorted([mine, other_install.name, fresh_tmp.name, *(u.name for u in users)])


def test_using_an_entry_keeps_it_fresh(cache_dir: Path) -> None:
    import os

    calls: list[int] = []
    datacache.arrays("t", SRC, ["v1"], ("a", "b"), _counting_build(calls))
    entry = cache_dir / datacache.entry_name("t", SRC, ["v1"], __name__)
    os.utime(entry, (0, 0))
    datacache.arrays("t", SRC, ["v1"], ("a", "b"), _counting_build(calls))
    assert entry.stat().st_mtime > datacache.STALE_SECONDS and calls == [1]


def test_torn_entry_is_rebuilt(cache_dir: Path) -> None:
    calls: list[int] = []
    datacache.arrays("t", SRC, ["v1"], ("a", "b"), _counting_build(calls))
    (cache_dir / datacache.entry_name("t", SRC, ["v1"], __name__) / "a.npy").write_bytes(
        b"\x93NUMPY garbage"
    )
    again = datacache.arrays("t", SRC, ["v1"], ("a", "b"), _counting_build(calls))
    assert calls == [1, 1]
    assert again["a"].tolist() == [0, 1, 2, 3, 4]
    assert datacache.arrays("t", SRC, ["v1"], ("a", "b"), _counting_build(calls))["a"][4] == 4
    assert calls == [1, 1]  # the rebuilt entry was stored


def test_pickled_arrays_are_refused(cache_dir: Path) -> None:
    calls: list[int] = []
    entry = cache_dir / datacache.entry_name("t", SRC, ["v1"], __name__)
    entry.mkdir(parents=True)
    np.save(entry / "a.npy", np.array([{"not": "numbers"}], dtype=object), allow_pickle=True)
    np.save(entry / "b.npy", np.zeros(1))
    got = datacache.arrays("t", SRC, ["v1"], ("a", "b"), _counting_build(calls))
    assert calls == [1] and got["a"].dtype == np.int32


def test_a_process_that_stored_first_wins(cache_dir: Path) -> None:
    calls: list[int] = []
    inner = _counting_build(calls)

    def racing_build() -> dict[str, Any]:
        # another process stores the same entry while this one builds
        datacache.arrays("t", SRC, ["v1"], ("a", "b"), inner)
        return {"a": np.arange(5, dtype=np.int32), "b": datacache.text_array(["x", "yé"])}

    got = datacache.arrays("t", SRC, ["v1"], ("a", "b"), racing_build)
    assert got["a"].tolist() == [0, 1, 2, 3, 4]
    assert _entries(cache_dir) == ["t"]  # the loser's copy is gone


def test_switched_off_or_unwritable_builds_in_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []
    monkeypatch.setenv(datacache.ENV, "off")
    datacache.arrays("t", SRC, ["v1"], ("a", "b"), _counting_build(calls))
    datacache.arrays("t", SRC, ["v1"], ("a", "b"), _counting_build(calls))
    assert calls == [1, 1]
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    monkeypatch.setenv(datacache.ENV, str(blocker / "cache"))
    got = datacache.arrays("t", SRC, ["v1"], ("a", "b"), _counting_build(calls))
    assert calls == [1, 1, 1] and got["a"].tolist() == [0, 1, 2, 3, 4]


def test_build_must_give_the_named_arrays(cache_dir: Path) -> None:
    with pytest.raises(ValueError, match="expected"):
        datacache.arrays("t", SRC, ["v1"], ("a", "c"), _counting_build([]))


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
    import copy

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
    restricted = copy.copy(reference)
    restricted.set_languages(list(langid.SENTENCE_LANGUAGES))
    texts += ["Die Regierung", "und die", "de la", "the budget", "zzq"]
    for attempt in ("built", "mapped"):
        langid._identifier.cache_clear()
        langid._sentence_identifier.cache_clear()
        try:
            mine = langid._identifier()
            assert [mine.classify(t) for t in texts] == [reference.classify(t) for t in texts]
            sentences = langid._sentence_identifier()
            got = [sentences.classify(t) for t in texts]
            assert got == [restricted.classify(t) for t in texts]
        finally:
            langid._identifier.cache_clear()
            langid._sentence_identifier.cache_clear()
        assert _entries(cache_dir) == ["langid", "langid"], attempt


def test_text_arrays_round_trip_and_refuse_newlines() -> None:
    words = ["", "yé", "\ud800", "a b"]
    assert datacache.strings(datacache.text_array(words)) == words
    with pytest.raises(ValueError, match="newline"):
        datacache.text_array(["ok", "two\nlines"])


def test_entry_of_names_the_entry_mapped_or_stored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(datacache.ENV, str(tmp_path))
    calls: list[int] = []
    datacache.arrays("t-entry", SRC, ["v1"], ("a", "b"), _counting_build(calls))
    stored = datacache.entry_of("t-entry")
    assert stored is not None and stored.parent == tmp_path and stored.is_dir()
    datacache._ENTRIES.clear()
    datacache.arrays("t-entry", SRC, ["v1"], ("a", "b"), _counting_build(calls))
    assert datacache.entry_of("t-entry") == stored and calls == [1]
    # built where nothing can be stored: no entry
    monkeypatch.setenv(datacache.ENV, "off")
    datacache.arrays("t-off", SRC, ["v1"], ("a", "b"), _counting_build(calls))
    assert datacache.entry_of("t-off") is None
