"""Readability works without network access (textstat 0.7.8 ships its dictionary)."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from mtcheck.analysis import Analysis
from mtcheck.metrics.readability import readability
from mtcheck.model import Document

ROOT = Path(__file__).resolve().parents[2]


def _no_network(*_args: Any, **_kwargs: Any) -> None:
    raise OSError("network access blocked by the test")


def test_readability_with_network_blocked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(socket.socket, "connect", _no_network)
    monkeypatch.setattr(socket.socket, "connect_ex", _no_network)
    monkeypatch.setattr(socket, "create_connection", _no_network)
    text = (
        "The committee approved the budget on Tuesday. It will fund three new schools "
        "and a library in the northern district."
    )
    r = readability(Analysis(Document(id="d", text=text)))
    assert r["flesch_reading_ease"] is not None
    assert 0 < r["flesch_reading_ease"] < 100
    assert r["flesch_kincaid_grade"] is not None
    assert r["words_per_sentence"] == 10.0
    assert r["long_sentence_share"] == 0.0


def test_textstat_fresh_process_without_network() -> None:
    # a fresh interpreter, so nothing was cached by earlier tests: import and compute with
    # every socket connection refused
    code = (
        "import socket\n"
        "def deny(*a, **k): raise OSError('blocked')\n"
        "socket.socket.connect = deny\n"
        "socket.create_connection = deny\n"
        "from mtcheck.analysis import Analysis\n"
        "from mtcheck.metrics.readability import readability\n"
        "from mtcheck.model import Document\n"
        "r = readability(Analysis(Document(id='d', text='A plain sentence. Another one here.')))\n"
        "assert r['flesch_reading_ease'] is not None, r\n"
        "print('ok')\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, cwd=ROOT
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


def test_long_sentence_share_and_other_languages() -> None:
    long = " ".join(["word"] * 45) + ". Short one here."
    r = readability(Analysis(Document(id="d", text=long)))
    assert r["long_sentence_share"] == 0.5
    unknown = readability(Analysis(Document(id="d", text="Ein Satz."), language="xx"))
    assert unknown["flesch_reading_ease"] is None
    assert unknown["words_per_sentence"] == 2.0


def test_fit_and_scan_with_and_without_model_offline(tmp_path: Path) -> None:
    # a fresh interpreter with every socket connection refused: fit a model, scan with it and
    # without it, through the command line
    corpus = tmp_path / "clean.txt"
    subjects = ["The council", "The company", "The minister", "The team", "The bank"]
    objects = ["that the plan would start soon", "that prices would rise", "that talks resume"]
    corpus.write_text(
        "\n\n".join(f"{s} said {o}." for s in subjects for o in objects for _ in range(2)),
        encoding="utf-8",
    )
    doc = tmp_path / "doc.txt"
    doc.write_text("The bank said that prices would rise.\n", encoding="utf-8")
    model = tmp_path / "house.mtfluency"
    code = (
        "import socket, sys\n"
        "def deny(*a, **k): raise OSError('blocked')\n"
        "socket.socket.connect = deny\n"
        "socket.create_connection = deny\n"
        "from typer.testing import CliRunner\n"
        "from mtcheck.cli import app\n"
        "r = CliRunner()\n"
        f"a = r.invoke(app, ['fit', {str(corpus)!r}, '-o', {str(model)!r}])\n"
        "assert a.exit_code == 0, a.output\n"
        f"b = r.invoke(app, ['scan', {str(doc)!r}, '--fluency-model', {str(model)!r}])\n"
        "assert b.exit_code == 0, b.output\n"
        f"c = r.invoke(app, ['scan', {str(doc)!r}])\n"
        "assert c.exit_code == 0, c.output\n"
        "assert 'quality 100' in b.output and 'fluency' in b.output, b.output\n"
        "print('ok')\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, cwd=ROOT
    )
    assert out.returncode == 0, out.stderr + out.stdout
    assert out.stdout.strip().endswith("ok")
    assert model.is_file()
