"""--jobs, streamed inputs and the streamed JSON report give exactly the one-process result."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mtcheck import engine, parallel
from mtcheck.cache import Cache
from mtcheck.cli import app
from mtcheck.config import resolve
from mtcheck.load import iter_documents, jsonl
from mtcheck.model import RunResult
from mtcheck.report import json as json_report
from tests.parallel_support import REPO, make_corpus, with_corpus_rule


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def _reference(paths: list[str], **cli: object) -> str:
    """The report of the plain one-process engine over the same inputs."""
    settings = resolve(cli, discover=False)
    run = engine.run(iter_documents(paths, settings), settings, keep_text=False)
    return json_report.render(run)


def _cli(*args: str) -> str:
    res = CliRunner().invoke(app, ["scan", *args, "--no-cache", "--exit-zero", "-q"])
    assert res.exit_code in (0, 1, 2), res.stderr
    return res.stdout


def test_jobs_2_and_streamed_report_are_byte_identical(tmp_path: Path) -> None:
    corpus = str(make_corpus(tmp_path / "corpus"))
    expected = _reference([corpus])
    assert '"MT101"' in expected  # the corpus does have findings
    for jobs in ("1", "2"):
        _cli(corpus, "-f", "json", "-o", f"out{jobs}.json", "--jobs", jobs)
        assert Path(f"out{jobs}.json").read_text(encoding="utf-8") == expected
    # rendered in memory (to stdout) rather than streamed: the same bytes
    assert _cli(corpus, "-f", "json", "--jobs", "2") == expected
    assert not [p for p in os.listdir(".") if p.endswith(".tmp")]


def test_small_chunks_on_two_processes_keep_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = str(make_corpus(tmp_path / "corpus", copies=2))
    monkeypatch.setattr(parallel, "CHUNK_CHARS", 3000)
    settings = resolve({}, discover=False)
    backend = parallel.backend_for(settings, False, 2)
    assert isinstance(backend, parallel.PoolBackend)
    run = parallel.scan([corpus], settings, keep_text=False, backend=backend)
    assert json_report.render(run) == _reference([corpus])


def test_large_jsonl_is_read_in_blocks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = make_corpus(tmp_path / "corpus", copies=1)
    records = str(corpus / "records.jsonl")
    monkeypatch.setattr(parallel, "CHUNK_CHARS", 2000)
    monkeypatch.setattr(jsonl, "BLOCK_BYTES", 2000)
    blocks = list(jsonl.blocks(records, resolve({}, discover=False)))
    assert len(blocks) > 5
    # every block but the first starts where the previous one stopped, on a line boundary
    assert all(isinstance(b, tuple) for b in blocks)
    # bigger than --max-file-size as a whole, yet every record (each within it) is scanned
    with open(records, "rb") as fh:
        limit = max(map(len, fh)) + 1
    assert Path(records).stat().st_size > 10 * limit
    settings = resolve({"max_file_size": limit}, discover=False)
    for jobs in (1, 2):
        run = parallel.scan([records], settings, jobs=jobs, keep_text=False)
        assert json_report.render(run) == _reference([records])
    assert any(d.error and "malformed" in d.error for d in run.documents)
    # ids repeated across blocks are numbered exactly as when the file is read whole
    (corpus / "twice.jsonl").write_text(
        (corpus / "records.jsonl").read_text(encoding="utf-8") * 2, encoding="utf-8"
    )
    twice = str(corpus / "twice.jsonl")
    settings = resolve({"id_field": "id", "max_file_size": limit}, discover=False)
    whole = resolve({"id_field": "id"}, discover=False)
    for jobs in (1, 2):
        run = parallel.scan([twice], settings, jobs=jobs, keep_text=False)
        ids = [d.id for d in run.documents]
        assert "r000#2" in ids
        plain = engine.run(iter_documents([twice], whole), whole, keep_text=False)
        assert ids == [d.id for d in plain.documents]


def test_corpus_rule_reduced_across_chunks_and_processes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with_corpus_rule(monkeypatch)
    corpus = str(make_corpus(tmp_path / "corpus", copies=2))
    monkeypatch.setattr(parallel, "CHUNK_CHARS", 4000)
    monkeypatch.setattr(jsonl, "BLOCK_BYTES", 4000)
    # a gate judged per document: the streamed run must count the documents corpus rules
    # flag with their new findings
    gate = {"max_penalty": 1.0, "penalty_scope": "document"}
    expected = _reference([corpus], extend_select=("MT599",), **gate)
    assert '"MT599"' in expected and "max-penalty: " in expected
    settings = resolve({"extend_select": ("MT599",), **gate}, discover=False)
    for jobs in (1, 2):
        backend = parallel.backend_for(settings, False, jobs)
        whole = parallel.scan([corpus], settings, keep_text=False, backend=backend)
        assert json_report.render(whole) == expected
        backend = parallel.backend_for(settings, False, jobs)
        streamed = parallel.scan_to_json([corpus], settings, "streamed.json", backend)
        assert Path("streamed.json").read_text(encoding="utf-8") == expected
        # the streamed run keeps no document, only what the summary line and the gate read
        assert streamed.documents == () and whole.documents
        assert _counts(streamed) == _counts(whole)


def _counts(run: RunResult) -> tuple[object, ...]:
    return (
        run.documents_count,
        run.words,
        run.findings_count,
        run.by_severity(),
        run.errors,
        run.passed,
        run.failed_conditions,
        run.metrics,
    )


def test_ids_repeated_across_files_are_numbered_run_wide(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # two feeds numbered alike: with one id for two documents, a corpus rule's finding for one
    # was merged into both, at offsets of the other's text
    with_corpus_rule(monkeypatch)
    monkeypatch.chdir(tmp_path)
    first = [("a", "The delegation from Kandahar arrived."), ("b", "Talks ended early.")]
    second = [("a", "Nothing happened here today."), ("b", "Officials in Kandahar waited.")]
    for name, records in (("one.jsonl", first), ("two.jsonl", second)):
        lines = (json.dumps({"id": i, "text": t}) + "\n" for i, t in records)
        Path(name).write_text("".join(lines), encoding="utf-8")
    settings = resolve({"id_field": "id", "select": ("MT599",)}, discover=False)
    expected = _reference(["one.jsonl", "two.jsonl"], id_field="id", select=("MT599",))
    report = json.loads(expected)
    found = {d["id"]: [f["excerpt"] for f in d["findings"]] for d in report["documents"]}
    assert found == {"a": ["Kandahar"], "b": [], "a#2": [], "b#2": ["Kandahar"]}
    for jobs in (1, 2):
        backend = parallel.backend_for(settings, False, jobs)
        run = parallel.scan(["one.jsonl", "two.jsonl"], settings, keep_text=False, backend=backend)
        assert json_report.render(run) == expected
        backend = parallel.backend_for(settings, False, jobs)
        parallel.scan_to_json(["one.jsonl", "two.jsonl"], settings, "r.json", backend)
        assert Path("r.json").read_text(encoding="utf-8") == expected
    # cached: a file's ids depend on the files before it
    cache = Cache(settings, root=tmp_path / "cache")
    for paths, ids in (
        (["one.jsonl", "two.jsonl"], ["a", "b", "a#2", "b#2"]),
        (["two.jsonl"], ["a", "b"]),
        (["one.jsonl", "two.jsonl"], ["a", "b", "a#2", "b#2"]),
    ):
        run = parallel.scan(paths, settings, jobs=1, cache=cache, keep_text=False)
        assert [d.id for d in run.documents] == ids
    assert cache.hits >= 2  # the last run: both files as the first run left them


def test_diff_context_documents_feed_corpus_rules_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with_corpus_rule(monkeypatch)
    corpus = make_corpus(tmp_path / "corpus", copies=2)
    chosen = str(corpus / "set0" / "doha-talks.txt")
    settings = resolve({"extend_select": ("MT599",)}, discover=False)

    def report(doc: object) -> bool:
        return getattr(doc, "path", None) == chosen

    plain = engine.run(iter_documents([str(corpus)], settings), settings, False, report)
    ours = parallel.scan([str(corpus)], settings, jobs=2, keep_text=False, report=report)
    assert [d.id for d in ours.documents if d.error is None] == [chosen]
    assert json_report.render(ours) == json_report.render(plain)


def test_streamed_report_with_cache_and_unused_suppressions_is_identical(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus", copies=1)
    (corpus / "suppressed.md").write_text(
        "<!-- mtcheck-disable MT702 -->\nThe the vote was held.Then it ended\n",
        encoding="utf-8",
    )
    expected = _reference([str(corpus)], report_unused_suppressions=True)
    assert "unused_suppressions" in expected
    for run in ("cold", "cached"):
        res = CliRunner().invoke(
            app,
            [
                *("scan", str(corpus), "-f", "json", "-o", f"{run}.json", "--jobs", "2"),
                *("--report-unused-suppressions", "--exit-zero", "-q"),
            ],
        )
        assert res.exit_code in (0, 2), res.stderr  # the corpus holds one malformed record
        assert Path(f"{run}.json").read_text(encoding="utf-8") == expected, run


def test_jobs_must_be_positive(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Fine text here.\n", encoding="utf-8")
    res = CliRunner().invoke(app, ["scan", "a.txt", "--jobs", "0"])
    assert res.exit_code == 2
    assert "--jobs" in res.stderr


def _backends_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Runs from ``tmp_path`` with one clean file, a.txt; the list fills with the number of
    workers of each backend made."""
    (tmp_path / "a.txt").write_text("Fine text here.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    asked: list[int] = []
    real = parallel.backend_for

    def spy(settings: object, keep_text: bool, jobs: int) -> parallel.Backend:
        asked.append(jobs)
        return real(settings, keep_text, jobs)  # type: ignore[arg-type]

    monkeypatch.setattr(parallel, "backend_for", spy)
    return asked


def test_jobs_from_the_config_file_are_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = _backends_used(tmp_path, monkeypatch)
    base = ["scan", "a.txt", "--no-cache", "-q", "--no-report"]
    assert CliRunner().invoke(app, base).exit_code == 0
    (tmp_path / "mtcheck.toml").write_text("jobs = 1\n", encoding="utf-8")
    assert CliRunner().invoke(app, base).exit_code == 0
    assert CliRunner().invoke(app, [*base, "--jobs", "2"]).exit_code == 0
    assert asked == [parallel.cpu_count(), 1, min(2, 2 * parallel.cpu_count())]
    (tmp_path / "mtcheck.toml").write_text("jobs = 0\n", encoding="utf-8")
    res = CliRunner().invoke(app, base)
    assert res.exit_code == 2 and "jobs: expected a number of worker processes" in res.stderr


def test_more_jobs_than_twice_the_cores_are_not_started(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # each worker loads the lexicons: --jobs 10000 would start ten thousand of them
    asked = _backends_used(tmp_path, monkeypatch)
    res = CliRunner().invoke(app, ["scan", "a.txt", "--no-cache", "--no-report", "--jobs", "10000"])
    cap = parallel.MAX_JOBS_PER_CORE * parallel.cpu_count()
    assert res.exit_code == 0 and asked == [cap]
    assert f"mtcheck: notice: 10000 jobs asked, {cap} used" in res.stderr


def _stopped_scan(tmp_path: Path, stop: Callable[[int], None]) -> tuple[int, bytes]:
    """Start a two-worker scan that takes many seconds, ``stop`` it (given its pid, which is
    also its process group), and return its exit code and standard error once it is gone.
    Checks that it wrote no report and no temporary file, and left no worker behind."""
    corpus = make_corpus(tmp_path / "corpus", copies=1)
    # enough text to keep two workers busy for well over the four seconds before the stop,
    # on a fast machine too (6,000 records took 6.6 s here)
    big = corpus / "big.jsonl"
    line = (corpus / "records.jsonl").read_text(encoding="utf-8").split("\n")[0]
    big.write_text((line + "\n") * 20000, encoding="utf-8")
    out = tmp_path / "report.json"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mtcheck",
            "scan",
            str(big),
            "--jobs",
            "2",
            "--no-cache",
            "-f",
            "json",
            "-o",
            str(out),
        ],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        time.sleep(4)
        assert proc.poll() is None, "scan finished before it could be stopped"
        stop(proc.pid)
        # a hang guard, not a timing target: on a quiet machine the scan stops in well under a
        # second; a loaded shared machine can delay any process by seconds
        _, err = proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:  # a failed check or a hang: leave nothing running
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
    assert not out.exists()
    assert not [p for p in os.listdir(tmp_path) if p.endswith(".tmp")]
    deadline = time.monotonic() + 10
    while True:  # the workers were in the scan's process group
        try:
            os.killpg(proc.pid, 0)
        except ProcessLookupError:
            break
        assert time.monotonic() < deadline, "a worker outlived the scan"
        time.sleep(0.1)
    return proc.returncode, err


def test_ctrl_c_stops_fast_writes_nothing_and_exits_130(tmp_path: Path) -> None:
    # what a terminal's Ctrl-C does: SIGINT to the whole process group
    code, err = _stopped_scan(tmp_path, lambda pid: os.killpg(pid, signal.SIGINT))
    assert code == 130, err
    assert b"interrupted" in err
    assert b"Traceback" not in err


def test_sigterm_stops_the_workers_writes_nothing_and_exits_143(tmp_path: Path) -> None:
    # what a supervisor, `timeout` or a cancelled CI job does: SIGTERM to the main process only
    code, err = _stopped_scan(tmp_path, lambda pid: os.kill(pid, signal.SIGTERM))
    assert code == 143, err
    assert err.strip().endswith(b"terminated"), err
    assert b"Traceback" not in err


@pytest.mark.parametrize("block", [64, 1 << 20])
def test_summary_files_read_back_every_record_in_order(
    tmp_path: Path, block: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # small blocks put record boundaries everywhere, and some records span several blocks
    import random

    monkeypatch.setattr(parallel._RecordFile, "BLOCK", block)
    rnd = random.Random(5)
    records = [
        (f"doc{i}", {"k" * rnd.randrange(1, 5): ("x" * rnd.randrange(0, 300), i, 0, 1)})
        for i in range(500)
    ]
    f = parallel._RecordFile(str(tmp_path))
    assert list(f) == []
    for record in records:
        f.add(record)
    assert list(f) == records
    assert list(f) == records  # any number of readings
    # two readings interleaved keep their own positions
    a, b = iter(f), iter(f)
    together = [(next(a), next(b)) for _ in range(len(records))]
    assert together == [(r, r) for r in records]
    assert next(a, None) is None and next(b, None) is None
    # a record added during a reading is not part of it, but of the next one
    reading = iter(f)
    first = next(reading)
    f.add(("late", {}))
    assert [first, *reading] == records
    assert list(f) == [*records, ("late", {})]
    f.close()


def _records(path: Path, texts: list[str]) -> None:
    path.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts), encoding="utf-8")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_record_longer_than_the_size_limit_is_an_error_for_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: str
) -> None:
    monkeypatch.setattr(parallel, "CHUNK_CHARS", 300)
    monkeypatch.setattr(jsonl, "BLOCK_BYTES", 300)
    texts = [f"Record {i} says the talks were offensive.Government left." for i in range(30)]
    texts[12] = "A very long record. " * 20_000  # 400,000 characters
    _records(tmp_path / "r.jsonl", texts)
    res = CliRunner().invoke(
        app,
        ["scan", "r.jsonl", "--max-file-size", "2000", "-f", "json", "--no-cache", "--jobs", jobs],
    )
    assert res.exit_code == 2
    assert res.stderr.count("\n") == 1
    assert "r.jsonl:13: record longer than --max-file-size (2,000 bytes)" in res.stderr
    docs = json.loads(res.stdout)["documents"]
    assert [d["id"] for d in docs] == [f"r.jsonl:{i}" for i in range(1, 31)]
    assert [bool(d.get("error")) for d in docs] == [i == 12 for i in range(30)]
    # every other record scanned, at its own line
    assert all(d["findings"][0]["line"] == i + 1 for i, d in enumerate(docs) if i != 12)
    # the last line too, without a final newline
    (tmp_path / "r.jsonl").write_text(
        json.dumps({"text": "Fine."}) + "\n" + json.dumps({"text": "x " * 2000}),
        encoding="utf-8",
    )
    res = CliRunner().invoke(app, ["scan", "r.jsonl", "--max-file-size", "2000", "--no-cache"])
    assert res.exit_code == 2
    assert "r.jsonl:2: record longer than --max-file-size" in res.stderr


