"""GitHub Actions workflow commands: one annotation per finding, shown on the changed lines,
and a notice per unused inline suppression when ``--report-unused-suppressions`` asks."""

from __future__ import annotations

from mtcheck.model import RunResult, Severity

_LEVEL = {Severity.CRITICAL: "error", Severity.MAJOR: "error", Severity.MINOR: "warning"}


def _data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(s: str) -> str:
    return _data(s).replace(":", "%3A").replace(",", "%2C")


def render(run: RunResult) -> str:
    out: list[str] = []
    for d in run.documents:
        path = _prop(d.path or d.id)
        if d.error is not None:
            out.append(f"::error file={path},title=mtcheck input error::{_data(d.error)}")
            continue
        for f in d.findings:
            props = (
                f"file={path},line={f.line},col={f.column},endLine={f.end_line},"
                f"endColumn={f.end_column},title={_prop(f'{f.rule} {f.name}')}"
            )
            out.append(f"::{_LEVEL[f.severity]} {props}::{_data(f.message)}")
        for u in d.extra.get("unused_suppressions") or []:
            rules = ", ".join(u.get("rules") or []) or "any rule"
            out.append(
                f"::notice file={path},line={u['line']},title=mtcheck unused suppression::"
                + _data(f"No finding of {rules} here: the suppression can go.")
            )
    return "\n".join(out) + ("\n" if out else "")
