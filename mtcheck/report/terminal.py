"""The terminal summary: findings grouped by file, evidence highlighted in its context."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.text import Text

from mtcheck.errors import printable
from mtcheck.model import DocumentResult, Finding, RunResult, Severity

_STYLE = {Severity.MINOR: "cyan", Severity.MAJOR: "yellow", Severity.CRITICAL: "bold red"}
_CONTEXT = 30


def _clean(s: str) -> str:
    # scanned text: a line break or tab inside evidence reads as the space it stands for
    return printable(s, " ")


def _evidence(d: DocumentResult, f: Finding) -> Text:
    t = Text("    ")
    if d.text is None:
        t.append(_clean(f.excerpt), style="bold underline")
        return t
    a = max(0, f.start - _CONTEXT)
    b = min(len(d.text), f.end + _CONTEXT)
    t.append(("…" if a > 0 else "") + _clean(d.text[a : f.start]), style="dim")
    t.append(_clean(f.excerpt), style=f"bold underline {_STYLE[f.severity]}")
    t.append(_clean(d.text[f.end : b]) + ("…" if b < len(d.text) else ""), style="dim")
    return t


def render(run: RunResult, console: Console, quiet: bool = False) -> None:
    """Print findings (unless ``quiet``) and the summary line."""
    if not quiet:
        for d in run.documents:
            if d.error is not None:
                console.print(Text(f"{_clean(d.id)}: error: {_clean(d.error)}", style="red"))
                continue
            unused = d.extra.get("unused_suppressions") or []
            if not d.findings and not unused:
                continue
            console.print(Text(_clean(d.id), style="bold magenta"))
            for f in d.findings:
                line = Text("  ")
                line.append(f"{f.line}:{f.column}", style="bold")
                line.append(" ")
                line.append(f.rule, style="bold")
                line.append(" ")
                line.append(f"{f.severity.label:<8}", style=_STYLE[f.severity])
                line.append(" ")
                line.append(_clean(f.message))
                console.print(line)
                console.print(_evidence(d, f))
            for u in unused:
                rules = ", ".join(u.get("rules") or []) or "all rules"
                console.print(
                    Text(f"  {u['line']}: unused suppression ({_clean(rules)})", style="dim")
                )
            console.print()
    sev = run.by_severity()
    docs = run.documents_count
    verdict = "[green]passed[/green]" if run.passed else "[red]failed[/red]"
    parts = [
        f"{run.findings_count} finding{'s' if run.findings_count != 1 else ''}",
        f"({sev['critical']} critical, {sev['major']} major, {sev['minor']} minor)",
        f"in {docs} document{'s' if docs != 1 else ''}, {run.words:,} words",
    ]
    if run.errors:
        parts.append(f"[red]{len(run.errors)} input error(s)[/red]")
    if run.skipped:
        parts.append(f"{len(run.skipped)} skipped")
    penalty = run.metrics.get("penalty_per_1000_words")
    if penalty is not None:
        parts.append(f"penalty {penalty}/1k words")
    quality = run.metrics.get("quality_score")
    if quality is not None:
        parts.append(f"quality {quality:g}/100")
    fluency = run.metrics.get("fluency")
    if fluency is not None:
        parts.append(f"fluency {fluency:.2f}")
    console.print(" ".join(parts) + f"; gate {verdict}", highlight=False)
    for cond in run.failed_conditions:
        console.print(f"  [red]✗[/red] {escape(_clean(cond))}", highlight=False)
