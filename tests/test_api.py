from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import mtcheck
from mtcheck.report import json as json_report

SCHEMA = json.loads(
    (Path(mtcheck.__file__).parent / "report" / "schema" / "report-v1.schema.json").read_text()
)


def test_check_text_returns_findings_with_exact_offsets() -> None:
    text = "Officials met.\nThe talks were offensive.Government officials left."
    result = mtcheck.check_text(text)
    (f,) = result.findings
    assert text[f.start : f.end] == f.excerpt == "offensive.Government"
    assert (f.line, f.column) == (2, 16)
    assert (f.end_line, f.end_column) == (2, 36)
    assert f.suggestion == "offensive. Government"
    assert result.words == 9


def test_check_text_accepts_a_config_mapping() -> None:
    r = mtcheck.check_text("He said and and left.", config={"ignore": ("MT401",)})
    assert r.findings == ()


def test_scan_matches_cli_result_objects(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("He said and and left.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("All is well here.\n", encoding="utf-8")
    run = mtcheck.scan([tmp_path])
    assert [Path(d.id).name for d in run.documents] == ["a.txt", "b.txt"]
    assert run.findings_count == 1 and not run.passed
    report = json_report.report_dict(run)
    jsonschema.validate(report, SCHEMA)
    assert report["summary"]["by_severity"]["major"] == 1


def test_crlf_and_bom_offsets_follow_design(tmp_path: Path) -> None:
    p = tmp_path / "w.txt"
    p.write_bytes("\ufeffFirst line.\r\nThe end.Then more.\r\n".encode())
    run = mtcheck.scan([p])
    doc = run.documents[0]
    assert doc.text == p.read_text(encoding="utf-8-sig")
    (f,) = doc.findings
    assert f.excerpt == "end.Then" and (f.line, f.column) == (2, 5)


def test_fingerprints_are_stable_under_unrelated_edits() -> None:
    a = mtcheck.check_text("Intro.\n\nThe talks were offensive.Government left.")
    b = mtcheck.check_text(
        "A new intro paragraph here.\n\nMore.\n\nThe talks were offensive.Government left."
    )
    assert a.findings[0].fingerprint == b.findings[0].fingerprint
    assert a.findings[0].line != b.findings[0].line


def test_check_text_resolves_settings_once(monkeypatch: pytest.MonkeyPatch) -> None:
    # checking segment by segment must not pay for resolving the settings and their rule set
    # on every call (that cost about as much as checking a sentence)
    from mtcheck import api
    from mtcheck.config import Settings

    calls = {"resolve": 0, "with_": 0}
    real_resolve, real_with = api.resolve, Settings.with_

    def counting_resolve(*args: Any, **kwargs: Any) -> Settings:
        calls["resolve"] += 1
        return real_resolve(*args, **kwargs)

    def counting_with(self: Settings, **changes: Any) -> Settings:
        calls["with_"] += 1
        return real_with(self, **changes)

    monkeypatch.setattr(api, "resolve", counting_resolve)
    monkeypatch.setattr(Settings, "with_", counting_with)
    api._default_settings.cache_clear()
    texts = [
        "He said and and left.",
        "All is well here.",
        "The talks were offensive.Government left.",
    ]
    first = [api.check_text(t) for t in texts]
    again = [api.check_text(t) for t in texts]
    assert calls == {"resolve": 1, "with_": 1}
    assert first == again
    assert [f.rule for f in first[0].findings] == ["MT401"]
    # a Settings object of another language: one variant, kept with it
    own = real_resolve({"ignore": ("MT401",)}, discover=False)
    for t in texts:
        api.check_text(t, lang="en", config=own)
        api.check_text(t, lang="de", config=own)
    assert calls == {"resolve": 1, "with_": 3}
    assert api.check_text(texts[0], config=own).findings == ()
    # variants kept per settings object are bounded: tags past the bound are made each time
    tags = [f"x{i}" for i in range(api._VARIANTS_MAX + 4)]
    for _ in range(2):
        for tag in tags:
            api.check_text("Hello there.", lang=tag, config=own)
    kept = api._VARIANTS_MAX - 2  # "en" and "de" are kept already
    assert calls["with_"] == 3 + len(tags) + (len(tags) - kept)
    api._default_settings.cache_clear()


def test_the_signature_is_kept_per_settings_object() -> None:
    from mtcheck import engine
    from mtcheck.config import resolve

    s = resolve({}, discover=False)
    assert engine.signature(s) is engine.signature(s)
    other = s.with_(fail_on=None)
    assert "fail-on:never" in engine.signature(other)
    assert "fail-on:never" not in engine.signature(s)
