"""Behaviour of the structure rules (MT601-MT605) beyond their documented examples."""

from __future__ import annotations

import time
from typing import Any

import pytest

from mtcheck import engine
from mtcheck.config import resolve
from mtcheck.model import Document, Finding, Severity


def scan(text: str, code: str, *, lines: bool = False, **options: Any) -> list[Finding]:
    settings = resolve({"select": (code,), "lang": "en", "rules": {code: options}}, discover=False)
    doc = Document(id="d", text=text, path="d.txt", lines_mode=lines)
    return list(engine.run([doc], settings).documents[0].findings)


# MT601 run-on-sentence

LONG_CLEAN = " ".join(["The committee was reviewing the plan and the budget in detail"] * 9) + "."


def test_run_on_length_alone_is_minor() -> None:
    found = scan(LONG_CLEAN, "MT601")
    assert len(found) == 1
    assert found[0].severity is Severity.MINOR
    assert "Very long" in found[0].message


def test_run_on_length_threshold_is_an_option() -> None:
    assert scan(LONG_CLEAN, "MT601", max_words_alone=200) == []


def test_run_on_with_garble_signal_is_major() -> None:
    text = (
        "Sales rose in the third quarter, costs rose,profits fell, the outlook was weak, "
        "the shares fell, the bank cut its forecast, analysts were surprised, traders sold "
        "early in the session in New York and in London and the index closed lower at the "
        "end of a difficult week for the sector."
    )
    found = scan(text, "MT601")
    assert len(found) == 1
    assert found[0].severity is Severity.MAJOR
    assert "commas" in found[0].message or "joined" in found[0].message


# MT602 unterminated-sentence

SENTENCE = "The ministry said the new rules would take effect next month and apply to importers"


def test_single_sentence_without_stop_is_flagged() -> None:
    found = scan(SENTENCE, "MT602")
    assert [f.excerpt for f in found] == ["importers"]
    assert found[0].suggestion == "importers."


@pytest.mark.parametrize(
    "text",
    [
        "Government Announces New Fuel Tax Rules For Importers And Exporters",
        "Minister resigns over expenses row after weeks of pressure",
        "What the new import rules mean for small businesses in the north",
    ],
)
def test_headlines_are_left_alone(text: str) -> None:
    assert scan(text, "MT602") == []


def test_closing_quote_counts_only_after_a_stop() -> None:
    assert scan(SENTENCE + '."', "MT602") == []
    assert len(scan('He said the agency network had not been "compromised at all"', "MT602")) == 1
    assert scan("(Applause)\n\nShe thanked the audience for coming.", "MT602") == []


def test_first_line_of_a_longer_text_is_the_headline() -> None:
    text = SENTENCE + "\n\nOfficials gave no details. They will speak on Monday."
    assert scan(text, "MT602") == []


def test_lines_mode_checks_every_line_but_not_titles() -> None:
    text = "Import Rules Explained\n" + SENTENCE + "\nThe rules were welcomed."
    found = scan(text, "MT602", lines=True)
    assert [f.excerpt for f in found] == ["importers"]


def test_social_posts_are_left_alone() -> None:
    assert scan(SENTENCE + " #trade", "MT602") == []


# MT603 truncated-document


@pytest.mark.parametrize(
    ("text", "evidence"),
    [
        ("The council said the money would go to schools and the", "the"),
        ("The council said the money would go to schools (and", "and"),
        ("The council said, in a statement (", "("),
        ("The council approved the budget for the next governm", "governm"),
    ],
)
def test_truncation_signs(text: str, evidence: str) -> None:
    found = scan(text, "MT603")
    assert [f.excerpt for f in found] == [evidence]


def test_truncation_needs_the_end_of_the_text() -> None:
    assert scan("The talks went on and\n\nThey ended on Friday.", "MT603") == []


# MT604 non-word


def test_non_word_suggests_a_correction() -> None:
    found = scan("The goverment will decide.", "MT604")
    assert [(f.excerpt, f.suggestion) for f in found] == [("goverment", "government")]


def test_non_word_allow_option() -> None:
    assert scan("The goverment will decide.", "MT604", allow=["goverment"]) == []


