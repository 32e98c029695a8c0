"""The project's scoreboard: scan corpora/ and score the findings against the gold annotations.

    python scripts/scoreboard.py [CORPORA_DIR] [--json]

``CORPORA_DIR`` (default ``corpora/``) holds the sample documents, ``MANIFEST.tsv`` (columns
``path``, ``kind`` = garbled/clean, ``description``) and, beside each garbled document, a
``<name>.gold.tsv`` (columns ``id``, ``class``, ``anchor``, ``note``). A gold item's ``anchor`` is
a piece of the scanned document text that occurs exactly once in it; the item is caught when a
finding whose rule name equals its class overlaps that span. For a JSON Lines file the gold ids
are ``<record id>:<n>`` and anchors are looked up in the record with that ``id``.

Prints recall per class and overall, the missed gold items, every finding on a clean document
(false positives) and every finding on a garbled document that matches no gold item
(unannotated). Exit code 0, or 2 when the corpora are malformed (the message names the file and
the gold id).

The scan uses default settings, plus ``CORPORA_DIR/mtcheck.toml`` when it exists (the settings a
newsroom would configure, such as its house spellings).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from anywhere, import the worktree's mtcheck
    sys.path.insert(0, str(ROOT))

from mtcheck import api  # noqa: E402
from mtcheck.config import resolve  # noqa: E402
from mtcheck.model import DocumentResult, Finding, RunResult  # noqa: E402

#: Rule codes and names of RULEPLAN.md: the gold classes.
CLASSES: dict[str, str] = {
    "MT101": "missing-space-after-sentence",
    "MT102": "space-before-punctuation",
    "MT103": "dangling-hyphen",
    "MT104": "hyphen-joined-clauses",
    "MT105": "doubled-punctuation",
    "MT201": "title-case-mid-sentence",
    "MT202": "sentence-starts-lowercase",
    "MT301": "unbalanced-bracket",
    "MT302": "editorial-insertion",
    "MT303": "quote-direction",
    "MT304": "unbalanced-quotes",
    "MT305": "space-inside-delimiters",
    "MT401": "repeated-word",
    "MT402": "repeated-phrase",
    "MT403": "duplicate-sentence",
    "MT404": "double-attribution",
    "MT501": "name-spelling-drift",
    "MT502": "abbreviation-drift",
    "MT503": "corpus-name-drift",
    "MT504": "house-spelling-variant",
    "MT601": "run-on-sentence",
    "MT602": "unterminated-sentence",
    "MT603": "truncated-document",
    "MT604": "non-word",
    "MT605": "function-word-clash",
    "MT606": "wrong-indefinite-article",
    "MT607": "comma-splice",
    "MT701": "scraper-boilerplate",
    "MT702": "section-kicker",
    "MT703": "markup-residue",
    "MT704": "mojibake",
    "MT705": "mt-meta-text",
    "MT801": "untranslated-segment",
    "MT802": "foreign-script",
    "MT803": "mixed-script-word",
    "MT804": "wrong-language-document",
    "MT805": "foreign-word",
    "MT901": "low-fluency-sentence",
}
NAME_TO_CODE = {name: code for code, name in CLASSES.items()}
MANIFEST = "MANIFEST.tsv"
MANIFEST_COLUMNS = ("path", "kind", "description")
GOLD_COLUMNS = ("id", "class", "anchor", "note")
GOLD_SUFFIX = ".gold.tsv"
JSONL_SUFFIXES = (".jsonl", ".ndjson")
#: document formats the scan picks up in a directory (anything else there is ignored)
DOCUMENT_SUFFIXES = (
    ".txt",
    ".text",
    ".md",
    ".markdown",
    ".html",
    ".htm",
    ".xhtml",
    *JSONL_SUFFIXES,
)


class CorpusError(Exception):
    """The corpora are malformed: the scoreboard cannot be computed (exit code 2)."""


@dataclass(frozen=True)
class Entry:
    path: str  # relative to the corpora directory, with forward slashes
    kind: str
    description: str


@dataclass(frozen=True)
class GoldItem:
    file: str  # the gold file, relative to the corpora directory
    doc: str  # the document key: path, or "path#record id" for JSON Lines records
    id: str
    cls: str
    anchor: str
    note: str


@dataclass
class Located:
    item: GoldItem
    start: int
    end: int
    caught_by: list[Finding] = field(default_factory=list)


@dataclass
class ScannedDoc:
    key: str
    entry: Entry
    result: DocumentResult


def read_tsv(path: Path, columns: Sequence[str]) -> list[dict[str, str]]:
    """Rows of a tab-separated file whose header names exactly ``columns``."""
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise CorpusError(f"{path}: cannot read: {e}") from None
    lines = raw.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not lines:
        raise CorpusError(f"{path}: empty file, expected a header naming {list(columns)}")
    header = lines[0].rstrip("\r").split("\t")
    if tuple(header) != tuple(columns):
        raise CorpusError(f"{path}: header is {header}, expected {list(columns)}")
    rows = []
    for n, line in enumerate(lines[1:], start=2):
        line = line.rstrip("\r")
        if not line.strip():
            continue
        cells = line.split("\t")
        if len(cells) != len(columns):
            raise CorpusError(
                f"{path}:{n}: {len(cells)} tab-separated cells, expected {len(columns)}"
            )
        rows.append(dict(zip(columns, cells, strict=True)))
    return rows


def load_manifest(corpora: Path) -> list[Entry]:
    rows = read_tsv(corpora / MANIFEST, MANIFEST_COLUMNS)
    entries: list[Entry] = []
    seen: set[str] = set()
    for row in rows:
        p = row["path"].strip()
        if row["kind"] not in ("garbled", "clean"):
            raise CorpusError(f"{corpora / MANIFEST}: {p}: kind must be garbled or clean")
        if p in seen:
            raise CorpusError(f"{corpora / MANIFEST}: {p} is listed twice")
        if not (corpora / p).is_file():
            raise CorpusError(f"{corpora / MANIFEST}: {p} does not exist")
        seen.add(p)
        entries.append(Entry(p, row["kind"], row["description"]))
    on_disk = {
        f.relative_to(corpora).as_posix()
        for f in corpora.rglob("*")
        if f.is_file()
        and f.name.lower().endswith(DOCUMENT_SUFFIXES)
        and not any(part.startswith(".") for part in f.relative_to(corpora).parts)
    }
    unlisted = sorted(on_disk - seen)
    if unlisted:
        raise CorpusError(f"{corpora / MANIFEST}: documents not listed: {', '.join(unlisted)}")
    for e in entries:
        gold = corpora / (e.path + GOLD_SUFFIX)
        if e.kind == "garbled" and not gold.is_file():
            raise CorpusError(f"{e.path}: garbled document without {gold.name}")
        if e.kind == "clean" and gold.is_file():
            raise CorpusError(f"{e.path}: clean document with a gold file {gold.name}")
    return entries


def jsonl_record_ids(path: Path) -> dict[str, int]:
    """Record id -> line number (1-based) of a JSON Lines corpus file."""
    ids: dict[str, int] = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError as e:
            raise CorpusError(f"{path}:{n}: malformed JSON record: {e}") from None
        rid = record.get("id") if isinstance(record, dict) else None
        if rid is None or not isinstance(record.get("text"), str):
            raise CorpusError(f"{path}:{n}: a record needs an 'id' and a string 'text'")
        if str(rid) in ids:
            raise CorpusError(f"{path}:{n}: record id {rid!r} appears twice")
        ids[str(rid)] = n
    return ids


def load_gold(corpora: Path, entry: Entry) -> list[GoldItem]:
    gold_path = corpora / (entry.path + GOLD_SUFFIX)
    rel = entry.path + GOLD_SUFFIX
    rows = read_tsv(gold_path, GOLD_COLUMNS)
    is_jsonl = entry.path.lower().endswith(JSONL_SUFFIXES)
    records = jsonl_record_ids(corpora / entry.path) if is_jsonl else {}
    items: list[GoldItem] = []
    seen: set[str] = set()
    for row in rows:
        gid = row["id"].strip()
        if not gid:
            raise CorpusError(f"{rel}: a gold item without an id")
        if gid in seen:
            raise CorpusError(f"{rel}: gold id {gid!r} is used twice")
        seen.add(gid)
        if row["class"] not in NAME_TO_CODE:
            raise CorpusError(f"{rel}: gold id {gid!r}: unknown class {row['class']!r}")
        if not row["anchor"]:
            raise CorpusError(f"{rel}: gold id {gid!r}: empty anchor")
        doc = entry.path
        if is_jsonl:
            rid, sep, n = gid.rpartition(":")
            if not sep or not n or rid not in records:
                raise CorpusError(
                    f"{rel}: gold id {gid!r} must be '<record id>:<n>' naming a record of "
                    f"{entry.path}"
                )
            doc = f"{entry.path}#{rid}"
        items.append(GoldItem(rel, doc, gid, row["class"], row["anchor"], row["note"]))
    return items


def locate(text: str, item: GoldItem) -> tuple[int, int]:
    """The span of the anchor, which must occur exactly once in the document's text."""
    first = text.find(item.anchor)
    if first < 0:
        raise CorpusError(f"{item.file}: gold id {item.id!r}: anchor {item.anchor!r} not found")
    if text.find(item.anchor, first + 1) >= 0:
        raise CorpusError(
            f"{item.file}: gold id {item.id!r}: anchor {item.anchor!r} occurs more than once"
        )
    return first, first + len(item.anchor)


