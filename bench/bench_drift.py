"""Cost of corpus-scope name drift: `mtcheck scan` over 10,000 short generated documents.

    python bench/bench_drift.py [--docs 10000] [--keep DIR]

Writes short news-style documents (each mentions a few people and places, some with variant
spellings) to a temporary folder, then times `mtcheck scan` on it with every default rule
except corpus-name-drift and with it, alternating --repeat times and keeping the best of each.
Prints both wall times and their ratio (target: under 2). Not a test: timings depend on the
machine.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FIRST = ["Yusuf", "Amina", "Pavel", "Lena", "Omar", "Chen", "Ingrid", "Tomasz", "Aisha", "Kofi"]
LAST = ["Karimi", "Novak", "Haddad", "Okafor", "Lindqvist", "Moreau", "Tanaka", "Petrov"]
VARIANTS = {"Yusuf": "Yousef", "Karimi": "Kareemi", "Haddad": "Hadad", "Petrov": "Petroff"}
PLACES = ["Lisbon", "Nairobi", "Tbilisi", "Kraków", "Mombasa", "Tashkent", "Valparaíso"]
VERBS = ["met officials in", "arrived in", "left", "spoke to reporters in", "returned to"]


def document(rng: random.Random) -> str:
    who = [f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(2)]
    lines = []
    for _ in range(rng.randint(3, 6)):
        name = rng.choice(who)
        if rng.random() < 0.05:
            name = " ".join(VARIANTS.get(p, p) for p in name.split())
        lines.append(
            f"{name} {rng.choice(VERBS)} {rng.choice(PLACES)} on Monday, "
            f"and {name.split()[-1]} said the talks would continue."
        )
    return " ".join(lines) + "\n"


def scan(folder: Path, extra: list[str]) -> float:
    cmd = [sys.executable, "-m", "mtcheck", "scan", str(folder), "--lang", "en",
           "--fail-on", "never", *extra]  # fmt: skip
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t


def fmt(times: list[float]) -> str:
    return ", ".join(f"{t:.2f}" for t in times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=10000)
    ap.add_argument("--keep", type=Path)
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for i in range(args.docs):
            (folder / f"doc{i:05d}.txt").write_text(document(rng), encoding="utf-8")
        # alternate the two scans and keep the best of each, so cache warm-up and load from
        # other processes do not favour either
        withouts, withs = [], []
        for _ in range(args.repeat):
            withouts.append(scan(folder, ["--ignore", "MT503"]))
            withs.append(scan(folder, []))
        without, with_ = min(withouts), min(withs)
    print(f"documents {args.docs}")
    print(f"scan without corpus-name-drift: {without:.2f} s (runs: {fmt(withouts)})")
    print(f"scan with corpus-name-drift:    {with_:.2f} s (runs: {fmt(withs)})")
    print(f"ratio {with_ / without:.2f} (target < 2)")


if __name__ == "__main__":
    main()