def test_non_word_repeated_form_is_a_deliberate_term() -> None:
    assert scan("The matc was won. Each matc counts.", "MT604") == []


def test_non_word_checks_short_parts_of_compounds() -> None:
    found = scan("A medium-szed company grew.", "MT604")
    assert [f.excerpt for f in found] == ["szed"]


def test_non_word_single_letters_between_words() -> None:
    assert [f.excerpt for f in scan("They will e ready soon.", "MT604")] == ["e"]
    assert scan("They chose plan b in the end.", "MT604") == []


def test_non_word_skips_capitalised_names_and_codes() -> None:
    text = "Thsoe numbers: ABC123, x86_64, v2.0, 10kg and the Qwzrt team."
    assert scan(text, "MT604") == []


def test_non_word_is_fast_and_linear_on_hostile_input() -> None:
    big = ("lorem " * 2000 + "a" * 200_000 + " ") * 3
    t = time.process_time()
    scan(big, "MT604")
    assert time.process_time() - t < 5.0


def test_non_word_leaves_mojibake_to_its_own_rule() -> None:
    assert scan("The ministerâ€™s aides left.", "MT604") == []


def test_one_link_does_not_make_an_article_informal() -> None:
    text = "Talks resume\n\nThe report is at https://example.org/r today.\n\n" + SENTENCE
    assert [f.excerpt for f in scan(text, "MT602")] == ["importers"]
    assert scan(text + " #trade #news", "MT602") == []


@pytest.mark.parametrize(
    "hostile",
    ["a," * 100_000, "word " * 100_000, "(" * 100_000, "it.The " * 50_000, "x" * 300_000],
    ids=["commas", "no-stop", "brackets", "joins", "one-token"],
)
def test_structure_rules_stay_linear_on_hostile_input(hostile: str) -> None:
    t = time.process_time()
    for code in ("MT601", "MT602", "MT603", "MT604"):
        scan(hostile, code)
    assert time.process_time() - t < 10.0


# The fast paths of the MT6 rules against the plain scans they replace.

_BITS = [
    "the",
    "The",
    "goverment",
    "rock'n'roll",
    "n'roll",
    "don’t",
    "’s",
    "Obama’s",
    "s",
    "e",
    "well-known",
    "well-known2",
    "-based",
    "a.b",
    "x86_64",
    "#tag",
    "@unhcr",
    "http://x.org/a",
    "https://",
    "www.example.org",
    "<URL>",
    "(PERSON1)",
    "[ORGANIZATION2]",
    ":smile:",
    "🙂",
    "café",
    "crème",
    "Σ",
    "İstanbul",
    "straße",
    "e-mail",
    "co-op",
    "'tis",
    "it's'",
    "...",
    ",",
    "(",
    ")",
    "“quoted”",
    "mm",
    "xyz",
    "qwzrt",
    "u.s.",
    "3.5",
    "#",
    "@",
    "/",
    ":",
    "\n",
    "\n\n",
]


def _random_texts(seed: int, count: int) -> list[str]:
    import random

    rnd = random.Random(seed)
    out = []
    for _ in range(count):
        parts = [rnd.choice(_BITS) for _ in range(rnd.randrange(1, 30))]
        out.append("".join(p + rnd.choice(["", " ", " ", " ", "\n"]) for p in parts))
    return out


def test_token_first_regex_finds_the_same_tokens() -> None:
    from mtcheck.rules import structure

    for text in _random_texts(1, 500):
        assert structure._TOKEN_FIRST_RE.findall(text) == structure._LOWER_TOKEN_RE.findall(text)


@pytest.mark.parametrize("budget", [0, 1000])
def test_token_index_finds_every_token_of_a_form(budget: int) -> None:
    from mtcheck.rules import structure

    for text in [*_random_texts(2, 300), "rock'n'roll n'roll", "’s’s’s s", "a'b'c b'c c"]:
        tokens = [(m.start(), m.group()) for m in structure._LOWER_TOKEN_RE.finditer(text)]
        index = structure._TokenIndex(text)
        index.budget = budget
        for form in {t for _, t in tokens}:
            expected = [s for s, t in tokens if t == form]
            assert list(index.occurrences(form)) == expected, (text, form)


