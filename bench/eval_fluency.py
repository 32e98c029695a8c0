"""Fluency model and document scores against DEMETR perturbations and MQM human ratings.

    python bench/eval_fluency.py ../shared/data [--class-weight 3] [--vocab 8000]

DEMETR: a house model is fitted on ``clean/`` plus the human references (``system`` starting
with ``ref``) of ``mqm/``; for each perturbation it prints the paired AUC (the probability that
a perturbed sentence scores below its own clean sentence, ties counting half) and the pooled ROC
AUC (all clean sentences against all perturbed ones), and MT901's flag rates.

MQM: each system's output of each document is one document (segments as lines). The house model
for a domain leaves that domain's references out (they translate the same sources, which would
leak reference overlap into a "monolingual" score), and reference systems are not scored. It
prints the Kendall tau-b between each document signal and the human MQM penalty per 1,000 words
(positive: the signal rises with human-marked errors) and the system-level pairwise accuracy of
the signal's mean against the human ranking.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from itertools import combinations
from pathlib import Path
from typing import Any

import numpy as np
from evaldata import read_jsonl

from mtcheck import engine
from mtcheck.config import resolve
from mtcheck.metrics.fit import document_sentences
from mtcheck.metrics.fluency import FluencyModel, TrainOptions, train
from mtcheck.metrics.runmodel import DocumentInput, run_fluency
from mtcheck.model import Document

TARGETS = {
    "shuffled": 0.90,
    "verb_removed": 0.70,
    "subj_removed": 0.70,
    "function_word": 0.70,
    "word_swap": 0.70,
}
MQM_FILES = {"reviews/manuals": "wmt23_zhen_reviews_manuals.jsonl", "TED": "ted_zhen.jsonl"}


def clean_sentences(data: Path) -> list[str]:
    out: list[str] = []
    for f in sorted((data / "clean").glob("*.jsonl")):
        for row in read_jsonl(f):
            out.extend(document_sentences(Document(id="x", text=row["text"])))
    return out


def reference_sentences(data: Path, files: Sequence[str]) -> list[str]:
    out: list[str] = []
    for name in files:
        for row in read_jsonl(data / "mqm" / name):
            if str(row["system"]).startswith("ref"):
                out.extend(document_sentences(Document(id="x", text=row["target"])))
    return out


def rank_auc(pos: np.ndarray, neg: np.ndarray) -> float:
    """ROC AUC that ``pos`` scores above ``neg`` (Mann-Whitney, ties counting half)."""
    values = np.concatenate([pos, neg])
    order = np.argsort(values, kind="mergesort")
    ranks = np.empty(len(values))
    _, inv, counts = np.unique(values[order], return_inverse=True, return_counts=True)
    sums = np.bincount(inv, weights=np.arange(1, len(values) + 1))
    ranks[order] = (sums / counts)[inv]
    n1, n2 = len(pos), len(neg)
    return float((ranks[:n1].sum() - n1 * (n1 + 1) / 2) / (n1 * n2))


def kendall_tau_b(x: Sequence[float], y: Sequence[float]) -> float:
    a = np.asarray(x, float)
    b = np.asarray(y, float)
    dx = np.sign(a[:, None] - a[None, :])
    dy = np.sign(b[:, None] - b[None, :])
    iu = np.triu_indices(len(a), 1)
    sx, sy = dx[iu], dy[iu]
    num = float(np.sum(sx * sy))
    den = float(np.sqrt(np.sum(sx != 0) * np.sum(sy != 0)))
    return num / den if den else 0.0


def pairwise_accuracy(signal: dict[str, float], human: dict[str, float]) -> float:
    systems = sorted(signal)
    pairs = list(combinations(systems, 2))
    agree = sum(
        1 for s, t in pairs if np.sign(signal[s] - signal[t]) == np.sign(human[s] - human[t]) != 0
    )
    return agree / len(pairs) if pairs else 0.0


def demetr(data: Path, model: FluencyModel, model_path: str) -> None:
    clean = {r["id"]: r["mt"] for r in read_jsonl(data / "demetr" / "clean.jsonl")}
    ids = sorted(clean)
    c_scores = dict(zip(ids, model.score([clean[i] for i in ids])[0], strict=True))
    by: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in read_jsonl(data / "demetr" / "perturbed.jsonl"):
        by[re.sub(r"^(minor|critical|base)_id\d+_", "", r["pert"])].append(r)
    settings = resolve(
        {"lang": "en", "select": ("MT901",), "fluency_model": model_path}, discover=False
    )

    def flagged(texts: Sequence[str]) -> int:
        run = engine.run(
            [Document(id=str(k), text=t) for k, t in enumerate(texts)], settings, keep_text=False
        )
        return sum(1 for d in run.documents if d.findings)

    n_clean_flagged = flagged([clean[i] for i in ids])
    print(f"\nDEMETR ({len(ids)} clean sentences; MT901 flags {n_clean_flagged} of them)")
    print(
        f"{'perturbation':<20} {'n':>4} {'paired AUC':>10} {'pooled AUC':>10} {'MT901':>6}  target"
    )
    clean_all = np.array([c_scores[i] for i in ids])
    for name in sorted(by):
        rows = by[name]
        p_scores, _ = model.score([r["text"] for r in rows])
        c = np.array([c_scores[r["id"]] for r in rows])
        paired = float(np.mean((c > p_scores) + 0.5 * (c == p_scores)))
        pooled = rank_auc(clean_all, p_scores)
        hits = flagged([r["text"] for r in rows])
        target = TARGETS.get(name)
        mark = "" if target is None else f">= {target:.2f} {'ok' if paired >= target else 'MISS'}"
        print(
            f"{name:<20} {len(rows):>4} {paired:>10.3f} {pooled:>10.3f} "
            f"{100 * hits / len(rows):>5.1f}%  {mark}"
        )


def mqm_documents(path: Path) -> tuple[list[Document], dict[str, float], dict[str, str]]:
    groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for row in read_jsonl(path):
        if str(row["system"]).startswith("ref"):
            continue
        groups[(str(row["system"]), str(row["doc"]))].append(row)
    docs: list[Document] = []
    human: dict[str, float] = {}
    system: dict[str, str] = {}
    for (sysname, doc), rows in sorted(groups.items()):
        rows.sort(key=lambda r: int(r["doc_seg"]))
        text = "\n".join(" ".join(str(r["target"]).split()) for r in rows) + "\n"
        did = f"{sysname}/{doc}"
        docs.append(Document(id=did, text=text, lines_mode=True))
        words = max(1, len(text.split()))
        human[did] = 1000.0 * sum(float(r["mqm"] or 0.0) for r in rows) / words
        system[did] = sysname
    return docs, human, system


def mqm(data: Path, opts: TrainOptions, clean: list[str], tmp: Path) -> None:
    print("\nMQM (Kendall tau-b with the human MQM penalty per 1,000 words; system-level")
    print("pairwise accuracy of the mean against the human ranking)")
    for domain, fname in MQM_FILES.items():
        others = [f for d, f in MQM_FILES.items() if d != domain]
        model = train(clean + reference_sentences(data, others), opts)
        path = tmp / f"house-{domain.replace('/', '-')}.mtfluency"
        model.save(path)
        docs, human, system = mqm_documents(data / "mqm" / fname)
        settings = resolve({"lang": "en", "fluency_model": str(path)}, discover=False)
        t0 = time.perf_counter()
        run = engine.run(docs, settings, keep_text=False)
        elapsed = time.perf_counter() - t0
        ids = [d.id for d in run.documents]
        h = [human[i] for i in ids]
        # no house model: the run-fitted model (texts kept for its second pass)
        t1 = time.perf_counter()
        own = engine.run(docs, resolve({"lang": "en", "run_fluency": True}, discover=False))
        own_elapsed = time.perf_counter() - t1
        own_fluency = {d.id: d.metrics["fluency"]["score"] for d in own.documents}
        # control: each system's documents as a run of their own, so no other system's
        # translation of the same source can vouch for a document (fluency, not consensus)
        per_system: dict[str, float | None] = {}
        for sysname in sorted(set(system.values())):
            mine = [d for d in docs if system[d.id] == sysname]
            fl = run_fluency([DocumentInput(d.text, True) for d in mine])
            per_system.update({d.id: s for d, s in zip(mine, fl.document, strict=True)})
        signals: dict[str, Callable[[Any], float]] = {
            "garble risk (score)": lambda d: d.metrics["garble_risk"],
            "100 - quality score": lambda d: 100.0 - d.metrics["quality_score"],
            "1 - fluency": lambda d: 1.0 - d.metrics["fluency"]["score"],
            "1 - fluency (run model)": lambda d, f=own_fluency: 1.0 - (f[d.id] or 0.0),
            "  same, one run per system": lambda d, f=per_system: 1.0 - (f[d.id] or 0.0),
            "-reading ease (textstat)": lambda d: (
                -(d.metrics["readability"]["flesch_reading_ease"] or 0.0)
            ),
            "finding count": lambda d: float(len(d.findings)),
        }
        n_sys = len(set(system.values()))
        print(
            f"\n{domain}: {len(ids)} documents, {n_sys} systems, scanned in {elapsed:.1f}s "
            f"with the house model, {own_elapsed:.1f}s with the run-fitted model"
        )
        print(f"{'signal':<26} {'tau':>7} {'pairwise acc':>13}")
        for name, fn in signals.items():
            values = [fn(d) for d in run.documents]
            tau = kendall_tau_b(values, h)
            per_sys: dict[str, list[float]] = defaultdict(list)
            per_sys_h: dict[str, list[float]] = defaultdict(list)
            for i, v, hv in zip(ids, values, h, strict=True):
                per_sys[system[i]].append(v)
                per_sys_h[system[i]].append(hv)
            acc = pairwise_accuracy(
                {s: float(np.mean(v)) for s, v in per_sys.items()},
                {s: float(np.mean(v)) for s, v in per_sys_h.items()},
            )
            print(f"{name:<26} {tau:>7.3f} {acc:>13.3f}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("data", type=Path)
    ap.add_argument("--class-weight", type=float, default=TrainOptions.class_weight)
    ap.add_argument("--vocab", type=int, default=TrainOptions.vocab_size)
    ap.add_argument("--skip-mqm", action="store_true")
    args = ap.parse_args()
    opts = TrainOptions(vocab_size=args.vocab, class_weight=args.class_weight, name="house")
    clean = clean_sentences(args.data)
    refs = reference_sentences(args.data, list(MQM_FILES.values()))
    t0 = time.perf_counter()
    model = train(clean + refs, opts)
    print(
        f"house model: {len(clean)} clean + {len(refs)} reference sentences, "
        f"{model.meta['vocab']} pieces, {len(model.classes)} word classes, "
        f"class weight {opts.class_weight}, fitted in {time.perf_counter() - t0:.1f}s"
    )
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "house.mtfluency"
        model.save(path)
        print(f"model file: {path.stat().st_size / 1e6:.2f} MB")
        demetr(args.data, model, str(path))
        if not args.skip_mqm:
            mqm(args.data, opts, clean, Path(d))


if __name__ == "__main__":
    sys.exit(main())
