"""The command line: the only place that prints or chooses an exit code.

Exit codes: 0 scanned and the gate passed; 1 scanned and the gate failed; 2 usage, configuration
or input error (readable inputs are still scanned and reported); 3 internal error.
"""

from __future__ import annotations

import io
import os
import signal
import sys
import threading
import traceback
from collections.abc import Callable, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from mtcheck import __version__, engine
from mtcheck import baseline as baseline_mod
from mtcheck.config import Settings, resolve
from mtcheck.errors import ConfigError, MtcheckError, OutputError, printable
from mtcheck.gitdiff import changed_files, read_file_list
from mtcheck.load import iter_documents
from mtcheck.model import Document, RunResult, Severity
from mtcheck.report import github, junit, rulesdoc, sarif, terminal, write_atomic
from mtcheck.report import json as json_report
from mtcheck.rules import registry

EXIT_OK, EXIT_GATE, EXIT_INPUT, EXIT_INTERNAL = 0, 1, 2, 3
#: after Ctrl-C and after SIGTERM: 128 + the signal's number, as shells report a signal
EXIT_INTERRUPTED, EXIT_TERMINATED = 130, 143

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
    sarif = "sarif"
    junit = "junit"
    github = "github"
    html = "html"


class FailOn(StrEnum):
    minor = "minor"
    major = "major"
    critical = "critical"
    never = "never"


class PenaltyScope(StrEnum):
    run = "run"
    document = "document"


# The HTML report's module (jinja2, its templates: 30 ms) is imported only by a run that
# writes HTML.
def _render_html(run: RunResult) -> str:
    from mtcheck.report import html

    return html.render(run)


def _write_html(run: RunResult, target: str | Path) -> None:
    from mtcheck.report import html

    html.write(run, target)  # large runs split into an index plus pages


RENDERERS: dict[Format, Callable[[RunResult], str]] = {
    Format.json: json_report.render,
    Format.sarif: sarif.render,
    Format.junit: junit.render,
    Format.github: github.render,
    Format.html: _render_html,
}

#: the HTML report `mtcheck scan` writes when no --format is given
DEFAULT_REPORT_NAME = "mtcheck-report.html"


def _console(stderr: bool = False) -> Console:
    return Console(
        stderr=stderr,
        no_color="NO_COLOR" in os.environ,
        highlight=False,
        soft_wrap=True,
        emoji=False,
    )


def _error(message: str) -> None:
    # one line, whatever file name or record id the message carries: a name holding a line
    # break must not forge a second line (a CI runner reads "::error::" lines as commands)
    _console(stderr=True).print(f"mtcheck: error: {escape(_clean(message))}", highlight=False)


def _clean(s: str) -> str:
    # a file name from a directory walk: "?" shows that the name has such a character
    return printable(s, "?")


def _notice(message: str) -> None:
    _console(stderr=True).print(f"mtcheck: notice: {escape(_clean(message))}", highlight=False)


def _notices(run: RunResult) -> None:
    """One line on stderr per skipped input (a binary file, a FIFO, a device)."""
    for s in run.skipped:
        _notice(f"{s['path']}: skipped: {s['reason']}")


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


class _Terminated(BaseException):
    """SIGTERM (a supervisor, ``timeout``, a cancelled CI job), raised in the main thread as
    Ctrl-C raises KeyboardInterrupt, so that a scan stops its workers and removes a half-written
    report on the way out instead of dying where it stands (its workers, writing to a parent
    that is gone, would print tracebacks)."""


#: the process that installed the SIGTERM handler (see :func:`main`)
_HANDLER_PID: list[int] = []


def _raise_terminated(signum: int, frame: object) -> None:
    if _HANDLER_PID and os.getpid() != _HANDLER_PID[0]:
        # a forked worker that has not yet reset the handler it inherited: end as the default
        # handler would, without a traceback
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGTERM)
        return
    _stop_watchdog("terminated", EXIT_TERMINATED)
    raise _Terminated


def _raise_interrupted(signum: int, frame: object) -> None:
    if not _HANDLER_PID or os.getpid() == _HANDLER_PID[0]:
        _stop_watchdog("interrupted", EXIT_INTERRUPTED)
    raise KeyboardInterrupt  # as Python's own handler does


