"""The HTML report editors work from: one self-contained page, or an index plus a page per document.

Every page carries its own styles and script inline and loads nothing else; it reads fully with
JavaScript disabled (the script only adds filtering, search and keyboard navigation). Scanned text,
file names and messages reach the page only escaped (by Jinja2 autoescaping, or by
:func:`text_body` with the same entities for the highlighted text), never in a script context, and
a Content-Security-Policy allows only the page's own style and script (by hash) and data: images.

Large runs: above :data:`SPLIT_DOCUMENTS` documents (or :data:`SPLIT_CHARS` characters of text),
:func:`write` produces ``NAME.html`` (overview, ranking, corpus entities) plus ``NAME_files/N.html``
for the N-th document of the run. File names come from that counter only, never from document ids
or scanned text, so nothing in the input can choose where a file lands.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import itertools
import math
import os
import re
import shutil
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2
from markupsafe import Markup

from mtcheck import __version__
from mtcheck.model import DocumentResult, Finding, RunResult, Severity
from mtcheck.report import write_atomic

#: split into an index plus one file per document above this many documents
SPLIT_DOCUMENTS = 200
#: ... or above this many characters of document text in total
SPLIT_CHARS = 4_000_000
#: sentences whose fluency is at or below this get a margin marker (at most WORST_SENTENCES)
FLUENCY_MARK_BELOW = 0.5
WORST_SENTENCES = 5
#: links listed per entity spelling before "and N more"
MAX_LINKS = 40

_SEVERITIES = (Severity.CRITICAL, Severity.MAJOR, Severity.MINOR)
# A shape per severity, so the list and legend read in greyscale and for colour-blind readers.
_GLYPH = {Severity.CRITICAL: "▲", Severity.MAJOR: "◆", Severity.MINOR: "○"}


@cache
def _assets() -> tuple[str, str, str]:
    """The stylesheet, the script, and the CSP that admits exactly those two."""
    base = resources.files("mtcheck.report") / "templates"
    # every page of a split report carries these, so drop what only the source reader needs
    css = "".join(
        line.strip() for line in (base / "report.css").read_text(encoding="utf-8").splitlines()
    )
    js = "\n".join(
        stripped
        for line in (base / "report.js").read_text(encoding="utf-8").splitlines()
        if (stripped := line.strip()) and not stripped.startswith("//")
    )

    def sha(s: str) -> str:
        return base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode("ascii")

    csp = (
        "default-src 'none'; "
        f"style-src 'sha256-{sha(css)}'; "
        f"script-src 'sha256-{sha(js)}'; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    return css, js, csp


@cache
def _env() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("mtcheck.report", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["num"] = _num
    return env


def _num(value: Any, digits: int = 1) -> str:
    if isinstance(value, bool) or value is None:
        return "–"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        if math.isnan(value):
            return "–"
        return f"{value:,.{digits}f}"
    return str(value)


# ---------------------------------------------------------------------------- scores and ranks


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    v = float(value)
    return None if math.isnan(v) else v


@dataclass(frozen=True)
class ScoreKind:
    key: str
    label: str
    #: True when a higher value is better (quality score), False for penalties
    higher_is_better: bool


QUALITY = ScoreKind("quality_score", "quality score (0–100, higher is better)", True)
PENALTY = ScoreKind("penalty_per_1000_words", "penalty per 1,000 words (lower is better)", False)


def score_kind(run: RunResult) -> ScoreKind:
    """Quality score when every readable document has one, else the MQM-style penalty."""
    readable = [d for d in run.documents if d.error is None]
    if readable and all(_number(d.metrics.get("quality_score")) is not None for d in readable):
        return QUALITY
    return PENALTY


def ranked(run: RunResult, kind: ScoreKind) -> list[int]:
    """Indices of documents, worst first; unreadable documents last, in input order."""

    def key(i: int) -> tuple[int, float, int, int]:
        d = run.documents[i]
        if d.error is not None:
            return (1, 0.0, 0, i)
        v = _number(d.metrics.get(kind.key)) or 0.0
        worst = sum(f.severity for f in d.findings)
        return (0, v if kind.higher_is_better else -v, -worst, i)

    return sorted(range(len(run.documents)), key=key)


def _bins(kind: ScoreKind) -> list[tuple[float, float, str]]:
    if kind.higher_is_better:
        return [(lo, lo + 10, f"{lo:g}–{lo + 10:g}") for lo in range(0, 100, 10)]
    edges = [0.0, 1.0, 5.0, 10.0, 25.0, 50.0, 100.0, 250.0, math.inf]
    out = [(0.0, 0.0, "0")]
    for lo, hi in itertools.pairwise(edges):
        out.append((lo, hi, f">{lo:g}" if hi == math.inf else f"{lo:g}–{hi:g}"))
    return out


def histogram(run: RunResult, kind: ScoreKind) -> dict[str, Any]:
    """Bars for the score distribution chart, laid out for an inline SVG."""
    bins = _bins(kind)
    counts = [0] * len(bins)
    for d in run.documents:
        if d.error is not None:
            continue
        v = _number(d.metrics.get(kind.key))
        if v is None:
            continue
        for j, (lo, hi, _) in enumerate(bins):
            if kind.higher_is_better:
                last = j == len(bins) - 1
                if lo <= v < hi or (last and v >= lo):
                    counts[j] += 1
                    break
            elif (lo == hi == v) or (lo < v <= hi):
                counts[j] += 1
                break
    top = max(counts) or 1
    width, height, pad = 56, 140, 24
    bars = []
    for j, ((_, _, label), n) in enumerate(zip(bins, counts, strict=True)):
        h = round(height * n / top) if n else 0
        bars.append(
            {
                "x": j * width + 8,
                "y": pad + height - h,
                "w": width - 16,
                "h": h,
                "n": n,
                "label": label,
                "cx": j * width + width // 2,
            }
        )
    return {
        "bars": bars,
        "width": len(bins) * width + 8,
        "height": pad + height + 34,
        "base": pad + height,
        "label_y": pad + height + 16,
    }


# ---------------------------------------------------------------------------- document text


@dataclass
class Mark:
    index: int
    sev: str
    depth: int
    #: set on the first segment of a finding: the anchor its list entry links to
    anchor: str | None


@dataclass
class Segment:
    text: str
    marks: list[Mark] = field(default_factory=list)
    #: entity occurrence anchors that start here
    entities: list[str] = field(default_factory=list)
    #: a margin marker for a low-fluency sentence starting here: (score, rank)
    fluency: tuple[float, int] | None = None


def _entity_offsets(d: DocumentResult, prefix: str) -> tuple[list[dict[str, Any]], dict[int, str]]:
    """The document's entities for display, and anchor ids keyed by occurrence start."""
    raw = d.extra.get("entities")
    if not isinstance(raw, list) or d.text is None:
        return [], {}
    n = len(d.text)
    anchors: dict[int, str] = {}
    out: list[dict[str, Any]] = []
    for ei, ent in enumerate(raw):
        if not isinstance(ent, Mapping):
            continue
        spellings = []
        for si, sp in enumerate(ent.get("spellings") or ()):
            if not isinstance(sp, Mapping):
                continue
            links: list[str] = []
            for oi, occ in enumerate(sp.get("offsets") or ()):
                try:
                    start, end = int(occ[0]), int(occ[1])
                except (TypeError, ValueError, IndexError):
                    continue
                if not 0 <= start < end <= n:
                    continue
                aid = anchors.setdefault(start, f"{prefix}e{ei}-{si}-{oi}")
                if len(links) < MAX_LINKS:
                    links.append(aid)
            count = sp.get("count")
            spellings.append(
                {
                    "text": str(sp.get("text", "")),
                    "count": count if isinstance(count, int) else len(links),
                    "links": links,
                }
            )
        out.append(
            {
                "entity": str(ent.get("entity", "")),
                "kind": str(ent.get("kind", "")),
                "drift": bool(ent.get("drift", len(spellings) > 1)),
                "spellings": spellings,
            }
        )
    return out, anchors


