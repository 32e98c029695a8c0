"""Linear time on hostile text: every rule, every adversarial input, at size N and 2N.

    python bench/linear_time.py            # full sizes (about 1 MB inputs)
    python bench/linear_time.py --quick    # CI: smaller inputs

For each rule and input the best of three runs is timed at both sizes; the ratio must stay at
most 2.5 (linear time doubles; quadratic quadruples). Exits 1 and lists offenders otherwise.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from adversarial import GENERATORS  # noqa: E402

from mtcheck import engine  # noqa: E402
from mtcheck.config import resolve  # noqa: E402
from mtcheck.model import Document  # noqa: E402
from mtcheck.rules import registry  # noqa: E402

LIMIT = 2.5
FLOOR = 0.02  # below this many seconds at 2N, timing noise dominates: not judged


def best_time(text: str, settings: object, repeats: int = 3) -> float:
    best = float("inf")
    doc = Document(id="x", text=text)
    for _ in range(repeats):
        t = time.perf_counter()
        engine.run([doc], settings, keep_text=False)  # type: ignore[arg-type]
        best = min(best, time.perf_counter() - t)
    return best


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--size", type=int, default=0)
    ap.add_argument("--rule", action="append")
    args = ap.parse_args()
    size = args.size or (100_000 if args.quick else 1_000_000)
    rules = [r for r in registry.all_rules() if not args.rule or r.code in args.rule]
    bad: list[str] = []
    worst = (0.0, "")
    print(f"{'rule':<8} {'input':<24} {'t(N) s':>8} {'t(2N) s':>8} {'ratio':>6}")
    for name, gen in GENERATORS.items():
        small, large = gen(size), gen(2 * size)
        for r in rules:
            settings = resolve({"select": (r.code,), "lang": "en"}, discover=False)
            t1 = best_time(small, settings)
            t2 = best_time(large, settings)
            ratio = t2 / max(t1, 1e-9)
            judged = t2 >= FLOOR
            if judged and ratio > worst[0]:
                worst = (ratio, f"{r.code} on {name}")
            flag = "" if not judged or ratio <= LIMIT else "  <-- superlinear"
            if judged and ratio > LIMIT:
                bad.append(f"{r.code} {name} {ratio:.2f}")
            if judged or args.rule:
                print(f"{r.code:<8} {name:<24} {t1:>8.4f} {t2:>8.4f} {ratio:>6.2f}{flag}")
    print(f"worst judged ratio: {worst[0]:.2f} ({worst[1]}); limit {LIMIT}")
    if bad:
        print("superlinear:", "; ".join(bad))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
