"""mtcheck as a CI gate: thresholds, baselines, suppressions, changed files, determinism."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mtcheck import engine
from mtcheck.cli import app
from mtcheck.config import resolve
from mtcheck.model import Document, Suppression

JOINED = "The talks were offensive.Government officials left.\n"
TWO = "He said and and left. The talks were offensive.Government officials left.\n"
CLEAN = "The talks ended on Monday. Officials left the building.\n"


@pytest.fixture(autouse=True)
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def run_cli(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    res = CliRunner().invoke(app, list(args), input=stdin)
    return res.exit_code, res.stdout, res.stderr


def write(name: str, text: str) -> Path:
    p = Path(name)
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(text, encoding="utf-8")
    return p


def report(*args: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    code, out, _ = run_cli("scan", *args, "--format", "json")
    return code, json.loads(out)


def test_max_findings() -> None:
    write("a.txt", TWO)
    assert report("a.txt", "--fail-on", "never", "--max-findings", "2")[0] == 0
    code, data = report("a.txt", "--fail-on", "never", "--max-findings", "1")
    assert code == 1
    assert data["summary"]["failed_conditions"] == ["max-findings: 2 findings > 1"]


def test_max_penalty_run_and_document_scope() -> None:
    write("a.txt", JOINED)  # 1 major = 5 points in 7 words
    write("b.txt", CLEAN * 20)
    code, data = report("a.txt", "b.txt", "--fail-on", "never", "--max-penalty", "100")
    assert code == 0, data["summary"]
    code, data = report(
        "a.txt",
        "b.txt",
        "--fail-on",
        "never",
        "--max-penalty",
        "100",
        "--penalty-scope",
        "document",
    )
    assert code == 1
    assert "a.txt" in data["summary"]["failed_conditions"][0]


def test_exit_zero_keeps_the_verdict_in_the_report() -> None:
    write("a.txt", JOINED)
    code, data = report("a.txt", "--exit-zero")
    assert code == 0
    assert data["summary"]["passed"] is False


def test_exit_zero_does_not_hide_input_errors() -> None:
    assert run_cli("scan", "missing.txt", "--exit-zero")[0] == 2


def test_baseline_create_use_and_shrink() -> None:
    two_lines = "He said and and left.\n" + JOINED
    write("docs/a.txt", two_lines)
    code, _, err = run_cli("baseline", "create", "docs", "-o", "base.json")
    assert code == 0 and "2 finding(s)" in err
    # unchanged: everything known, gate passes
    code, data = report("docs", "--baseline", "base.json")
    assert code == 0
    assert data["summary"]["findings"] == 0
    assert data["baseline"] == {"file": "base.json", "suppressed": 2, "disappeared": 0}
    # a new defect above the known ones (lines shift) is the only one reported
    write("docs/a.txt", "Fresh intro.Another one.\n" + two_lines)
    code, data = report("docs", "--baseline", "base.json")
    assert code == 1
    (doc,) = data["documents"]
    assert [f["excerpt"] for f in doc["findings"]] == ["intro.Another"]
    assert data["baseline"]["suppressed"] == 2
    # a fixed defect shows up as disappeared, so the baseline can shrink
    write("docs/a.txt", "He said and left.\n" + JOINED)
    code, data = report("docs", "--baseline", "base.json")
    assert code == 0
    assert data["baseline"] == {"file": "base.json", "suppressed": 1, "disappeared": 1}


def test_jsonl_baseline_survives_a_record_inserted_above() -> None:
    # records without --id-field are named path:LINE; inserting one renumbered every record
    # and brought every known finding back as new
    records = ['{"text": "He said and and left."}', '{"text": "They waited.Nobody came."}']
    write("r.jsonl", "\n".join(records) + "\n")
    code, _, err = run_cli("baseline", "create", "r.jsonl", "-o", "base.json")
    assert code == 0 and "2 finding(s)" in err
    write("r.jsonl", "\n".join(['{"text": "Fresh intro.Another one."}', *records]) + "\n")
    code, data = report("r.jsonl", "--baseline", "base.json")
    assert code == 1
    found = [f["excerpt"] for d in data["documents"] for f in d["findings"]]
    assert found == ["intro.Another"]
    assert data["baseline"] == {"file": "base.json", "suppressed": 2, "disappeared": 0}
    # a fixed record's finding has disappeared, though its line number is new
    write("r.jsonl", "\n".join(['{"text": "Intro."}', records[0], '{"text": "Fixed."}']) + "\n")
    code, data = report("r.jsonl", "--baseline", "base.json")
    assert code == 0
    assert data["baseline"] == {"file": "base.json", "suppressed": 1, "disappeared": 1}


def test_bad_baseline_file_is_a_usage_error() -> None:
    write("a.txt", CLEAN)
    write("base.json", '{"schema": "something-else"}')
    code, _, err = run_cli("scan", "a.txt", "--baseline", "base.json")
    assert code == 2 and "baseline" in err


@pytest.mark.parametrize(
    "findings",
    [
        "null",
        "5",
        '"abc"',
        '{"a": 1}',
        "[null]",
        '[{"document": "a.txt"}]',
        '[{"document": 1, "fingerprint": "x"}]',
    ],
)
def test_malformed_baseline_findings_are_a_usage_error(findings: str) -> None:
    # a list that is not one used to end in an internal error (exit 3)
    write("a.txt", CLEAN)
    write("base.json", '{"schema": "mtcheck/baseline/v1", "findings": ' + findings + "}")
    code, _, err = run_cli("scan", "a.txt", "--baseline", "base.json")
    assert code == 2, err
    assert "base.json: malformed baseline" in err and "internal error" not in err


def test_config_phrase_suppression() -> None:
    write("a.txt", TWO)
    write(
        "mtcheck.toml",
        '[[suppress]]\nphrase = "offensive.Government"\nrules = ["MT101"]\n',
    )
    _code, data = report("a.txt")
    assert [f["rule"] for f in data["documents"][0]["findings"]] == ["MT401"]


@pytest.mark.parametrize("rules", ['["missing-space-after-sentence"]', '["MT1"]', '["mt101"]'])
def test_config_phrase_suppression_by_rule_name_or_prefix(rules: str) -> None:
    # a rule name was accepted and then matched nothing
    write("a.txt", TWO)
    write("mtcheck.toml", f'[[suppress]]\nphrase = "offensive.Government"\nrules = {rules}\n')
    _code, data = report("a.txt")
    assert [f["rule"] for f in data["documents"][0]["findings"]] == ["MT401"]


def test_config_phrase_suppression_paths_match_below_any_folder(tmp_path: Path) -> None:
    # as [[overrides]] paths do: CI scans "$GITHUB_WORKSPACE/docs", not "docs"
    write("docs/a.txt", TWO)
    write("other/a.txt", TWO)
    write(
        "mtcheck.toml",
        '[[suppress]]\nphrase = "offensive.Government"\npaths = ["docs/*.txt"]\n',
    )
    for root in ("", f"{tmp_path}/"):
        _code, data = report(f"{root}docs", f"{root}other")
        rules = {d["id"]: [f["rule"] for f in d["findings"]] for d in data["documents"]}
        assert rules == {
            f"{root}docs/a.txt": ["MT401"],
            f"{root}other/a.txt": ["MT401", "MT101"],
        }, root


def test_config_path_glob_suppression() -> None:
    write("legacy/a.txt", TWO)
    write("new/a.txt", TWO)
    write("mtcheck.toml", '[[overrides]]\npaths = ["legacy/*"]\nignore = ["MT1", "MT4"]\n')
    _code, data = report("legacy", "new")
    counts = {d["id"]: len(d["findings"]) for d in data["documents"]}
    assert counts == {"legacy/a.txt": 0, "new/a.txt": 2}


def test_inline_suppressions_and_unused_report() -> None:
    text = "He said and and left.\nThe talks were offensive.Government left.\nAll fine.\n"
    doc = Document(
        id="a.md",
        path="a.md",
        text=text,
        suppressions=(
            Suppression(0, 22, ("MT4",), 1),  # covers the first line: used
            Suppression(22, 64, ("MT3",), 2),  # wrong rule: unused, MT101 still reported
            Suppression(64, len(text), (), 3),  # nothing there: unused
        ),
    )
    settings = resolve({"lang": "en", "report_unused_suppressions": True}, discover=False)
    (res,) = engine.run([doc], settings).documents
    assert [f.rule for f in res.findings] == ["MT101"]
    assert res.extra["unused_suppressions"] == [
        {"line": 2, "rules": ["MT3"]},
        {"line": 3, "rules": []},
    ]


def test_unused_suppressions_are_listed_in_the_terminal_and_as_github_notices() -> None:
    # they used to appear in the JSON report only
    write("a.md", "<!-- mtcheck-disable-next-line MT2 -->\nThis line is perfectly clean.\n")
    write("b.md", "<!-- mtcheck-disable-next-line -->\nThey waited.Nobody came.\n")
    code, out, _ = run_cli("scan", "a.md", "b.md", "--no-report", "--report-unused-suppressions")
    assert code == 0, out
    assert "a.md\n  1: unused suppression (MT2)" in out
    assert "b.md" not in out  # its suppression was used
    code, out, _ = run_cli(
        "scan", "a.md", "--no-report", "--report-unused-suppressions", "--format", "github"
    )
    assert "::notice file=a.md,line=1,title=mtcheck unused suppression::No finding of MT2" in out
    code, out, _ = run_cli("scan", "a.md", "--no-report", "--format", "github")
    assert "unused" not in out


def _git(*args: str) -> None:
    subprocess.run(["git", *args], check=True, capture_output=True)


def test_diff_scans_only_changed_files() -> None:
    _git("init", "-q")
    _git("config", "user.email", "t@example.invalid")
    _git("config", "user.name", "t")
    write("content/old.txt", JOINED)
    write("content/same.txt", CLEAN)
    _git("add", "-A")
    _git("commit", "-qm", "init")
    write("content/old.txt", TWO)  # modified
    write("content/new.txt", JOINED)  # untracked
    code, data = report("content", "--diff", "HEAD")
    ids = sorted(d["id"] for d in data["documents"])
    assert ids == ["content/new.txt", "content/old.txt"]
    assert code == 1
    # nothing changed since the working tree: nothing to report, gate passes
    _git("add", "-A")
    _git("commit", "-qm", "more")
    code, data = report("content", "--diff", "HEAD")
    assert data["documents"] == [] and code == 0


def test_diff_with_bad_revision_is_a_usage_error() -> None:
    _git("init", "-q")
    write("a.txt", CLEAN)
    code, _, err = run_cli("scan", "a.txt", "--diff", "no-such-ref")
    assert code == 2 and "--diff" in err


def test_files_from_stdin() -> None:
    write("a.txt", JOINED)
    write("b.txt", CLEAN)
    code, out, _ = run_cli("scan", "--files-from", "-", "--format", "json", stdin="b.txt\n")
    assert code == 0
    assert [d["id"] for d in json.loads(out)["documents"]] == ["b.txt"]


def test_several_formats_at_once() -> None:
    write("a.txt", JOINED)
    code, _, _ = run_cli(
        "scan",
        "a.txt",
        "--format",
        "json",
        "--output",
        "r.json",
        "--format",
        "sarif",
        "--output",
        "r.sarif",
        "--format",
        "junit",
        "--output",
        "r.xml",
    )
    assert code == 1
    assert json.loads(Path("r.json").read_text())["summary"]["findings"] == 1
    assert json.loads(Path("r.sarif").read_text())["version"] == "2.1.0"
    assert Path("r.xml").read_text().startswith("<?xml")


@pytest.mark.parametrize("fmt", ["json", "sarif", "junit", "github"])
def test_output_is_deterministic(fmt: str) -> None:
    write("d/a.txt", TWO)
    write("d/b.txt", JOINED)
    outs = []
    for n in range(2):
        code, _, _ = run_cli("scan", "d", "--format", fmt, "--output", f"r{n}")
        assert code == 1
        outs.append(Path(f"r{n}").read_bytes())
    assert outs[0] == outs[1]


def test_report_targets_that_would_replace_an_input_or_collide_are_refused() -> None:
    # the report used to overwrite the article it was scanning
    write("in.txt", JOINED)
    write("docs/a.txt", JOINED)
    write("r.jsonl", '{"text": "They waited.Nobody came."}\n')
    cases = [
        (["in.txt", "--format", "json", "--output", "in.txt"], "in.txt: is an input"),
        (["r.jsonl", "--format", "json=r.jsonl"], "r.jsonl: is an input"),
        (["docs", "--format", "json", "--output", "docs/a.txt"], "docs/a.txt: is an input"),
        (["in.txt", "--format", "json=x.out", "--format", "sarif=x.out"], "two reports"),
        (["in.txt", "--format", "json", "--format", "sarif"], "only one report"),
    ]
    for args, message in cases:
        code, out, err = run_cli("scan", *args, "--no-cache")
        assert code == 2 and message in err, (args, err)
        assert not out
    assert Path("in.txt").read_text(encoding="utf-8") == JOINED
    assert Path("docs/a.txt").read_text(encoding="utf-8") == JOINED
    assert not Path("x.out").exists()
    # a report beside the inputs, of a kind the scan does not read, is fine
    code, _, err = run_cli("scan", "docs", "--format", "json", "--output", "docs/report.json")
    assert code == 1, err
    assert Path("docs/report.json").is_file()


def test_deeply_nested_baseline_is_a_usage_error() -> None:
    write("a.txt", CLEAN)
    write(
        "base.json",
        '{"schema": "mtcheck/baseline/v1", "findings": ' + "[" * 100000 + "]" * 100000 + "}",
    )
    code, _, err = run_cli("scan", "a.txt", "--baseline", "base.json")
    assert code == 2 and "nested too deeply" in err, err


def test_file_lists_with_names_that_are_not_utf8() -> None:
    # --files-from read its list as UTF-8 and ended in an internal error
    write("a.txt", JOINED)
    Path("list.txt").write_bytes(b"a.txt\nmissing-\xff.txt\n")
    code, _, err = run_cli("scan", "--files-from", "list.txt", "--no-report")
    assert code == 2, err
    assert "missing-\\xff.txt" in err and "internal error" not in err


def test_a_report_in_an_excluded_folder_is_not_an_input() -> None:
    write("docs/a.txt", JOINED)
    write("docs/build/out.txt", "old report\n")
    write("mtcheck.toml", 'exclude = ["build"]\n')
    code, _, err = run_cli("scan", "docs", "--format", "json", "--output", "docs/build/out.txt")
    assert code == 1, err
    assert Path("docs/build/out.txt").read_text(encoding="utf-8").startswith("{")


def test_a_record_that_could_not_be_read_keeps_its_baseline_entries() -> None:
    # its known findings were counted as disappeared, as if fixed
    write("d.jsonl", '{"text": "They waited.Nobody came."}\n{"text": "Fine."}\n')
    code, _, err = run_cli("baseline", "create", "d.jsonl", "-o", "base.json")
    assert code == 0, err
    write("d.jsonl", '{"text": "They waited.Nobody came."\n{"text": "Fine."}\n')
    code, data = report("d.jsonl", "--baseline", "base.json")
    assert data["baseline"]["disappeared"] == 0
