"""The per-file cache: hits on unchanged files, misses on any change, survives corrupt entries."""

from __future__ import annotations

import json
import os
import subprocess
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mtcheck import cache as cache_mod
from mtcheck import engine, parallel
from mtcheck.cache import Cache
from mtcheck.cli import app
from mtcheck.config import Settings, resolve
from mtcheck.load import iter_documents, jsonl
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


def _block_bytes(path: Path) -> list[bytes]:
    settings = resolve({}, discover=False)
    return [b[2] for b in jsonl.blocks(str(path), settings) if isinstance(b, tuple)]


def _blocks(path: Path) -> int:
    return len(_block_bytes(path))


@pytest.fixture
def small_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    """JSON Lines files of any size read in blocks of about 2,000 characters."""
    monkeypatch.setattr(jsonl, "BLOCK_BYTES", 2000)
    monkeypatch.setattr(parallel, "CHUNK_CHARS", 2000)


def _plain(paths: list[str], settings: Settings) -> str:
    run = engine.run(iter_documents(paths, settings), settings, keep_text=False)
    return json_report.render(run)


@pytest.mark.usefixtures("small_blocks")
def test_a_jsonl_file_read_in_blocks_is_cached_block_by_block(tmp_path: Path) -> None:
    records = make_corpus(tmp_path / "corpus", copies=1) / "records.jsonl"
    n = _blocks(records)
    assert n > 5
    settings = resolve({}, discover=False)
    first, c1 = _scan([str(records)], settings, tmp_path / "c")
    assert (c1.hits, c1.misses, c1.writes) == (0, n, n)
    second, c2 = _scan([str(records)], settings, tmp_path / "c")
    assert (c2.hits, c2.misses, c2.writes) == (n, 0, 0)
    assert first == second == _plain([str(records)], settings)


@pytest.mark.usefixtures("small_blocks")
def test_records_appended_to_a_jsonl_file_rescan_only_the_end(tmp_path: Path) -> None:
    records = make_corpus(tmp_path / "corpus", copies=1) / "records.jsonl"
    # the same id in every record, so each new record's id counts those of the cached blocks
    texts = [
        json.loads(line)["text"] for line in records.read_text(encoding="utf-8").split("\n")[:60]
    ]
    body = "".join(json.dumps({"id": "same", "text": t}) + "\n" for t in texts)
    records.write_text(body, encoding="utf-8")
    settings = resolve({"id_field": "id"}, discover=False)
    _scan([str(records)], settings, tmp_path / "c")
    before = _block_bytes(records)
    with open(records, "a", encoding="utf-8") as fh:
        for _ in range(40):
            fh.write(json.dumps({"id": "same", "text": "The talks ended.Then it rained."}) + "\n")
    after = _block_bytes(records)
    # the blocks before the old last one are unchanged; it may have grown
    unchanged = sum(1 for a, b in zip(before, after, strict=False) if a == b)
    assert unchanged >= len(before) - 1 > 5
    assert len(after) > len(before)
    report, c = _scan([str(records)], settings, tmp_path / "c")
    assert (c.hits, c.misses) == (unchanged, len(after) - unchanged)
    assert report == _plain([str(records)], settings)
    assert f'"same#{len(texts) + 1}"' in report


