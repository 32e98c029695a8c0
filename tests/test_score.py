"""Scores: penalty, quality score, garble risk, per-document metrics, run metrics, the gate."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mtcheck import engine
from mtcheck.cli import app
from mtcheck.config import Settings, resolve
from mtcheck.model import Document, DocumentResult, Finding, Severity
from mtcheck.score import Tally, evaluate_gate, garble_risk, penalty, quality_score
from tests.fluency_corpus import sentences


def _finding(sev: Severity) -> Finding:
    return Finding(
        "MT101", "x", "fluency/punctuation", sev, 0.9, "m", 0, 1, 1, 1, 1, 2, "a", None, "f"
    )


def test_penalty_and_quality_score_follow_mqm() -> None:
    weights = {"minor": 1.0, "major": 5.0, "critical": 25.0}
    fs = [_finding(Severity.MINOR), _finding(Severity.MAJOR), _finding(Severity.CRITICAL)]
    assert penalty(fs, 1000, weights) == 31.0
    assert penalty(fs, 500, weights) == 62.0
    assert quality_score(0.0) == 100.0
    assert quality_score(31.0) == 96.9
    assert quality_score(5000.0) == 0.0


def test_garble_risk_combines_penalty_and_fluency() -> None:
    assert garble_risk(0.0, 0.5) == 0.0
    assert garble_risk(0.0, None, 0.0) == 0.0
    assert 0.5 < garble_risk(25.0) < 0.7
    assert garble_risk(0.0, 0.05) == 1.0
    assert garble_risk(0.0, 0.3) == 0.0
    low = garble_risk(10.0, 0.2)
    assert low > garble_risk(10.0, 0.5) and low > garble_risk(0.0, 0.2)
    assert garble_risk(0.0, None, 0.2) == 1.0


def test_document_and_run_metrics_have_the_agreed_keys() -> None:
    settings = resolve({"lang": "en"}, discover=False)
    docs = [
        Document(id="a", text="The talks resumed on Monday. Prices rose sharply in May."),
        Document(id="b", text="The the talks resumed.offensive.Government said."),
    ]
    run = engine.run(docs, settings)
    m = run.documents[0].metrics
    for key in (
        "paragraphs",
        "sentences",
        "penalty_per_1000_words",
        "readability",
        "fluency",
        "sentence_fluency",
        "quality_score",
        "garble_risk",
    ):
        assert key in m, key
    assert set(m["readability"]) == {
        "flesch_reading_ease",
        "flesch_kincaid_grade",
        "words_per_sentence",
        "long_sentence_share",
    }
    assert m["fluency"]["score"] is None and m["fluency"]["model"] is None
    assert m["quality_score"] == 100.0
    for key in ("penalty_per_1000_words", "quality_score", "garble_risk"):
        assert key in run.metrics
    assert "weights:minor=1,major=5,critical=25" in run.signature


def test_gate_still_evaluates_conditions() -> None:
    settings = resolve({"lang": "en", "max_penalty": 1.0}, discover=False)
    run = engine.run([Document(id="a", text="The the talks resumed on Monday.")], settings)
    gate = evaluate_gate(run.documents, run.metrics, settings)
    assert not gate.passed
    assert any(c.startswith("max-penalty") for c in gate.failed)


@pytest.fixture(scope="module")
def house(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("house")
    clean = d / "clean"
    clean.mkdir()
    sents = sentences()
    for i in range(0, len(sents), 20):
        (clean / f"doc{i:03}.txt").write_text(" ".join(sents[i : i + 20]) + "\n", encoding="utf-8")
    out = d / "house.mtfluency"
    result = CliRunner().invoke(app, ["fit", str(clean), "-o", str(out), "--vocab-size", "300"])
    assert result.exit_code == 0, result.output
    assert "216 sentences" in result.output
    return out


def test_scan_with_house_model_scores_sentences_and_flags_word_salad(
    house: Path, tmp_path: Path
) -> None:
    text = (
        "The bank confirmed that the talks would continue next week. "
        "Week the talks confirmed next bank that continue would the.\n"
    )
    f = tmp_path / "doc.txt"
    f.write_text(text, encoding="utf-8")
    out = tmp_path / "r.json"
    result = CliRunner().invoke(
        app,
        [
            "scan",
            str(f),
            "--fluency-model",
            str(house),
            "--extend-select",
            "MT901",
            "-f",
            "json",
            "-o",
            str(out),
        ],
    )
    # the salad also ends on "the": function-word-clash (major) fails the gate
    assert result.exit_code == 1, result.output
    report = json.loads(out.read_text(encoding="utf-8"))
    doc = report["documents"][0]
    sf = doc["metrics"]["sentence_fluency"]
    assert len(sf) == 2 and sf[0][2] > sf[1][2]
    assert doc["metrics"]["fluency"]["model"] == "house"
    assert [f["rule"] for f in doc["findings"]] == ["MT901", "MT605"]
    assert doc["findings"][0]["start"] == sf[1][0]
    assert "fluency:house@" in report["signature"]
    assert report["summary"]["metrics"]["fluency"] is not None


def test_scan_with_missing_model_is_a_usage_error(tmp_path: Path) -> None:
    f = tmp_path / "doc.txt"
    f.write_text("A sentence.\n", encoding="utf-8")
    result = CliRunner().invoke(
        app, ["scan", str(f), "--fluency-model", str(tmp_path / "none.mtfluency")]
    )
    assert result.exit_code == 2
    assert "not found" in result.output


def test_terminal_summary_shows_quality_score(tmp_path: Path) -> None:
    f = tmp_path / "doc.txt"
    f.write_text("The talks resumed on Monday.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["scan", str(f)])
    assert result.exit_code == 0, result.output
    assert "quality 100" in result.output


ENGLISH = [
    "The council approved the budget on Monday after a long debate about schools.",
    "The mayor said the new bridge would open in spring, ahead of the schedule.",
    "Police said the road would stay closed until the repairs were finished.",
]
GERMAN = (
    "Die Regierung hat am Montag ein neues Gesetz beschlossen. Es soll die Mieten begrenzen "
    "und tritt im Januar in Kraft, sagte die Ministerin."
)


def _scored_as_its_findings(d: object, settings: object) -> None:
    from mtcheck.model import DocumentResult

    assert isinstance(d, DocumentResult)
    pen = penalty(d.findings, d.words, settings.weights)  # type: ignore[attr-defined]
    assert d.metrics["penalty_per_1000_words"] == pen
    assert d.metrics["quality_score"] == quality_score(pen)
    fl = d.metrics["fluency"]
    assert d.metrics["garble_risk"] == garble_risk(pen, fl["score"], fl.get("non_word_share"))


def test_corpus_scope_findings_count_in_their_document_metrics() -> None:
    # MT804 (corpus scope) reports the German document after its metrics were made; its
    # penalty, quality score and garble risk used to leave the critical finding out
    settings = resolve(
        {"lang": "en", "max_penalty": 300.0, "penalty_scope": "document"}, discover=False
    )
    docs = [Document(id=f"en{i}", text=t) for i, t in enumerate(ENGLISH)]
    run = engine.run([*docs, Document(id="de", text=GERMAN)], settings)
    de = next(d for d in run.documents if d.id == "de")
    assert "MT804" in [f.rule for f in de.findings]
    assert de.metrics["penalty_per_1000_words"] > 300.0
    assert de.metrics["quality_score"] < 100.0
    for d in run.documents:
        _scored_as_its_findings(d, settings)
    assert "max-penalty: 1 document(s) over 300.0 per 1,000 words (first: de)" in (
        run.failed_conditions
    )


def test_baselined_findings_leave_their_document_metrics() -> None:
    from collections import Counter

    from mtcheck.baseline import Baseline

    settings = resolve(
        {"lang": "en", "max_penalty": 10.0, "penalty_scope": "document"}, discover=False
    )
    doc = Document(id="a", text="The the talks resumed on Monday.")
    first = engine.run([doc], settings)
    assert first.documents[0].findings and not first.passed
    known = Baseline(Counter((doc.id, f.fingerprint) for f in first.documents[0].findings), "b")
    again = engine.run([doc], settings, baseline=known)
    (d,) = again.documents
    assert d.findings == ()
    assert d.metrics["penalty_per_1000_words"] == 0.0
    assert d.metrics["quality_score"] == 100.0
    _scored_as_its_findings(d, settings)
    assert again.passed, again.failed_conditions


def _mixed_results(settings: Settings) -> tuple[DocumentResult, ...]:
    texts = [
        "The talks resumed on Monday. Prices rose sharply in May.",
        "The the talks resumed.offensive.Government said (it would.",
        "Officials met in Doha. The the meeting ended ended late.",
        "Source link",
    ]
    docs = [Document(id=f"d{i}", text=t) for i, t in enumerate(texts)]
    run = engine.run(docs, settings)
    failed = DocumentResult(id="bad", path="bad", language=None, words=0, error="not UTF-8")
    return (*run.documents[:2], failed, *run.documents[2:])


def test_tally_does_not_depend_on_order_or_on_a_document_taken_back() -> None:
    settings = resolve(
        {"lang": "en", "max_penalty": 1.0, "penalty_scope": "document", "fail_on": Severity.MAJOR},
        discover=False,
    )
    results = _mixed_results(settings)
    once = Tally.of(results, settings)
    assert once.documents == 5 and once.errors and sum(once.by_severity.values()) > 3
    metrics = once.metrics()
    gate = once.gate(metrics)
    assert not gate.passed and len(gate.failed) == 2

    backwards = Tally(settings)
    for at in reversed(range(len(results))):
        backwards.add(results[at], at)
    # a document counted first with fewer findings, then counted whole instead, as a corpus
    # rule's findings are merged into a streamed run
    fewer = [
        replace(r, findings=r.findings[:1], metrics={**r.metrics, "penalty_per_1000_words": 0.0})
        if r.findings
        else r
        for r in results
    ]
    again = Tally(settings)
    for at, r in enumerate(results):
        again.add(fewer[at], at)
        again.replace(fewer[at], r, at)
    # and all of them counted first, then made whole from the last: the first document over
    # the limit is still the first by position
    late = Tally.of(fewer, settings)
    for at in reversed(range(len(results))):
        late.replace(fewer[at], results[at], at)
    with pytest.raises(ValueError, match="smaller penalty"):
        late.replace(results[1], fewer[1], 1)
    for other in (backwards, again, late):
        assert other.metrics() == metrics
        assert other.gate(other.metrics()) == gate
        assert (other.documents, other.words, other.by_severity, other.errors) == (
            once.documents,
            once.words,
            once.by_severity,
            once.errors,
        )


def test_run_metrics_weigh_documents_by_their_words() -> None:
    settings = resolve({"lang": "en"}, discover=False)
    results = _mixed_results(settings)
    metrics = Tally.of(results, settings).metrics()
    scored = [r for r in results if r.error is None and r.words]
    words = sum(r.words for r in scored)
    expected = sum(float(r.metrics["garble_risk"]) * r.words for r in scored) / words
    assert metrics["garble_risk"] == pytest.approx(expected, abs=1e-4)
    findings = [f for r in results for f in r.findings]
    assert metrics["penalty_per_1000_words"] == penalty(
        findings, sum(r.words for r in results), settings.weights
    )
