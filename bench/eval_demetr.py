"""Detection of DEMETR perturbations: a perturbed sentence flagged while its clean MT is not.

    python bench/eval_demetr.py ../shared/data [--select MT4] [--show PERT]

Each sentence is scanned as its own document. Prints, per perturbation, the detection rate and
the rules that fired, and the flag rate on the 500 clean sentences.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter, defaultdict
from pathlib import Path

from evaldata import read_jsonl, run, settings_from

from mtcheck.model import Document


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("data", type=Path)
    ap.add_argument("--select", action="append")
    ap.add_argument("--show", help="print misses of this perturbation (e.g. repeat2)")
    ap.add_argument("--show-clean", action="store_true", help="print flagged clean sentences")
    args = ap.parse_args()
    settings = settings_from(args.select)
    clean = {r["id"]: r["mt"] for r in read_jsonl(args.data / "demetr" / "clean.jsonl")}
    ids = sorted(clean)
    res = run([Document(id=str(i), text=clean[i]) for i in ids], settings)
    clean_flagged = {int(d.id): d.findings for d in res.documents if d.findings}
    print(
        f"clean sentences flagged: {len(clean_flagged)}/{len(ids)} "
        f"({100 * len(clean_flagged) / len(ids):.1f}%)"
    )
    if args.show_clean:
        for i, fs in clean_flagged.items():
            print(f"  {i}: {[(f.rule, f.excerpt) for f in fs]} :: {clean[i][:160]}")
    rows = list(read_jsonl(args.data / "demetr" / "perturbed.jsonl"))
    by_pert: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        name = re.sub(r"^(minor|critical|base)_id\d+_", "", r["pert"])
        by_pert[name].append(r)
    print(f"{'perturbation':<20} {'n':>4} {'detected':>9}  rules")
    for name in sorted(by_pert):
        items = by_pert[name]
        res = run([Document(id=str(k), text=r["text"]) for k, r in enumerate(items)], settings)
        hit = 0
        rules: Counter[str] = Counter()
        for r, d in zip(items, res.documents, strict=True):
            if d.findings and r["id"] not in clean_flagged:
                hit += 1
                rules.update({f.rule for f in d.findings})
            elif name == args.show:
                print(f"  miss: {r['text'][:160]}")
        top = ", ".join(f"{c}:{n}" for c, n in rules.most_common(4))
        print(f"{name:<20} {len(items):>4} {100 * hit / len(items):>8.1f}%  {top}")


if __name__ == "__main__":
    main()