def test_a_binary_jsonl_file_read_in_blocks_is_skipped_as_when_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parallel, "CHUNK_CHARS", 300)
    monkeypatch.setattr(jsonl, "BLOCK_BYTES", 300)
    (tmp_path / "b.jsonl").write_bytes(b"\x00\x01\x02garbage\n" * 100)
    texts = [f"Record {i} is fine." for i in range(40)]
    _records(tmp_path / "late.jsonl", texts)
    with open(tmp_path / "late.jsonl", "ab") as fh:
        fh.write(b"\x00\x01\x02garbage\n")
    for name, code, message in (
        ("b.jsonl", 0, "notice: b.jsonl: skipped: binary file (contains NUL bytes)"),
        ("late.jsonl", 2, "late.jsonl:41: binary file (contains NUL bytes)"),
    ):
        res = CliRunner().invoke(app, ["scan", name, "--no-cache", "-f", "json"])
        assert res.exit_code == code, name
        assert message in res.stderr
        report = json.loads(res.stdout)
        if code == 0:
            assert [s["path"] for s in report["skipped"]] == [name]
        else:
            assert len(report["documents"]) == 41  # every record before it is scanned


def test_undecodable_bytes_are_an_error_for_their_record_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parallel, "CHUNK_CHARS", 300)
    monkeypatch.setattr(jsonl, "BLOCK_BYTES", 300)
    texts = [f"Record {i} says the talks were offensive.Government left." for i in range(12)]
    lines = [json.dumps({"text": t}).encode() for t in texts]
    lines[5] = lines[5].replace(b"Record", b"Rec\xff\xfeord")
    (tmp_path / "r.jsonl").write_bytes(b"\xef\xbb\xbf" + b"\r\n".join(lines) + b"\r\n")
    res = CliRunner().invoke(app, ["scan", "r.jsonl", "-f", "json", "--no-cache"])
    assert res.exit_code == 2
    offset = 3 + sum(len(line) + 2 for line in lines[:5]) + len(b'{"text": "Rec')
    assert res.stderr.strip() == (
        f"mtcheck: error: r.jsonl:6: not valid UTF-8: invalid byte 0xff at byte offset {offset} "
        "(use --encoding or --errors replace)"
    )
    docs = json.loads(res.stdout)["documents"]
    assert [d["id"] for d in docs] == [f"r.jsonl:{i}" for i in range(1, 13)]
    assert [bool(d.get("error")) for d in docs] == [i == 5 for i in range(12)]
    # with --errors replace the record is scanned, as when the file is read whole
    res = CliRunner().invoke(
        app, ["scan", "r.jsonl", "-f", "json", "--no-cache", "--errors", "replace"]
    )
    assert res.exit_code == 1
    docs = json.loads(res.stdout)["documents"]
    assert not any(d.get("error") for d in docs)
    assert "\ufffd" in docs[5]["findings"][0]["excerpt"] + docs[5]["findings"][-1]["excerpt"]


