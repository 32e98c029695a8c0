"""SARIF, JUnit and GitHub annotations: valid, complete, escaped."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from mtcheck import engine
from mtcheck.config import resolve
from mtcheck.errors import InputError
from mtcheck.model import Document, RunResult
from mtcheck.report import github, junit, sarif

SCHEMA = json.loads(
    (Path(__file__).parent.parent / "data" / "sarif-2.1.0-rtm.5.json").read_text(encoding="utf-8")
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
    assert len(notes) == 1 and "broken.txt" in notes[0]["message"]["text"]


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