def test_informal_marks_are_counted_like_the_regex() -> None:
    from mtcheck.rules import structure

    for text in _random_texts(3, 500):
        expected = min(2, sum(1 for _ in structure._INFORMAL_RE.finditer(text)))
        assert structure._count_informal(text) == expected, text


def test_form_use_counts_like_a_counter_of_all_words() -> None:
    from collections import Counter

    from mtcheck import lexicon
    from mtcheck.analysis import Analysis
    from mtcheck.rules import structure

    extra = ["Goverment goverment GOVERMENT", "don't Don’t", "ΟΔΟΣ οδος ΟΔΟΣ", "x-low low Low"]
    for text in [*_random_texts(4, 200), *extra]:
        a = Analysis(Document(id="d", text=text, path="d.txt"))
        counts = Counter(lexicon.normalise(text[s:e]) for s, e in a.words)
        use = structure._FormUse(a)
        for s, e in a.words:
            word = text[s:e]
            assert use.more_than_once(word) == (counts[lexicon.normalise(word)] > 1), word


def test_sentence_tokens_are_the_words_a_scan_of_the_sentence_finds() -> None:
    # run-on-sentence counts a sentence's words from its tokens
    from mtcheck.analysis import Analysis
    from mtcheck.rules import structure

    for text in _random_texts(5, 300):
        a = Analysis(Document(id="d", text=text, path="d.txt"))
        for s, tokens in zip(a.sentences, a.sentence_tokens, strict=True):
            assert tokens == structure._words(text, s.start, s.end)


def test_casual_matches_its_regex() -> None:
    from mtcheck.rules import structure

    texts = ["i think", "I think", "lol ok", "xlol", "lolx", "what?? no", "wait...", "hi!!"]
    for text in texts + _random_texts(6, 300):
        assert structure._casual(text) == (structure._CASUAL_RE.search(text) is not None)


def test_rare_forms_of_the_word_types_include_those_of_the_text() -> None:
    from mtcheck.analysis import Analysis
    from mtcheck.names import word_types
    from mtcheck.rules import structure

    extra = [
        "rock'n'roll O'brienx d’autres l'erosione covid-19x 3.5kgx e.g. i.e.x x-Ray abc'3",
        "user@examplex #hashtagx 12,500kmx well-knownz3 ’tisx 'twasx naïveté-x über_x",
    ]
    for text in [*_random_texts(11, 400), *extra]:
        types = word_types(Analysis(Document(id="d", text=text)))
        assert structure._rare_forms(text) <= structure._rare_forms_of_types(types), text


def test_rare_forms_are_the_tokens_outside_the_frequent_words() -> None:
    from mtcheck import lexicon
    from mtcheck.rules import structure

    extra = ["(said", "said,", "“said”", "said.\u00a0", "-said", "said-", "x\u2009said", "Said"]
    common = lexicon.common_words()
    for text in [*_random_texts(7, 400), " ".join(extra)]:
        tokens = set(structure._LOWER_TOKEN_RE.findall(text))
        expected = {t for t in tokens if t not in common and t not in structure._TWO_LETTER}
        expected.discard("a")
        assert structure._rare_forms(text) == expected, text


def test_rare_pieces_of_a_long_chained_token_stay_short_and_few() -> None:
    # pieces of every start and end: a 4,000-character "a'a'a'..." took minutes and a long
    # "a-a-a-..." gigabytes; pieces longer than any judged form are never reported anyway
    from mtcheck.rules import structure

    for unit in ("a'", "a-", "a’", "a'b-"):
        pieces = structure._rare_pieces(unit * 2000)
        assert all(len(p) <= structure._MAX_FORM for p in pieces), unit
        assert len(pieces) <= 2 * structure._MAX_FORM, unit


# MT605 function-word-clash


def _excerpts(text: str, code: str = "MT605") -> list[str]:
    return [f.excerpt for f in scan(text, code)]


def test_function_word_clash_across_a_wrapped_line_but_not_a_paragraph_break() -> None:
    wrapped = "The auditors said that the inspectors be\nwould allowed to see the code."
    assert _excerpts(wrapped) == ["be\nwould"]
    assert _excerpts("Notes on the\n\nOf Mice and Men chapter follow.") == []


