from __future__ import annotations

import json
from pathlib import Path

import jsonschema

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
