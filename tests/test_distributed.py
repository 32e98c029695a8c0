"""A scan on a Dask LocalCluster with two workers gives the local scan's report, byte for byte."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from mtcheck import distributed, parallel
from mtcheck.cli import app
from mtcheck.config import resolve
from mtcheck.load import jsonl
from mtcheck.report import json as json_report
from tests.parallel_support import make_corpus, with_corpus_rule

dd = pytest.importorskip("dask.distributed", reason="the optional 'dask' extra is not installed")


@pytest.fixture(scope="module")
def cluster() -> object:
    # real worker processes: settings and documents are pickled to them as on a real cluster
    with dd.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as c:
        yield c


def test_local_jobs_and_dask_reports_are_identical(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cluster: object
) -> None:
    monkeypatch.chdir(tmp_path)
    corpus = str(make_corpus(tmp_path / "corpus"))
    runner = CliRunner()
    reports = []
    for extra in (["--jobs", "1"], ["--jobs", "2"], ["--dask", cluster.scheduler_address]):  # type: ignore[attr-defined]
        out = tmp_path / f"{extra[1].replace('/', '_').replace(':', '_')}.json"
        res = runner.invoke(
            app, ["scan", corpus, "--no-cache", "-f", "json", "-o", str(out), *extra]
        )
        assert res.exit_code == 2, res.stderr  # the corpus holds one malformed JSONL record
        reports.append(out.read_text(encoding="utf-8"))
    assert '"MT101"' in reports[0]
    assert reports[1] == reports[0]
    assert reports[2] == reports[0]


def test_python_api_reduces_corpus_rules_across_partitions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the test corpus rule exists only in this process: threads share it, processes would not
    with_corpus_rule(monkeypatch)
    monkeypatch.setattr(parallel, "CHUNK_CHARS", 4000)
    monkeypatch.setattr(jsonl, "BLOCK_BYTES", 4000)
    corpus = str(make_corpus(tmp_path / "corpus", copies=2))
    settings = resolve({"extend_select": ("MT599",)}, discover=False)
    local = parallel.scan([corpus], settings, jobs=1, keep_text=True)
    with (
        dd.LocalCluster(n_workers=2, processes=False, dashboard_address=":0") as c,
        dd.Client(c) as client,
    ):
        remote = distributed.scan([corpus], client=client, config=settings)
    assert '"MT599"' in json_report.render(local)
    assert json_report.render(remote) == json_report.render(local)
    assert [d.text for d in remote.documents] == [d.text for d in local.documents]


def test_unreachable_scheduler_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(distributed, "CONNECT_TIMEOUT", "1s")
    (tmp_path / "a.txt").write_text("Fine text.\n", encoding="utf-8")
    res = CliRunner().invoke(
        app, ["scan", str(tmp_path / "a.txt"), "--dask", "tcp://127.0.0.1:9", "--no-cache"]
    )
    assert res.exit_code == 2
    assert "Dask scheduler" in res.stderr
