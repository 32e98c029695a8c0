"""Behaviour of the residue rules (MT701-MT705) beyond their documented examples."""

from __future__ import annotations

from typing import Any

import pytest

from mtcheck import engine
from mtcheck.config import resolve
from mtcheck.model import Document, Finding, Severity
from tests.rule_support import rule_spans


def scan(text: str, code: str, *, fmt: str = "text", **options: Any) -> list[Finding]:
    settings = resolve({"select": (code,), "lang": "en", "rules": {code: options}}, discover=False)
    doc = Document(id="d", text=text, path="d.txt", format=fmt)
    return list(engine.run([doc], settings).documents[0].findings)


BODY = "The talks ended on Friday. Both sides will meet again in May."


# MT701 scraper-boilerplate


@pytest.mark.parametrize(
    "line",
    [
        "Source link",
        "READ MORE: Talks resume in Doha",
        "Click here to subscribe",
        "Share this article",
        "Advertisement",
        "Related:",
        "Follow us on Twitter and Facebook",
        "Subscribe to our newsletter",
        "Sign up for our newsletter »",
    ],
)
def test_boilerplate_lines(line: str) -> None:
    found = scan(f"{BODY}\n\n{line}\n\n{BODY}", "MT701")
    assert [f.excerpt for f in found] == [line]


def test_boilerplate_extra_phrases_are_exact_and_case_insensitive() -> None:
    text = f"{BODY}\n\nPowered by NewsCo\n\nPowered by NewsCo and friends"
    found = scan(text, "MT701", extra=["powered by newsco"])
    assert [f.excerpt for f in found] == ["Powered by NewsCo"]


def test_boilerplate_words_inside_sentences_pass() -> None:
    assert scan("Share this article with a friend if you found it useful today.", "MT701") == []


# MT702 section-kicker


def test_kicker_after_headline() -> None:
    text = f"Talks resume in Doha\n\nMiddle East Live\n\n{BODY}"
    assert [f.excerpt for f in scan(text, "MT702")] == ["Middle East Live"]


def test_subheading_after_the_story_began_passes() -> None:
    text = f"Talks resume in Doha\n\n{BODY}\n\nBusiness Update\n\n{BODY}"
    assert scan(text, "MT702") == []


def test_plain_title_case_line_is_not_a_kicker() -> None:
    # a standfirst or a name without a kicker word is left alone
    text = f"Talks resume in Doha\n\nAmina Yusuf\n\n{BODY}"
    assert scan(text, "MT702") == []


# MT703 markup-residue


def test_entity_suggestion_is_the_character() -> None:
    found = scan("Prices rose &amp; fell.", "MT703")
    assert [(f.excerpt, f.suggestion) for f in found] == [("&amp;", "&")]


def test_unknown_entity_name_passes() -> None:
    assert scan("The code &foo; is not an entity.", "MT703") == []


def test_anonymisation_tags_only_with_option() -> None:
    text = "Please call [PERSON7] at <URL>."
    assert scan(text, "MT703") == []
    assert len(scan(text, "MT703", anonymisation_tags=True)) == 2


def test_markdown_syntax_is_fine_in_markdown_documents() -> None:
    text = "A **bold** claim, see [the note](https://example.org/n)."
    assert len(scan(text, "MT703")) == 2
    assert scan(text, "MT703", fmt="markdown") == []


@pytest.mark.parametrize(
    "text",
    ["Hello {{name}}, welcome.", "Total: ${amount} due.", "Order %(id)s shipped.", "Item {0}."],
)
def test_placeholders(text: str) -> None:
    assert len(scan(text, "MT703")) == 1


# MT704 mojibake


def test_mojibake_suggestion_comes_from_ftfy() -> None:
    found = scan("The minister’s plan, as the site showed it: ministerâ€™s", "MT704")
    assert [(f.excerpt, f.suggestion) for f in found] == [("ministerâ€™s", "minister’s")]


def test_zero_width_joiner_in_emoji_passes() -> None:
    assert scan("A family 👨\u200d👩\u200d👧 photo.", "MT704") == []


def test_control_characters_are_named() -> None:
    found = scan("Bell\x07 here", "MT704")
    assert len(found) == 1 and "U+0007" in found[0].message


# MT705 mt-meta-text