def test_function_word_clash_leaves_speech_transcripts_alone() -> None:
    text = "(PERSON3) So we need the in the translation, yes. (PERSON1) Right, the for now."
    assert _excerpts(text) == []
    assert _excerpts("So we need the in the translation, yes.") == ["the in"]


def _scan_together(text: str, *codes: str) -> list[tuple[str, str]]:
    settings = resolve({"select": codes, "lang": "en"}, discover=False)
    doc = Document(id="d", text=text, path="d.txt")
    return [(f.rule, f.excerpt) for f in engine.run([doc], settings).documents[0].findings]


def test_sentence_ending_on_an_article_is_one_finding_whichever_case_follows() -> None:
    # a capital after the stop: a lost noun (MT605, which supersedes MT105 there); a lowercase
    # word: a stray mark (MT105 alone)
    capital = "The Greens voted against the. Their leader spoke."
    lower = "The Greens voted against the. plan of the mayor."
    assert _scan_together(capital, "MT605", "MT105") == [("MT605", "the.")]
    assert _scan_together(lower, "MT605", "MT105") == [("MT105", "the.")]
    # without MT605, or where it does not report (a transcript), MT105 still does
    assert _scan_together(capital, "MT105") == [("MT105", "the.")]
    assert _excerpts("Is it my mistake or? I cannot tell.") == ["or?"]


@pytest.mark.parametrize(
    "text",
    [
        "Press the at sign, then the on button.",
        "He got a B in maths and an A in art.",
        "She was once a has-been, and the was-it-worth-it debate went on.",
        "The 9 a.m. meeting and the a.k.a. list were cut.",
        "Breathe of the air, then bathe in the sea.",
    ],
)
def test_function_word_clash_leaves_alone(text: str) -> None:
    assert _excerpts(text) == []


# MT606 wrong-indefinite-article


def test_wrong_article_suggests_the_other_one_keeping_its_case() -> None:
    found = scan("Officials said an report was due. An report came. A apple fell.", "MT606")
    assert [(f.excerpt, f.suggestion) for f in found] == [
        ("an report", "a report"),
        ("An report", "A report"),
        ("A apple", "An apple"),
    ]


def test_capital_article_inside_a_sentence_is_a_letter() -> None:
    assert _excerpts("They sold grade A eggs and Plan A options.", "MT606") == []
    assert _excerpts("“It works,” he said. A idea came up.", "MT606") == ["A idea"]


@pytest.mark.parametrize(
    "text",
    [
        "An hotel and an historic house.",  # "an" before a spoken h, still written
        "A Ouattara spokesman and an Nkosi aide.",  # names the dictionary lacks
        "An MRI and a UN agency.",
        "He made a U-turn after an X-ray and a one-off deal.",  # one-letter first parts
        "Make a uniform choice: a useful, a unique and a eucalyptus tree.",
    ],
)
def test_wrong_article_leaves_alone(text: str) -> None:
    assert _excerpts(text, "MT606") == []


def test_untranslated_sentence_takes_the_grammar_findings_inside_it() -> None:
    text = (
        "The union called a new strike on Monday. Die Gewerkschaft rief die Bahn auf, an den "
        "Verhandlungstisch zurückzukehren. Talks are expected next week."
    )
    settings = resolve({"select": ("MT801", "MT605", "MT606"), "lang": "en"}, discover=False)
    doc = Document(id="d", text=text, path="d.txt")
    found = engine.run([doc], settings).documents[0].findings
    assert [f.rule for f in found] == ["MT801"]
    assert [f.excerpt for f in scan(text, "MT606")] == ["an den"]


def test_wrong_article_across_a_wrapped_line_but_not_a_paragraph_break() -> None:
    assert _excerpts("The ministry published an\nreport on Monday.", "MT606") == ["an\nreport"]
    assert _excerpts("Notes from an\n\nReport of the council.", "MT606") == []


# MT607 comma-splice


def test_comma_splice_is_off_by_default_and_one_finding_per_sentence() -> None:
    text = "The plan was approved by the council, it will start in May, it is said to cost less."
    assert scan(text, "MT607") and len(scan(text, "MT607")) == 1
    default = resolve({"lang": "en"}, discover=False)
    doc = Document(id="d", text=text, path="d.txt")
    assert [f.rule for f in engine.run([doc], default).documents[0].findings] == []