def _worst_sentences(d: DocumentResult) -> dict[int, tuple[float, int]]:
    raw = d.metrics.get("sentence_fluency")
    if not isinstance(raw, list) or d.text is None:
        return {}
    scored: list[tuple[float, int]] = []
    for item in raw:
        try:
            start, score = int(item[0]), float(item[2])
        except (TypeError, ValueError, IndexError):
            continue
        if 0 <= start < len(d.text) and score <= FLUENCY_MARK_BELOW:
            scored.append((score, start))
    scored.sort()
    return {
        start: (score, rank + 1) for rank, (score, start) in enumerate(scored[:WORST_SENTENCES])
    }


def segments(
    text: str,
    findings: Sequence[Finding],
    prefix: str,
    entity_anchors: Mapping[int, str] | None = None,
    fluency: Mapping[int, tuple[float, int]] | None = None,
) -> list[Segment]:
    """Split the text at every finding boundary; each piece lists the findings covering it.

    Marks are ordered outermost first (earlier start, then longer), so nested ``<mark>``
    elements close in the right order and overlapping findings never cross tags.
    """
    entity_anchors = entity_anchors or {}
    fluency = fluency or {}
    bounds = {0, len(text)}
    for f in findings:
        bounds.add(f.start)
        bounds.add(f.end)
    bounds.update(entity_anchors)
    bounds.update(fluency)
    cuts = sorted(b for b in bounds if 0 <= b <= len(text))
    starts: dict[int, list[int]] = defaultdict(list)
    for i, f in enumerate(findings):
        starts[f.start].append(i)
    active: list[int] = []
    out: list[Segment] = []
    for a, b in itertools.pairwise(cuts):
        opened = starts.get(a, [])
        if active:
            active = [i for i in active if findings[i].end > a]
        if opened:
            active.extend(opened)
            active.sort(key=lambda i: (findings[i].start, -findings[i].end, i))
        seg = Segment(text[a:b])
        for depth, i in enumerate(active):
            seg.marks.append(
                Mark(
                    i,
                    findings[i].severity.label,
                    min(depth, 3),
                    f"{prefix}f{i}" if findings[i].start == a else None,
                )
            )
        if a in entity_anchors:
            seg.entities.append(entity_anchors[a])
        if a in fluency:
            seg.fluency = fluency[a]
        out.append(seg)
    return out


