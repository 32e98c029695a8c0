"""The command line: exit codes 0/1/2/3, outputs, and the rules/explain/version commands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from mtcheck import engine
from mtcheck.cli import app

GARBLED = "The talks were offensive.Government officials left.\n"
CLEAN = "The talks ended on Monday. Officials left the building.\n"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def scan(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    res = runner.invoke(app, ["scan", *args])
    return res.exit_code, res.stdout, res.stderr


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # no configuration file of the repository leaks into CLI tests
    monkeypatch.chdir(tmp_path)


def test_exit_0_when_clean(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text(CLEAN, encoding="utf-8")
    code, out, _ = scan(runner, "ok.txt")
    assert code == 0, out
    assert "0 findings" in out


def test_exit_1_when_gate_fails(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "bad.txt").write_text(GARBLED, encoding="utf-8")
    code, out, _ = scan(runner, "bad.txt")
    assert code == 1
    assert "MT101" in out and "offensive.Government" in out


def test_fail_on_never_and_critical_pass_major_findings(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "bad.txt").write_text(GARBLED, encoding="utf-8")
    assert scan(runner, "bad.txt", "--fail-on", "never")[0] == 0
    assert scan(runner, "bad.txt", "--fail-on", "critical")[0] == 0
    assert scan(runner, "bad.txt", "--fail-on", "minor")[0] == 1


def test_exit_2_missing_path_still_reports_others(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "bad.txt").write_text(GARBLED, encoding="utf-8")
    code, out, err = scan(runner, "nope.txt", "bad.txt", "--format", "json")
    assert code == 2
    report = json.loads(out)
    docs = {d["id"]: d for d in report["documents"]}
    assert docs["nope.txt"]["error"] == "no such file or directory"
    assert docs["bad.txt"]["findings"][0]["excerpt"] == "offensive.Government"
    assert "nope.txt" in err and "Traceback" not in err + out


def test_exit_2_undecodable_file_still_reports_others(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "bad.txt").write_text(GARBLED, encoding="utf-8")
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 au lait.".encode("latin-1"))
    code, out, err = scan(runner, "latin1.txt", "bad.txt", "--format", "json")
    assert code == 2
    docs = {d["id"]: d for d in json.loads(out)["documents"]}
    assert "byte offset 3" in docs["latin1.txt"]["error"]
    assert docs["bad.txt"]["findings"]
    assert "latin1.txt" in err
    # with --errors replace the file decodes
    code, out, _ = scan(runner, "latin1.txt", "--errors", "replace", "--format", "json")
    assert json.loads(out)["documents"][0]["error"] is None


def test_exit_2_on_bad_option_and_unknown_rule(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text(CLEAN, encoding="utf-8")
    assert scan(runner, "ok.txt", "--fail-on", "sometimes")[0] == 2
    code, _, err = scan(runner, "ok.txt", "--select", "MT999")
    assert code == 2 and "MT999" in err


def test_exit_2_on_unknown_config_key_naming_nearest(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "mtcheck.toml").write_text('fail-onn = "minor"\n', encoding="utf-8")
    code, _, err = scan(runner, "ok.txt")
    assert code == 2
    assert "fail-onn" in err and "fail-on" in err.replace("fail-onn", "")


def test_exit_3_on_internal_error(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "ok.txt").write_text(CLEAN, encoding="utf-8")

    def boom(*_a: object, **_k: object) -> None:
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(engine, "process", boom)
    code, _, err = scan(runner, "ok.txt")
    assert code == 3
    assert "internal error" in err and "--debug" in err and "Traceback" not in err


def test_json_output_file_is_written(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "bad.txt").write_text(GARBLED, encoding="utf-8")
    code, _, _ = scan(runner, "bad.txt", "--format", "json", "--output", "out/r.json")
    assert code == 1
    data = json.loads((tmp_path / "out" / "r.json").read_text(encoding="utf-8"))
    assert data["schema"] == "mtcheck/report/v1"
    assert data["summary"]["passed"] is False
    assert not list((tmp_path / "out").glob("*.tmp"))


def test_text_report_file_is_written_whole_or_not_at_all(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "bad.txt").write_text(GARBLED, encoding="utf-8")
    code, _, _ = scan(runner, "bad.txt", "-f", "text=out.txt", "-f", "json=r.json", "--no-cache")
    assert code == 1
    written = (tmp_path / "out.txt").read_text(encoding="utf-8")
    assert "MT" in written and "offensive.Government" in written
    assert "\x1b[" not in written  # no colour codes in a file
    from mtcheck.report import terminal

    def half_way(run: object, console: Console, quiet: bool) -> None:
        console.print("a first line of a new report")
        raise RuntimeError("stopped")

    monkeypatch.setattr(terminal, "render", half_way)
    code, _, _ = scan(runner, "bad.txt", "-f", "text=out.txt", "-f", "json=r.json", "--no-cache")
    assert code == 3
    assert (tmp_path / "out.txt").read_text(encoding="utf-8") == written
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.txt", "out.txt", "r.json"]


@pytest.mark.parametrize(
    "args",
    [
        ["--no-report"],
        ["--format", "text"],
        ["-f", "text", "-f", "json=r.json"],
        ["--no-report", "--jobs", "2"],
        [],  # with the default HTML report
    ],
)
def test_terminal_evidence_has_its_context(
    runner: CliRunner, tmp_path: Path, args: list[str]
) -> None:
    # the words around the evidence were shown only when an HTML report was written
    (tmp_path / "bad.txt").write_text(GARBLED, encoding="utf-8")
    code, out, _ = scan(runner, "bad.txt", "--no-cache", *args)
    assert code == 1
    assert "The talks were offensive.Government officials left." in out


def test_stdin_is_scanned(runner: CliRunner) -> None:
    res = runner.invoke(app, ["scan", "-", "--format", "json"], input=GARBLED)
    assert res.exit_code == 1
    assert json.loads(res.stdout)["documents"][0]["id"] == "<stdin>"


def test_quiet_prints_only_summary(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "bad.txt").write_text(GARBLED, encoding="utf-8")
    code, out, _ = scan(runner, "bad.txt", "--quiet")
    assert code == 1
    assert "offensive.Government" not in out
    assert "1 finding" in out


def test_no_color_when_not_a_tty(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "bad.txt").write_text(GARBLED, encoding="utf-8")
    _, out, _ = scan(runner, "bad.txt")
    assert "\x1b[" not in out


def test_version_rules_explain(runner: CliRunner) -> None:
    res = runner.invoke(app, ["--version"])
    assert res.exit_code == 0 and res.stdout.startswith("mtcheck ")
    res = runner.invoke(app, ["rules"])
    assert res.exit_code == 0
    assert "MT101" in res.stdout and "missing-space-after-sentence" in res.stdout
    res = runner.invoke(app, ["explain", "MT101"])
    assert res.exit_code == 0
    for heading in ("What it flags", "Why it matters", "Example", "Does not flag", "Options"):
        assert heading in res.stdout
    res = runner.invoke(app, ["explain", "MT000"])
    assert res.exit_code == 2


def test_docs_rules_md_is_generated_from_the_registry(runner: CliRunner) -> None:
    res = runner.invoke(app, ["rules", "--format", "markdown"])
    assert res.exit_code == 0
    committed = (Path(__file__).resolve().parent.parent / "docs" / "rules.md").read_text(
        encoding="utf-8"
    )
    assert res.stdout == committed, "regenerate: mtcheck rules --format markdown > docs/rules.md"
    data = json.loads(runner.invoke(app, ["rules", "--format", "json"]).stdout)
    assert {r["code"] for r in data} >= {"MT101", "MT301", "MT401"}


def test_a_forked_child_ends_quietly_on_sigterm_with_the_inherited_handler(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # a pool worker runs with the CLI's SIGTERM handler until its initializer resets it; a
    # SIGTERM in that window must end it as the default handler would, not raise in it
    import os
    import signal

    from mtcheck import cli

    monkeypatch.setattr(cli, "_HANDLER_PID", [os.getpid()])
    previous = signal.signal(signal.SIGTERM, cli._raise_terminated)
    try:
        pid = os.fork()
        if pid == 0:  # the child: exit code 7 if the signal raised instead of ending it
            try:
                os.kill(os.getpid(), signal.SIGTERM)
                signal.pause()
            finally:
                os._exit(7)
        _, status = os.waitpid(pid, 0)
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGTERM


@pytest.mark.parametrize(
    "args", [["-f", "text=out"], ["-f", "json", "-o", "out"], ["-f", "html=out"]]
)
def test_a_folder_as_report_file_is_a_usage_error_before_the_scan(
    runner: CliRunner, tmp_path: Path, args: list[str]
) -> None:
    (tmp_path / "bad.txt").write_text(GARBLED, encoding="utf-8")
    (tmp_path / "out").mkdir()
    code, _, err = scan(runner, "bad.txt", *args, "--no-cache")
    assert code == 2
    assert err == "mtcheck: error: out: is a folder; name a report file\n"
    assert list((tmp_path / "out").iterdir()) == []


def test_a_report_that_cannot_be_written_leaves_the_others(
    runner: CliRunner, tmp_path: Path
) -> None:
    (tmp_path / "bad.txt").write_text(GARBLED, encoding="utf-8")
    (tmp_path / "file").write_text("", encoding="utf-8")
    for json_out in (
        ["-f", "json=file/r.json", "-f", "sarif=r.sarif"],
        ["-f", "json", "-o", "file/r.json"],
    ):
        code, _, err = scan(runner, "bad.txt", *json_out, "--no-cache", "-q")
        assert code == 2
        assert err.startswith("mtcheck: error: cannot write the report file/r.json: ")
        assert err.count("\n") == 1
    assert json.loads((tmp_path / "r.sarif").read_text(encoding="utf-8"))["runs"]


def test_report_files_are_readable_as_the_umask_says(runner: CliRunner, tmp_path: Path) -> None:
    import os

    (tmp_path / "bad.txt").write_text(GARBLED, encoding="utf-8")
    old = os.umask(0o022)
    try:
        (tmp_path / "kept.json").write_text("{}", encoding="utf-8")
        os.chmod(tmp_path / "kept.json", 0o640)
        code, _, _ = scan(
            runner,
            "bad.txt",
            "-f",
            "text=r.txt",
            "-f",
            "sarif=r.sarif",
            "-f",
            "json=kept.json",
            "--no-cache",
            "-q",
        )
        assert code == 1
    finally:
        os.umask(old)
    assert (tmp_path / "r.txt").stat().st_mode & 0o777 == 0o644
    assert (tmp_path / "r.sarif").stat().st_mode & 0o777 == 0o644
    # a report written over an earlier one keeps that file's mode
    assert (tmp_path / "kept.json").stat().st_mode & 0o777 == 0o640


def test_report_targets_through_links_devices_and_odd_paths(
    runner: CliRunner, tmp_path: Path
) -> None:
    import os
    import tempfile

    from mtcheck import parallel

    (tmp_path / "bad.txt").write_text(GARBLED, encoding="utf-8")
    # a link to the report's place: the file it points to gets the report, the link stays
    (tmp_path / "real.json").write_text("{}", encoding="utf-8")
    (tmp_path / "link.json").symlink_to("real.json")
    for args in (
        ["-f", "json=link.json", "-f", "sarif=x.sarif"],
        ["-f", "json", "-o", "link.json"],
    ):
        code, _, _ = scan(runner, "bad.txt", *args, "--no-cache", "-q")
        assert code == 1
        assert (tmp_path / "link.json").is_symlink()
        assert json.loads((tmp_path / "real.json").read_text(encoding="utf-8"))["documents"]
    # a device: written in place, the streamed report's spool kept in the temporary folder
    assert parallel._spool_directory(os.devnull) == tempfile.gettempdir()
    code, _, _ = scan(runner, "bad.txt", "-f", "json", "-o", os.devnull, "--no-cache", "-q")
    assert code == 1
    # a file where a folder should be; a name that ends like a folder
    (tmp_path / "file").write_text("", encoding="utf-8")
    code, _, err = scan(runner, "bad.txt", "-f", "json", "-o", "file/r.json", "--no-cache", "-q")
    assert (code, err) == (
        2,
        "mtcheck: error: cannot write the report file/r.json: Not a directory\n",
    )
    code, _, err = scan(runner, "bad.txt", "-f", "json=new/", "--no-cache", "-q")
    assert (code, err) == (2, "mtcheck: error: new/: is a folder; name a report file\n")
    assert not (tmp_path / "new").exists()
    # the permission bits of a replaced report, not its set-id bits
    (tmp_path / "r.json").write_text("{}", encoding="utf-8")
    os.chmod(tmp_path / "r.json", 0o4755)
    assert scan(runner, "bad.txt", "-f", "json=r.json", "--no-cache", "-q")[0] == 1
    assert (tmp_path / "r.json").stat().st_mode & 0o7777 == 0o755
