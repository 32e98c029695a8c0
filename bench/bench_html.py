"""How long the HTML report takes for a large run (10,000 documents by default).

    python bench/bench_html.py [--documents 10000] [--out bench/out/html] [--single]

Builds synthetic news-style documents (invented sentences with planted defects), scans them with
the engine, then times only the rendering and writing of the report. Above the split threshold
the report is an index plus one page per document; ``--single`` forces one file instead.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from mtcheck import engine
from mtcheck.config import resolve
from mtcheck.model import Document
from mtcheck.report import html

SUBJECTS = [
    "The minister",
    "Officials",
    "The company",
    "Residents",
    "The delegation",
    "Police",
    "The council",
    "Analysts",
    "The harbour authority",
    "Doctors",
]
VERBS = ["said", "announced", "confirmed", "denied", "reported", "warned", "added"]
OBJECTS = [
    "that the talks would continue next week",
    "a new plan for the region",
    "that prices rose in the spring",
    "the results of the inquiry",
    "that the road will reopen in May",
    "an agreement with the union",
]
DEFECTS = [
    "offensive.Government officials left",
    "the the",
    "(in the capital",
    "were were",
    "ended.The vote",
]


def make_text(rng: random.Random) -> str:
    paragraphs = []
    for _ in range(rng.randint(2, 5)):
        sentences = []
        for _ in range(rng.randint(2, 6)):
            s = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}"
            if rng.random() < 0.15:
                s += " " + rng.choice(DEFECTS)
            sentences.append(s + ".")
        paragraphs.append(" ".join(sentences))
    return "\n\n".join(paragraphs)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--documents", type=int, default=10_000)
    ap.add_argument("--out", type=Path, default=Path("bench/out/html"))
    ap.add_argument("--single", action="store_true", help="one file, no split")
    args = ap.parse_args()
    rng = random.Random(7)
    docs = [
        Document(id=f"news/{i:05d}.txt", path=f"news/{i:05d}.txt", text=make_text(rng))
        for i in range(args.documents)
    ]
    t0 = time.perf_counter()
    run = engine.run(docs, resolve({}, discover=False))
    if args.out.exists():
        shutil.rmtree(args.out)
    t1 = time.perf_counter()
    target = args.out / "report.html"
    written = html.write(run, target, split=False if args.single else None)
    t2 = time.perf_counter()
    size = sum(p.stat().st_size for p in written)
    print(
        f"documents: {len(run.documents):,}  words: {run.words:,}  findings: {run.findings_count:,}"
    )
    print(f"scan: {t1 - t0:.2f} s")
    print(
        f"render+write HTML: {t2 - t1:.2f} s  files: {len(written):,}  "
        f"size: {size / 1e6:.1f} MB  index: {written[0].stat().st_size / 1e6:.2f} MB"
    )


if __name__ == "__main__":
    main()
