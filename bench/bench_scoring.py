"""What scoring costs: the default scan with full document metrics against penalty-only metrics.

    python bench/bench_scoring.py [--docs 400] [--repeat 3] [--data ../shared/data]

Documents are built from mtcheck's own demo corpus (deterministic shuffles of its sentences
into 12-sentence documents), or from ``clean/`` of the data folder when ``--data`` is given.
Both variants run in this one process, alternating, best of ``--repeat`` (7) in CPU seconds;
the ratio is what the budget (at most 1.5x) is about. With ``--fluency-model`` the scoring
variant also scores every sentence with that model; with ``--run-fluency`` it fits and applies
the run-fitted model (when the documents hold 20,000+ words).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Sequence
from importlib.resources import files
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mtcheck import engine, score
from mtcheck.analysis import Analysis
from mtcheck.config import Settings, resolve
from mtcheck.metrics import runmodel
from mtcheck.model import Document, Finding


def demo_documents(n: int) -> list[Document]:
    text = files("mtcheck.data").joinpath("demo_corpus.txt").read_text(encoding="utf-8")
    sentences = [s for s in text.splitlines() if s.strip()]
    rng = random.Random(7)
    docs = []
    for i in range(n):
        picked = rng.sample(sentences, 12)
        body = " ".join(picked[:6]) + "\n\n" + " ".join(picked[6:]) + "\n"
        docs.append(Document(id=f"doc{i}", text=body))
    return docs


def data_documents(data: Path) -> list[Document]:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from evaldata import clean_documents

    return clean_documents(data)


def penalty_only(
    analysis: Analysis, findings: Sequence[Finding], settings: Settings
) -> dict[str, Any]:
    """The document metrics before this branch: counts and the penalty."""
    return {
        "paragraphs": len(analysis.paragraphs),
        "sentences": len(analysis.sentences),
        "penalty_per_1000_words": score.penalty(findings, analysis.word_count, settings.weights),
    }


def timed(docs: Sequence[Document], settings: Settings) -> float:
    # CPU time of this process: the figure should not depend on what else the machine runs
    t0 = time.process_time()
    # texts kept, as the CLI does: the run-fitted fluency model needs them
    engine.run(docs, settings, keep_text=True)
    return time.process_time() - t0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=400)
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--data", type=Path)
    ap.add_argument("--fluency-model")
    ap.add_argument("--run-fluency", action="store_true", help="include the run-fitted model")
    args = ap.parse_args()
    docs = data_documents(args.data) if args.data else demo_documents(args.docs)
    words = sum(len(d.text.split()) for d in docs)
    base = resolve({"lang": "en"}, discover=False)
    full = base.with_(fluency_model=args.fluency_model, run_fluency=args.run_fluency)
    full_metrics = engine.document_metrics
    # warm up both paths once (lazy imports, wordfreq list, model loading)
    engine.run(docs[:5], full, keep_text=True)
    base = base.with_(run_fluency=False)
    best_base = best_full = float("inf")
    for _ in range(args.repeat):
        engine.document_metrics = penalty_only  # type: ignore[assignment]
        best_base = min(best_base, timed(docs, base))
        engine.document_metrics = full_metrics
        best_full = min(best_full, timed(docs, full))
    run_model = args.run_fluency and not args.fluency_model and words >= runmodel.MIN_WORDS
    ratio = best_full / best_base
    print(f"{len(docs)} documents, {words:,} words")
    print(f"penalty-only scan: {best_base:.3f}s ({words / best_base:,.0f} words/s)")
    label = "scan with scoring" + (" (incl. run-fitted model)" if run_model else "")
    print(f"{label}: {best_full:.3f}s ({words / best_full:,.0f} words/s)")
    print(f"ratio: {ratio:.2f}x (budget 1.50x) {'ok' if ratio <= 1.5 else 'OVER BUDGET'}")


if __name__ == "__main__":
    main()