def test_the_record_limit_counts_the_record_not_its_line_ending(tmp_path: Path) -> None:
    record = json.dumps({"text": "The talks were offensive.Government left."})
    limit = len(record.encode())
    for name, data in (
        ("lf.jsonl", record + "\n" + record + "\n"),
        ("crlf.jsonl", record + "\r\n" + record + "\r\n"),
        ("bom.jsonl", "\ufeff" + record + "\n" + record),
    ):
        (tmp_path / name).write_text(data, encoding="utf-8", newline="")
        for size, code, errors in ((limit, 1, 0), (limit - 1, 2, 2)):
            res = CliRunner().invoke(
                app, ["scan", name, "--max-file-size", str(size), "--no-cache", "-q"]
            )
            assert res.exit_code == code, (name, size, res.stderr)
            assert res.stderr.count("record longer than") == errors, (name, size)


@pytest.mark.parametrize("size", ["-1", "99999999999999999999"])
def test_a_size_limit_out_of_range_is_handled(tmp_path: Path, size: str) -> None:
    _records(tmp_path / "r.jsonl", ["The talks were offensive.Government left."] * 3)
    res = CliRunner().invoke(app, ["scan", "r.jsonl", "--max-file-size", size, "--no-cache"])
    if size.startswith("-"):
        assert res.exit_code == 2
        assert res.stderr.strip() == (
            "mtcheck: error: --max-file-size: expected a number of bytes (0 or more)"
        )
    else:
        assert res.exit_code == 1, res.stderr


