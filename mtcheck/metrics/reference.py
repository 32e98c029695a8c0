"""Reference metrics with sacrebleu: BLEU, chrF and TER per segment, per document and per run.

Corpus-level scores are computed from summed sufficient statistics (n-gram matches, character
n-gram counts, edit counts), so a run of any size needs memory for one document at a time and
still gives exactly sacrebleu's corpus score. The statistics are a documented part of each
document's metrics (``reference.stats``) so the run total can be reduced from document results.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

METRICS = ("bleu", "chrf", "ter")


@cache
def _metrics() -> dict[str, Any]:
    from sacrebleu.metrics import BLEU, CHRF, TER

    # sentence-level BLEU needs effective order, or any short segment without a 4-gram match
    # scores 0; the corpus score is the same either way once 4-grams exist
    return {
        "bleu": BLEU(),
        "sentence_bleu": BLEU(effective_order=True),
        "chrf": CHRF(),
        "ter": TER(),
    }


def signature() -> str:
    """sacrebleu's signatures of the three metrics, for the report."""
    m = _metrics()
    return " ".join(f"{k}[{m[k].get_signature()}]" for k in METRICS)


def segment_stats(hypotheses: Sequence[str], references: Sequence[str]) -> dict[str, list[Any]]:
    """Per-segment sufficient statistics of each metric."""
    m = _metrics()
    return {
        k: m[k]._extract_corpus_statistics(list(hypotheses), [list(references)]) for k in METRICS
    }


def sum_stats(stats: Iterable[Mapping[str, Sequence[float]]]) -> dict[str, list[float]]:
    """Element-wise sum of per-metric statistic vectors."""
    out: dict[str, list[float]] = {}
    for s in stats:
        for k, vec in s.items():
            acc = out.get(k)
            if acc is None:
                out[k] = list(vec)
            else:
                for i, v in enumerate(vec):
                    acc[i] += v
    return out


def score_from_stats(stats: Mapping[str, Sequence[float]]) -> dict[str, float]:
    """Corpus BLEU, chrF and TER from summed statistics (identical to ``corpus_score``)."""
    m = _metrics()
    out: dict[str, float] = {}
    for k in METRICS:
        if k in stats:
            vec = [int(v) if float(v).is_integer() and k != "ter" else v for v in stats[k]]
            out[k] = round(float(m[k]._compute_score_from_stats(vec).score), 4)
    return out


def reference_metrics(hypotheses: Sequence[str], references: Sequence[str]) -> dict[str, Any]:
    """Document metrics against aligned references: per segment, document total, statistics."""
    if len(hypotheses) != len(references):
        raise ValueError(
            f"{len(hypotheses)} segments but {len(references)} references: they must align"
        )
    m = _metrics()
    per = segment_stats(hypotheses, references)
    segments = []
    for i, (h, r) in enumerate(zip(hypotheses, references, strict=True)):
        segments.append(
            {
                "bleu": round(float(m["sentence_bleu"].sentence_score(h, [r]).score), 4),
                "chrf": round(float(m["chrf"]._compute_score_from_stats(per["chrf"][i]).score), 4),
                "ter": round(float(m["ter"]._compute_score_from_stats(per["ter"][i]).score), 4),
            }
        )
    total = sum_stats({k: per[k][i] for k in METRICS} for i in range(len(hypotheses)))
    return {
        **score_from_stats(total),
        "segments": segments,
        "stats": total,
    }


@cache
def reference_lines(path: str) -> tuple[str, ...]:
    """A reference file, one segment per line (read once per process)."""
    text = Path(path).read_text(encoding="utf-8")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return tuple(lines)