#: The corpora's own configuration (house spellings, as a newsroom would set them), if any.
CONFIG = "mtcheck.toml"


def scan_settings(corpora: Path | None = None) -> Any:
    config = corpora / CONFIG if corpora is not None else None
    if config is not None and config.is_file():
        return resolve({"lang": "auto"}, config_file=config, discover=False)
    return resolve({"lang": "auto"}, discover=False)


def scan(corpora: Path) -> RunResult:
    return api.scan([corpora], scan_settings(corpora))


def match_documents(corpora: Path, entries: Iterable[Entry], run: RunResult) -> list[ScannedDoc]:
    """Pair each manifest document (each record of a JSON Lines file) with its scan result."""
    by_path: dict[Path, list[DocumentResult]] = {}
    for d in run.documents:
        if d.path is not None:
            by_path.setdefault(Path(d.path).resolve(), []).append(d)
    out: list[ScannedDoc] = []
    for e in entries:
        results = by_path.get((corpora / e.path).resolve(), [])
        for r in results:
            if r.error is not None:
                raise CorpusError(f"{e.path}: the scan could not read it: {r.error}")
        if not results:
            raise CorpusError(f"{e.path}: the scan produced no result for it")
        if not e.path.lower().endswith(JSONL_SUFFIXES):
            out.append(ScannedDoc(e.path, e, results[0]))
            continue
        for rid, line in jsonl_record_ids(corpora / e.path).items():
            found = [r for r in results if r.id == rid or r.id.endswith(f":{line}")]
            if len(found) != 1:
                raise CorpusError(f"{e.path}: no scan result for record {rid!r} (line {line})")
            out.append(ScannedDoc(f"{e.path}#{rid}", e, found[0]))
    return out


