"""DEMETR codemix detection split by the script of the inserted word.

    python bench/eval_codemix.py ../shared/data [--select MT8] [--show]

DEMETR's codemix perturbation replaces one word of a clean MT sentence with a word in another
language: Chinese characters in some rows, German, Polish or Russian words in others. Prints
the detection rate for each kind (a row counts when its clean sentence is not flagged).
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

from evaldata import read_jsonl, run, settings_from

from mtcheck.model import Document

KINDS = (
    ("Chinese", re.compile("[\u3400-\u9fff]")),
    ("Cyrillic", re.compile("[\u0400-\u04ff]")),
)


def kind(text: str) -> str:
    for name, pat in KINDS:
        if pat.search(text):
            return name
    return "Latin script"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("data", type=Path)
    ap.add_argument("--select", action="append")
    ap.add_argument("--show", action="store_true", help="print the missed rows")
    args = ap.parse_args()
    settings = settings_from(args.select or ["MT5", "MT8"])
    clean = {r["id"]: r["mt"] for r in read_jsonl(args.data / "demetr" / "clean.jsonl")}
    res = run([Document(id=str(i), text=t) for i, t in clean.items()], settings)
    flagged = {int(d.id) for d in res.documents if d.findings}
    rows = [
        r for r in read_jsonl(args.data / "demetr" / "perturbed.jsonl") if "codemix" in r["pert"]
    ]
    res = run([Document(id=str(k), text=r["text"]) for k, r in enumerate(rows)], settings)
    total: Counter[str] = Counter()
    hit: Counter[str] = Counter()
    for r, d in zip(rows, res.documents, strict=True):
        k = kind(r["text"])
        total[k] += 1
        found = bool(d.findings) and r["id"] not in flagged
        hit[k] += found
        if args.show and not found:
            print(f"  miss ({k}): {r['text'][:160]}")
    print(f"clean sentences flagged: {len(flagged)}/{len(clean)}")
    for k in (*(n for n, _ in KINDS), "Latin script"):
        if total[k]:
            print(f"codemix {k:<13} {hit[k]:>4}/{total[k]:<4} {100 * hit[k] / total[k]:.1f}%")
    n = sum(total.values())
    print(f"codemix all           {sum(hit.values()):>4}/{n:<4} {100 * sum(hit.values()) / n:.1f}%")


if __name__ == "__main__":
    main()
