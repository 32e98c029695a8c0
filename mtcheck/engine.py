"""Runs the selected rules over documents and assembles one RunResult.

Each document is processed independently by :func:`process` (a pure function of the document and
the settings, so it runs in worker processes or on a cluster); corpus-scope rules get a small
summary from each document and are reduced once all documents are in.
"""

from __future__ import annotations

import bisect
import gc
import hashlib
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any

from mtcheck import __version__
from mtcheck.analysis import Analysis
from mtcheck.baseline import Baseline
from mtcheck.baseline import apply as apply_baseline
from mtcheck.config import ActiveRule, Settings
from mtcheck.errors import InputError, InputSkipped
from mtcheck.langid import detect_language
from mtcheck.model import (
    Document,
    DocumentResult,
    Finding,
    Hit,
    RunResult,
    Scope,
    SourceMap,
    Suppression,
    Totals,
)
from mtcheck.score import Tally, apply_run_fluency, document_metrics, rescored


@dataclass(frozen=True)
class Processed:
    """One document's result plus what it contributes to corpus-scope rules."""

    result: DocumentResult
    summaries: Mapping[str, Any]
    #: indices of the document's inline suppressions that suppressed something
    used_suppressions: frozenset[int] = frozenset()
    #: scanned only as context for corpus-scope rules (e.g. unchanged files of a --diff scan)
    context_only: bool = False
    #: the document's inline suppressions, to report the unused ones
    suppressions: tuple[Suppression, ...] = ()
    #: an input skipped with a notice (binary file, FIFO, ...): listed apart, not a document
    skipped: InputSkipped | None = None


#: rules whose presence adds the name ``entities`` to the report (name and corpus drift)
ENTITY_RULES = frozenset({"MT501", "MT503"})
CORPUS_ENTITY_RULE = "MT503"


class RuleCrash(RuntimeError):
    """A rule raised or returned a span outside the text: a bug in mtcheck (exit code 3)."""


def _fingerprint(code: str, text: str, start: int, end: int, seen: dict[str, int]) -> str:
    # Rule, evidence and a little context on each side, never crossing a line break; no line
    # numbers, so edits elsewhere in the file keep the fingerprint. Repeats of the same
    # evidence in the same context get an ordinal.
    # windows bounded to the context width, so a long line with many findings stays linear
    lo = max(text.rfind("\n", max(0, start - 24), start) + 1, start - 24, 0)
    hi = text.find("\n", end, end + 24)
    hi = min(len(text) if hi == -1 else hi, end + 24)
    ctx = " ".join(text[lo:hi].split())
    base = f"{code}\x1f{text[start:end]}\x1f{ctx}"
    n = seen.get(base, 0)
    seen[base] = n + 1
    return hashlib.sha256(f"{base}\x1f{n}".encode()).hexdigest()[:20]


def _suppressed(
    doc: Document, code: str, start: int, settings: Settings, excerpt: str, used: set[int]
) -> bool:
    for i, s in enumerate(doc.suppressions):
        if s.start <= start < s.end and (not s.rules or any(code.startswith(r) for r in s.rules)):
            used.add(i)
            return True
    for p in settings.suppress:
        if p.applies(code, doc.path) and p.phrase.lower() in excerpt.lower():
            return True
    return False


