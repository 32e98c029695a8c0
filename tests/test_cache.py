"""The per-file cache: hits on unchanged files, misses on any change, survives corrupt entries."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from mtcheck import cache as cache_mod
from mtcheck import engine, parallel
from mtcheck.cache import Cache
from mtcheck.cli import app
from mtcheck.config import Settings, resolve
from mtcheck.load import iter_documents
from mtcheck.model import Severity
from mtcheck.report import json as json_report
from tests.parallel_support import make_corpus, with_corpus_rule


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def _scan(paths: list[str], settings: Settings, root: Path) -> tuple[str, Cache]:
    c = Cache(settings, root)
    run = parallel.scan(paths, settings, jobs=1, cache=c, keep_text=False)
    return json_report.render(run), c


def _files(corpus: Path) -> int:
    return sum(1 for p in corpus.rglob("*") if p.is_file())


def test_second_run_hits_the_cache_and_gives_the_same_report(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus", copies=1)
    settings = resolve({}, discover=False)
    first, c1 = _scan([str(corpus)], settings, tmp_path / "c")
    n = _files(corpus)
    assert (c1.hits, c1.misses, c1.writes) == (0, n, n)
    second, c2 = _scan([str(corpus)], settings, tmp_path / "c")
    assert (c2.hits, c2.misses, c2.writes) == (n, 0, 0)
    assert second == first
    plain = engine.run(iter_documents([str(corpus)], settings), settings, keep_text=False)
    assert first == json_report.render(plain)


def test_a_changed_file_is_rescanned(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus", copies=1)
    settings = resolve({}, discover=False)
    _scan([str(corpus)], settings, tmp_path / "c")
    target = corpus / "set0" / "doha-talks.txt"
    target.write_text(target.read_text(encoding="utf-8") + "\nIt was over.Then it rained.\n")
    report, c = _scan([str(corpus)], settings, tmp_path / "c")
    assert (c.misses, c.writes) == (1, 1)
    assert c.hits == _files(corpus) - 1
    plain = engine.run(iter_documents([str(corpus)], settings), settings, keep_text=False)
    assert report == json_report.render(plain)
    assert "over.Then" in report


@pytest.mark.parametrize(
    "change",
    [
        {"ignore": ("MT401",)},
        {"severity": {"MT101": Severity.MINOR}},
        {"lang": "en"},
        {"lines": True},
    ],
)
def test_a_changed_configuration_misses(tmp_path: Path, change: dict[str, object]) -> None:
    corpus = make_corpus(tmp_path / "corpus", copies=1)
    _scan([str(corpus)], resolve({}, discover=False), tmp_path / "c")
    settings = resolve(change, discover=False)
    report, c = _scan([str(corpus)], settings, tmp_path / "c")
    assert c.hits == 0
    plain = engine.run(iter_documents([str(corpus)], settings), settings, keep_text=False)
    assert report == json_report.render(plain)


def test_corrupt_entries_are_ignored_and_replaced(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus", copies=1)
    settings = resolve({}, discover=False)
    first, _ = _scan([str(corpus)], settings, tmp_path / "c")
    entries = list(cache_mod.entries(tmp_path / "c"))
    entries[0].write_bytes(b"garbage")
    entries[1].write_bytes(entries[1].read_bytes()[:40])  # torn
    entries[2].write_bytes(b"")
    report, c = _scan([str(corpus)], settings, tmp_path / "c")
    assert (c.misses, c.writes) == (3, 3)
    assert report == first
    _, c3 = _scan([str(corpus)], settings, tmp_path / "c")
    assert c3.misses == 0


def test_corpus_summaries_come_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with_corpus_rule(monkeypatch)
    corpus = make_corpus(tmp_path / "corpus", copies=2)
    settings = resolve({"extend_select": ("MT599",)}, discover=False)
    first, _ = _scan([str(corpus)], settings, tmp_path / "c")
    assert '"MT599"' in first
    second, c = _scan([str(corpus)], settings, tmp_path / "c")
    assert c.misses == 0
    assert second == first


def test_cli_caches_in_the_working_directory_unless_told_not_to(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("The talks were offensive.Government left.\n")
    runner = CliRunner()
    res = runner.invoke(app, ["scan", "a.txt", "--no-cache", "-f", "json"])
    assert res.exit_code == 1
    assert not (tmp_path / ".mtcheck_cache").exists()
    res1 = runner.invoke(app, ["scan", "a.txt", "-f", "json"])
    assert len(list(cache_mod.entries(tmp_path / ".mtcheck_cache"))) == 1
    res2 = runner.invoke(app, ["scan", "a.txt", "-f", "json"])
    assert res1.stdout == res2.stdout == res.stdout
    assert res2.exit_code == 1
