"""Every consistency (drift) finding on clean professional English, for judging by eye.

    python bench/eval_drift.py ../shared/data [--select MT5]

The clean rows are grouped into documents by `doc` (as bench/eval_clean.py does) and scanned
as one run, so corpus-scope drift sees all documents. Prints each finding with its message and
some context, then how many names the entity lists hold and how many of them drift.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from evaldata import clean_documents, run, settings_from


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("data", type=Path)
    ap.add_argument("--select", action="append")
    args = ap.parse_args()
    docs = clean_documents(args.data)
    texts = {d.id: d.text for d in docs}
    result = run(docs, settings_from(args.select or ["MT5"]))
    n = 0
    for d in result.documents:
        for f in d.findings:
            n += 1
            t = texts[d.id]
            ctx = " ".join(t[max(0, f.start - 50) : f.end + 50].split())
            print(f"{f.rule} {d.id}:{f.line}:{f.column} [{f.excerpt}]\n  {f.message}\n  … {ctx} …")
    doc_entities = sum(len(d.extra.get("entities", ())) for d in result.documents)
    drifting = sum(
        1 for d in result.documents for e in d.extra.get("entities", ()) if e.get("drift")
    )
    run_entities = result.extra.get("entities", [])
    run_drift = sum(1 for e in run_entities if len(e["spellings"]) > 1)
    print(
        f"documents {len(docs)}, words {result.words:,}, drift findings {n}; "
        f"document entities {doc_entities} ({drifting} drifting); "
        f"run entities {len(run_entities)} ({run_drift} with several spellings)"
    )


if __name__ == "__main__":
    main()