def _escape(value: object) -> str:
    """``value`` as markupsafe's ``escape`` writes a plain value (the same five entities), as
    a plain string: escape returns a Markup, whose construction costs more than the escaping.
    An object with ``__html__`` is escaped like any other (no value here has one)."""
    text = str(value)
    if not _SPECIAL.search(text):
        return text
    return (
        text.replace("&", "&amp;")
        .replace(">", "&gt;")
        .replace("<", "&lt;")
        .replace("'", "&#39;")
        .replace('"', "&#34;")
    )


_SPECIAL = re.compile("[&<>'\"]")


def text_body(
    segs: Sequence[Segment], findings: Sequence[Mapping[str, Any]], prefix: str
) -> Markup:
    """The highlighted text of a document: each piece of text with the marks of the findings
    covering it and their tooltips, entity anchors and low-fluency markers.

    Built here rather than in the template because the template escaped every piece and
    attribute one call at a time: 60% of a page's rendering time for a report with many
    findings. Every value is escaped with markupsafe, as autoescaping escapes it, and each
    finding's tooltip is built once however many pieces it covers.
    """
    esc = _escape
    tips: dict[int, str] = {}

    def tip(i: int) -> str:
        t = tips.get(i)
        if t is None:
            f = findings[i]
            sugg = f["suggestion"]
            t = tips[i] = (
                f'<span class="tip-item {esc(f["sev"])}" data-f="{esc(f["i"])}">'
                f'<b><span aria-hidden="true">{esc(f["glyph"])}</span> {esc(f["rule"])} '
                f'{esc(f["name"])}</b> <span class="tsev">{esc(f["sev"])}</span>'
                f'<span class="tmsg">{esc(f["message"])}</span>'
                + (
                    ""
                    if sugg is None
                    else f'<span class="tsug">Suggestion: <q>{esc(sugg)}</q></span>'
                )
                + "</span>"
            )
        return t

    out: list[str] = []
    add = out.append
    for s in segs:
        for e in s.entities:
            add(f'<span class="ent" id="{esc(e)}"></span>')
        if s.fluency:
            score, rank = s.fluency
            add(
                f'<span class="flu" id="{esc(prefix)}s{esc(rank)}" '
                f'title="Low fluency {esc(_num(score, 2))} (rank {esc(rank)})"></span>'
            )
        if s.marks:
            for m in s.marks:
                anchor = f' id="{esc(m.anchor)}"' if m.anchor else ""
                add(
                    f'<mark class="hl {esc(m.sev)} dp{esc(m.depth)}" '
                    f'data-f="{esc(m.index)}"{anchor}>'
                )
            add(f'<span class="seg" tabindex="0">{esc(s.text)}<span class="tip" role="tooltip">')
            out.extend(tip(m.index) for m in s.marks)
            add("</span></span>" + "</mark>" * len(s.marks))
        else:
            add(esc(s.text))
    return Markup("".join(out))


