"""The command line: the only place that prints or chooses an exit code.

Exit codes: 0 scanned and the gate passed; 1 scanned and the gate failed; 2 usage, configuration
or input error (readable inputs are still scanned and reported); 3 internal error.
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from mtcheck import __version__, engine
from mtcheck.config import Settings, resolve
from mtcheck.errors import ConfigError, MtcheckError
from mtcheck.load import iter_documents
from mtcheck.model import RunResult, Severity
from mtcheck.report import json as json_report
from mtcheck.report import terminal, write_atomic
from mtcheck.rules import registry

EXIT_OK, EXIT_GATE, EXIT_INPUT, EXIT_INTERNAL = 0, 1, 2, 3

app = typer.Typer(
    name="mtcheck",
    help="Find garbled machine-translated text before readers do.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class Format(StrEnum):
    text = "text"
    json = "json"


class FailOn(StrEnum):
    minor = "minor"
    major = "major"
    critical = "critical"
    never = "never"


def _console(stderr: bool = False) -> Console:
    no_color = "NO_COLOR" in os.environ
    return Console(
        stderr=stderr,
        no_color=no_color,
        highlight=False,
        soft_wrap=True,
        emoji=False,
    )


def _error(message: str) -> None:
    _console(stderr=True).print(f"mtcheck: error: {escape(message)}", highlight=False)


RENDERERS: dict[Format, Callable[[RunResult], str]] = {
    Format.json: json_report.render,
}


def _version(value: bool) -> None:
    if value:
        typer.echo(f"mtcheck {__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def main_callback(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Find garbled machine-translated text before readers do."""


def _split(values: list[str] | None) -> tuple[str, ...] | None:
    if not values:
        return None
    return tuple(v.strip() for item in values for v in item.split(",") if v.strip())


