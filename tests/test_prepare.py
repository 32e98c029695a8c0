"""Filling the data cache ahead of a scan: ``mtcheck prepare`` (mtcheck.prepare)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mtcheck import datacache
from mtcheck.cli import app

REPO = Path(__file__).resolve().parent.parent


def _mtcheck(cache: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, datacache.ENV: str(cache)}
    return subprocess.run(
        [sys.executable, "-m", "mtcheck", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=600,
    )


def test_prepare_stores_every_table_a_scan_reads(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = _mtcheck(cache, "prepare")
    assert first.returncode == 0, first.stderr
    names = [line.strip() for line in first.stderr.splitlines() if line.strip()]
    entries = sorted(p.name for p in cache.iterdir())
    assert len(entries) == len(names) >= 30
    assert "ready: " + f"{len(names)} tables" in first.stdout
    # one entry per table the command named, under that table's name
    for name in names:
        assert sum(e.rsplit("-", 2)[0] == name for e in entries) == 1, name
    again = _mtcheck(cache, "prepare", "--quiet")
    assert again.returncode == 0 and again.stdout == "" and again.stderr == ""
    # a scan of the sample corpora (English, German, code-mixed, every format) finds every
    # table it needs already there
    out = str(tmp_path / "r.json")
    scan = _mtcheck(cache, "scan", "corpora", "--no-cache", "--format", "json", "--output", out)
    assert scan.returncode in (0, 1), scan.stderr
    assert sorted(p.name for p in cache.iterdir()) == entries


def _fails_with(message: str, *args: str, code: int = 2) -> None:
    """``mtcheck prepare ARGS`` exits ``code`` with one line holding ``message``."""
    result = CliRunner().invoke(app, ["prepare", *args])
    assert result.exit_code == code
    assert message in result.output
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1


def test_prepare_with_the_cache_switched_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(datacache.ENV, "off")
    _fails_with("switched off")


def test_prepare_where_the_cache_cannot_be_created(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(datacache.ENV, str(blocker / "cache"))
    _fails_with("cannot create the data cache folder")


def test_prepare_without_a_home_directory(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(datacache.ENV, raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(os.path, "expanduser", lambda p: p)
    _fails_with("no home directory")


def test_a_failing_table_is_one_line_and_exit_3(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mtcheck import prepare

    def broken() -> object:
        raise OSError("pattern file unreadable")

    monkeypatch.setenv(datacache.ENV, str(tmp_path))
    monkeypatch.setattr(prepare, "_steps", lambda: [("broken-table", broken)])
    _fails_with("internal error: OSError: pattern file unreadable", "--quiet", code=3)
