"""A fluency model fitted on the run itself, for scans without a house model.

When a run holds enough text (:data:`MIN_WORDS`), a word-class 4-gram Kneser-Ney model is fitted
on all of its documents and each document is scored leaving its own text out: its n-gram counts
are subtracted from the highest order (counts, context totals and context types), the cheap
approximation of refitting without it (lower orders keep its continuation counts). Sentence
scores are percentiles among all sentences of the run, so a corpus's outlier sentences stand
out; a document's score is the word-class-token-weighted mean of its sentences.

This needs the texts of all documents at the end of the run (the engine keeps them in the
results unless told not to) and one more pass over them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from mtcheck.metrics.fluency import (
    _TOKEN_RE,
    CLASS_BITS,
    CLASS_WORDS,
    NgramTables,
    Table,
    _group,
    build_tables,
    count_ngrams,
    pack,
    positions,
    word_class,
)
from mtcheck.segment import segment

#: a run needs at least this many words before its own model says anything
MIN_WORDS = 20_000
ORDER = 4
MODEL_NAME = "run"


@dataclass(frozen=True)
class DocumentInput:
    text: str
    lines_mode: bool = False


@dataclass(frozen=True)
class RunFluency:
    """Per document: sentence spans, calibrated sentence scores, and the document score."""

    spans: tuple[tuple[tuple[int, int], ...], ...]
    scores: tuple[tuple[float, ...], ...]
    document: tuple[float | None, ...]


def _encode(
    docs: Sequence[DocumentInput], vocab: dict[str, int]
) -> tuple[list[list[tuple[int, int]]], list[list[list[int]]]]:
    spans: list[list[tuple[int, int]]] = []
    encoded: list[list[list[int]]] = []
    keep = CLASS_WORDS
    full = (1 << CLASS_BITS) - 3
    ids_of: dict[tuple[str, bool], int] = {}
    for d in docs:
        seg = segment(d.text, d.lines_mode)
        s_spans = [(s.start, s.end) for s in seg.sentences]
        rows = []
        for s, e in s_spans:
            ids = []
            for k, t in enumerate(_TOKEN_RE.findall(d.text, s, e)):
                key = (t, k == 0)
                i = ids_of.get(key)
                if i is None:
                    cls = word_class(t, keep, k == 0)
                    i = vocab.get(cls)
                    if i is None:
                        # beyond what the key packing holds, rare classes share the unknown id
                        i = vocab[cls] = len(vocab) + 3 if len(vocab) < full else 0
                    ids_of[key] = i
                ids.append(i)
            rows.append(ids)
        spans.append(s_spans)
        encoded.append(rows)
    return spans, encoded


def _leave_out_log2prob(
    tables: NgramTables,
    history: list[np.ndarray],
    c: np.ndarray,
    own: tuple[np.ndarray, np.ndarray],
) -> np.ndarray:
    """Like ``tables.log2prob`` with the document's own top-order counts taken out."""
    bits = tables.bits
    own_keys, own_counts = own
    top_table, top_ctx = tables.levels[-1]
    assert top_ctx is not None
    # the document's contribution to each top-order context: total count and the number of
    # continuations that occur only in this document
    (total_n,) = top_table.lookup(own_keys)
    only_here = (total_n == own_counts).astype(np.int64)
    ctx_keys, _, ctx_tot = _group(own_keys >> bits, own_counts)
    _, _, ctx_only = _group(own_keys >> bits, only_here)
    own_table = Table(own_keys, (own_counts,))
    own_ctx = Table(ctx_keys, (ctx_tot, ctx_only))

    (n_c,) = tables.levels[0][0].lookup(c)
    p = (n_c + 1.0) / (tables.bigram_types + tables.vocab)
    key = c
    prefix = np.zeros_like(c)
    for k in range(2, tables.order + 1):
        h = history[k - 2]
        prefix = (h << ((k - 2) * bits)) | prefix
        key = (h << ((k - 1) * bits)) | key
        table, ctx = tables.levels[k - 1]
        assert ctx is not None
        (n,) = table.lookup(key)
        tot, types = ctx.lookup(prefix)
        if k == tables.order:
            (mine,) = own_table.lookup(key)
            my_tot, my_only = own_ctx.lookup(prefix)
            n = n - mine
            tot = tot - my_tot
            types = types - my_only
        has = tot > 0
        safe = np.where(has, tot, 1)
        d = tables.discounts[k - 1]
        p = np.where(has, np.maximum(n - d, 0.0) / safe + d * types / safe * p, p)
    return np.log2(p)


def run_fluency(docs: Sequence[DocumentInput]) -> RunFluency:
    """Leave-one-out sentence and document fluency of every document of a run."""
    vocab: dict[str, int] = {}
    spans, encoded = _encode(docs, vocab)
    all_rows = [row for rows in encoded for row in rows]
    keys, counts = count_ngrams([all_rows], ORDER, CLASS_BITS)
    tables = build_tables(keys, counts, len(vocab) + 3, ORDER, CLASS_BITS)
    raw_per_doc: list[np.ndarray] = []
    lens_per_doc: list[np.ndarray] = []
    for rows in encoded:
        if not rows:
            raw_per_doc.append(np.zeros(0))
            lens_per_doc.append(np.zeros(0, np.int64))
            continue
        history, c, lens = positions(rows, ORDER)
        k = pack(history, c, ORDER, CLASS_BITS)
        own_keys, own_counts, _ = _group(np.sort(k))
        lp = _leave_out_log2prob(tables, history, c, (own_keys, own_counts))
        starts = np.r_[0, np.cumsum(lens)[:-1]]
        raw_per_doc.append(np.add.reduceat(lp, starts) / lens)
        lens_per_doc.append(lens)
    everything = np.concatenate(raw_per_doc) if raw_per_doc else np.zeros(0)
    ranked = np.sort(everything)
    scores: list[tuple[float, ...]] = []
    document: list[float | None] = []
    for raw, lens in zip(raw_per_doc, lens_per_doc, strict=True):
        if len(raw) == 0 or len(ranked) == 0:
            scores.append(())
            document.append(None)
            continue
        # percentile among all sentences of the run (mid-rank for ties)
        lo = np.searchsorted(ranked, raw, side="left")
        hi = np.searchsorted(ranked, raw, side="right")
        pct = (lo + hi) / 2.0 / len(ranked)
        scores.append(tuple(float(x) for x in pct))
        document.append(float(np.sum(pct * lens) / np.sum(lens)))
    return RunFluency(
        spans=tuple(tuple(s) for s in spans), scores=tuple(scores), document=tuple(document)
    )
