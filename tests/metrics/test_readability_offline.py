"""Readability works without network access (textstat 0.7.8 ships its dictionary)."""

from __future__ import annotations

import socket
import subprocess
import sys
from typing import Any

import pytest

from mtcheck.analysis import Analysis
from mtcheck.metrics.readability import readability
from mtcheck.model import Document


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
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


def test_long_sentence_share_and_other_languages() -> None:
    long = " ".join(["word"] * 45) + ". Short one here."
    r = readability(Analysis(Document(id="d", text=long)))
    assert r["long_sentence_share"] == 0.5
    unknown = readability(Analysis(Document(id="d", text="Ein Satz."), language="xx"))
    assert unknown["flesch_reading_ease"] is None
    assert unknown["words_per_sentence"] == 2.0
