"""Numbers from findings and metrics: per-document metrics, the run's totals, the gate verdict.

- ``penalty_per_1000_words``: MQM-style penalty (severity weights from settings, WMT defaults
  minor 1, major 5, critical 25) per 1,000 words.
- ``quality_score`` 0..100: the MQM quality score, 100 minus the penalty per 100 words
  (``100 * (1 - penalty / words)``), floored at 0. One major error per 1,000 words gives 99.5.
- ``garble_risk`` 0..1: the chance-like combination ``1 - (1 - r_penalty) * (1 - r_fluency)``
  of a risk from the penalty and a risk from fluency (the model's calibrated score when a fluency
  model is set, otherwise the share of non-words). Fluency risk ramps from 0 at a document
  fluency of 0.3 to 1 at 0.05 (0.5 is typical clean text).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from mtcheck.analysis import Analysis
from mtcheck.config import Settings
from mtcheck.model import DocumentResult, Finding, Severity

#: penalty per 1,000 words at which the penalty risk reaches 1 - 1/e (about one critical error)
PENALTY_SCALE = 25.0
#: document fluency (0.5 = typical clean text) at and below which fluency risk is full
FLUENCY_FLOOR = 0.05
FLUENCY_OK = 0.3
#: non-word share at and above which the word-level risk is full (ordinary prose: about 1%)
NON_WORD_OK = 0.03
NON_WORD_FULL = 0.15


def penalty(findings: Sequence[Finding], words: int, weights: Mapping[str, float]) -> float:
    """MQM-style penalty per 1,000 words (WMT weights by default: minor 1, major 5, crit. 25)."""
    counts = dict.fromkeys((s.label for s in Severity), 0)
    for f in findings:
        counts[f.severity.label] += 1
    return _penalty_of(counts, words, weights)


def _penalty_of(counts: Mapping[str, int], words: int, weights: Mapping[str, float]) -> float:
    """The penalty of ``counts`` findings per severity label: a document's and a run's penalty
    are worked out alike, from counts, so a run's does not depend on its documents' order."""
    total = sum(weights.get(label, 0.0) * n for label, n in counts.items())
    return round(total * 1000.0 / max(words, 1), 3)


def quality_score(penalty_per_1000_words: float) -> float:
    """MQM quality score 0..100 from the penalty per 1,000 words."""
    return round(max(0.0, 100.0 - penalty_per_1000_words / 10.0), 2)


def _ramp(x: float, ok: float, full: float) -> float:
    """0 at ``ok``, 1 at ``full`` (either direction), linear between."""
    t = (x - ok) / (full - ok)
    return min(1.0, max(0.0, t))


def garble_risk(
    penalty_per_1000_words: float,
    fluency: float | None = None,
    non_word_share: float | None = None,
) -> float:
    r_pen = 1.0 - math.exp(-penalty_per_1000_words / PENALTY_SCALE)
    if fluency is not None:
        r_flu = _ramp(fluency, FLUENCY_OK, FLUENCY_FLOOR)
    elif non_word_share is not None:
        r_flu = _ramp(non_word_share, NON_WORD_OK, NON_WORD_FULL)
    else:
        r_flu = 0.0
    return round(1.0 - (1.0 - r_pen) * (1.0 - r_flu), 4)


def _fluency(analysis: Analysis, settings: Settings) -> dict[str, Any]:
    from mtcheck.metrics.words import word_signals

    out: dict[str, Any] = {"fluency": {"score": None, "model": None}, "sentence_fluency": []}
    signals = word_signals(analysis)
    if signals is not None:
        out["fluency"].update(signals)
    if settings.fluency_model:
        from mtcheck.metrics.fluency import analysis_fluency

        sf = analysis_fluency(analysis, settings.fluency_model)
        doc = sf.document_score
        out["fluency"]["score"] = None if doc is None else round(doc, 4)
        out["fluency"]["model"] = sf.model
        out["sentence_fluency"] = [
            [s, e, round(v, 4)] for (s, e), v in zip(sf.spans, sf.scores, strict=True)
        ]
    return out


def _reference(analysis: Analysis, settings: Settings) -> dict[str, Any] | None:
    from mtcheck.metrics.reference import reference_lines, reference_metrics

    doc = analysis.document
    ref = doc.meta.get("reference")
    if isinstance(ref, str):
        return reference_metrics([doc.text], [ref])
    if settings.reference:
        hyps = doc.text.split("\n")
        if hyps and hyps[-1] == "":
            hyps.pop()
        refs = reference_lines(settings.reference)
        if len(hyps) != len(refs):
            return {
                "error": f"{len(hyps)} lines but the reference has {len(refs)}: "
                "they must align line by line"
            }
        return reference_metrics(hyps, list(refs))
    return None


def document_metrics(
    analysis: Analysis, findings: Sequence[Finding], settings: Settings
) -> dict[str, Any]:
    from mtcheck.metrics.readability import readability

    out: dict[str, Any] = {
        "paragraphs": len(analysis.paragraphs),
        "sentences": len(analysis.sentences),
        "penalty_per_1000_words": None,  # set by _score_findings, in this place of the report
        "readability": readability(analysis),
    }
    out.update(_fluency(analysis, settings))
    _score_findings(out, findings, analysis.word_count, settings)
    ref = _reference(analysis, settings)
    if ref is not None:
        out["reference"] = ref
    return out


def _score_findings(
    metrics: dict[str, Any], findings: Sequence[Finding], words: int, settings: Settings
) -> None:
    """Set the metrics that count findings: penalty, quality score and garble risk (the last
    also reads the fluency figures already in ``metrics``)."""
    pen = penalty(findings, words, settings.weights)
    metrics["penalty_per_1000_words"] = pen
    metrics["quality_score"] = quality_score(pen)
    fluency = metrics.get("fluency")
    fl = fluency if isinstance(fluency, Mapping) else {}
    metrics["garble_risk"] = garble_risk(pen, fl.get("score"), fl.get("non_word_share"))


def rescored(result: DocumentResult, settings: Settings) -> DocumentResult:
    """``result`` with the metrics that count findings worked out again from its findings:
    corpus-scope rules add findings to a document after its metrics were made, and a
    baseline takes known ones away. A result without metrics (an input error) is returned as
    it is."""
    if not result.metrics:
        return result
    metrics = dict(result.metrics)
    _score_findings(metrics, result.findings, result.words, settings)
    return replace(result, metrics=metrics)


def apply_run_fluency(
    results: Sequence[DocumentResult], settings: Settings
) -> list[DocumentResult]:
    """Without a house model, score fluency with a model fitted on the run itself.

    Only when ``run_fluency`` is on, the run has at least ``runmodel.MIN_WORDS`` words of
    English, and the results still hold their texts (the engine's ``keep_text``). Each document
    is scored leaving its own text out; its fluency, sentence fluency and garble risk are
    replaced. Other documents pass through unchanged.
    """
    out = list(results)
    if settings.fluency_model or not settings.run_fluency:
        return out
    from mtcheck.metrics import runmodel

    idx = [
        i
        for i, r in enumerate(out)
        if r.error is None and r.text is not None and r.language == "en" and r.words
    ]
    if sum(out[i].words for i in idx) < runmodel.MIN_WORDS:
        return out
    fl = runmodel.run_fluency(
        [runmodel.DocumentInput(out[i].text or "", settings.lines) for i in idx]
    )
    for j, i in enumerate(idx):
        r = out[i]
        metrics = dict(r.metrics)
        fluency = dict(metrics.get("fluency") or {})
        doc_score = fl.document[j]
        fluency["score"] = None if doc_score is None else round(doc_score, 4)
        fluency["model"] = runmodel.MODEL_NAME
        metrics["fluency"] = fluency
        metrics["sentence_fluency"] = [
            [s, e, round(v, 4)] for (s, e), v in zip(fl.spans[j], fl.scores[j], strict=True)
        ]
        metrics["garble_risk"] = garble_risk(
            float(metrics.get("penalty_per_1000_words", 0.0)),
            fluency["score"],
            fluency.get("non_word_share"),
        )
        out[i] = replace(r, metrics=metrics)
    return out


@dataclass(frozen=True)
class Gate:
    passed: bool
    failed: tuple[str, ...]


#: risk and fluency are four-decimal figures; the run adds them up in these units, as integers
_UNITS = 10_000


class Tally:
    """A run's totals, metrics and gate counts, added up one document at a time.

    Every sum is of whole numbers (finding counts, words, and risk and fluency in units of
    1/10,000, the precision documents report them in), so the totals do not depend on the order
    documents come in, and a document counted again with more findings (a corpus-scope rule's,
    :meth:`replace`) leaves exactly the totals it would have left coming in that way. Of the
    documents themselves it keeps only those that could not be read (each is reported on a line
    of its own) and the first over a per-document penalty limit, with their number: a streamed
    report keeps only this, whatever the number of documents.
    """

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self.documents = 0
        self.words = 0
        self.by_severity = {s.label: 0 for s in Severity}
        #: documents that could not be read, by their position in the run
        self.errors: dict[int, DocumentResult] = {}
        self._scored_words = 0  # words of the documents read, those that carry metrics
        self._risk = 0  # sum of garble risk x words, in units
        self._fluency = 0  # sum of fluency x words, in units
        self._fluency_words = 0
        self._references = 0  # documents with reference statistics
        self._reference: dict[str, list[float]] = {}
        #: documents over ``max_penalty`` when the penalty is judged per document: how many,
        #: and the first (position, id)
        self._over = 0
        self._first_over: tuple[int, str] | None = None

    @classmethod
    def of(cls, results: Iterable[DocumentResult], settings: Settings) -> Tally:
        tally = cls(settings)
        for at, r in enumerate(results):
            tally.add(r, at)
        return tally

    def add(self, r: DocumentResult, at: int) -> None:
        """Count ``r``, the document at position ``at`` of the run."""
        self._count(r, at, 1)
        if self._over_limit(r):
            self._count_over(r, at)

    def replace(self, old: DocumentResult, new: DocumentResult, at: int) -> None:
        """Count ``new`` instead of ``old``, counted before at position ``at``: the same
        document with findings added (a penalty only grows with findings, its weights being
        0 or more)."""
        was, now = self._over_limit(old), self._over_limit(new)
        if was and not now:
            raise ValueError(f"{new.id}: replaced by a result with a smaller penalty")
        self._count(old, at, -1)
        self._count(new, at, 1)
        if now and not was:
            self._count_over(new, at)

    def _over_limit(self, r: DocumentResult) -> bool:
        limit = self._settings.max_penalty
        return (
            limit is not None
            and self._settings.penalty_scope == "document"
            and float(r.metrics.get("penalty_per_1000_words", 0.0)) > limit
        )

    def _count_over(self, r: DocumentResult, at: int) -> None:
        self._over += 1
        if self._first_over is None or at < self._first_over[0]:
            self._first_over = (at, r.id)

    def _count(self, r: DocumentResult, at: int, sign: int) -> None:
        self.documents += sign
        self.words += sign * r.words
        counts = self.by_severity
        for f in r.findings:
            counts[f.severity.label] += sign
        if r.error is not None:
            if sign > 0:
                self.errors[at] = r
            else:
                self.errors.pop(at, None)
        m = r.metrics
        if r.error is None and r.words:
            self._scored_words += sign * r.words
            risk = m.get("garble_risk")
            if risk is not None:
                self._risk += sign * round(float(risk) * _UNITS) * r.words
            fluency = m.get("fluency")
            if isinstance(fluency, Mapping) and fluency.get("score") is not None:
                self._fluency += sign * round(float(fluency["score"]) * _UNITS) * r.words
                self._fluency_words += sign * r.words
        reference = m.get("reference")
        if isinstance(reference, Mapping) and "stats" in reference:
            self._add_stats(reference["stats"], sign)

    def _add_stats(self, stats: Mapping[str, Sequence[float]], sign: int) -> None:
        # the statistics are counts (n-gram matches, lengths, edits): whole numbers, so taking
        # a document's out again is exact
        self._references += sign
        for k, vec in stats.items():
            acc = self._reference.setdefault(k, [0.0] * len(vec))
            for i, v in enumerate(vec):
                acc[i] += sign * v
        if not self._references:
            self._reference.clear()

    def metrics(self) -> dict[str, Any]:
        """The run's metrics (the report's ``summary.metrics``)."""
        pen = _penalty_of(self.by_severity, self.words, self._settings.weights)
        out: dict[str, Any] = {
            "penalty_per_1000_words": pen,
            "quality_score": quality_score(pen),
            "garble_risk": (
                round(self._risk / (_UNITS * self._scored_words), 4) if self._scored_words else 0.0
            ),
        }
        if self._fluency_words:
            out["fluency"] = round(self._fluency / (_UNITS * self._fluency_words), 4)
        if self._references:
            from mtcheck.metrics.reference import score_from_stats, signature

            out["reference"] = {**score_from_stats(self._reference), "signature": signature()}
        return out

    def gate(self, metrics: Mapping[str, Any]) -> Gate:
        """The gate's verdict on the run, whose metrics are ``metrics``."""
        settings = self._settings
        failed: list[str] = []
        if settings.fail_on is not None:
            fail_on = settings.fail_on
            n = sum(self.by_severity[s.label] for s in Severity if s >= fail_on)
            if n:
                failed.append(f"fail-on: {n} finding(s) at or above {fail_on.label}")
        if settings.max_findings is not None:
            total = sum(self.by_severity.values())
            if total > settings.max_findings:
                failed.append(f"max-findings: {total} findings > {settings.max_findings}")
        if settings.max_penalty is not None:
            if settings.penalty_scope == "document":
                if self._first_over is not None:
                    first = self._first_over[1]
                    failed.append(
                        f"max-penalty: {self._over} document(s) over {settings.max_penalty} "
                        f"per 1,000 words (first: {first})"
                    )
            else:
                p = float(metrics.get("penalty_per_1000_words", 0.0))
                if p > settings.max_penalty:
                    failed.append(
                        f"max-penalty: run penalty {p} per 1,000 words > {settings.max_penalty}"
                    )
        return Gate(not failed, tuple(failed))


def run_metrics(results: Sequence[DocumentResult], settings: Settings) -> dict[str, Any]:
    return Tally.of(results, settings).metrics()


def evaluate_gate(
    results: Sequence[DocumentResult], metrics: Mapping[str, Any], settings: Settings
) -> Gate:
    return Tally.of(results, settings).gate(metrics)
