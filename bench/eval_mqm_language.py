"""Recall and precision of foreign-script and untranslated findings on the MQM ratings.

    python bench/eval_mqm_language.py ../shared/data [--select MT802 --select MT801]

Gold: target-side spans rated `accuracy/source language fragment` or `non-translation!` (a
`non-translation!` rating without offsets covers the whole segment). A finding is a true
positive when it overlaps a gold span of its segment; a gold span is recalled when a finding
overlaps it. Each (system, segment) row is scanned as its own document.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from evaldata import read_jsonl, run, settings_from

from mtcheck.model import Document

FOREIGN_SCRIPT_RE = re.compile(
    "[\u0370-\u03ff\u0400-\u04ff\u0600-\u06ff\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]"
)
GOLD = ("accuracy/source language fragment", "non-translation!")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("data", type=Path)
    ap.add_argument("--select", action="append")
    args = ap.parse_args()
    settings = settings_from(args.select or ["MT801", "MT802", "MT805"])
    for f in sorted((args.data / "mqm").glob("*.jsonl")):
        rows = list(read_jsonl(f))
        docs = [Document(id=str(i), text=r["target"]) for i, r in enumerate(rows)]
        res = run([d for d in docs if d.text.strip()], settings)
        found = {d.id: d.findings for d in res.documents}
        gold_n = recalled = findings = tp = script_n = script_recalled = 0
        for i, r in enumerate(rows):
            text = r["target"]
            spans = []
            for _rater, cat, _sev, side, start, end in r["errors"]:
                if cat not in GOLD or side != "target":
                    continue
                if start is None or end is None or end <= start:
                    start, end = 0, len(text)
                spans.append((start, end))
            fs = found.get(str(i), ())
            gold_n += len(spans)
            for s, e in spans:
                hit = any(x.start < e and s < x.end for x in fs)
                recalled += hit
                if FOREIGN_SCRIPT_RE.search(text, s, e):
                    script_n += 1
                    script_recalled += hit
            findings += len(fs)
            tp += sum(1 for x in fs if any(x.start < e and s < x.end for s, e in spans))
        rec = recalled / gold_n if gold_n else 0.0
        prec = tp / findings if findings else 0.0
        print(
            f"{f.name}: rows {len(rows)}, gold spans {gold_n}, recalled {recalled} "
            f"({100 * rec:.1f}%), findings {findings}, overlapping gold {tp} ({100 * prec:.1f}%)"
        )
        if script_n:
            print(
                f"  gold spans containing non-Latin script: {script_n}, recalled "
                f"{script_recalled} ({100 * script_recalled / script_n:.1f}%)"
            )


if __name__ == "__main__":
    main()
