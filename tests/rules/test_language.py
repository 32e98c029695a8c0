"""Language and script rules through the engine."""

from __future__ import annotations

from mtcheck import engine
from mtcheck.config import resolve
from mtcheck.model import Document


def _findings(texts: list[str], select: str, lang: str = "en") -> list[list[str]]:
    settings = resolve({"lang": lang, "select": (select,)}, discover=False)
    docs = [Document(id=f"d{i}", text=t) for i, t in enumerate(texts)]
    return [[f.excerpt for f in d.findings] for d in engine.run(docs, settings).documents]


def test_cjk_run_reported_once() -> None:
    assert _findings(["The 政府部门 announced it."], "MT802") == [["政府部门"]]


def test_untranslated_clause_not_whole_sentence() -> None:
    text = "Prices rose again, pero los salarios siguen estancados desde hace años, the union said."
    (found,) = _findings([text], "MT801")
    assert found == ["pero los salarios siguen estancados desde hace años"]


def test_foreign_word_skipped_inside_untranslated_sentence() -> None:
    text = "The council met. Die Regierung hat das neue Gesetz gestern nicht verabschiedet."
    assert _findings([text], "MT805") == [[]]


def test_wrong_language_by_run_majority_in_auto_mode() -> None:
    en = "The council approved the budget on Monday after a long debate about the schools."
    de = "Der Rat hat den Haushalt am Montag nach einer langen Debatte über die Schulen gebilligt."
    settings = resolve({"lang": "auto", "select": ("MT804",)}, discover=False)
    docs = [Document(id=f"d{i}", text=t) for i, t in enumerate([en, en, en, de])]
    res = engine.run(docs, settings)
    assert [len(d.findings) for d in res.documents] == [0, 0, 0, 1]
    assert "German" in res.documents[3].findings[0].message


def test_mixed_script_prefilter_leaves_plain_text_alone() -> None:
    assert _findings(["Moscow and Athens."], "MT803") == [[]]


def test_foreign_sentence_with_commas_reported_whole() -> None:
    text = (
        "The vote is next week. Die Regierung hat, wie erwartet, das neue Gesetz gestern "
        "nicht verabschiedet, sagte die Ministerin am Abend."
    )
    (found,) = _findings([text], "MT801")
    assert len(found) == 1 and found[0].startswith("Die Regierung") and found[0].endswith(".")


def test_language_regexes_stay_linear_on_hostile_input() -> None:
    import time

    hostile = (
        "政" + " " * 200000 + "x "
        + "a" * 300000 + "- "
        + "Мо " * 50000
        + "“" + "ü" * 100000
    )  # fmt: skip
    t = time.process_time()
    for code in ("MT801", "MT802", "MT803", "MT805"):
        _findings([hostile], code)
    assert time.process_time() - t < 30


def test_capitalised_german_noun_flagged_but_not_german_names() -> None:
    flagged, names = _findings(
        [
            "The inspectors said the Gruppe had left before noon.",
            "Angela Merkel spoke in München, and Herr Fleisch replied from the Bundestag.",
        ],
        "MT805",
    )
    assert flagged == ["Gruppe"]
    assert names == []


def test_function_word_flagged_but_not_name_particles_or_loan_phrases() -> None:
    found = _findings(
        [
            "Exports fell und imports rose in the second quarter.",
            "Ursula von der Leyen met Guillermo del Toro; Smith et al. went en route.",
        ],
        "MT805",
    )
    assert found == [["und"], []]


def test_sentence_start_foreign_word_needs_more_than_a_capital() -> None:
    found = _findings(
        [
            "Dzięki the new law, the fees will fall next year.",
            "Pawlak said the fees will fall next year.",
        ],
        "MT805",
    )
    assert found == [["Dzięki"], []]


def test_elided_article_reports_the_word_after_the_apostrophe() -> None:
    (found,) = _findings(["The walls slowed l'erosione of the coast."], "MT805")
    assert found == ["erosione"]


def test_foreign_word_in_english_quote_is_flagged_but_foreign_title_is_not() -> None:
    found = _findings(
        [
            'She said "it was a very bonita house and the garden was nice" to us.',
            'They watched "Skarb narodów" on Friday.',
        ],
        "MT805",
    )
    assert found == [["bonita"], []]


def test_mentioned_word_and_address_parts_left_alone() -> None:
    text = "In Spanish, carro means chariot. Order at shop.com or see para. 4."
    assert _findings([text], "MT805") == [[]]