def test_utf16_jsonl_without_a_byte_order_mark_is_read_whole(tmp_path: Path) -> None:
    texts = [f"Record {i} says the talks were offensive.Government left." for i in range(200)]
    body = "".join(json.dumps({"text": t}, ensure_ascii=False) + "\n" for t in texts)
    (tmp_path / "r.jsonl").write_bytes(body.encode("utf-16-le"))
    res = CliRunner().invoke(
        app, ["scan", "r.jsonl", "--encoding", "utf-16-le", "-f", "json", "--no-cache"]
    )
    assert res.exit_code == 1, res.stderr
    assert len(json.loads(res.stdout)["documents"]) == 200


def test_a_fifo_named_jsonl_is_skipped_not_waited_on(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.jsonl")
    res = CliRunner().invoke(app, ["scan", "pipe.jsonl", "--no-cache"])
    assert res.exit_code == 0
    assert "pipe.jsonl: skipped" in res.stderr


@pytest.mark.parametrize(
    ("sig", "code", "word"), [("SIGINT", 130, "interrupted"), ("SIGTERM", 143, "terminated")]
)
def test_a_stop_that_hangs_still_ends_the_process(sig: str, code: int, word: str) -> None:
    # a pool can deadlock in its own shutdown when the signal lands while the main thread
    # holds one of its locks: the scan then printed nothing and never ended
    script = (
        "import os, signal, sys, time\n"
        "from mtcheck import cli\n"
        "cli.STOP_GRACE_SECONDS = 1.0\n"
        "cli._HANDLER_PID[:] = [os.getpid()]\n"
        "signal.signal(signal.SIGINT, cli._raise_interrupted)\n"
        "signal.signal(signal.SIGTERM, cli._raise_terminated)\n"
        "try:\n"
        "    print('ready', flush=True)  # inside: the signal may come at once\n"
        "    time.sleep(60)\n"
        "finally:\n"
        "    time.sleep(60)  # the stopping that hangs\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen(
        [sys.executable, "-c", script], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline() == b"ready\n"
        start = time.monotonic()
        proc.send_signal(getattr(signal, sig))
        _, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == code, err
    assert err.strip() == f"mtcheck: error: {word}".encode()
    assert time.monotonic() - start < 30
