"""The run-fitted fluency model: leave-one-out scoring over a run's own documents."""

from __future__ import annotations

import pytest

from mtcheck import engine
from mtcheck.config import resolve
from mtcheck.metrics import runmodel
from mtcheck.metrics.runmodel import DocumentInput, run_fluency
from mtcheck.model import Document
from tests.fluency_corpus import sentences

SALAD = "Spring the in start plan would new the that said council the."


def clean_docs() -> list[str]:
    sents = sentences()
    return [" ".join(sents[i : i + 12]) for i in range(0, len(sents), 12)]


def test_word_salad_document_scores_lowest_even_when_it_repeats_itself() -> None:
    # the odd document repeats its salad, so without leaving it out its own counts would make
    # the salad look probable
    docs = [*clean_docs(), " ".join([SALAD] * 6)]
    fl = run_fluency([DocumentInput(t) for t in docs])
    scores = [s for s in fl.document if s is not None]
    assert len(scores) == len(docs)
    assert fl.document[-1] == min(scores)
    assert fl.document[-1] is not None and fl.document[-1] < 0.05
    assert all(s > 0.1 for s in scores[:-1])


def test_outlier_sentence_stands_out_within_its_document() -> None:
    docs = clean_docs()
    docs[0] = docs[0] + " " + SALAD
    fl = run_fluency([DocumentInput(t) for t in docs])
    first = fl.scores[0]
    assert len(first) == len(fl.spans[0]) == 13
    assert first[-1] == min(first)
    assert first[-1] < 0.05


def test_engine_uses_run_model_only_above_the_word_threshold(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    docs = [Document(id=f"d{i}", text=t) for i, t in enumerate([*clean_docs(), SALAD * 3])]
    settings = resolve({"lang": "en", "run_fluency": True}, discover=False)
    run = engine.run(docs, settings)
    assert all(d.metrics["fluency"]["model"] is None for d in run.documents)
    monkeypatch.setattr(runmodel, "MIN_WORDS", 100)
    run = engine.run(docs, settings)
    assert all(d.metrics["fluency"]["model"] == "run" for d in run.documents)
    last = run.documents[-1].metrics
    assert last["fluency"]["score"] == min(d.metrics["fluency"]["score"] for d in run.documents)
    assert last["garble_risk"] > run.documents[0].metrics["garble_risk"]
    assert run.metrics["fluency"] is not None
    off = engine.run(docs, settings.with_(run_fluency=False))
    assert all(d.metrics["fluency"]["model"] is None for d in off.documents)
    assert resolve({}, discover=False).run_fluency is False
    # without the texts (keep_text=False) the run model cannot make its second pass
    no_text = engine.run(docs, settings, keep_text=False)
    assert all(d.metrics["fluency"]["model"] is None for d in no_text.documents)
