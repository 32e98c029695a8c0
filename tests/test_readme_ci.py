"""The README's CI section is copy-paste correct: its scan commands run in a fresh project and
give the documented exit codes and files."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def readme_scan_commands() -> list[str]:
    ci = README.split("## In CI", 1)[1].split("\n## ", 1)[0]
    cmds = re.findall(r"^\s*-\s+(?:run:\s+)?(mtcheck scan [^\n#]+)", ci, flags=re.M)
    return [c.strip() for c in cmds]


def run(cmd: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    argv = shlex.split(cmd)
    assert argv[0] == "mtcheck"
    return subprocess.run(
        [sys.executable, "-m", "mtcheck", *argv[1:]],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "NO_COLOR": "1", "PYTHONPATH": str(ROOT)},
    )


def test_readme_documents_github_and_gitlab_commands() -> None:
    cmds = readme_scan_commands()
    assert len(cmds) == 2, cmds


@pytest.mark.parametrize("cmd", readme_scan_commands())
def test_readme_ci_commands_in_a_fresh_project(cmd: str, tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "clean.md").write_text("# Title\n\nThe talks ended on Monday.\n", encoding="utf-8")
    res = run(cmd, tmp_path)
    assert res.returncode == 0, res.stderr
    (content / "garbled.txt").write_text(
        "Talks Resume\nThe talks were offensive.Government officials left.\n", encoding="utf-8"
    )
    res = run(cmd, tmp_path)
    assert res.returncode == 1, res.stderr
    assert "Traceback" not in res.stderr
    for out in re.findall(r"--format \w+=(\S+)", cmd):
        data = (tmp_path / out).read_text(encoding="utf-8")
        if out.endswith((".json", ".sarif")):
            parsed = json.loads(data)
            assert parsed
        elif out.endswith(".xml"):
            root = ET.fromstring(data)
            assert root.get("failures") == "1"
    if "--format github" in cmd:
        assert "::error file=content/garbled.txt,line=2,col=16" in res.stdout


def test_pre_commit_hook_entry_runs(tmp_path: Path) -> None:
    hooks = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    entry = re.search(r"entry:\s*(.+)", hooks)
    assert entry is not None
    (tmp_path / "a.md").write_text("The talks were offensive.Government left.\n", encoding="utf-8")
    res = run(f"{entry.group(1).strip()} a.md", tmp_path)
    assert res.returncode == 1