def make_findings(
    doc: Document,
    hits: Iterable[tuple[ActiveRule, Hit]],
    settings: Settings,
    locator: SourceMap | None = None,
    used: set[int] | None = None,
) -> list[Finding]:
    """Turn rule hits into located, fingerprinted findings, dropping suppressed ones.

    Indices of the document's inline suppressions that matched are added to ``used``.
    """
    used = used if used is not None else set()
    text = doc.text
    loc = locator or doc.locator()
    seen: dict[str, int] = {}
    out: list[Finding] = []
    n = len(text)
    for active, hit in sorted(hits, key=lambda ah: (ah[1].start, ah[1].end, ah[0].rule.code)):
        r = active.rule
        if not (0 <= hit.start < hit.end <= n):
            raise RuleCrash(f"{r.code} returned span {hit.start}:{hit.end} outside {doc.id}")
        excerpt = text[hit.start : hit.end]
        if _suppressed(doc, r.code, hit.start, settings, excerpt, used):
            continue
        line, col = loc.line_col(hit.start)
        end_line, end_col = loc.end_line_col(hit.end)
        out.append(
            Finding(
                rule=r.code,
                name=r.name,
                category=r.category,
                severity=hit.severity if hit.severity is not None else active.severity,
                confidence=hit.confidence if hit.confidence is not None else r.confidence,
                message=hit.message,
                start=hit.start,
                end=hit.end,
                line=line + doc.line_offset,
                column=col,
                end_line=end_line + doc.line_offset,
                end_column=end_col,
                excerpt=excerpt,
                suggestion=hit.suggestion,
                fingerprint=_fingerprint(r.code, text, hit.start, hit.end, seen),
            )
        )
    return out


def drop_superseded(hits: list[tuple[ActiveRule, Hit]]) -> list[tuple[ActiveRule, Hit]]:
    """Drop hits that overlap a hit of a rule declaring it supersedes theirs."""
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for active, h in hits:
        for code in active.rule.supersedes:
            spans[code].append((h.start, h.end))
    if not spans:
        return hits
    # per superseded code: winner intervals sorted by start, with the running maximum end, so
    # "does any winner overlap [s, e)" is one binary search
    index: dict[str, tuple[list[int], list[int]]] = {}
    for code, items in spans.items():
        items.sort()
        starts = [a for a, _ in items]
        max_end: list[int] = []
        m = -1
        for _, b in items:
            m = max(m, b)
            max_end.append(m)
        index[code] = (starts, max_end)

    def beaten(code: str, s: int, e: int) -> bool:
        found = index.get(code)
        if found is None:
            return False
        starts, max_end = found
        i = bisect.bisect_left(starts, e)
        return i > 0 and max_end[i - 1] > s

    return [(a, h) for a, h in hits if not beaten(a.rule.code, h.start, h.end)]


def document_language(doc: Document, settings: Settings) -> str:
    if settings.lang != "auto":
        return settings.lang
    if doc.language:
        return doc.language
    return detect_language(doc.text) or "en"


def process(
    doc: Document, settings: Settings, keep_text: bool = True, context_only: bool = False
) -> Processed:
    """Check one document: segment, run document-level rules, collect corpus summaries.

    With ``context_only`` only corpus-scope summaries are collected (the document is context for
    the corpus, not reported).
    """
    language = document_language(doc, settings)
    analysis = Analysis(doc, language)
    hits: list[tuple[ActiveRule, Hit]] = []
    summaries: dict[str, Any] = {}
    for active in settings.active_rules(doc.path):
        r = active.rule
        if not r.applies_to(language) or (context_only and r.scope is not Scope.CORPUS):
            continue
        try:
            if r.scope is Scope.CORPUS:
                summaries[r.code] = r.check(analysis, active.options)
            else:
                for h in r.check(analysis, active.options):
                    hits.append((active, h))
        except RecursionError as e:  # pragma: no cover - defensive
            raise RuleCrash(f"{r.code} failed on {doc.id}: {e}") from e
    used: set[int] = set()
    findings = make_findings(doc, drop_superseded(hits), settings, used=used)
    metrics = {} if context_only else document_metrics(analysis, findings, settings)
    extra: dict[str, Any] = {}
    entity_rules = [a for a in settings.active_rules(doc.path) if a.rule.code in ENTITY_RULES]
    if entity_rules and not context_only:
        from mtcheck.names import document_entities

        extra["entities"] = document_entities(analysis, entity_rules[0].options)
    result = DocumentResult(
        id=doc.id,
        path=doc.path,
        language=language,
        words=analysis.word_count,
        findings=tuple(findings),
        metrics=metrics,
        text=doc.text if keep_text else None,
        extra=extra,
    )
    return Processed(result, summaries, frozenset(used), context_only, doc.suppressions)