@pytest.mark.parametrize(
    "text",
    [
        "The result was clear, he said, and nobody objected.",
        "“The job is hard, you can count on us,” the mayor said.",
        "Great day at the fair #fun @anna https://example.com, we had a great time.",
        "(PERSON1) The test set is ready, we can start on Monday.",
        "Because the test was late, we can only start on Monday.",
    ],
)
def test_comma_splice_leaves_alone(text: str) -> None:
    assert _excerpts(text, "MT607") == []


def test_a_line_that_ends_its_paragraph_breaks_no_pair() -> None:
    # in line mode (subtitles, aligned segments) each line is a paragraph of its own
    text = "He walked up to the\nof course it rained, said an\nreport from the town."
    assert [f.excerpt for f in scan(text, "MT605", lines=True)] == []
    assert [f.excerpt for f in scan(text, "MT606", lines=True)] == []
    assert [f.excerpt for f in scan(text, "MT605")] == ["the\nof"]
    assert [f.excerpt for f in scan(text, "MT606")] == ["an\nreport"]


def test_wrong_article_judges_a_hyphenated_word_by_its_first_part() -> None:
    text = "He has a eight-year-old son and an euro-style bond."
    assert _excerpts(text, "MT606") == ["a eight", "an euro"]


@pytest.mark.parametrize(
    "text",
    [
        "An MoD spokesman said the function returns an NaN value.",
        "An Post said deliveries resume; An Garda spokesperson agreed.",
        "She took an Uber to the airport.",
        "The test is true if a equals b, and a exceeds 2 here.",
        # wrapped at 38: "A" opens a line inside a sentence
        "The ministry said on Monday that talks\nwould go on for another week, and that\n"
        "officials had chosen the cheaper Plan\nA offers for the schools in the region\n"
        "this year, as the budget was tight.\n",
        "No human being could survive there.",
    ],
)
def test_wrong_article_leaves_alone_names_abbreviations_and_variables(text: str) -> None:
    assert _excerpts(text, "MT606") == []


def test_wrong_article_at_the_text_start_and_after_a_bracket_or_quote() -> None:
    text = (
        "an report came (an report) and “a apple pie for the whole family” fell;"
        "\tan deal, not “an den”."
    )
    assert _excerpts(text, "MT606") == ["an report", "an report", "a apple", "an deal"]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("He is an European citizen.", "MT606"),
        ("An University spokesman confirmed it.", "MT606"),
        ("He spends a hour a day there.", "MT606"),
        ('He said: "A apple a day keeps the doctor away."', "MT606"),
        ("Officials said the of and the budget would rise.", "MT605"),
        ("It is a the rule of thumb.", "MT605"),
        ('He called it "a unusual decision".', "MT606"),
        ("It is very good, it is worth buying.", "MT607"),
        ("“The report says that it found a apple”, she wrote.", "MT606"),  # quoted speech
    ],
)
def test_review_mends_keep_these_errors(text: str, code: str) -> None:
    assert len(_excerpts(text, code)) == 1


def test_wrong_article_before_a_number_at_the_text_and_a_sentence_start() -> None:
    text = "a 8-year-old boy was hurt. A 8-year-old girl too, and a 1850s engine."
    found = scan(text, "MT606")
    assert [(f.excerpt, f.suggestion) for f in found] == [("a 8", "an 8"), ("A 8", "An 8")]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("He went back to the village, the village where he grew up.", "MT402"),
        ("They invoked the law, the law which protects tenants.", "MT402"),
        ('Pairs side by side ("the of", "be could") count as errors.', "MT605"),
        ('The German phrase "an den Rand" means "to the edge".', "MT606"),
        ("She took an Uber, and as a approaches zero the ratio grows.", "MT606"),
        ("The man he used to be could never return; which one it will be could change.", "MT605"),
        ("Press the a key, then hold the a button.", "MT605"),
        ("An Wang founded the firm. As a increases, b decreases.", "MT606"),
        ("The train is late, I am afraid.", "MT607"),
    ],
)
def test_review_mends_leave_these_alone(text: str, code: str) -> None:
    assert _excerpts(text, code) == []