def _finding_dict(doc: ScannedDoc, f: Finding, note: str | None = None) -> dict[str, Any]:
    d: dict[str, Any] = {
        "document": doc.key,
        "rule": f.rule,
        "name": f.name,
        "start": f.start,
        "end": f.end,
        "line": f.line,
        "column": f.column,
        "excerpt": f.excerpt,
        "message": f.message,
    }
    if note:
        d["note"] = note
    return d


def score(corpora: Path, run: RunResult | None = None) -> dict[str, Any]:
    """All scoreboard figures as one JSON-ready mapping; raises CorpusError when malformed."""
    corpora = Path(corpora)
    if not corpora.is_dir():
        raise CorpusError(f"{corpora}: not a directory")
    entries = load_manifest(corpora)
    gold: dict[str, list[GoldItem]] = {}
    for e in entries:
        if e.kind == "garbled":
            for item in load_gold(corpora, e):
                gold.setdefault(item.doc, []).append(item)
    if run is None:
        run = scan(corpora)
    docs = match_documents(corpora, entries, run)
    keys = {d.key for d in docs}
    for key, items in gold.items():
        if key not in keys:
            raise CorpusError(f"{items[0].file}: gold for {key}, which the scan did not produce")

    located: list[Located] = []
    false_positives: list[dict[str, Any]] = []
    unannotated: list[dict[str, Any]] = []
    words = {"clean": 0, "garbled": 0}
    for doc in docs:
        text = doc.result.text or ""
        words[doc.entry.kind] += doc.result.words
        spans = []
        for item in gold.get(doc.key, []):
            start, end = locate(text, item)
            spans.append(Located(item, start, end))
        located.extend(spans)
        for f in doc.result.findings:
            if doc.entry.kind == "clean":
                false_positives.append(_finding_dict(doc, f))
                continue
            matched = False
            others = []
            for g in spans:
                if f.start < g.end and g.start < f.end:
                    if f.name == g.item.cls:
                        g.caught_by.append(f)
                        matched = True
                    else:
                        others.append(f"{g.item.id} ({g.item.cls})")
            if not matched:
                note = f"overlaps gold {', '.join(others)}" if others else None
                unannotated.append(_finding_dict(doc, f, note))

    per_class: dict[str, dict[str, Any]] = {}
    for code, name in CLASSES.items():
        of_class = [g for g in located if g.item.cls == name]
        caught = sum(1 for g in of_class if g.caught_by)
        per_class[name] = {
            "code": code,
            "gold": len(of_class),
            "caught": caught,
            "recall": round(caught / len(of_class), 4) if of_class else None,
        }
    total = len(located)
    caught_total = sum(1 for g in located if g.caught_by)
    missed = [
        {
            "document": g.item.doc,
            "id": g.item.id,
            "class": g.item.cls,
            "anchor": g.item.anchor,
            "start": g.start,
            "end": g.end,
            "note": g.item.note,
        }
        for g in located
        if not g.caught_by
    ]
    return {
        "corpora": str(corpora),
        "documents": {
            "garbled": sum(1 for d in docs if d.entry.kind == "garbled"),
            "clean": sum(1 for d in docs if d.entry.kind == "clean"),
            "words_garbled": words["garbled"],
            "words_clean": words["clean"],
        },
        "classes": per_class,
        "overall": {
            "gold": total,
            "caught": caught_total,
            "recall": round(caught_total / total, 4) if total else None,
        },
        "missed": missed,
        "false_positives": false_positives,
        "unannotated": unannotated,
    }