def input_failure(err: InputError, settings: Settings) -> Processed:
    """What an input that yielded no document contributes: an error document, or (for a
    skipped input, unless ``strict``) a notice that ``assemble`` lists under ``skipped``."""
    if isinstance(err, InputSkipped) and not settings.strict:
        return Processed(error_result(err), {}, skipped=err)
    return Processed(error_result(err), {})


def error_result(err: InputError) -> DocumentResult:
    return DocumentResult(id=err.path, path=err.path, language=None, words=0, error=err.problem)


class CodeItems:
    """``(document id, summary)`` of one corpus-scope rule, read from per-document summaries
    ``(document id, path, {code: summary})`` each time it is iterated (a reduce may read its
    items more than once; the summaries may live in a file rather than in memory)."""

    def __init__(
        self, summaries: Iterable[tuple[str, str | None, Mapping[str, Any]]], code: str
    ) -> None:
        self._summaries = summaries
        self._code = code

    def __iter__(self) -> Iterator[tuple[str, Any]]:
        code = self._code
        for doc_id, _path, summary_map in self._summaries:
            if code in summary_map:
                yield doc_id, summary_map[code]


def corpus_hits(
    summaries: Iterable[tuple[str, str | None, Mapping[str, Any]]], settings: Settings
) -> dict[str, list[tuple[ActiveRule, Hit]]]:
    """Reduce corpus-scope summaries ``(doc_id, path, summaries)`` to hits per document id.

    ``summaries`` is read several times when it can be (a list, or a file-backed sequence);
    a one-shot iterator is first kept in a list.
    """
    if iter(summaries) is summaries:
        summaries = list(summaries)
    first_path: dict[str, str | None] = {}
    for _doc_id, path, summary_map in summaries:
        for code in summary_map:
            first_path.setdefault(code, path)
    return reduce_codes(
        {code: (path, CodeItems(summaries, code)) for code, path in first_path.items()}, settings
    )


def reduce_codes(
    by_code: Mapping[str, tuple[str | None, Iterable[tuple[str, Any]]]], settings: Settings
) -> dict[str, list[tuple[ActiveRule, Hit]]]:
    """Run each corpus-scope rule's reduce over its items: ``{code: (path of the first
    document with a summary, re-iterable (doc_id, summary))}`` to hits per document id."""
    extra: dict[str, list[tuple[ActiveRule, Hit]]] = defaultdict(list)
    actives = {a.rule.code: a for a in settings.active_rules(None)}
    for code, (path, items) in by_code.items():
        active = actives.get(code) or next(
            a for a in settings.active_rules(path) if a.rule.code == code
        )
        assert active.rule.reduce is not None
        for doc_id, hit in active.rule.reduce(items, active.options):
            extra[doc_id].append((active, hit))
    return extra


def merge_corpus_hits(
    p: Processed, doc: Document, hits: Sequence[tuple[ActiveRule, Hit]], settings: Settings
) -> Processed:
    """``p`` with the findings of corpus-scope ``hits`` on its document merged in, in order."""
    res = p.result
    used = set(p.used_suppressions)
    more = make_findings(doc, hits, settings, used=used)
    merged = tuple(sorted((*res.findings, *more), key=lambda f: (f.start, f.end, f.rule)))
    result = rescored(replace(res, findings=merged), settings)
    return replace(p, result=result, used_suppressions=frozenset(used))


