"""Flag rate of the rules on clean professional English (false positives).

    python bench/eval_clean.py ../shared/data [--select MT1 --select MT2] [--show 20]

Prints words scanned, findings per rule, and findings per 10,000 words; with --show, the
first N findings of each rule with their evidence, for judging them by eye.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from evaldata import clean_documents, run, settings_from


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("data", type=Path)
    ap.add_argument("--select", action="append")
    ap.add_argument("--show", type=int, default=0)
    args = ap.parse_args()
    docs = clean_documents(args.data)
    result = run(docs, settings_from(args.select))
    words = result.words
    by_rule: Counter[str] = Counter()
    shown: Counter[str] = Counter()
    texts = {d.id: d.text for d in docs}
    for d in result.documents:
        for f in d.findings:
            by_rule[f"{f.rule} {f.name}"] += 1
            if shown[f.rule] < args.show:
                shown[f.rule] += 1
                t = texts[d.id]
                ctx = t[max(0, f.start - 40) : f.end + 40].replace("\n", " ")
                print(f"  {f.rule} {d.id}:{f.line}:{f.column} [{f.excerpt}] … {ctx}")
    total = sum(by_rule.values())
    print(
        f"documents {len(docs)}, words {words:,}, findings {total}, "
        f"per 10k words {total * 10000 / max(words, 1):.2f}, "
        f"words per finding {words / max(total, 1):,.0f}"
    )
    for k, n in by_rule.most_common():
        print(f"  {k:<40} {n:>5}  ({n * 10000 / max(words, 1):.2f} per 10k words)")


if __name__ == "__main__":
    main()