# ---------------------------------------------------------------------------- view models


def _finding_view(i: int, f: Finding, prefix: str) -> dict[str, Any]:
    return {
        "i": i,
        "anchor": f"{prefix}f{i}",
        "rule": f.rule,
        "name": f.name,
        "category": f.category,
        "sev": f.severity.label,
        "glyph": _GLYPH[f.severity],
        "message": f.message,
        "excerpt": f.excerpt,
        "suggestion": f.suggestion,
        "line": f.line,
        "column": f.column,
    }


def _readability(d: DocumentResult) -> list[tuple[str, str]]:
    m = d.metrics
    rows: list[tuple[str, str]] = []
    q = _number(m.get("quality_score"))
    if q is not None:
        rows.append(("Quality score", _num(q)))
    risk = _number(m.get("garble_risk"))
    if risk is not None:
        rows.append(("Garble risk", _num(risk, 2)))
    p = _number(m.get("penalty_per_1000_words"))
    if p is not None:
        rows.append(("Penalty / 1,000 words", _num(p)))
    flu = m.get("fluency")
    if isinstance(flu, Mapping) and _number(flu.get("score")) is not None:
        model = flu.get("model")
        rows.append(("Fluency", _num(flu.get("score"), 2) + (f" ({model})" if model else "")))
    read = m.get("readability")
    if isinstance(read, Mapping):
        for key, label, digits in (
            ("flesch_reading_ease", "Flesch reading ease", 1),
            ("flesch_kincaid_grade", "Flesch–Kincaid grade", 1),
            ("words_per_sentence", "Words per sentence", 1),
            ("long_sentence_share", "Long sentences", 2),
        ):
            v = _number(read.get(key))
            if v is not None:
                rows.append((label, _num(v, digits)))
    for key, label in (("paragraphs", "Paragraphs"), ("sentences", "Sentences")):
        v = m.get(key)
        if isinstance(v, int) and not isinstance(v, bool):
            rows.append((label, _num(v)))
    return rows


def _counts(findings: Iterable[Finding]) -> dict[str, int]:
    c = Counter(f.severity.label for f in findings)
    return {s.label: c.get(s.label, 0) for s in _SEVERITIES}


def _combos(d: DocumentResult) -> str:
    # what the overview filter matches a row against: every (rule, severity, category) it has
    return " ".join(sorted({f"{f.rule}|{f.severity.label}|{f.category}" for f in d.findings}))


def document_view(run: RunResult, n: int, kind: ScoreKind, prefix: str) -> dict[str, Any]:
    d = run.documents[n]
    findings = sorted(d.findings, key=lambda f: (f.start, f.end, f.rule))
    entities, anchors = _entity_offsets(d, prefix)
    worst = _worst_sentences(d)
    segs = segments(d.text, findings, prefix, anchors, worst) if d.text is not None else None
    views = [_finding_view(i, f, prefix) for i, f in enumerate(findings)]
    score = _number(d.metrics.get(kind.key))
    return {
        "n": n,
        "id": d.id,
        "path": d.path,
        "language": d.language,
        "words": d.words,
        "error": d.error,
        "prefix": prefix,
        "score": score,
        "counts": _counts(findings),
        "findings": views,
        # the highlighted text (None when the text was not kept)
        "body": text_body(segs, views, prefix) if segs is not None else None,
        "entities": entities,
        "metrics": _readability(d),
        "worst_sentences": [
            {"score": s, "rank": r, "anchor": f"{prefix}s{r}"}
            for _, (s, r) in sorted(worst.items(), key=lambda kv: kv[1][1])
        ],
        "combos": _combos(d),
    }