def reduce_corpus(
    processed: Sequence[Processed], documents: Mapping[str, Document], settings: Settings
) -> list[Processed]:
    """Run corpus-scope rules over all summaries and merge their findings into the documents."""
    extra = corpus_hits(
        (
            (
                p.result.id,
                documents[p.result.id].path if p.result.id in documents else None,
                p.summaries,
            )
            for p in processed
            if p.summaries
        ),
        settings,
    )
    out = []
    for p in processed:
        if p.context_only:
            continue
        if p.result.id in extra and p.result.id in documents:
            p = merge_corpus_hits(p, documents[p.result.id], extra[p.result.id], settings)
        out.append(p)
    return out


def signature(settings: Settings) -> str:
    """What produced a report: version, rules with severities and options, language, gate."""
    return settings.derived("signature", _signature)


def _signature(settings: Settings) -> str:
    actives = settings.active_rules(None)
    spec = ";".join(
        f"{a.rule.code}={a.severity.label}:{sorted(a.options.items())}" for a in actives
    )
    digest = hashlib.sha256(spec.encode()).hexdigest()[:12]
    fail_on = settings.fail_on.label if settings.fail_on else "never"
    parts = [
        f"mtcheck:{__version__}",
        f"rules:{len(actives)}@{digest}",
        f"lang:{settings.lang}",
        f"fail-on:{fail_on}",
        f"mode:{'lines' if settings.lines else 'prose'}",
    ]
    weights = ",".join(f"{k}={v:g}" for k, v in settings.weights.items())
    parts.append(f"weights:{weights}")
    if settings.fluency_model:
        from mtcheck.metrics.fluency import load_model

        m = load_model(settings.fluency_model)
        parts.append(f"fluency:{m.name}@{m.digest}")
    if settings.reference or settings.reference_field:
        from mtcheck.metrics.reference import signature as reference_signature

        parts.append(f"reference:{reference_signature()}")
    return "|".join(parts)


#: while documents are processed, a full collection waits for this many collections of the
#: middle generation (Python's default is 10)
FULL_COLLECTION_WAIT = 1000


_COLLECTOR_LOCK = threading.Lock()
_collector_users = 0  # scans now inside rare_full_collections
_collector_saved = gc.get_threshold()  # the settings to restore when the last scan ends


@contextmanager
def rare_full_collections() -> Iterator[None]:
    """Let the cyclic garbage collector make full passes only rarely while documents are
    processed; its settings are restored afterwards.

    Checking a document leaves no reference cycles behind (a test checks every input format),
    so a full pass frees nothing, but it walks every object the process holds: lexicons, word
    caches, results. On the benchmark corpus that was 9 passes and about 5% of the scan's CPU
    time. Young objects are still collected as usual.
    """
    global _collector_users, _collector_saved
    with _COLLECTOR_LOCK:
        if not _collector_users:
            _collector_saved = saved = gc.get_threshold()
            gc.set_threshold(saved[0], saved[1], max(saved[2], FULL_COLLECTION_WAIT))
        _collector_users += 1
    try:
        yield
    finally:
        # scans may overlap (threads of a Dask worker): the last one out restores the settings
        with _COLLECTOR_LOCK:
            _collector_users -= 1
            if not _collector_users:
                gc.set_threshold(*_collector_saved)


@rare_full_collections()
def run(
    inputs: Iterable[Document | InputError],
    settings: Settings,
    keep_text: bool = True,
    report: Callable[[Document], bool] | None = None,
    baseline: Baseline | None = None,
) -> RunResult:
    """Process every input (in this process) and assemble the run's result.

    ``report`` selects the documents to report on (e.g. the files changed since a git
    revision); the others are still read as context for corpus-scope rules.
    """
    processed: list[Processed] = []
    documents: dict[str, Document] = {}
    needs_corpus = any(a.rule.scope is Scope.CORPUS for a in settings.active_rules(None))
    for item in inputs:
        if isinstance(item, InputError):
            processed.append(input_failure(item, settings))
            continue
        context_only = report is not None and not report(item)
        if context_only and not needs_corpus:
            continue
        p = process(item, settings, keep_text, context_only)
        processed.append(p)
        if needs_corpus and p.summaries:
            documents[item.id] = item
    return assemble(processed, documents, settings, baseline)


