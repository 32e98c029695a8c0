"""JSON Lines: one document per record, escapes mapped back to the raw line."""

from __future__ import annotations

import json
from unittest.mock import patch

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
    (doc,) = docs(line + "\n", decode_errors="replace")
    assert doc.text == _replaced(value)
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
    (doc,) = docs(line, decode_errors="replace")
    assert doc.text == _replaced(value)
    loc = doc.locator()
    last = -1
    for i, ch in enumerate(value):
        s = loc.source_offset(i)
        assert s > last
        last = s
        assert line[s] == ch or line[s] == "\\", (line, i)


def _replaced(value: str) -> str:
    """``value`` as read with ``--errors replace``: each lone surrogate becomes U+FFFD."""
    return "".join("\ufffd" if "\ud800" <= c <= "\udfff" else c for c in value)


@pytest.mark.parametrize("field", ["text", "id", "ref"])
def test_a_lone_surrogate_escape_is_an_error_for_its_record(field: str) -> None:
    # no UTF-8 can hold it: it used to pass into the text and crash every report writer
    record = {"id": "a", "text": "Fine text.", "ref": "Fine ref."}
    record[field] = "broken \ud83d here"
    source = json.dumps(record) + "\n" + json.dumps({"id": "b", "text": "Next one."}) + "\n"
    out = load(source, id_field="id", reference_field="ref")
    error, doc = out
    assert isinstance(error, InputError) and isinstance(doc, Document)
    assert error.path == "d.jsonl:1"
    assert f"field {field!r} holds a lone surrogate escape \\ud83d at character 7" in error.problem
    assert "--errors replace" in error.problem
    assert doc.text == "Next one."


def test_a_lone_surrogate_escape_is_replaced_with_errors_replace() -> None:
    line = '{"id": "x\\udc00", "text": "a \\ud83d b \\ud83d\\ude00 then voted.Lawmakers"}'
    (doc,) = docs(line, id_field="id", decode_errors="replace")
    assert doc.id == "x\ufffd"
    assert doc.text == "a \ufffd b 😀 then voted.Lawmakers"  # a pair is still one character
    at = doc.text.index("voted")
    assert doc.locator().line_col(at) == (1, line.index("voted") + 1)


def test_repeated_ids_stay_unique() -> None:
    out = docs(
        '{"id": "a", "text": "x"}\n{"id": "a", "text": "y"}\n{"id": "a", "text": "z"}\n',
        id_field="id",
    )
    assert [d.id for d in out] == ["a", "a#2", "a#3"]


@pytest.mark.parametrize(
    ("ids", "expected"),
    [
        # a record whose own id is a numbered one, before and after the numbering reaches it
        (["a", "a", "a#2"], ["a", "a#2", "a#2#2"]),
        (["a#2", "a", "a", "a"], ["a#2", "a", "a#3", "a#4"]),
        (["a#3", "a#2", "a", "a", "a#2"], ["a#3", "a#2", "a", "a#4", "a#2#2"]),
    ],
)
def test_numbered_ids_never_meet_a_record_s_own_id(ids: list[str], expected: list[str]) -> None:
    lines = "".join(json.dumps({"id": i, "text": "x"}) + "\n" for i in ids)
    out = docs(lines, id_field="id")
    assert [d.id for d in out] == expected
    assert len(set(expected)) == len(expected)


def _summary(items: list[Document | InputError]) -> list[tuple[str, ...]]:
    return [
        (d.id, d.text, str(d.meta.get("record_line")))
        if isinstance(d, Document)
        else ("error", d.path, d.problem)
        for d in items
    ]


_RECORD = [json.dumps({"text": t, "id": i}).encode() for i, t in enumerate("abcdefgh")]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [*_RECORD, b"", b"   ", b"{not json}", b'"a string"', b'{"id": 1, "text": 5}']
        ),
        max_size=12,
    ),
    st.lists(st.sampled_from([b"\n", b"\r\n", b"\r"]), min_size=12, max_size=12),
    st.booleans(),
    st.booleans(),
    st.sampled_from([1, 5, 40, 10**6]),
    st.sampled_from([None, "id"]),
)
def test_records_read_in_blocks_are_the_records_read_whole(
    tmp_path_factory: pytest.TempPathFactory,
    lines: list[bytes],
    endings: list[bytes],
    bom: bool,
    final: bool,
    size: int,
    id_field: str | None,
) -> None:
    from mtcheck.load.decode import decode

    data = b"".join(line + end for line, end in zip(lines, endings, strict=False))
    if lines and not final:
        data = data.rstrip(b"\r\n")
    data = (b"\xef\xbb\xbf" if bom else b"") + data
    path = tmp_path_factory.mktemp("blocks") / "r.jsonl"
    path.write_bytes(data)
    s = Settings(id_field=id_field)
    whole = list(jsonl.load(str(path), decode(data), s))
    with patch.object(jsonl, "BLOCK_BYTES", size):
        assert _summary(list(jsonl.load_file(str(path), s))) == _summary(whole)


def test_a_lone_carriage_return_ends_a_record_in_blocks_as_when_read_whole(tmp_path) -> None:
    path = tmp_path / "r.jsonl"
    path.write_bytes(b'{"text":"One."}\r{"text":"Two."}\n{"text":"Three."}\n{"text":"Four."}\n')
    with patch.object(jsonl, "BLOCK_BYTES", 1):
        docs = list(jsonl.load_file(str(path), Settings()))
    ids = [d.id for d in docs if isinstance(d, Document)]
    assert ids == [f"{path}:{n}" for n in (1, 2, 3, 4)]


def test_a_huge_number_or_deep_nesting_is_an_error_for_its_record() -> None:
    # both used to end the whole scan in an internal error
    source = (
        '{"text": "one", "n": ' + "7" * 5000 + "}\n"
        '{"text": "two", "deep": ' + "[" * 100000 + "]" * 100000 + "}\n"
        '{"text": "three"}\n'
    )
    first, second, third = load(source)
    assert isinstance(first, InputError) and "more than 4,300 digits" in first.problem
    assert isinstance(second, InputError) and "nested too deeply" in second.problem
    assert isinstance(third, Document) and third.text == "three"
