"""Linear time on hostile text: every rule, every adversarial input, at size N and 2N.

    python bench/linear_time.py            # full sizes (about 1 MB inputs)
    python bench/linear_time.py --quick    # CI: smaller inputs

For each input the whole rule set (segmentation included) is timed at both sizes, best of
three; the ratio must stay at most 2.5 (linear time doubles; quadratic quadruples). When it does
not, each rule is timed alone to name the offender (``--per-rule`` does that for every input).
Exits 1 and lists offenders otherwise.

Then the same check across a run instead of across input sizes: a batch of short documents is
timed before and after the process has seen a large vocabulary (its word caches full). Work
per document must not grow with what the process has cached; the ratio must stay at most
``CACHE_LIMIT``.
"""

from __future__ import annotations

import argparse
import functools
import gc
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from adversarial import GENERATORS, LOADER_GENERATORS

from mtcheck import engine, memo
from mtcheck.config import resolve
from mtcheck.model import Document
from mtcheck.rules import registry

LIMIT = 2.5
#: short documents after a large vocabulary against before: must stay near 1
CACHE_LIMIT = 1.5
# CPU time of this process (not wall time), so other load on the machine does not count;
# below FLOOR seconds at 2N, timer resolution dominates and the ratio is not judged
FLOOR = 0.03


def clear_word_caches() -> None:
    """Empty the package's caches keyed by a word, a type or a sentence (bounded ones; the
    lexicons, loaded once, stay), so that each timed run meets its text's words for the first
    time: a best of three would otherwise time cache hits and hide work per type that grows
    with the type's length (one word as long as the input)."""
    # found through the modules, not the garbage collector: the lexicons freeze every object
    # alive when they load (gc.freeze), and frozen objects are not in gc.get_objects()
    for name, module in list(sys.modules.items()):
        if not name.startswith("mtcheck"):
            continue
        for obj in list(vars(module).values()):
            if isinstance(obj, memo.TypeParts):
                obj.clear()
            elif (
                isinstance(obj, functools._lru_cache_wrapper)
                and obj.cache_parameters()["maxsize"] is not None
            ):
                obj.cache_clear()


def best_time(text: str, settings: object, repeats: int = 3) -> float:
    best = float("inf")
    doc = Document(id="x", text=text)
    # Lexicons and models loaded by earlier runs are large; a full garbage collection walks
    # them, and whether one falls inside a timed run depends on allocation counts, a step that
    # looks superlinear. Freezing what exists keeps the timing about the rules' own work.
    gc.collect()
    gc.freeze()
    for _ in range(repeats):
        clear_word_caches()
        t = time.process_time()
        engine.run([doc], settings, keep_text=False)  # type: ignore[arg-type]
        best = min(best, time.process_time() - t)
    return best


def _cpu(fn: Callable[[str], object], text: str) -> float:
    t = time.process_time()
    fn(text)
    return time.process_time() - t


def ratio_for(
    text_n: str, text_2n: str, codes: tuple[str, ...], repeats: int = 3
) -> tuple[float, float, float]:
    settings = resolve({"select": codes, "lang": "en"}, discover=False)
    t1 = best_time(text_n, settings, repeats)
    t2 = best_time(text_2n, settings, repeats)
    return t1, t2, t2 / max(t1, 1e-9)


def _short_documents(n: int) -> list[Document]:
    import random

    import wordfreq

    rng = random.Random(5)
    common = [w for w in wordfreq.top_n_list("en", 3_000) if w.isalpha()]
    docs = []
    for i in range(n):
        sentences = [" ".join(rng.choices(common, k=12)).capitalize() + "." for _ in range(2)]
        docs.append(Document(id=f"s{i}", text=" ".join(sentences)))
    return docs


def _vocabulary_documents(words: int) -> list[Document]:
    import wordfreq

    vocab = [w for w in wordfreq.top_n_list("en", 400_000)[20_000:] if w.isalpha()][:words]
    per_doc = 600
    docs = []
    for i in range(0, len(vocab), per_doc):
        chunk = vocab[i : i + per_doc]
        sentences = [
            " ".join(chunk[k : k + 12]).capitalize() + "." for k in range(0, len(chunk), 12)
        ]
        docs.append(Document(id=f"v{i}", text=" ".join(sentences)))
    return docs


