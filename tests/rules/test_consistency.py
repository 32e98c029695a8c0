"""Consistency rules through the engine: options from settings, corpus drift, entities."""

from __future__ import annotations

import json
from collections.abc import Iterator

from mtcheck import engine
from mtcheck.config import resolve
from mtcheck.model import Document
from mtcheck.report.json import render


def _run(texts: list[str], **cli: object) -> engine.RunResult:  # type: ignore[name-defined]
    settings = resolve({"lang": "en", **cli}, discover=False)
    docs = [Document(id=f"d{i}", text=t, path=f"d{i}.txt") for i, t in enumerate(texts)]
    return engine.run(docs, settings)


def test_drift_message_names_majority_and_count() -> None:
    res = _run(["Yusuf spoke. Yusuf left. Yusuf came back. Then Yousef waved."], select=("MT501",))
    (f,) = res.documents[0].findings
    assert f.excerpt == "Yousef"
    assert "'Yusuf'" in f.message and "3 times" in f.message
    assert f.suggestion == "Yusuf"


def test_distinct_names_setting_reaches_the_rule() -> None:
    text = "Yusuf spoke. Yusuf left. Then Yousef waved."
    assert _run([text], select=("MT501",)).documents[0].findings
    res = _run([text], select=("MT501",), distinct_names=(("Yusuf", "Yousef"),))
    assert res.documents[0].findings == ()


def test_house_spellings_setting_flags_every_variant() -> None:
    res = _run(
        ["Zelensky spoke in Kiev. Zelensky left."],
        select=("MT504",),
        house_spellings={"Zelensky": "Zelenskyy"},
    )
    assert [f.excerpt for f in res.documents[0].findings] == ["Zelensky", "Zelensky"]


def test_corpus_drift_reported_once_with_every_spelling() -> None:
    res = _run(
        [
            "Yusuf Karimi opened the port. Yusuf thanked workers, and Yusuf left.",
            "Yousef Karimi closed it.",
            "Later Yousef Karimi reopened it.",
        ],
        select=("MT503",),
    )
    found = [(d.id, f) for d in res.documents for f in d.findings]
    assert len(found) == 1
    doc_id, f = found[0]
    assert doc_id == "d1" and f.excerpt == "Yousef"
    assert "d0 (3)" in f.message and "d1 (1), d2 (1)" in f.message


def test_corpus_drift_reads_the_summaries_a_third_time_only_when_a_name_drifts() -> None:
    # a large run's summaries are read back from disk, every reading unpickling all of them
    from mtcheck import names
    from mtcheck.analysis import Analysis
    from mtcheck.rules import consistency

    class Counting:
        def __init__(self, items: list[tuple[str, names.Summary]]) -> None:
            self.items, self.readings = items, 0

        def __iter__(self) -> Iterator[tuple[str, names.Summary]]:
            self.readings += 1
            return iter(self.items)

    def summaries(*texts: str) -> Counting:
        docs = [Document(id=f"d{i}", text=t, path=f"d{i}.txt") for i, t in enumerate(texts)]
        return Counting([(d.id, names.corpus_summary(Analysis(d))) for d in docs])

    drifting = summaries(
        "Yusuf Karimi opened the port. Yusuf thanked workers, and Yusuf left.",
        "Yousef Karimi closed it.",
    )
    assert [h.start for _, h in consistency._reduce_names(drifting, {})] == [0]
    assert drifting.readings == 3
    steady = summaries("Yusuf Karimi opened the port. Yusuf left.", "Yusuf Karimi closed it.")
    assert list(consistency._reduce_names(steady, {})) == []
    assert steady.readings == 2


def test_entities_in_json_report() -> None:
    res = _run(
        ["Yusuf Karimi spoke. Yusuf left. Then Yousef waved.", "Yusuf Karimi returned."],
        select=("MT501", "MT503"),
    )
    data = json.loads(render(res))
    ents = data["documents"][0]["entities"]
    yusuf = next(e for e in ents if e["entity"] == "Yusuf")
    assert yusuf["drift"] and yusuf["spellings"][0] == {
        "text": "Yusuf",
        "count": 2,
        "offsets": [[0, 5], [20, 25]],
    }
    run_yusuf = next(e for e in data["entities"] if e["entity"] == "Yusuf")
    assert run_yusuf["spellings"][0]["documents"] == [
        {"id": "d0", "count": 2},
        {"id": "d1", "count": 1},
    ]


def test_no_entities_without_name_rules() -> None:
    res = _run(["Yusuf spoke. Yusuf left."], select=("MT502",))
    assert "entities" not in res.documents[0].extra
    assert "entities" not in res.extra


def test_abbreviation_regexes_stay_linear_on_hostile_input() -> None:
    import time

    text = "1 000" + " 000" * 200000 + "0 and 1,000 " + "U.S. US " * 20000
    t = time.process_time()
    _run([text], select=("MT502",))
    assert time.process_time() - t < 20


def test_hyphenation_only_is_not_name_drift() -> None:
    res = _run(["Wifi works. Wifi is fast.", "Wi-Fi is down. Wi-Fi failed again."], select=("MT5",))
    assert all(d.findings == () for d in res.documents)


def test_distinct_names_also_split_the_entity_list() -> None:
    res = _run(
        ["Yusuf spoke. Yusuf left. Then Yousef waved."],
        select=("MT501",),
        distinct_names=(("Yusuf", "Yousef"),),
    )
    ents = {e["entity"]: e for e in res.documents[0].extra["entities"]}
    assert ents["Yusuf"]["drift"] is False


def test_abbreviation_drift_finds_words_after_numbers_and_at_the_edges() -> None:
    # the prefilters must not drop a hyphenated word right after a grouped number, nor
    # variants at the very start and end of the text
    text = "E-mail works. Send an email. U.S. staff paid 2,500E-mail fees to US firms. E-mail"
    res = _run([text], select=("MT502",))
    assert [f.excerpt for f in res.documents[0].findings] == ["email", "US"]
