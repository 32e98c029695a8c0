"""Precision of findings against the error spans of professional MQM raters.

    python bench/eval_mqm_spans.py ../shared/data [--select MT604] [--show 20]

Each rated document of each system (its segments in order, one per line) is scanned as one
document in line mode (``--lines``), the way aligned MT output is checked.
A finding is *confirmed* when it overlaps a rater's target-side error span; *strictly* when the
span's category also matches the rule's category (``fluency/spelling`` for non-word, and so on),
*loosely* for any category. Raters mark at most five errors per segment and often disagree, so
both figures are lower bounds of the true precision. Also prints, per MQM category the selected
rules cover, the share of the raters' spans that some finding overlaps (recall).
"""

from __future__ import annotations

import argparse
from collections import Counter, defaultdict
from pathlib import Path

from evaldata import read_jsonl, run, settings_from

from mtcheck.model import Document
from mtcheck.rules import registry


def _norm(category: str) -> str:
    return category.lower().replace("-", " ").strip()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("data", type=Path)
    ap.add_argument("--select", action="append")
    ap.add_argument("--show", type=int, default=0, help="print N unconfirmed findings per rule")
    args = ap.parse_args()
    groups: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    for f in sorted((args.data / "mqm").glob("*.jsonl")):
        for r in read_jsonl(f):
            groups[(f.stem, str(r["doc"]), str(r["system"]))].append(r)
    docs: list[Document] = []
    # per document: (offset of the row's target in the text, the row)
    layout: dict[str, list[tuple[int, dict]]] = {}
    for key, rs in groups.items():
        rs.sort(key=lambda r: int(r.get("doc_seg", 0)))
        parts: list[str] = []
        placed: list[tuple[int, dict]] = []
        pos = 0
        for r in rs:
            placed.append((pos, r))
            parts.append(r["target"])
            pos += len(r["target"]) + 1
        doc_id = "|".join(key)
        layout[doc_id] = placed
        docs.append(Document(id=doc_id, text="\n".join(parts), lines_mode=True))
    result = run(docs, settings_from(args.select, lines=True))
    categories = {r.code: _norm(r.category) for r in registry.all_rules()}
    total: Counter[str] = Counter()
    strict: Counter[str] = Counter()
    loose: Counter[str] = Counter()
    shown: Counter[str] = Counter()
    covered: set[tuple[str, int, int]] = set()  # (document, row offset, error index)
    all_spans: Counter[str] = Counter()
    segments = 0
    for d in result.documents:
        spans = []
        for off, row in layout[d.id]:
            segments += 1
            for k, e in enumerate(row["errors"]):
                if e[3] == "target":
                    spans.append((off, k, _norm(e[1]), off + int(e[4]), off + int(e[5])))
                    all_spans[_norm(e[1])] += 1
        text = next(x for x in docs if x.id == d.id).text if args.show else ""
        for f in d.findings:
            total[f.rule] += 1
            over = [(o, k, c) for o, k, c, s, e in spans if s < f.end and f.start < e]
            if over:
                loose[f.rule] += 1
            if any(c == categories[f.rule] for _, _, c in over):
                strict[f.rule] += 1
            covered.update((d.id, o, k) for o, k, c in over if c == categories[f.rule])
            if not over and shown[f.rule] < args.show:
                shown[f.rule] += 1
                ctx = text[max(0, f.start - 40) : f.end + 40].replace("\n", " / ")
                print(f"  {f.rule} unconfirmed [{f.excerpt[:60]}] … {ctx}")
    print(f"documents {len(docs)}, segments {segments}, words {result.words:,}")
    print(f"{'rule':<8} {'findings':>8} {'strict':>8} {'loose':>8}")
    for code in sorted(total):
        n = total[code]
        print(
            f"{code:<8} {n:>8} {100 * strict[code] / n:>7.1f}% {100 * loose[code] / n:>7.1f}%"
            f"   ({categories[code]})"
        )
    hit_by_cat: Counter[str] = Counter()
    for doc_id, off, k in covered:
        row = next(r for o, r in layout[doc_id] if o == off)
        hit_by_cat[_norm(row["errors"][k][1])] += 1
    for cat in sorted({categories[c] for c in total}):
        n = all_spans[cat]
        if n:
            h = hit_by_cat[cat]
            print(f"recall of '{cat}' spans: {h}/{n} ({100 * h / n:.1f}%)")


if __name__ == "__main__":
    main()