def _corpus_entities(run: RunResult, links: Mapping[str, str]) -> list[dict[str, Any]]:
    raw = run.extra.get("entities")
    if not isinstance(raw, list):
        return []
    out = []
    for ent in raw:
        if not isinstance(ent, Mapping):
            continue
        spellings = []
        for sp in ent.get("spellings") or ():
            if not isinstance(sp, Mapping):
                continue
            docs = []
            for item in sp.get("documents") or ():
                if not isinstance(item, Mapping):
                    continue
                doc_id = str(item.get("id", ""))
                docs.append({"id": doc_id, "count": item.get("count"), "link": links.get(doc_id)})
            count = sp.get("count")
            listed = sp.get("document_count")
            total_docs = listed if isinstance(listed, int) else len(docs)
            spellings.append(
                {
                    "text": str(sp.get("text", "")),
                    "count": count
                    if isinstance(count, int)
                    else sum(c for c in (x["count"] for x in docs) if isinstance(c, int)),
                    "documents": docs[:MAX_LINKS],
                    "more": max(0, total_docs - min(len(docs), MAX_LINKS)),
                }
            )
        out.append(
            {
                "entity": str(ent.get("entity", "")),
                "kind": str(ent.get("kind", "")),
                "drift": bool(ent.get("drift", len(spellings) > 1)),
                "spellings": spellings,
            }
        )
    return out


def _overview(
    run: RunResult, kind: ScoreKind, links: Sequence[str], generated: str
) -> dict[str, Any]:
    by_category: Counter[str] = Counter()
    by_rule: dict[str, dict[str, Any]] = {}
    for d in run.documents:
        for f in d.findings:
            by_category[f.category] += 1
            r = by_rule.setdefault(
                f.rule,
                {"rule": f.rule, "name": f.name, "category": f.category, "count": 0}
                | {s.label: 0 for s in Severity},
            )
            r["count"] += 1
            r[f.severity.label] += 1
    rows = []
    for rank, i in enumerate(ranked(run, kind), start=1):
        d = run.documents[i]
        counts = _counts(d.findings)
        top = Counter(f.rule for f in d.findings).most_common(3)
        rows.append(
            {
                "rank": rank,
                "n": i,
                "id": d.id,
                "link": links[i],
                "error": d.error,
                "score": _number(d.metrics.get(kind.key)),
                "findings": len(d.findings),
                "counts": counts,
                "words": d.words,
                "top": top,
                "combos": _combos(d),
            }
        )
    run_metrics = []
    for key, label in (
        ("quality_score", "Quality score"),
        ("garble_risk", "Garble risk"),
        ("penalty_per_1000_words", "Penalty / 1,000 words"),
    ):
        v = _number(run.metrics.get(key))
        if v is not None:
            run_metrics.append((label, _num(v, 2 if key == "garble_risk" else 1)))
    return {
        "signature": run.signature,
        "version": __version__,
        "generated": generated,
        "documents": len(run.documents),
        "words": run.words,
        "findings": run.findings_count,
        "errors": len(run.errors),
        "by_severity": run.by_severity(),
        "by_category": sorted(by_category.items(), key=lambda kv: (-kv[1], kv[0])),
        "by_rule": sorted(by_rule.values(), key=lambda r: r["rule"]),
        "passed": run.passed,
        "fail_on": run.fail_on.label if run.fail_on else "never",
        "failed_conditions": list(run.failed_conditions),
        "metrics": run_metrics,
        "kind": kind,
        "chart": histogram(run, kind),
        "rows": rows,
    }


def _filters(run: RunResult) -> dict[str, Any]:
    rules: dict[str, str] = {}
    categories: set[str] = set()
    for d in run.documents:
        for f in d.findings:
            rules.setdefault(f.rule, f.name)
            categories.add(f.category)
    return {
        "severities": [(s.label, _GLYPH[s]) for s in _SEVERITIES],
        "rules": sorted(rules.items()),
        "categories": sorted(categories),
    }


# ---------------------------------------------------------------------------- rendering


def _page(**ctx: Any) -> str:
    css, js, csp = _assets()
    return (
        _env()
        .get_template("report.html.j2")
        .render(css=css, js=js, csp=csp, glyphs=[(s.label, _GLYPH[s]) for s in _SEVERITIES], **ctx)
    )


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


def render(run: RunResult, generated: str | None = None) -> str:
    """The whole run as one self-contained page (overview, every document, entities)."""
    generated = generated or _now()
    kind = score_kind(run)
    links = [f"#doc-{i}" for i in range(len(run.documents))]
    by_id = {d.id: links[i] for i, d in enumerate(run.documents)}
    return _page(
        mode="single",
        title="mtcheck report",
        overview=_overview(run, kind, links, generated),
        filters=_filters(run),
        corpus_entities=_corpus_entities(run, by_id),
        docs=[document_view(run, i, kind, f"d{i}-") for i in range(len(run.documents))],
        nav=None,
    )