@app.command()
def scan(
    paths: Annotated[
        list[str] | None,
        typer.Argument(help="Files, directories, or - for standard input."),
    ] = None,
    fmt: Annotated[
        list[Format] | None,
        typer.Option("--format", "-f", help="Output format; repeat with --output for several."),
    ] = None,
    output: Annotated[
        list[str] | None,
        typer.Option("--output", "-o", help="Write the matching --format to this file."),
    ] = None,
    fail_on: Annotated[
        FailOn | None, typer.Option(help="Lowest severity that fails the gate (default major).")
    ] = None,
    select: Annotated[
        list[str] | None, typer.Option(help="Only these rules (codes, prefixes, names).")
    ] = None,
    extend_select: Annotated[
        list[str] | None, typer.Option(help="Add rules to the selection.")
    ] = None,
    ignore: Annotated[list[str] | None, typer.Option(help="Skip these rules.")] = None,
    lang: Annotated[
        str | None, typer.Option(help="Expected language (ISO 639-1), or 'auto'.")
    ] = None,
    lines: Annotated[
        bool | None, typer.Option("--lines", help="Each line of a file is one segment.")
    ] = None,
    text_field: Annotated[
        str | None, typer.Option(help="JSONL field holding the text (default: text).")
    ] = None,
    id_field: Annotated[str | None, typer.Option(help="JSONL field holding the id.")] = None,
    include: Annotated[
        list[str] | None, typer.Option(help="Glob of files to scan in directories.")
    ] = None,
    exclude: Annotated[list[str] | None, typer.Option(help="Glob of files to skip.")] = None,
    encoding: Annotated[str | None, typer.Option(help="Input encoding (default utf-8).")] = None,
    errors: Annotated[
        str | None, typer.Option("--errors", help="On undecodable bytes: strict or replace.")
    ] = None,
    max_file_size: Annotated[
        int | None, typer.Option(help="Skip files larger than this many bytes.")
    ] = None,
    config: Annotated[
        Path | None, typer.Option(help="Configuration file (default: discovered upwards).")
    ] = None,
    fluency_model: Annotated[
        str | None,
        typer.Option("--fluency-model", help="Fluency model (.mtfluency) from `mtcheck fit`."),
    ] = None,
    reference: Annotated[
        str | None,
        typer.Option(help="Reference translations, one per line, aligned with --lines input."),
    ] = None,
    run_fluency: Annotated[
        bool | None,
        typer.Option(
            "--run-fluency",
            help="Without --fluency-model, fit a fluency model on the run itself (20,000+ words).",
        ),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only the summary line.")] = False,
    debug: Annotated[bool, typer.Option(help="Show tracebacks of internal errors.")] = False,
) -> None:
    """Scan documents for garbled machine translation."""
    try:
        if errors is not None and errors not in ("strict", "replace"):
            raise ConfigError("--errors must be 'strict' or 'replace'")
        cli: dict[str, Any] = {
            "fail_on": (
                None
                if fail_on is None
                else (None if fail_on is FailOn.never else Severity.parse(fail_on.value))
            ),
            "select": _split(select),
            "extend_select": _split(extend_select),
            "ignore": _split(ignore),
            "lang": lang,
            "lines": lines,
            "text_field": text_field,
            "id_field": id_field,
            "include": _split(include),
            "exclude": _split(exclude),
            "encoding": encoding,
            "decode_errors": errors,
            "max_file_size": max_file_size,
            "fluency_model": fluency_model,
            "reference": reference,
            "run_fluency": run_fluency,
        }
        settings = resolve(cli, config_file=config)
        _check_models(settings)
        if fail_on is FailOn.never:
            settings = settings.with_(fail_on=None)
        if not paths:
            raise ConfigError("no input given: name files, directories, or - for standard input")
        formats = list(fmt or [Format.text])
        outputs = list(output or [])
        if len(outputs) > len(formats):
            raise ConfigError("more --output than --format options; pair each output with one")
        run = engine.run(iter_documents(paths, settings), settings)
        code = _emit(run, settings, formats, outputs, quiet)
    except ConfigError as e:
        _error(str(e))
        raise typer.Exit(EXIT_INPUT) from None
    except MtcheckError as e:
        _error(str(e))
        raise typer.Exit(EXIT_INPUT) from None
    except KeyboardInterrupt:
        _error("interrupted")
        raise typer.Exit(130) from None
    except typer.Exit:
        raise
    except Exception as e:  # a bug: short message, details with --debug
        if debug:
            traceback.print_exc()
        _error(f"internal error: {type(e).__name__}: {e} (run with --debug for details)")
        raise typer.Exit(EXIT_INTERNAL) from None
    raise typer.Exit(code)


def _check_models(settings: Settings) -> None:
    """Load the fluency model and the reference file up front: a bad path is a usage error."""
    if settings.fluency_model:
        from mtcheck.metrics.fluency import load_model

        load_model(settings.fluency_model)
    if settings.reference:
        from mtcheck.metrics.reference import reference_lines

        try:
            reference_lines(settings.reference)
        except (OSError, UnicodeDecodeError) as e:
            raise ConfigError(f"{settings.reference}: cannot read reference file: {e}") from None


def _emit(
    run: RunResult,
    settings: Settings,
    formats: list[Format],
    outputs: list[str],
    quiet: bool,
) -> int:
    stdout_taken = False
    for i, f in enumerate(formats):
        target = outputs[i] if i < len(outputs) else None
        if f is Format.text:
            if target:
                with open(target, "w", encoding="utf-8") as fh:
                    terminal.render(run, Console(file=fh, no_color=True, width=100), quiet)
            else:
                terminal.render(run, _console(), quiet)
                stdout_taken = True
            continue
        content = RENDERERS[f](run)
        if target and target != "-":
            write_atomic(target, content)
        else:
            sys.stdout.write(content)
            stdout_taken = True
    if not stdout_taken and not quiet:
        terminal.render(run, _console(stderr=True), quiet=True)
    for d in run.errors:
        _error(f"{d.id}: {d.error}")
    if run.errors:
        return EXIT_INPUT
    return EXIT_OK if run.passed else EXIT_GATE


@app.command()
def fit(
    paths: Annotated[list[str], typer.Argument(help="Clean texts: files or directories.")],
    output: Annotated[str, typer.Option("--output", "-o", help="Model file to write.")],
    name: Annotated[str | None, typer.Option(help="Model name (default: the file's stem).")] = None,
    vocab_size: Annotated[int, typer.Option(help="Subword vocabulary size.")] = 8000,
    lines: Annotated[
        bool | None, typer.Option("--lines", help="Each line of a file is one segment.")
    ] = None,
    text_field: Annotated[
        str | None, typer.Option(help="JSONL field holding the text (default: text).")
    ] = None,
    config: Annotated[
        Path | None, typer.Option(help="Configuration file (default: discovered upwards).")
    ] = None,
    debug: Annotated[bool, typer.Option(help="Show tracebacks of internal errors.")] = False,
) -> None:
    """Train a house fluency model on a team's own clean texts."""
    from mtcheck.metrics.fit import fit_model

    try:
        settings = resolve({"lines": lines, "text_field": text_field}, config_file=config)
        model_name = name or Path(output).name.split(".")[0] or "house"
        stats = fit_model(paths, output, settings, model_name, vocab_size, _console(stderr=True))
    except MtcheckError as e:
        _error(str(e))
        raise typer.Exit(EXIT_INPUT) from None
    except KeyboardInterrupt:
        _error("interrupted")
        raise typer.Exit(130) from None
    except Exception as e:
        if debug:
            traceback.print_exc()
        _error(f"internal error: {type(e).__name__}: {e} (run with --debug for details)")
        raise typer.Exit(EXIT_INTERNAL) from None
    _console(stderr=True).print(
        f"wrote {escape(output)}: {stats['documents']} documents, {stats['sentences']} "
        f"sentences, {stats['vocab']} pieces, model {escape(stats['name'])}@{stats['digest']}",
        highlight=False,
    )
    if stats["errors"]:
        raise typer.Exit(EXIT_INPUT)


@app.command("rules")
def rules_cmd(
    all_: Annotated[
        bool, typer.Option("--all", help="Include rules that are off by default.")
    ] = True,
) -> None:
    """List every rule: code, name, category, default severity."""
    table = Table(show_header=True, header_style="bold", box=None)
    for col in ("code", "name", "category", "severity", "scope", "default"):
        table.add_column(col)
    for r in registry.all_rules():
        if not all_ and not r.default_enabled:
            continue
        table.add_row(
            r.code,
            r.name,
            r.category,
            r.severity.label,
            r.scope.value,
            "on" if r.default_enabled else "off",
        )
    _console().print(table)


@app.command()
def explain(code: Annotated[str, typer.Argument(help="Rule code or name, e.g. MT101.")]) -> None:
    """Print a rule's documentation."""
    try:
        r = registry.get(code)
    except MtcheckError as e:
        _error(str(e))
        raise typer.Exit(EXIT_INPUT) from None
    c = _console()
    c.print(f"[bold]{r.code} {r.name}[/bold]")
    c.print(
        f"category: {r.category}   severity: {r.severity.label}   scope: {r.scope.value}"
        f"   default: {'on' if r.default_enabled else 'off'}"
    )
    c.print()
    c.print("[bold]What it flags[/bold]")
    c.print(escape(r.doc.flags))
    for title, body in (
        ("Why it matters", r.doc.why),
        ("Example", r.doc.example),
        ("Does not flag", r.doc.does_not_flag),
    ):
        c.print()
        c.print(f"[bold]{title}[/bold]")
        c.print(escape(body))
    c.print()
    c.print("[bold]Options[/bold]")
    if not r.options:
        c.print("none")
    for o in r.options:
        c.print(f"{o.name} (default {o.default!r}): {escape(o.help)}")


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write("mtcheck: interrupted\n")
        sys.exit(130)