@pytest.mark.parametrize(
    "text",
    [
        "Sure! Here is the English translation of the article:\n\n" + BODY,
        BODY + "\n\nThis text was machine-translated.",
        "Note: the original text contains a pun.\n\n" + BODY,
        "I cannot translate this passage.\n\n" + BODY,
    ],
)
def test_meta_text(text: str) -> None:
    assert len(scan(text, "MT705")) == 1


def test_translator_note_is_minor_and_model_talk_critical() -> None:
    found = scan(BODY + " (Translator's note: a pun.) As an AI language model, I agree.", "MT705")
    assert [f.severity for f in found] == [Severity.MINOR, Severity.CRITICAL]


def test_talk_about_translation_inside_a_sentence_passes() -> None:
    text = "Critics said the book, translated by a friend, was a success. Here is the reason."
    assert scan(text, "MT705") == []


def test_kicker_before_an_unpunctuated_story() -> None:
    text = "Talks resume\n\nWorld Briefing\n\nThe delegations said that the talks were useful and"
    assert [f.excerpt for f in scan(text, "MT702")] == ["World Briefing"]


def test_human_translator_credit_is_minor() -> None:
    found = scan(BODY + "\n\nTranslated by Ana Lopez", "MT705")
    assert [(f.excerpt, f.severity) for f in found] == [("Translated by Ana Lopez", Severity.MINOR)]
    found = scan(BODY + "\n\nTranslated by DeepL", "MT705")
    assert [f.severity for f in found] == [Severity.CRITICAL]


@pytest.mark.parametrize(
    "hostile",
    [
        "<a " * 60_000,
        "&" * 100_000 + "&amp" * 20_000,
        "{" * 60_000 + "{a" * 30_000,
        "**" * 60_000 + "**a" * 30_000,
        "[a](" * 30_000 + "[a](http://" * 15_000,
        "%(" * 60_000,
        "Ã" * 100_000,
        "Here is the " + "a " * 60_000,
    ],
    ids=["tags", "entities", "braces", "stars", "links", "percent", "mojibake-lead", "meta"],
)
def test_residue_rules_stay_linear_on_hostile_input(hostile: str) -> None:
    import time

    t = time.process_time()
    for code in ("MT701", "MT702", "MT703", "MT704", "MT705"):
        scan(hostile, code)
    assert time.process_time() - t < 10.0


def test_section_kicker_is_silent_on_aligned_segments() -> None:
    from mtcheck import check_text

    text = "Talks resume in Doha\nPakistan Update\nThe two delegations met on Monday and agreed.\n"
    assert [f.rule for f in check_text(text).findings if f.rule == "MT702"] == ["MT702"]
    lines = check_text(text, config={"lines": True})
    assert not [f for f in lines.findings if f.rule == "MT702"]


# Texts with the trigger of a rule at the edges of the text or of a paragraph, chained
# matches (the left word of one is the right word of the one before), runs longer than the
# windows the fast scans look back over, and code chunks longer than a word: the candidate
# scans must find exactly what a plain scan of the whole text finds (spans as (start, end)).
_EDGE_CASES = [
    ("MT703", "{name} and %s", [(0, 6), (11, 13)]),
    ("MT703", "**bold** and ## not at line start\n# Heading", [(0, 8), (34, 36)]),
    ("MT703", "[see **x** now](https://a.b) then **y**", [(0, 28), (34, 39)]),
    ("MT703", "${x} {x} {{ x }} %(n)s %1$s", [(0, 4), (5, 8), (9, 16), (17, 22), (23, 27)]),
    ("MT704", "Ã©t\u200b", [(0, 4)]),
    ("MT704", "pass\u200b\u200cword and a\u200b end\x07", [(4, 6), (21, 22)]),
    ("MT705", "Here is the translation:\n\nText.", [(0, 23)]),
    ("MT705", "İstanbul.\n\nText.\n\nAs an AI language model, no.", [(18, 41)]),
    ("MT705", "Text.\n\nHere is the tranſlation", [(7, 30)]),
]


@pytest.mark.parametrize(("code", "text", "spans"), _EDGE_CASES)
def test_fast_scans_keep_edge_and_chained_matches(
    code: str, text: str, spans: list[tuple[int, int]]
) -> None:
    assert rule_spans(code, text) == spans