#: seconds a stop (Ctrl-C, SIGTERM) may take to stop the workers and remove a half-written
#: report before the process ends without finishing that
STOP_GRACE_SECONDS = 10.0
_WATCHDOG: list[threading.Timer] = []


def _stop_watchdog(message: str, code: int) -> None:
    """Start, once, a timer that ends the process if stopping hangs: a pool of worker
    processes can deadlock in its own shutdown when the signal lands while the main thread
    holds one of the pool's locks. Temporary files are anonymous or not yet made while a scan
    runs, so ending here leaves nothing behind."""
    if _WATCHDOG:
        return

    def give_up() -> None:
        os.write(2, f"mtcheck: error: {message}\n".encode())
        os._exit(code)

    timer = threading.Timer(STOP_GRACE_SECONDS, give_up)
    timer.daemon = True
    timer.start()
    _WATCHDOG.append(timer)


def _guarded(debug: bool, body: Callable[[], int]) -> None:
    """Run a command body, mapping typed errors and bugs to exit codes and one-line messages."""
    try:
        code = body()
    except MtcheckError as e:
        _error(str(e))
        raise typer.Exit(EXIT_INPUT) from None
    except KeyboardInterrupt:
        _error("interrupted")
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except _Terminated:
        _error("terminated")
        raise typer.Exit(EXIT_TERMINATED) from None
    except typer.Exit:
        raise
    except Exception as e:  # a bug: short message, details with --debug
        if debug:
            traceback.print_exc()
        _error(f"internal error: {type(e).__name__}: {e} (run with --debug for details)")
        raise typer.Exit(EXIT_INTERNAL) from None
    raise typer.Exit(code)


# Options shared by `scan` and `baseline create`.
PathsArg = Annotated[
    list[str] | None, typer.Argument(help="Files, directories, or - for standard input.")
]
SelectOpt = Annotated[
    list[str] | None, typer.Option(help="Only these rules (codes, prefixes, names).")
]
ExtendSelectOpt = Annotated[list[str] | None, typer.Option(help="Add rules to the selection.")]
IgnoreOpt = Annotated[list[str] | None, typer.Option(help="Skip these rules.")]
LangOpt = Annotated[str | None, typer.Option(help="Expected language (ISO 639-1), or 'auto'.")]
LinesOpt = Annotated[
    bool | None, typer.Option("--lines", help="Each line of a file is one segment.")
]
TextFieldOpt = Annotated[
    str | None, typer.Option(help="JSONL field holding the text (default: text).")
]
IdFieldOpt = Annotated[str | None, typer.Option(help="JSONL field holding the document id.")]
IncludeOpt = Annotated[list[str] | None, typer.Option(help="Glob of files to scan in directories.")]
ExcludeOpt = Annotated[list[str] | None, typer.Option(help="Glob of files to skip.")]
ConfigOpt = Annotated[
    Path | None, typer.Option(help="Configuration file (default: discovered upwards).")
]
DebugOpt = Annotated[bool, typer.Option(help="Show tracebacks of internal errors.")]


def _common(
    select: list[str] | None,
    extend_select: list[str] | None,
    ignore: list[str] | None,
    lang: str | None,
    lines: bool | None,
    text_field: str | None,
    id_field: str | None,
    include: list[str] | None,
    exclude: list[str] | None,
) -> dict[str, Any]:
    return {
        "select": _split(select),
        "extend_select": _split(extend_select),
        "ignore": _split(ignore),
        "lang": lang,
        "lines": lines,
        "text_field": text_field,
        "id_field": id_field,
        "include": _split(include),
        "exclude": _split(exclude),
    }


def _norm(path: str) -> str:
    return os.path.normpath(os.path.abspath(path))


def _report_filter(
    diff: str | None, files_from: str | None, stdin_list: str | None
) -> Callable[[Document], bool] | None:
    """Which documents to report on: changed since ``diff`` and/or listed in ``files_from``."""
    wanted: set[str] | None = None
    if diff is not None:
        wanted = changed_files(diff)
    if files_from is not None:
        listed = {_norm(p) for p in read_file_list(files_from, stdin_list)}
        wanted = listed if wanted is None else wanted & listed
    if wanted is None:
        return None
    chosen = wanted

    def report(doc: Document) -> bool:
        return doc.path is not None and _norm(doc.path) in chosen

    return report