@pytest.mark.usefixtures("small_blocks")
def test_a_jsonl_file_over_the_cache_limit_is_not_cached(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    records = make_corpus(tmp_path / "corpus", copies=1) / "records.jsonl"
    monkeypatch.setattr(parallel, "CACHE_MAX_BYTES", records.stat().st_size - 1)
    settings = resolve({}, discover=False)
    report, c = _scan([str(records)], settings, tmp_path / "c")
    assert (c.hits, c.misses, c.writes) == (0, 0, 0)
    assert report == _plain([str(records)], settings)


@pytest.mark.usefixtures("small_blocks")
def test_streamed_json_report_from_cached_blocks_is_identical(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus", copies=1)
    expected = _plain([str(corpus)], resolve({}, discover=False))
    runner = CliRunner()
    for run in ("cold", "cached", "one-process"):
        jobs = "1" if run == "one-process" else "2"
        res = runner.invoke(
            app, ["scan", str(corpus), "-f", "json", "-o", f"{run}.json", "--jobs", jobs, "-q"]
        )
        assert res.exit_code == 2, res.stderr  # the corpus holds one malformed record
        assert Path(f"{run}.json").read_text(encoding="utf-8") == expected, run
    # one entry per block of the JSON Lines files and one per other file: the second and
    # third runs wrote nothing new
    blocks = sum(_blocks(p) for p in corpus.rglob("*.jsonl"))
    others = sum(1 for p in corpus.rglob("*") if p.is_file() and p.suffix != ".jsonl")
    assert len(list(cache_mod.entries(tmp_path / ".mtcheck_cache"))) == blocks + others


def _age(path: Path, seconds: float) -> None:
    t = time.time() - seconds
    os.utime(path, (t, t))


def test_the_sweep_removes_what_is_stale_and_leaves_the_rest(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus", copies=1)
    settings = resolve({}, discover=False)
    root = tmp_path / "c"
    _scan([str(corpus)], settings, root)
    entries = list(cache_mod.entries(root))
    assert len(entries) > 5
    day = 86400
    old, used, fresh = entries[0], entries[1], entries[2:]
    _age(old, 31 * day)
    _age(used, 31 * day)
    abandoned = old.parent / ".abandoned.tmp"
    abandoned.write_bytes(b"half")
    _age(abandoned, 2 * 3600)
    writing = old.parent / ".writing.tmp"  # another run may be writing it now
    writing.write_bytes(b"half")
    mine = root / "ab" / "notes.txt"  # not a name the cache gives its files
    mine.parent.mkdir(exist_ok=True)
    mine.write_text("mine", encoding="utf-8")
    _age(mine, 400 * day)
    c = Cache(settings, root)
    # a hit marks the entry as in use
    used_key = used.stem
    assert c.get(used_key) is not None
    assert time.time() - used.stat().st_mtime < day
    assert c.sweep() == 2
    assert not old.exists() and not abandoned.exists()
    assert used.exists() and writing.exists() and mine.exists()
    assert all(p.exists() for p in fresh)
    # at most once a day
    _age(fresh[0], 31 * day)
    assert c.sweep() == 0 and fresh[0].exists()
    # a day later: that entry, and the temporary file nobody finished
    assert c.sweep(now=time.time() + day + 60) == 2
    assert not fresh[0].exists() and not writing.exists()
    # the scan still gives the same report with what is left, and refills what went
    report, c2 = _scan([str(corpus)], settings, root)
    assert report == _plain([str(corpus)], settings)
    assert c2.misses == 2


def test_the_cache_folder_is_ignored_by_git_and_backups(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("The talks were offensive.Government left.\n")
    res = CliRunner().invoke(app, ["scan", "a.txt", "-f", "json"])
    assert res.exit_code == 1
    root = tmp_path / ".mtcheck_cache"
    assert (root / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    tag = (root / "CACHEDIR.TAG").read_text(encoding="utf-8")
    assert tag.startswith("Signature: 8a477f597d28d172789f06886806bc55")
    assert not (root / "last-swept").exists()  # nothing to sweep before the folder existed
    assert CliRunner().invoke(app, ["scan", "a.txt", "-f", "json"]).exit_code == 1
    assert (root / "last-swept").exists()
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    status = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    assert status.stdout.splitlines() == ["?? a.txt"]


def test_records_after_a_skipped_one_are_keyed_by_where_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the same bytes from the same line on, but a record over the size limit (skipped, never
    # part of a block) in another place before them: the later records are other lines
    monkeypatch.setattr(jsonl, "BLOCK_BYTES", 10**6)
    rec = [
        json.dumps({"text": f"Record {n} said the talks were offensive.Government left."})
        for n in "abcd"
    ]
    long = json.dumps({"text": "x " * 3000})
    target = tmp_path / "r.jsonl"
    settings = resolve({"max_file_size": 5000}, discover=False)
    reports = []
    for lines in (
        [rec[0], rec[1], long, rec[2], rec[3]],
        [rec[0], long, long, rec[1], rec[2], rec[3]],
    ):
        target.write_text("\n".join(lines) + "\n", encoding="utf-8")
        report, _ = _scan([str(target)], settings, tmp_path / "c")
        assert report == _plain([str(target)], settings)
        reports.append(report)
    assert reports[0] != reports[1]


def test_the_sweep_never_follows_links_out_of_the_folder(tmp_path: Path) -> None:
    root = tmp_path / "c"
    corpus = make_corpus(tmp_path / "corpus", copies=1)
    settings = resolve({}, discover=False)
    _scan([str(corpus)], settings, root)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    victims = [outside / ".notes.tmp", outside / ("ab" * 20 + ".pkl")]
    for v in victims:
        v.write_bytes(b"mine")
        _age(v, 400 * 86400)
    taken = {p.name for p in root.iterdir()}
    free = next(f"{i:02x}" for i in range(256) if f"{i:02x}" not in taken)
    (root / free).symlink_to(outside, target_is_directory=True)
    entry = next(cache_mod.entries(root))
    link = entry.parent / ("cd" * 20 + ".pkl")
    link.symlink_to(victims[1])
    Cache(settings, root).sweep(now=time.time() + 400 * 86400)
    assert all(v.read_bytes() == b"mine" for v in victims)
    assert link.is_symlink()


def test_a_cache_folder_from_an_older_mtcheck_gets_its_markers(tmp_path: Path) -> None:
    root = tmp_path / "c"
    corpus = make_corpus(tmp_path / "corpus", copies=1)
    settings = resolve({}, discover=False)
    _scan([str(corpus)], settings, root)
    (root / ".gitignore").unlink()
    (root / "CACHEDIR.TAG").unlink()
    Cache(settings, root).sweep()
    assert (root / ".gitignore").is_file() and (root / "CACHEDIR.TAG").is_file()


@pytest.mark.parametrize("setting", ["fluency_model", "reference"])
def test_a_changed_file_named_by_the_settings_misses(tmp_path: Path, setting: str) -> None:
    named = tmp_path / "named.txt"
    named.write_text("one\n", encoding="utf-8")
    settings = resolve({setting: str(named)}, discover=False)
    before = cache_mod.settings_digest(settings)
    assert cache_mod.settings_digest(settings) == before
    named.write_text("two\n", encoding="utf-8")
    assert cache_mod.settings_digest(settings) != before


def test_the_sweep_marker_is_never_followed(tmp_path: Path) -> None:
    root = tmp_path / "c"
    root.mkdir()
    elsewhere = tmp_path / "elsewhere"
    (root / "last-swept").symlink_to(elsewhere)
    Cache(resolve({}, discover=False), root).sweep()
    assert not elsewhere.exists()


def test_the_files_named_by_the_settings_are_kept_apart_in_the_key(tmp_path: Path) -> None:
    digests = set()
    for model, reference in (("ab", "c"), ("a", "bc")):
        (tmp_path / "m").write_text(model, encoding="utf-8")
        (tmp_path / "r").write_text(reference, encoding="utf-8")
        s = resolve(
            {"fluency_model": str(tmp_path / "m"), "reference": str(tmp_path / "r")},
            discover=False,
        )
        digests.add(cache_mod.settings_digest(s))
    assert len(digests) == 2


class _Planted:
    """What an attacker commits into .mtcheck_cache: unpickling it would run code."""

    def __init__(self, marker: str) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (Path.touch, (Path(self.marker),))  # type: ignore[return-value]


def test_entries_not_signed_with_this_users_key_are_never_unpickled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the cache folder sits in the scanned project, which a pull request controls
    import pickle
    import zlib

    monkeypatch.setenv("MTCHECK_DATA_CACHE", str(tmp_path / "data"))
    cache_mod.signing_key.cache_clear()
    corpus = make_corpus(tmp_path / "corpus", copies=1)
    settings = resolve({}, discover=False)
    first, _ = _scan([str(corpus)], settings, tmp_path / "c")
    key_file = tmp_path / "data" / cache_mod.KEY_FILE
    assert key_file.stat().st_mode & 0o777 == 0o600
    marker = tmp_path / "PWNED"
    payload = zlib.compress(pickle.dumps([_Planted(str(marker))]))
    entries = list(cache_mod.entries(tmp_path / "c"))
    assert entries
    forged = {
        "no signature": cache_mod._FORMAT + payload,
        "a wrong signature": cache_mod._FORMAT + b"\0" * 32 + payload,
        "another key's signature": cache_mod._FORMAT
        + __import__("hmac").new(b"k" * 32, payload, "sha256").digest()
        + payload,
    }
    for how, data in forged.items():
        for entry in entries:
            entry.write_bytes(data)
        report, c = _scan([str(corpus)], settings, tmp_path / "c")
        assert not marker.exists(), how
        assert (c.hits, c.misses) == (0, len(entries)), how
        assert report == first, how
    cache_mod.signing_key.cache_clear()


def test_a_damaged_key_is_replaced_and_no_key_means_no_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # an empty key file (a stopped first run) turned every later lookup into a miss, and with
    # the data cache off every run wrote entries nothing could read
    monkeypatch.setenv("MTCHECK_DATA_CACHE", str(tmp_path / "data"))
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / cache_mod.KEY_FILE).write_bytes(b"")
    cache_mod.signing_key.cache_clear()
    corpus = make_corpus(tmp_path / "corpus", copies=1)
    settings = resolve({}, discover=False)
    n = _files(corpus)
    _, c1 = _scan([str(corpus)], settings, tmp_path / "c")
    assert len((tmp_path / "data" / cache_mod.KEY_FILE).read_bytes()) == 32
    cache_mod.signing_key.cache_clear()  # a later process
    _, c2 = _scan([str(corpus)], settings, tmp_path / "c")
    assert (c1.writes, c2.hits) == (n, n)
    monkeypatch.setenv("MTCHECK_DATA_CACHE", "off")
    cache_mod.signing_key.cache_clear()
    _, c3 = _scan([str(corpus)], settings, tmp_path / "off")
    assert (c3.hits, c3.writes) == (0, 0)
    assert not list(cache_mod.entries(tmp_path / "off"))
    cache_mod.signing_key.cache_clear()
