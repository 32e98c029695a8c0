"""sacrebleu metrics: corpus scores from summed statistics equal sacrebleu's corpus scores."""

from __future__ import annotations

from pathlib import Path

import pytest
from sacrebleu.metrics import BLEU, CHRF, TER

from mtcheck import engine
from mtcheck.config import resolve
from mtcheck.metrics.reference import (
    reference_metrics,
    score_from_stats,
    segment_stats,
    signature,
    sum_stats,
)
from mtcheck.model import Document

HYPS = [
    "The council said the plan will start in spring.",
    "Prices rose again in May after the new tariffs.",
    "The team shipped a new version on Monday.",
    "He said the talks resume next week.",
    "The museum is open every day except Monday.",
]
REFS = [
    "The council said the plan would start in the spring.",
    "Prices rose sharply in May after the new tariffs.",
    "The team shipped the new version of the app on Monday.",
    "He said the talks would resume next week.",
    "The museum is open daily except on Mondays.",
]


def test_summed_statistics_equal_sacrebleu_corpus_scores() -> None:
    # statistics of two chunks, summed, give exactly the score of the whole corpus
    chunks = [(HYPS[:2], REFS[:2]), (HYPS[2:], REFS[2:])]
    per_chunk = []
    for h, r in chunks:
        st = segment_stats(h, r)
        per_chunk.extend({k: v[i] for k, v in st.items()} for i in range(len(h)))
    ours = score_from_stats(sum_stats(per_chunk))
    assert ours["bleu"] == pytest.approx(BLEU().corpus_score(HYPS, [REFS]).score, abs=1e-4)
    assert ours["chrf"] == pytest.approx(CHRF().corpus_score(HYPS, [REFS]).score, abs=1e-4)
    assert ours["ter"] == pytest.approx(TER().corpus_score(HYPS, [REFS]).score, abs=1e-4)


def test_segment_scores_match_sentence_scores() -> None:
    m = reference_metrics(HYPS, REFS)
    assert len(m["segments"]) == len(HYPS)
    for seg, h, r in zip(m["segments"], HYPS, REFS, strict=True):
        assert seg["chrf"] == pytest.approx(CHRF().sentence_score(h, [r]).score, abs=1e-4)
        assert seg["ter"] == pytest.approx(TER().sentence_score(h, [r]).score, abs=1e-4)
        assert seg["bleu"] == pytest.approx(
            BLEU(effective_order=True).sentence_score(h, [r]).score, abs=1e-4
        )
    assert m["bleu"] == pytest.approx(BLEU().corpus_score(HYPS, [REFS]).score, abs=1e-4)


def test_misaligned_references_are_refused() -> None:
    with pytest.raises(ValueError, match="align"):
        reference_metrics(HYPS, REFS[:2])


def test_scan_with_reference_file_reports_document_and_run_scores(tmp_path: Path) -> None:
    ref = tmp_path / "ref.txt"
    ref.write_text("\n".join(REFS) + "\n", encoding="utf-8")
    settings = resolve({"lines": True, "reference": str(ref), "lang": "en"}, discover=False)
    docs = [Document(id="a", text="\n".join(HYPS) + "\n", path="a.txt", lines_mode=True)]
    run = engine.run(docs, settings)
    doc_ref = run.documents[0].metrics["reference"]
    assert len(doc_ref["segments"]) == 5
    assert run.metrics["reference"]["chrf"] == pytest.approx(
        CHRF().corpus_score(HYPS, [REFS]).score, abs=1e-4
    )
    assert run.metrics["reference"]["signature"] == signature()
    assert "reference:" in run.signature and "version:" in run.signature


def test_reference_from_jsonl_meta_and_misaligned_file(tmp_path: Path) -> None:
    settings = resolve({"lang": "en"}, discover=False)
    docs = [
        Document(id="r1", text=HYPS[0], meta={"reference": REFS[0]}),
        Document(id="r2", text=HYPS[1], meta={"reference": REFS[1]}),
    ]
    run = engine.run(docs, settings)
    assert run.metrics["reference"]["bleu"] == pytest.approx(
        BLEU().corpus_score(HYPS[:2], [REFS[:2]]).score, abs=1e-4
    )
    ref = tmp_path / "short.txt"
    ref.write_text("only one line\n", encoding="utf-8")
    bad = resolve({"lines": True, "reference": str(ref)}, discover=False)
    run = engine.run([Document(id="a", text="one\ntwo\n", lines_mode=True)], bad)
    assert "must align" in run.documents[0].metrics["reference"]["error"]