def with_unused_suppressions(p: Processed) -> DocumentResult:
    unused = [
        {"line": s.line, "rules": list(s.rules)}
        for i, s in enumerate(p.suppressions)
        if i not in p.used_suppressions
    ]
    if not unused:
        return p.result
    return replace(p.result, extra={**p.result.extra, "unused_suppressions": unused})


def assemble(
    processed: Sequence[Processed],
    documents: Mapping[str, Document],
    settings: Settings,
    baseline: Baseline | None = None,
    skipped: Sequence[InputSkipped] = (),
    entity_items: Iterable[tuple[str, Any]] | None = None,
) -> RunResult:
    """One RunResult from processed documents; skipped inputs become ``extra["skipped"]``.

    ``entity_items`` (re-iterable ``(doc_id, summary)`` of the corpus name rule) replaces the
    summaries of ``processed`` for the run's entities when the caller keeps them elsewhere
    (the streamed report keeps them in a file).
    """
    skipped = [*skipped, *(p.skipped for p in processed if p.skipped is not None)]
    processed = [p for p in processed if p.skipped is None]
    kept = (
        reduce_corpus(processed, documents, settings)
        if documents
        else [p for p in processed if not p.context_only]
    )
    if settings.report_unused_suppressions:
        results = tuple(with_unused_suppressions(p) for p in kept)
    else:
        results = tuple(p.result for p in kept)
    results = tuple(apply_run_fluency(list(results), settings))
    # always present (possibly empty), so a consumer can rely on the key
    extra: dict[str, Any] = {"skipped": [{"path": s.path, "reason": s.reason} for s in skipped]}
    if baseline is not None:
        outcome = apply_baseline(results, baseline)
        # a document that lost known findings is scored on the findings it keeps
        results = tuple(
            after if after is before else rescored(after, settings)
            for before, after in zip(results, outcome.documents, strict=True)
        )
        extra["baseline"] = {
            "file": baseline.path,
            "suppressed": outcome.suppressed,
            "disappeared": outcome.disappeared,
        }
    items = entity_items
    if items is None:
        triples = [(p.result.id, p.result.path, p.summaries) for p in processed]
        items = CodeItems(triples, CORPUS_ENTITY_RULE)
    return _run_result(results, Tally.of(results, settings), settings, extra, items, None)


def assemble_totals(
    tally: Tally,
    settings: Settings,
    skipped: Sequence[InputSkipped],
    entity_items: Iterable[tuple[str, Any]],
) -> RunResult:
    """The RunResult of a run whose documents went to a streamed report: ``tally`` counted
    them; the result keeps only its totals (:class:`~mtcheck.model.Totals`)."""
    extra: dict[str, Any] = {"skipped": [{"path": s.path, "reason": s.reason} for s in skipped]}
    errors = tuple(tally.errors[at] for at in sorted(tally.errors))
    totals = Totals(tally.documents, tally.words, dict(tally.by_severity), errors)
    return _run_result((), tally, settings, extra, entity_items, totals)


def _run_result(
    results: tuple[DocumentResult, ...],
    tally: Tally,
    settings: Settings,
    extra: dict[str, Any],
    entity_items: Iterable[tuple[str, Any]],
    totals: Totals | None,
) -> RunResult:
    metrics = tally.metrics()
    gate = tally.gate(metrics)
    if next(iter(entity_items), None) is not None:
        from mtcheck.names import run_entities

        active = {a.rule.code: a for a in settings.active_rules(None)}.get(CORPUS_ENTITY_RULE)
        extra["entities"] = run_entities(entity_items, active.options if active else {})
    return RunResult(
        documents=results,
        signature=signature(settings),
        fail_on=settings.fail_on,
        passed=gate.passed,
        failed_conditions=gate.failed,
        metrics=metrics,
        extra=extra,
        totals=totals,
    )