def should_split(run: RunResult) -> bool:
    if len(run.documents) > SPLIT_DOCUMENTS:
        return True
    return sum(len(d.text or "") for d in run.documents) > SPLIT_CHARS


def write(
    run: RunResult,
    path: str | Path,
    split: bool | None = None,
    generated: str | None = None,
) -> list[Path]:
    """Write the report to ``path``; returns every file written (index first).

    ``split`` None decides by size (:func:`should_split`); split reports put one page per
    document under ``<stem>_files/`` beside the index, named by the document's position.
    """
    target = Path(path)
    if split is None:
        split = should_split(run)
    folder_name = f"{target.stem}_files"
    folder = target.parent / folder_name
    if not split:
        write_atomic(target, render(run, generated))
        _remove_stale_pages(folder, 0)  # an earlier split report at this path
        return [target]
    generated = generated or _now()
    kind = score_kind(run)
    rel = quote(folder_name)
    links = [f"{rel}/{i}.html" for i in range(len(run.documents))]
    by_id = {d.id: links[i] for i, d in enumerate(run.documents)}
    index = _page(
        mode="index",
        title="mtcheck report",
        overview=_overview(run, kind, links, generated),
        filters=_filters(run),
        corpus_entities=_corpus_entities(run, by_id),
        docs=[],
        nav=None,
    )
    new_folder = not folder.exists()
    folder.mkdir(parents=True, exist_ok=True)
    # every page is written to a hidden folder first and moved into place once all are ready
    # (then the index): a run stopped or failing before the moves, which take milliseconds,
    # leaves the earlier report at this path as it was
    staging = Path(tempfile.mkdtemp(prefix=".partial-", dir=folder))
    try:
        written = _write_pages(run, target, folder, staging, kind)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        if new_folder:
            with contextlib.suppress(OSError):
                folder.rmdir()  # only when empty
        raise
    shutil.rmtree(staging, ignore_errors=True)
    write_atomic(target, index)
    _remove_stale_pages(folder, len(run.documents))
    return [target, *written]


def _write_pages(
    run: RunResult, target: Path, folder: Path, staging: Path, kind: ScoreKind
) -> list[Path]:
    """Each document's page, written to ``staging``, then all moved into ``folder``."""
    filters = _filters(run)
    index_link = f"../{quote(target.name)}"
    order = ranked(run, kind)
    position = {n: k for k, n in enumerate(order)}
    for i, d in enumerate(run.documents):
        k = position[i]
        # within a document page, neighbours follow the ranking (the order an editor works in)
        prev_link = f"{order[k - 1]}.html" if k > 0 else None
        next_link = f"{order[k + 1]}.html" if k + 1 < len(order) else None
        page = _page(
            mode="document",
            title=f"{d.id} · mtcheck report",
            overview=None,
            filters=_filters_for(d, filters),
            corpus_entities=[],
            docs=[document_view(run, i, kind, "")],
            nav={
                "index": index_link,
                "prev": prev_link,
                "next": next_link,
                "rank": k + 1,
                "total": len(order),
            },
        )
        (staging / f"{i}.html").write_text(page, encoding="utf-8")
    written = []
    for i in range(len(run.documents)):
        out = folder / f"{i}.html"
        os.replace(staging / f"{i}.html", out)
        written.append(out)
    return written


#: the names this module gives pages (no leading zeros)
_PAGE_NAME_RE = re.compile(r"(?:0|[1-9][0-9]*)\.html")


def _remove_stale_pages(folder: Path, count: int) -> None:
    """Remove the pages of an earlier report at the same path beyond the first ``count``
    (pages this module names by number; anything else in the folder is left), and the folder
    once it is empty. A report with fewer documents than the last would otherwise leave
    pages that nothing links to, and that a reader could take for this run's."""
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        if _PAGE_NAME_RE.fullmatch(name) and int(name[:-5]) >= count:
            with contextlib.suppress(OSError):
                (folder / name).unlink()
    if count == 0:
        with contextlib.suppress(OSError):
            folder.rmdir()  # only when empty


def _filters_for(d: DocumentResult, run_filters: Mapping[str, Any]) -> dict[str, Any]:
    rules = {f.rule for f in d.findings}
    cats = {f.category for f in d.findings}
    return {
        "severities": run_filters["severities"],
        "rules": [r for r in run_filters["rules"] if r[0] in rules],
        "categories": [c for c in run_filters["categories"] if c in cats],
    }