def _pct(x: float | None) -> str:
    return "   -  " if x is None else f"{x * 100:5.1f}%"


def _one_line(s: str, limit: int = 70) -> str:
    s = " ".join(s.split())
    return s if len(s) <= limit else s[: limit - 1] + "…"


def render_text(board: dict[str, Any]) -> str:
    out: list[str] = []
    d = board["documents"]
    out.append(
        f"{board['corpora']}: {d['garbled']} garbled documents "
        f"({d['words_garbled']:,} words), {d['clean']} clean ({d['words_clean']:,} words)"
    )
    out.append("")
    out.append(f"{'code':<6} {'class':<30} {'caught':>6} {'gold':>5} {'recall':>7}")
    for name, c in board["classes"].items():
        out.append(
            f"{c['code']:<6} {name:<30} {c['caught']:>6} {c['gold']:>5} {_pct(c['recall']):>7}"
        )
    o = board["overall"]
    out.append(f"{'':<6} {'overall':<30} {o['caught']:>6} {o['gold']:>5} {_pct(o['recall']):>7}")

    def listing(title: str, rows: list[dict[str, Any]], fmt: Any) -> None:
        out.append("")
        out.append(f"{title}: {len(rows)}")
        out.extend(f"  {fmt(r)}" for r in rows)

    listing(
        "missed gold items",
        board["missed"],
        lambda m: f"{m['document']} {m['id']} {m['class']}: {_one_line(m['anchor'])!r}",
    )

    def finding(f: dict[str, Any]) -> str:
        extra = f"  [{f['note']}]" if f.get("note") else ""
        return (
            f"{f['document']}:{f['line']}:{f['column']} {f['rule']} {f['name']}: "
            f"{_one_line(f['excerpt'])!r}{extra}"
        )

    listing("findings on clean documents (false positives)", board["false_positives"], finding)
    listing(
        "findings on garbled documents matching no gold item (unannotated)",
        board["unannotated"],
        finding,
    )
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    ap.add_argument("corpora", nargs="?", type=Path, help="default: corpora/")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args(argv)
    if args.corpora is None:
        # corpora/ of the working directory, else the project's own (run from anywhere)
        args.corpora = Path("corpora") if Path("corpora").is_dir() else ROOT / "corpora"
    try:
        board = score(args.corpora)
    except CorpusError as e:
        print(f"scoreboard: malformed corpora: {e}", file=sys.stderr)
        return 2
    out = json.dumps(board, indent=2, ensure_ascii=False) if args.json else render_text(board)
    try:
        print(out)
    except BrokenPipeError:  # e.g. piped into head
        sys.stderr.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
