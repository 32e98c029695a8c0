"""SARIF, JUnit and GitHub annotations: valid, complete, escaped."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from mtcheck import engine
from mtcheck.config import resolve
from mtcheck.errors import InputError, InputSkipped
from mtcheck.model import Document, RunResult, Severity
from mtcheck.report import github, junit, sarif

# the OASIS SARIF TC's schema (see tests/data/README.md)
SCHEMA = json.loads(
    (Path(__file__).parent.parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8")
)


def _run() -> RunResult:
    docs: list[Document | InputError] = [
        Document(
            id="news/a b.txt",
            path="news/a b.txt",
            text="Intro line.\nThe talks were offensive.Government left, and and went.\x07",
        ),
        Document(id="news/clean.txt", path="news/clean.txt", text="All is well here."),
        InputError("news/broken.txt", "not valid UTF-8: invalid byte 0xe9 at byte offset 3"),
        InputSkipped("news/logo.png.txt", "binary file (contains NUL bytes)"),
    ]
    return engine.run(docs, resolve({"lang": "en", "select": ("MT101", "MT401")}, discover=False))


def test_sarif_validates_against_the_schema_and_carries_every_finding() -> None:
    run = _run()
    data = json.loads(sarif.render(run))
    jsonschema.validate(data, SCHEMA)
    (srun,) = data["runs"]
    results = srun["results"]
    assert len(results) == run.findings_count == 2
    r = results[0]
    assert r["ruleId"] == "MT101"
    region = r["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (2, 16)
    assert region["snippet"]["text"] == "offensive.Government"
    assert r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "news/a%20b.txt"
    assert (
        r["partialFingerprints"]["mtcheckFingerprint/v1"]
        == run.documents[0].findings[0].fingerprint
    )
    assert r["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"] == (
        "offensive. Government"
    )
    rule_ids = [d["id"] for d in srun["tool"]["driver"]["rules"]]
    assert rule_ids[r["ruleIndex"]] == "MT101"
    assert all(d["help"]["text"] for d in srun["tool"]["driver"]["rules"])
    assert srun["columnKind"] == "unicodeCodePoints"
    notes = srun["invocations"][0]["toolExecutionNotifications"]
    assert [(n["level"], n["message"]["text"]) for n in notes] == [
        ("error", "news/broken.txt: not valid UTF-8: invalid byte 0xe9 at byte offset 3"),
        ("note", "news/logo.png.txt: skipped: binary file (contains NUL bytes)"),
    ]
    assert not srun["invocations"][0]["executionSuccessful"]


def test_the_schema_is_the_official_one_and_rejects_what_it_should() -> None:
    assert SCHEMA["id"].startswith("https://docs.oasis-open.org/sarif/sarif/v2.1.0/")
    assert SCHEMA["title"] == "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    data = json.loads(sarif.render(_run()))
    assert data["$schema"] == SCHEMA["id"]
    # the test would catch a broken report: a wrong level, a region without a start, a column 0
    result = data["runs"][0]["results"][0]
    region = result["locations"][0]["physicalLocation"]["region"]
    for key, bad in (("level", "major"), ("ruleIndex", -2)):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(
                {**data, "runs": [_with_result(data, {**result, key: bad})]}, SCHEMA
            )
    for region_bad in ({"startColumn": 3}, {**region, "startColumn": 0}):
        loc = {
            "physicalLocation": {**result["locations"][0]["physicalLocation"], "region": region_bad}
        }
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(
                {**data, "runs": [_with_result(data, {**result, "locations": [loc]})]}, SCHEMA
            )


def _with_result(data: dict[str, Any], result: dict[str, Any]) -> dict[str, Any]:
    return {**data["runs"][0], "results": [result]}


def test_sarif_of_a_clean_run_and_of_an_xliff_unit_validates(tmp_path: Path) -> None:
    from mtcheck.api import scan

    (tmp_path / "clean.txt").write_text("All is well here.\n", encoding="utf-8")
    (tmp_path / "units.xlf").write_text(
        '<xliff version="1.2"><file target-language="en"><body>\n<trans-unit id="a b">'
        "<source>x</source><target>They waited.Nobody came &amp; went.</target></trans-unit>"
        "</body></file></xliff>\n",
        encoding="utf-8",
    )
    (tmp_path / "blob.txt").write_bytes(b"\x00\x01\x02")
    run = scan([tmp_path], {"lang": "en", "select": ("MT101",)})
    data = json.loads(sarif.render(run))
    jsonschema.validate(data, SCHEMA)
    (result,) = data["runs"][0]["results"]
    loc = result["locations"][0]
    assert loc["physicalLocation"]["region"]["startLine"] == 2
    assert loc["logicalLocations"] == [{"name": f"{tmp_path}/units.xlf:a b", "kind": "document"}]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        (
            "fix.html",
            '<p>The talks were offensive.<a href="/x">Government</a> officials left.</p>\n',
        ),
        ("fix.md", "The talks were offensive.*Government* officials left.\n"),
        ("fix.jsonl", '{"text": "The talks were \\u201coffensive.Government officials left."}\n'),
        ("fix.txt", "The talks were offensive.Government officials left.\n"),
    ],
)
def test_sarif_fixes_and_snippets_only_where_the_region_holds_the_excerpt(
    tmp_path: Path, name: str, content: str
) -> None:
    # a fix for the extracted text applied to the file deleted markup ('<a href="/x">')
    from mtcheck.api import scan

    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    run = scan([path], {"select": ("MT101",), "lang": "en"})
    (result,) = json.loads(sarif.render(run))["runs"][0]["results"]
    region = result["locations"][0]["physicalLocation"]["region"]
    line = content.splitlines()[region["startLine"] - 1]
    held = line[region["startColumn"] - 1 : region["endColumn"] - 1]
    if name == "fix.txt":
        assert held == region["snippet"]["text"] == "offensive.Government"
        assert "fixes" in result
    elif held != "offensive.Government":
        assert "snippet" not in region and "fixes" not in result
    jsonschema.validate(json.loads(sarif.render(run)), SCHEMA)


def test_sarif_artifact_locations_are_valid_references() -> None:
    # "note:draft.txt" read as a URI of scheme "note", absolute paths had no scheme, and
    # standard input was a file named "%3Cstdin%3E"
    docs: list[Document | InputError] = [
        Document(id="note:draft.txt", path="note:draft.txt", text="They waited.Nobody came."),
        Document(id="/abs/a b.txt", path="/abs/a b.txt", text="They waited.Nobody came."),
        Document(id="<stdin>", path="<stdin>", text="They waited.Nobody came."),
    ]
    run = engine.run(docs, resolve({"lang": "en", "select": ("MT101",)}, discover=False))
    data = json.loads(sarif.render(run))
    jsonschema.validate(data, SCHEMA)
    locations = [
        r["locations"][0]["physicalLocation"]["artifactLocation"]
        for r in data["runs"][0]["results"]
    ]
    assert locations == [
        {"uri": "note%3Adraft.txt"},
        {"uri": "file:///abs/a%20b.txt"},
        {"description": {"text": "standard input"}},
    ]


def test_junit_parses_and_counts() -> None:
    run = _run()
    root = ET.fromstring(junit.render(run).encode("utf-8"))
    assert root.tag == "testsuites"
    assert root.get("tests") == "3" and root.get("failures") == "1" and root.get("errors") == "1"
    cases = root.findall("./testsuite/testcase")
    assert [c.get("name") for c in cases] == ["news/a b.txt", "news/clean.txt", "news/broken.txt"]
    failure = cases[0].find("failure")
    assert (
        failure is not None and "MT101" in (failure.text or "") and "MT401" in (failure.text or "")
    )
    assert cases[1].find("failure") is None
    assert cases[2].find("error") is not None


def test_junit_fails_when_a_threshold_fails_the_gate() -> None:
    # the exit code was 1 while the report said failures="0": a green test report on a red
    # pipeline
    doc = Document(id="a.txt", path="a.txt", text="He said and and left.")
    settings = resolve(
        {"lang": "en", "fail_on": Severity.CRITICAL, "max_findings": 0}, discover=False
    )
    run = engine.run([doc], settings)
    assert not run.passed
    root = ET.fromstring(junit.render(run).encode("utf-8"))
    assert root.get("tests") == "2" and root.get("failures") == "1"
    gate = root.find("./testsuite/testcase[@name='gate']")
    assert gate is not None
    failure = gate.find("failure")
    assert failure is not None and "max-findings: 1 findings > 0" in (failure.get("message") or "")
    passing = engine.run(
        [doc], resolve({"lang": "en", "fail_on": Severity.CRITICAL}, discover=False)
    )
    root = ET.fromstring(junit.render(passing).encode("utf-8"))
    assert root.get("failures") == "0" and root.find("./testsuite/testcase[@name='gate']") is None


def test_junit_survives_control_characters_in_messages() -> None:
    doc = Document(id="x\x01.txt", path="x\x01.txt", text="He said and and\x0b left.")
    run = engine.run([doc], resolve({"lang": "en"}, discover=False))
    ET.fromstring(junit.render(run).encode("utf-8"))  # must parse


@pytest.mark.parametrize("name", ["a,b:c.txt", "50%.txt"])
def test_github_annotations_escape_properties(name: str) -> None:
    doc = Document(id=name, path=name, text="The talks were offensive.Government left.")
    out = github.render(engine.run([doc], resolve({"lang": "en"}, discover=False)))
    line = out.strip()
    assert line.startswith("::error file=")
    props, _, message = line[2:].partition("::")
    assert "," not in props.split("file=")[1].split(",line=")[0]
    assert "line=1,col=16,endLine=1,endColumn=36" in props
    assert message.startswith("Two sentences are joined")


def test_github_annotation_messages_keep_newlines_escaped() -> None:
    run = _run()
    for line in github.render(run).splitlines():
        assert line.startswith("::")
