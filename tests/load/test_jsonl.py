"""JSON Lines: one document per record, escapes mapped back to the raw line."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mtcheck.config import Settings
from mtcheck.errors import InputError
from mtcheck.load import jsonl
from mtcheck.model import Document


def load(source: str, **settings: object) -> list[Document | InputError]:
    return list(jsonl.load("d.jsonl", source, Settings(**settings)))  # type: ignore[arg-type]


def docs(source: str, **settings: object) -> list[Document]:
    out = load(source, **settings)
    assert all(isinstance(d, Document) for d in out), out
    return [d for d in out if isinstance(d, Document)]


def raw_col(line: str, needle: str) -> int:
    return line.index(needle) + 1


@pytest.mark.parametrize(
    ("value", "needle"),
    [
        ("line one\nline two offensive.Government", "offensive.Government"),
        ('she said "yes" then waited.Nobody', "waited.Nobody"),
        ("café and crème then spoke.Ministers", "spoke.Ministers"),
        ("emoji 😀🎉 and 中文 before rain.Crowds", "rain.Crowds"),
        ("tab\there and back\\slash and /slash then agreed.Parliament", "agreed.Parliament"),
        ("lone \ud83d surrogate then voted.Lawmakers", "voted.Lawmakers"),
    ],
)
@pytest.mark.parametrize("ascii_only", [True, False])
def test_escapes_map_to_raw_columns(value: str, needle: str, ascii_only: bool) -> None:
    line = json.dumps({"id": 1, "text": value}, ensure_ascii=ascii_only)
    (doc,) = docs(line + "\n")
    assert doc.text == value
    at = doc.text.index(needle)
    assert doc.locator().line_col(at) == (1, raw_col(line, needle))
    assert doc.locator().end_line_col(at + len(needle)) == (1, raw_col(line, needle) + len(needle))


def test_escape_itself_maps_to_its_backslash() -> None:
    line = '{"text": "caf\\u00e9 \\ud83d\\ude00!"}'
    (doc,) = docs(line)
    assert doc.text == "café 😀!"
    loc = doc.locator()
    assert loc.line_col(doc.text.index("é")) == (1, line.index("\\u00e9") + 1)
    assert loc.line_col(doc.text.index("😀")) == (1, line.index("\\ud83d") + 1)
    assert loc.line_col(doc.text.index("!")) == (1, line.index("!") + 1)


def test_nested_text_field_and_id_field() -> None:
    source = (
        '{"meta": {"id": "art-1"}, "body": {"text": "x", "en": "The first one."}}\n'
        '{"meta": {"id": 42}, "body": {"en": "Second."}}\n'
    )
    first, second = docs(source, text_field="body.en", id_field="meta.id")
    assert (first.id, first.text) == ("art-1", "The first one.")
    assert (second.id, second.text) == ("42", "Second.")
    assert second.line_offset == 1
    assert second.locator().line_col(0) == (1, source.splitlines()[1].index("Second") + 1)


def test_default_id_is_path_and_line() -> None:
    first, second = docs('{"text": "a"}\n\n{"text": "b"}\n')
    assert (first.id, second.id) == ("d.jsonl:1", "d.jsonl:3")


def test_id_field_missing_falls_back_to_path_and_line() -> None:
    (doc,) = docs('{"text": "a"}\n', id_field="id")
    assert doc.id == "d.jsonl:1"


def test_malformed_line_is_an_error_naming_it_and_others_still_load() -> None:
    source = '{"text": "one"}\n{"text": "two"\n[1, 2]\n{"other": 1}\n{"text": 5}\n{"text": "six"}\n'
    out = load(source)
    assert [d.text for d in out if isinstance(d, Document)] == ["one", "six"]
    errors = [d for d in out if isinstance(d, InputError)]
    assert [e.path for e in errors] == ["d.jsonl:2", "d.jsonl:3", "d.jsonl:4", "d.jsonl:5"]
    assert "malformed JSON" in errors[0].problem
    assert "not a JSON object" in errors[1].problem
    assert "no string field 'text'" in errors[2].problem
    assert "no string field 'text'" in errors[3].problem


def test_blank_and_whitespace_lines_are_skipped() -> None:
    (doc,) = docs('\n   \n\t\n{"text": "only"}\n\n')
    assert doc.meta["record_line"] == 4


def test_same_value_under_another_key_does_not_confuse_the_map() -> None:
    line = '{"title": "Same text.", "text": "Same text."}'
    (doc,) = docs(line)
    assert doc.locator().line_col(0) == (1, line.rindex("Same text.") + 1)


def test_lines_mode_and_reference_field() -> None:
    (doc,) = docs('{"text": "a\\nb", "ref": "A B"}', lines=True, reference_field="ref")
    assert doc.lines_mode
    assert doc.meta["reference"] == "A B"


def test_key_written_with_an_escape_still_maps() -> None:
    line = '{"te\\u0078t": "Escaped key.", "other": "x"}'
    (doc,) = docs(line)
    assert doc.text == "Escaped key."
    assert doc.locator().line_col(doc.text.index("key")) == (1, line.index("key.") + 1)


def test_key_text_inside_another_string_does_not_confuse_the_map() -> None:
    line = json.dumps({"note": 'a "text": "Decoy." here', "text": "Decoy."})
    (doc,) = docs(line)
    assert doc.locator().line_col(0) == (1, line.rindex("Decoy.") + 1)


def test_key_containing_a_dot() -> None:
    line = '{"body.en": "Dotted key.", "body": {"en": "Nested."}}'
    (doc,) = docs(line, text_field="body.en")
    assert doc.text == "Dotted key."
    assert doc.locator().line_col(0) == (1, line.index("Dotted") + 1)


@settings(max_examples=300, deadline=None)
@given(
    st.text(st.characters(codec=None, exclude_categories=()), max_size=40),
    st.booleans(),
)
def test_fuzz_every_character_maps_to_itself_or_its_escape(value: str, ascii_only: bool) -> None:
    line = json.dumps({"a": [1, "x"], "text": value}, ensure_ascii=ascii_only)
    (doc,) = docs(line)
    assert doc.text == value
    loc = doc.locator()
    last = -1
    for i, ch in enumerate(value):
        s = loc.source_offset(i)
        assert s > last
        last = s
        assert line[s] == ch or line[s] == "\\", (line, i)


def test_repeated_ids_stay_unique() -> None:
    out = docs(
        '{"id": "a", "text": "x"}\n{"id": "a", "text": "y"}\n{"id": "a", "text": "z"}\n',
        id_field="id",
    )
    assert [d.id for d in out] == ["a", "a#2", "a#3"]
