"""Language and script rules through the engine."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from mtcheck import engine, lexicon
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


def test_word_lists_agree_with_wordfreq() -> None:
    from wordfreq import zipf_frequency

    from mtcheck.rules import language

    words = ["und", "sehr", "regierung", "haushaltsplan", "kündigen", "straße", "qxzv", "Und"]
    for word in words:
        assert language._zipf(word, "de") == zipf_frequency(word, "de"), word
    assert language._en("straße") == zipf_frequency("straße", "en")


def test_words_wordfreq_splits_answer_as_wordfreq_does_without_its_tables(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import wordfreq
    from wordfreq import zipf_frequency

    from mtcheck.rules import language

    # mixed script, digits, elisions, hyphens: several tokens each, combined as wordfreq does
    words = ["text伯", "covid19", "x86", "2020年", "l'erosione", "peut-être", "c'est", "e-mail"]
    langs = ("fr", "it", "pl")
    loaded: list[str] = []
    real = wordfreq.get_frequency_dict

    def spy(lang: str, wordlist: str = "best") -> Any:
        loaded.append(lang)
        return real(lang, wordlist)

    monkeypatch.setattr(wordfreq, "get_frequency_dict", spy)
    language._zipf.cache_clear()
    language._en.cache_clear()
    mine = {(w, g): language._zipf(w, g) for w in words for g in langs}
    english = {w: language._en(w) for w in words}
    assert not set(loaded) & set(langs)  # answered from the project's own tables
    monkeypatch.undo()
    for (word, lang), z in mine.items():
        assert lexicon.wordfreq_key(word, lang) is None
        assert z == zipf_frequency(word, lang), (lang, word)
    for word, z in english.items():
        assert z == zipf_frequency(word, "en")


def test_local_tokenization_matches_whole_text_tokenization() -> None:
    from mtcheck.analysis import Analysis
    from mtcheck.rules import language

    text = (
        "Gruppe at the start.  Herr   Fleisch met\nMr Gruppe; l'erosione and d’autres "
        "x-und-y und 3und und_ und\n\n\nund Wałęsa und"
    )
    a = Analysis(Document(id="d", text=text))
    for s, _w in language._all_tokens(a):
        assert language._token_around(a, s) == language._neighbours_full(a, s)


def test_foreign_words_found_at_the_edges_of_the_text() -> None:
    found = _findings(["und the prices fell, they had keine", "keine"], "MT805")
    assert found == [["und", "keine"], ["keine"]]


def test_scripts_reported_per_script_in_one_scan() -> None:
    (found,) = _findings(["Он сказал 政府 and Αθήνα then Москва and 部门."], "MT802")
    assert found == ["Он сказал", "政府", "Αθήνα", "Москва", "部门"]


def test_repeated_sentence_judged_once_but_quotes_are_per_document() -> None:
    de = "Die Regierung hat das neue Gesetz gestern nicht verabschiedet."
    found = _findings([f"The council met. {de}", f"“{de}”", f"Later. {de}"], "MT801")
    assert found == [[de], [], [de]]


def test_words_english_writes_only_in_set_phrases() -> None:
    found = _findings(
        [
            "Rents rose, et the council said nothing.",
            "Smith et al. noted a feeling of déjà vu; the forms, et cetera, were filed.",
        ],
        "MT805",
    )
    assert found == [["et"], []]


def test_rare_english_word_before_an_article_only_when_no_article_precedes_it() -> None:
    found = _findings(
        [
            "Traffic slowed durante the holidays.",
            "The singers came back for an encore the next night.",
        ],
        "MT805",
    )
    assert found == [["durante"], []]


def test_spanish_y_needs_content_words_around_and_no_variables() -> None:
    found = _findings(
        [
            "The school was closed y reopened in May.",
            "The school plotted x against y values.",
            "Between x and z the school placed y points.",
        ],
        "MT805",
    )
    assert found == [["y"], [], []]


def test_frequent_german_noun_flagged_but_not_capitalised_prepositions_or_cities() -> None:
    found = _findings(
        [
            "After the storm the Wasser stood a metre deep.",
            "Crowds gathered Unter den Linden and in Köln.",
        ],
        "MT805",
    )
    assert found == [["Wasser"], []]


def test_unknown_sentence_opener_before_an_article() -> None:
    found = _findings(
        ["Buscando the archive took a week.", "Kowalski the elder left.", "Nowak the baker won."],
        "MT805",
    )
    assert found == [["Buscando"], [], []]


def test_foreign_function_word_pair_but_not_a_stutter() -> None:
    found = _findings(
        ["I think il y a a problem here.", "It was the start of a new era era of peace."],
        "MT805",
    )
    assert found == [["il"], []]


def test_hyphenated_foreign_compound_but_not_borrowed_ones() -> None:
    found = _findings(
        [
            "The mayor, elle-même, signed it.",
            "A laissez-faire policy, a vis-à-vis meeting and the avant-garde stayed.",
            "moi-même",
        ],
        "MT805",
    )
    assert found == [["elle-même"], [], ["moi-même"]]


def test_text_whose_lowercase_changes_length_still_checked() -> None:
    # "İ" lowercases to two code points: the candidate search falls back to full tokenization
    found = _findings(["In İzmir the weather was sehr cold, they had keine money."], "MT805")
    assert found == [["sehr", "keine"]]


def test_foreign_word_outside_an_untranslated_clause_still_found() -> None:
    # the clause's words come from the document's word types, but only their occurrences
    # outside the clause count
    text = (
        "The council met. Die Regierung hat keine neue Gesetz gestern nicht verabschiedet. "
        "They had keine money, and the Regierung building closed."
    )
    assert _findings([text], "MT805") == [["keine", "Regierung"]]


def test_foreign_word_found_in_text_with_a_capital_sigma() -> None:
    # a capital sigma lowercases by context: the text's own letter runs are used
    found = _findings(["The ΟΔΟΣ.Α sign said the weather was sehr cold."], "MT805")
    assert found == [["sehr"]]


def test_english_zipf_answers_as_wordfreq_does() -> None:
    from wordfreq import zipf_frequency

    forms = [
        "the", "The", "THE", "government", "Straße", "naïve", "café", "ﬁne", "e-mail",
        "don’t", "Putin’s", "x86", "1990s", "covid19", "text伯", "qxzvbn", "İstanbul", "U.S.",
    ]  # fmt: skip
    for w in forms:
        assert lexicon.english_zipf(w) == zipf_frequency(w, "en"), w


def test_forms_no_position_makes_foreign_are_not_looked_up(monkeypatch: pytest.MonkeyPatch) -> None:
    # _foreign_somewhere only skips forms that could not be reported anywhere: the findings
    # are the same as when every candidate form is looked up in the text

    from mtcheck.rules import language

    corpora = Path(__file__).resolve().parents[2] / "corpora"
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpora.glob("*.txt"))]
    texts += [
        "Prices rose, et wages fell; il y a no plan. Durante the winter the Gruppe met Herr "
        "Karimi in Köln. Bisher no date. Buscando the records, l'erosione and peut-être "
        "destroyed y rebuilt, déjà tired, sehr cold, the Wasser rose, keine money.",
        "Dell'arte, d'Artagnan, l'ingresso; Rock'n'roll. Kowalczyk a house. Evidenziandone.",
    ]
    settings = resolve({"lang": "en", "select": ("MT805",)}, discover=False)
    docs = [Document(id=f"d{i}", text=t) for i, t in enumerate(texts)]

    def findings() -> list[list[tuple[int, int, str]]]:
        return [
            [(f.start, f.end, f.message) for f in d.findings]
            for d in engine.run(docs, settings).documents
        ]

    filtered = findings()
    assert any(filtered)
    monkeypatch.setattr(language, "_foreign_somewhere", lambda low: True)
    assert findings() == filtered
