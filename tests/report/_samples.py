"""Small runs for the HTML report tests, built through the engine on texts written here.

``full_run`` adds what the metrics and consistency branches attach (quality score, readability,
fluency per sentence, entities) in the agreed shapes, so the report's handling of them is tested
whether or not those branches have landed.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from mtcheck import engine
from mtcheck.analysis import Analysis
from mtcheck.config import Settings, resolve
from mtcheck.model import Document, RunResult, Severity

TEXTS: dict[str, str] = {
    "news/ministry.txt": (
        "Minister Yusuf Karim said the talks were offensive.Government officials left the "
        "the capital on Monday.\n\n"
        "Yousef Karim added that the vote (expected in May would be delayed. Officials "
        "left.The the delegation follows next week.\n\n"
        "The ministry said Yusuf Karim would travel to Geneva."
    ),
    "news/harbour.txt": (
        "The harbour authority said the new cranes arrive in June.\n\n"
        "Yusuf Karim visited the port and said the the work continues."
    ),
    "product/kettle.md": "The kettle boils water in two minutes. It switches off by itself.",
}

NAME = re.compile(r"(?<![\w])(Yusuf|Yousef)(?![\w])")


def settings() -> Settings:
    base = resolve({}, discover=False)
    return base.with_(severity={"MT401": Severity.MINOR, "MT301": Severity.CRITICAL})


def plain_run(texts: dict[str, str] | None = None) -> RunResult:
    docs = [Document(id=k, path=k, text=v) for k, v in (texts or TEXTS).items()]
    return engine.run(docs, settings())


def _entities(text: str) -> list[dict[str, Any]]:
    spots: dict[str, list[list[int]]] = {}
    for m in NAME.finditer(text):
        spots.setdefault(m.group(1), []).append([m.start(), m.end()])
    if not spots:
        return []
    spellings = sorted(
        ({"text": k, "count": len(v), "offsets": v} for k, v in spots.items()),
        key=lambda s: -int(s["count"]),  # type: ignore[call-overload]
    )
    return [
        {
            "entity": spellings[0]["text"],
            "kind": "person",
            "drift": len(spellings) > 1,
            "spellings": spellings,
        }
    ]


def full_run(texts: dict[str, str] | None = None) -> RunResult:
    run = plain_run(texts)
    docs = []
    for i, d in enumerate(run.documents):
        assert d.text is not None
        analysis = Analysis(Document(id=d.id, text=d.text), "en")
        sentences = [
            [s.start, s.end, round(0.9 - 0.25 * ((k + i) % 4), 2)]
            for k, s in enumerate(analysis.sentences)
        ]
        metrics = dict(d.metrics)
        metrics.update(
            quality_score=round(max(0.0, 100.0 - 9.5 * len(d.findings) - i), 1),
            garble_risk=round(min(1.0, 0.12 * len(d.findings)), 2),
            readability={
                "flesch_reading_ease": 61.2,
                "flesch_kincaid_grade": 8.4,
                "words_per_sentence": 14.5,
                "long_sentence_share": 0.1,
            },
            fluency={"score": 0.71, "model": "test-lm"},
            sentence_fluency=sentences,
        )
        docs.append(replace(d, metrics=metrics, extra={"entities": _entities(d.text)}))
    corpus = {
        "entity": "Yusuf",
        "kind": "person",
        "spellings": [
            {
                "text": "Yusuf",
                "count": 3,
                "documents": [
                    {"id": "news/ministry.txt", "count": 2},
                    {"id": "news/harbour.txt", "count": 1},
                ],
            },
            {"text": "Yousef", "count": 1, "documents": [{"id": "news/ministry.txt", "count": 1}]},
        ],
    }
    return replace(
        run,
        documents=tuple(docs),
        metrics={**run.metrics, "quality_score": 77.0, "garble_risk": 0.2},
        extra={"entities": [corpus]},
    )