@app.command()
def scan(
    paths: PathsArg = None,
    fmt: Annotated[
        list[str] | None,
        typer.Option(
            "--format",
            "-f",
            help="Output format: text, json, sarif, junit, github or html; FORMAT=FILE writes it "
            "to FILE. Repeat for several.",
        ),
    ] = None,
    output: Annotated[
        list[str] | None,
        typer.Option("--output", "-o", help="Write the matching --format to this file."),
    ] = None,
    fail_on: Annotated[
        FailOn | None, typer.Option(help="Lowest severity that fails the gate (default major).")
    ] = None,
    max_findings: Annotated[
        int | None, typer.Option(help="Fail the gate when there are more findings than this.")
    ] = None,
    max_penalty: Annotated[
        float | None, typer.Option(help="Fail the gate above this penalty per 1,000 words.")
    ] = None,
    penalty_scope: Annotated[
        PenaltyScope | None,
        typer.Option(help="--max-penalty applies to the whole run or to each document."),
    ] = None,
    exit_zero: Annotated[
        bool, typer.Option("--exit-zero", help="Exit 0 even when the gate fails.")
    ] = False,
    baseline: Annotated[
        Path | None, typer.Option(help="Report and gate only findings not in this baseline.")
    ] = None,
    diff: Annotated[
        str | None, typer.Option(help="Report only files changed in git since this revision.")
    ] = None,
    files_from: Annotated[
        str | None, typer.Option(help="Report only the files listed in this file (- for stdin).")
    ] = None,
    report_unused_suppressions: Annotated[
        bool,
        typer.Option(
            "--report-unused-suppressions",
            help="List inline suppressions that matched nothing (in the terminal listing, "
            "the JSON report and GitHub annotations).",
        ),
    ] = False,
    select: SelectOpt = None,
    extend_select: ExtendSelectOpt = None,
    ignore: IgnoreOpt = None,
    lang: LangOpt = None,
    lines: LinesOpt = None,
    text_field: TextFieldOpt = None,
    id_field: IdFieldOpt = None,
    include: IncludeOpt = None,
    exclude: ExcludeOpt = None,
    encoding: Annotated[str | None, typer.Option(help="Input encoding (default utf-8).")] = None,
    errors: Annotated[
        str | None, typer.Option("--errors", help="On undecodable bytes: strict or replace.")
    ] = None,
    max_file_size: Annotated[
        int | None,
        typer.Option(
            help="A file larger than this many bytes is an input error, not scanned "
            "(JSON Lines: such a record)."
        ),
    ] = None,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict",
            help="Binary files, FIFOs and devices are input errors (exit 2), not skipped.",
        ),
    ] = False,
    config: ConfigOpt = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            help="Worker processes (default: the jobs key of the configuration, else the number "
            "of cores; at most two per core).",
        ),
    ] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Rescan every file; ignore .mtcheck_cache/.")
    ] = False,
    dask: Annotated[
        str | None,
        typer.Option(
            help="Run on a Dask cluster, e.g. tcp://scheduler:8786 (needs mtcheck[dask])."
        ),
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
    report_dir: Annotated[
        Path,
        typer.Option(help="Where the default HTML report goes (when no --format is given)."),
    ] = Path("reports"),
    no_report: Annotated[
        bool, typer.Option("--no-report", help="Do not write the default HTML report.")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only the summary line.")] = False,
    debug: DebugOpt = False,
) -> None:
    """Scan documents for garbled machine translation."""

    def body() -> int:
        if errors is not None and errors not in ("strict", "replace"):
            raise ConfigError("--errors must be 'strict' or 'replace'")
        cli: dict[str, Any] = {
            "fail_on": None if fail_on in (None, FailOn.never) else Severity.parse(fail_on),
            "max_findings": max_findings,
            "max_penalty": max_penalty,
            "penalty_scope": penalty_scope.value if penalty_scope else None,
            "exit_zero": exit_zero or None,
            "report_unused_suppressions": report_unused_suppressions or None,
            "encoding": encoding,
            "decode_errors": errors,
            "max_file_size": max_file_size,
            "strict": strict or None,
            "jobs": jobs,
            "fluency_model": fluency_model,
            "reference": reference,
            "run_fluency": run_fluency,
            **_common(
                select, extend_select, ignore, lang, lines, text_field, id_field, include, exclude
            ),
        }
        settings = resolve(cli, config_file=config)
        _check_models(settings)
        if fail_on is FailOn.never:
            settings = settings.with_(fail_on=None)
        if files_from == "-" and "-" in (paths or []):
            raise ConfigError("standard input cannot be both the list of files and an input")
        stdin_list = (
            sys.stdin.buffer.read().decode("utf-8", "surrogateescape")
            if files_from == "-"
            else None
        )
        only = _report_filter(diff, files_from, stdin_list)
        inputs = list(paths or [])
        if not inputs and files_from is not None:
            inputs = read_file_list(files_from, stdin_list)
        if not inputs:
            raise ConfigError("no input given: name files, directories, or - for standard input")
        formats, outputs = _pair_outputs(fmt or ["text"], output or [])
        base = baseline_mod.load(baseline) if baseline is not None else None
        _check_targets(outputs, inputs, settings)
        default_html = not fmt and not no_report
        # the HTML report shows the documents' text, and the terminal each finding's context;
        # other runs need not carry the text around
        keep_text = (
            default_html
            or Format.html in formats
            or (Format.text in formats and not quiet)
            or settings.run_fluency
        )
        run, written = _scan(
            inputs, settings, formats, outputs, only, base, no_cache, dask, jobs, keep_text
        )
        code = _emit(run, settings, formats, outputs, quiet, written)
        if default_html:
            report = report_dir / DEFAULT_REPORT_NAME
            try:
                _write_html(run, report)
                typer.echo(f"HTML report: {report}")
            except OSError as e:
                _error(f"could not write the HTML report {report}: {e.strerror or e}")
                code = max(code, EXIT_INPUT)
        return code

    _guarded(debug, body)


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


def _check_targets(
    outputs: Sequence[str | None], inputs: Sequence[str], settings: Settings
) -> None:
    """Refuse, before the scan rather than after minutes of it, report targets that are
    folders, that the scan reads (an input would be replaced by its report), or that two
    reports share (one would be lost, or standard output would mix two formats)."""
    from mtcheck.load import would_read

    files: dict[str, str] = {}
    to_stdout = 0
    for target in outputs:
        if target in (None, "-"):
            to_stdout += 1
            continue
        if os.path.isdir(target) or target.endswith(("/", os.sep)):
            raise OutputError(f"{target}: is a folder; name a report file")
        if would_read(target, inputs, settings):
            raise OutputError(f"{target}: is an input of this scan; name another report file")
        key = os.path.realpath(target)
        if key in files:
            raise OutputError(f"{target}: two reports would be written to this file")
        files[key] = target
    if to_stdout > 1:
        raise OutputError("only one report can go to standard output; give the others files")


def _pair_outputs(formats: list[str], outputs: list[str]) -> tuple[list[Format], list[str | None]]:
    """Each --format with its file: ``FORMAT=FILE``, else the --output options in order."""
    pairs: list[tuple[Format, str | None]] = []
    pending = list(outputs)
    for value in formats:
        name, sep, path = value.partition("=")
        try:
            f = Format(name.strip().lower())
        except ValueError:
            raise ConfigError(
                f"unknown format {name!r} (choose from {', '.join(x.value for x in Format)})"
            ) from None
        if sep and not path:
            raise ConfigError(f"--format {value}: no file after '='")
        pairs.append((f, path if sep else None))
    for i, (f, target) in enumerate(pairs):
        if target is None and pending:
            pairs[i] = (f, pending.pop(0))
    if pending:
        raise ConfigError("more --output than --format options; pair each output with one")
    return [f for f, _ in pairs], [p for _, p in pairs]


def _scan(
    inputs: list[str],
    settings: Settings,
    formats: list[Format],
    outputs: list[str | None],
    only: Callable[[Document], bool] | None,
    base: baseline_mod.Baseline | None,
    no_cache: bool,
    dask_address: str | None,
    jobs: int | None,
    keep_text: bool = False,
) -> tuple[RunResult, str | None]:
    """Run the scan; returns the result and the JSON file already written by streaming."""
    from mtcheck import parallel
    from mtcheck.cache import Cache

    if "-" in inputs:
        run = engine.run(
            iter_documents(inputs, settings), settings, keep_text, report=only, baseline=base
        )
        return run, None
    cache = None if no_cache else Cache(settings)
    if cache is not None:
        cache.sweep()  # at most once a day: entries of edited files would pile up
    backend: parallel.Backend
    if dask_address is not None:
        from mtcheck.distributed import DaskBackend

        backend = DaskBackend.connect(dask_address, settings, keep_text)
    else:
        asked = jobs if jobs is not None else settings.jobs
        n = parallel.cpu_count() if asked is None else parallel.usable_jobs(asked)
        if asked is not None and n < asked:
            _notice(f"{asked} jobs asked, {n} used ({parallel.MAX_JOBS_PER_CORE} per core)")
        backend = parallel.backend_for(settings, keep_text, n)
    # one JSON file and nothing else to render: stream the documents into it, memory flat
    # (a fluency model fitted on the run needs every text at the end: not streamed)
    streamable = base is None and not settings.run_fluency
    if formats == [Format.json] and outputs[0] not in (None, "-") and streamable:
        target = str(outputs[0])
        try:
            return parallel.scan_to_json(inputs, settings, target, backend, cache, only), target
        except OSError as e:
            raise OutputError(f"cannot write the report {target}: {e.strerror or e}") from None
    run = parallel.scan(
        inputs,
        settings,
        cache=cache,
        keep_text=keep_text,
        report=only,
        baseline=base,
        backend=backend,
    )
    return run, None


def _write_report(run: RunResult, f: Format, target: str, quiet: bool) -> None:
    """One report file, whole or not at all."""
    if f is Format.html:
        _write_html(run, target)
    elif f is Format.text:
        buffer = io.StringIO()
        terminal.render(run, Console(file=buffer, no_color=True, width=100), quiet)
        write_atomic(target, buffer.getvalue())
    else:
        write_atomic(target, RENDERERS[f](run))


def _emit(
    run: RunResult,
    settings: Settings,
    formats: list[Format],
    outputs: list[str | None],
    quiet: bool,
    written: str | None = None,
) -> int:
    stdout_taken = False
    unwritten = False
    for f, target in zip(formats, outputs, strict=True):
        if f is Format.json and written is not None and target == written:
            continue
        if not target or target == "-":
            if f is Format.text:
                terminal.render(run, _console(), quiet)
            else:
                sys.stdout.write(RENDERERS[f](run))
            stdout_taken = True
            continue
        try:
            _write_report(run, f, target, quiet)
        except OSError as e:
            # the other reports are still written
            _error(f"cannot write the report {target}: {e.strerror or e}")
            unwritten = True
    if not stdout_taken and not quiet:
        terminal.render(run, _console(stderr=True), quiet=True)
    _notices(run)
    for d in run.errors:
        _error(f"{d.id}: {d.error}")
    if run.errors or unwritten:
        return EXIT_INPUT
    return EXIT_OK if run.passed or settings.exit_zero else EXIT_GATE


@app.command()
def fit(
    paths: Annotated[list[str], typer.Argument(help="Clean texts: files or directories.")],
    output: Annotated[str, typer.Option("--output", "-o", help="Model file to write.")],
    name: Annotated[str | None, typer.Option(help="Model name (default: the file's stem).")] = None,
    vocab_size: Annotated[int, typer.Option(help="Subword vocabulary size.")] = 8000,
    lines: LinesOpt = None,
    text_field: TextFieldOpt = None,
    config: ConfigOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Train a house fluency model on a team's own clean texts."""

    def body() -> int:
        from mtcheck.metrics.fit import fit_model

        settings = resolve({"lines": lines, "text_field": text_field}, config_file=config)
        model_name = name or Path(output).name.split(".")[0] or "house"
        stats = fit_model(paths, output, settings, model_name, vocab_size, _console(stderr=True))
        _console(stderr=True).print(
            f"wrote {escape(output)}: {stats['documents']} documents, {stats['sentences']} "
            f"sentences, {stats['vocab']} pieces, model {escape(stats['name'])}@{stats['digest']}",
            highlight=False,
        )
        return EXIT_INPUT if stats["errors"] else EXIT_OK

    _guarded(debug, body)


baseline_app = typer.Typer(help="Record today's findings so the gate judges only new ones.")
app.add_typer(baseline_app, name="baseline")


@baseline_app.command("create")
def baseline_create(
    paths: PathsArg = None,
    output: Annotated[Path, typer.Option("--output", "-o", help="Baseline file to write.")] = Path(
        "mtcheck-baseline.json"
    ),
    select: SelectOpt = None,
    extend_select: ExtendSelectOpt = None,
    ignore: IgnoreOpt = None,
    lang: LangOpt = None,
    lines: LinesOpt = None,
    text_field: TextFieldOpt = None,
    id_field: IdFieldOpt = None,
    include: IncludeOpt = None,
    exclude: ExcludeOpt = None,
    config: ConfigOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Scan PATHS and write every finding to a baseline file."""

    def body() -> int:
        cli = _common(
            select, extend_select, ignore, lang, lines, text_field, id_field, include, exclude
        )
        settings = resolve(cli, config_file=config)
        if not paths:
            raise ConfigError("no input given: name files or directories")
        run = engine.run(iter_documents(paths, settings), settings, keep_text=False)
        write_atomic(output, baseline_mod.render(run))
        _notices(run)
        _console(stderr=True).print(
            f"baseline: {run.findings_count} finding(s) in {run.documents_count} document(s) "
            f"written to {escape(str(output))}",
            highlight=False,
        )
        for d in run.errors:
            _error(f"{d.id}: {d.error}")
        return EXIT_INPUT if run.errors else EXIT_OK

    _guarded(debug, body)


class RulesFormat(StrEnum):
    table = "table"
    markdown = "markdown"
    json = "json"


@app.command("rules")
def rules_cmd(
    fmt: Annotated[
        RulesFormat, typer.Option("--format", "-f", help="table, markdown or json.")
    ] = RulesFormat.table,
) -> None:
    """List every rule: code, name, category, default severity, scope, on by default."""
    if fmt is RulesFormat.markdown:
        sys.stdout.write(rulesdoc.markdown())
        return
    if fmt is RulesFormat.json:
        sys.stdout.write(rulesdoc.as_json())
        return
    table = Table(show_header=True, header_style="bold", box=None)
    for col in ("code", "name", "category", "severity", "scope", "default"):
        table.add_column(col, no_wrap=True)
    for r in registry.all_rules():
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
    sections = (
        ("What it flags", r.doc.flags),
        ("Why it matters", r.doc.why),
        ("Example", r.doc.example),
        ("Does not flag", r.doc.does_not_flag),
    )
    for title, body in sections:
        c.print()
        c.print(f"[bold]{title}[/bold]")
        c.print(escape(body))
    c.print()
    c.print("[bold]Options[/bold]")
    if not r.options:
        c.print("none")
    for o in r.options:
        c.print(f"{o.name} (default {o.default!r}): {escape(o.help)}")


@app.command()
def prepare(
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors.")] = False,
    debug: DebugOpt = False,
) -> None:
    """Convert the language data into the data cache now, so the first scan starts warm.

    For container images and CI cache steps: run it once where the cache will be kept
    (~/.cache/mtcheck, or MTCHECK_DATA_CACHE). Scans fill the cache by themselves otherwise.
    """
    from mtcheck.prepare import prepare as fill

    console = _console(stderr=True)

    def progress(name: str) -> None:
        if not quiet:
            console.print(f"  {escape(name)}", highlight=False)

    def body() -> int:
        done = fill(progress)
        if not quiet:
            _console().print(
                f"data cache ready: {len(done.entries)} tables, {done.size / 1e6:,.0f} MB in "
                f"{escape(str(done.root))}",
                highlight=False,
            )
        return EXIT_OK

    _guarded(debug, body)


def main() -> None:
    """Console-script entry point."""
    if threading.current_thread() is threading.main_thread():  # only there can it be set
        _HANDLER_PID[:] = [os.getpid()]
        signal.signal(signal.SIGTERM, _raise_terminated)
        # not where the shell made the process ignore Ctrl-C (a background job)
        if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
            signal.signal(signal.SIGINT, _raise_interrupted)
    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write("mtcheck: interrupted\n")
        sys.exit(EXIT_INTERRUPTED)
    except _Terminated:
        sys.stderr.write("mtcheck: terminated\n")
        sys.exit(EXIT_TERMINATED)