def cache_growth(words: int) -> tuple[float, float, float]:
    """CPU seconds of a batch of short documents before and after ``words`` new words, and
    their ratio (both timed after a warm-up pass, best of three). ``words`` must stay below
    ``memo.WORD_TABLES``, the size at which a word table is cleared."""
    from mtcheck import memo

    if words >= memo.WORD_TABLES:
        raise ValueError(f"{words:,} new words would clear the word tables")
    settings = resolve({"lang": "en"}, discover=False)
    short = _short_documents(300)

    def batch() -> float:
        gc.collect()
        gc.freeze()
        best = float("inf")
        for _ in range(3):
            t = time.process_time()
            engine.run(short, settings, keep_text=False)
            best = min(best, time.process_time() - t)
        return best

    engine.run(short, settings, keep_text=False)  # load the tables, fill the caches
    before = batch()
    engine.run(_vocabulary_documents(words), settings, keep_text=False)
    # a bounded cache that filled up may have dropped the short documents' words: one more
    # pass puts them back, so the timed passes do the same work as before
    engine.run(short, settings, keep_text=False)
    after = batch()
    return before, after, after / max(before, 1e-9)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="smaller inputs, for CI")
    ap.add_argument("--size", type=int, default=0)
    ap.add_argument("--per-rule", action="store_true", help="time every rule on every input")
    args = ap.parse_args()
    size = args.size or (100_000 if args.quick else 1_000_000)
    codes = tuple(r.code for r in registry.all_rules())
    bad: list[str] = []
    worst = (0.0, "")
    print(f"size N = {size:,} characters; limit t(2N)/t(N) <= {LIMIT}")
    print(f"{'rules':<8} {'input':<24} {'t(N) s':>8} {'t(2N) s':>8} {'ratio':>6}")
    for name, gen in GENERATORS.items():
        small, large = gen(size), gen(2 * size)
        # all rules together first; a rule is timed alone when the whole run is superlinear
        t1, t2, ratio = ratio_for(small, large, codes)
        suspects = codes if (args.per_rule or (t2 >= FLOOR and ratio > LIMIT)) else ()
        print(f"{'all':<8} {name:<24} {t1:>8.4f} {t2:>8.4f} {ratio:>6.2f}", flush=True)
        if t2 >= FLOOR and ratio > worst[0]:
            worst = (ratio, f"all rules on {name}")
        if t2 >= FLOOR and ratio > LIMIT and not suspects:
            bad.append(f"all {name} {ratio:.2f}")
        for code in suspects:
            r1, r2, rr = ratio_for(small, large, (code,))
            if r2 >= FLOOR and rr > LIMIT:
                # one noisy sample decides nothing: measure again, longer, before judging
                r1, r2, rr = ratio_for(small, large, (code,), repeats=9)
            judged = r2 >= FLOOR
            over = judged and rr > LIMIT
            if over:
                bad.append(f"{code} {name} {rr:.2f}")
            if judged or args.per_rule:
                mark = "  <-- superlinear" if over else ""
                print(f"{code:<8} {name:<24} {r1:>8.4f} {r2:>8.4f} {rr:>6.2f}{mark}", flush=True)
    from mtcheck.load import html, markdown

    for lname, extract in (("markdown", markdown.extract), ("html", html.extract)):
        for name, gen in LOADER_GENERATORS.items():
            small, large = gen(size // 8), gen(size // 4)
            gc.collect()
            t1 = min(_cpu(extract, small) for _ in range(3))
            t2 = min(_cpu(extract, large) for _ in range(3))
            ratio = t2 / max(t1, 1e-9)
            judged = t2 >= FLOOR
            if judged and ratio > LIMIT:
                # one noisy sample decides nothing: measure again, longer, before judging
                t1 = min(_cpu(extract, small) for _ in range(9))
                t2 = min(_cpu(extract, large) for _ in range(9))
                ratio = t2 / max(t1, 1e-9)
            print(f"{lname:<8} {name:<24} {t1:>8.4f} {t2:>8.4f} {ratio:>6.2f}", flush=True)
            if judged and ratio > LIMIT:
                bad.append(f"{lname} loader {name} {ratio:.2f}")
    # below the word tables' bound (memo.WORD_TABLES), which clears a full table: past it
    # the caches would be nearly empty again when the short documents are timed
    words = 20_000 if args.quick else 40_000
    before, after, ratio = cache_growth(words)
    print(
        f"short documents before and after {words:,} new words: {before:.3f} s, {after:.3f} s, "
        f"ratio {ratio:.2f} (limit {CACHE_LIMIT})"
    )
    if ratio > CACHE_LIMIT:
        bad.append(f"per-document work grows with the caches {ratio:.2f}")
    print(f"worst judged ratio of the whole rule set: {worst[0]:.2f} ({worst[1]})")
    if bad:
        print("superlinear:", "; ".join(bad))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
