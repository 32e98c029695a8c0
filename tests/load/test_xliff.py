"""XLIFF 1.2 and 2.x: unit targets as documents, offsets into the XML, hostile XML rejected."""

from __future__ import annotations

import gc
import json
import os
import select
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mtcheck.api import scan
from mtcheck.config import Settings
from mtcheck.errors import InputError
from mtcheck.load import DEFAULT_INCLUDE, xliff
from mtcheck.model import Document

ROOT = Path(__file__).resolve().parents[2]
CONFIG = {"select": ("MT101", "MT401"), "lang": "en"}

XLIFF12 = """\
<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="news/talks.html" source-language="de" target-language="en-GB" datatype="html">
    <body>
      <group id="g1">
        <trans-unit id="title">
          <source>Gespräche in Genf</source>
          <target>Café talks in Geneva were offensive.Government &amp; <g id="1">trade</g> \
officials left.</target>
          <alt-trans><target>A candidate.Never scanned</target></alt-trans>
        </trans-unit>
      </group>
      <trans-unit id="body">
        <source>Sie <ph id="1">&lt;b&gt;</ph>warteten<ph id="2">&lt;/b&gt;</ph>.</source>
        <target>They <ph id="1">&lt;b&gt;</ph>waited<ph id="2">&lt;/b&gt;</ph>.Nobody \
<mrk mtype="term">came</mrk> <x id="3"/>and and left &#233;arly.</target>
      </trans-unit>
      <trans-unit id="untranslated"><source>Nur Quelle.</source></trans-unit>
      <trans-unit id="locked" translate="no"><source>ACME.Corp</source>\
<target>ACME.Corp</target></trans-unit>
      <trans-unit id="cdata"><source>x</source><target><![CDATA[Ministers <met> \
early.Talks resumed]]></target></trans-unit>
    </body>
  </file>
</xliff>
"""

XLIFF20 = """\
<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="de" trgLang="en">
 <file id="f1">
  <unit id="u1">
   <segment><source>Sie warteten.</source><target>They waited.</target></segment>
   <segment><source>Niemand kam.</source><target>Nobody came.<pc id="1">Officials</pc> \
left.</target></segment>
   <ignorable><target> </target></ignorable>
   <segment><source>Ende</source><target>The end<sc id="2"/> and and<ec startRef="2"/> \
done<cp hex="2014"/>really.</target></segment>
  </unit>
 </file>
</xliff>
"""

BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE xliff [\n <!ENTITY lol0 "lol">\n'
    + "".join(f' <!ENTITY lol{i + 1} "{f"&lol{i};" * 10}">\n' for i in range(9))
    + ']>\n<xliff version="1.2"><file><body><trans-unit id="1"><source>x</source>'
    "<target>&lol9;</target></trans-unit></body></file></xliff>\n"
)
XXE = (
    '<?xml version="1.0"?>\n<!DOCTYPE xliff [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
    '<xliff version="1.2"><file><body><trans-unit id="1"><source>x</source>'
    "<target>Leak: &x;</target></trans-unit></body></file></xliff>\n"
)


def docs_of(source: str, path: str = "t.xlf") -> list[Document]:
    out = list(xliff.load(path, source, Settings()))
    assert all(isinstance(d, Document) for d in out), out
    return [d for d in out if isinstance(d, Document)]


def error_of(source: str) -> str:
    (item,) = xliff.load("t.xlf", source, Settings())
    assert isinstance(item, InputError)
    return item.problem


def raw_char(source: str, line: int, column: int) -> str:
    """The character at a 1-based line and column of the raw file (its line break included)."""
    return (source.split("\n")[line - 1] + "\n")[column - 1]


def test_xliff12_units_text_ids_and_metadata() -> None:
    docs = docs_of(XLIFF12)
    assert [d.id for d in docs] == ["t.xlf:title", "t.xlf:body", "t.xlf:cdata"]
    title, body, cdata = docs
    # inline tags dropped with their text kept; &amp; decoded; alt-trans ignored
    assert title.text == "Café talks in Geneva were offensive.Government & trade officials left."
    # <ph> holds native code (<b>), not text; <x/> leaves nothing; &#233; decoded
    assert body.text == "They waited.Nobody came and and left éarly."
    assert cdata.text == "Ministers <met> early.Talks resumed"
    assert title.meta["source"] == "Gespräche in Genf"
    assert body.meta["source"] == "Sie warteten."
    assert (title.meta["unit"], title.meta["file"]) == ("title", "news/talks.html")
    assert {d.language for d in docs} == {"en"}
    assert {d.format for d in docs} == {"xliff"}


def test_xliff20_unit_joins_segments() -> None:
    (doc,) = docs_of(XLIFF20)
    assert doc.id == "t.xlf:u1"
    # the first two segments meet without whitespace: one space is put between them
    assert doc.text == "They waited. Nobody came.Officials left. The end and and done\u2014really."
    assert doc.meta["source"] == "Sie warteten. Niemand kam. Ende"
    assert doc.language == "en"


@pytest.mark.parametrize("source", [XLIFF12, XLIFF20], ids=["1.2", "2.0"])
def test_every_character_maps_to_itself_in_the_raw_file(source: str) -> None:
    for doc in docs_of(source):
        loc = doc.locator()
        for i, ch in enumerate(doc.text):
            line, col = loc.line_col(i)
            line += doc.line_offset  # the engine adds it to every finding
            raw = raw_char(source, line, col)
            if raw == ch:
                continue
            # a reference (&amp; &#233;) maps to its "&"; a <cp/> to its "<"; the space put
            # between two 2.x segments to the end of the first
            assert (raw, ch) in {("&", "&"), ("&", "é"), ("<", "\u2014"), ("<", " ")}, (i, ch)
            if raw == "<":
                assert source.split("\n")[line - 1][col - 1 :].startswith(("<cp", "</target"))


def test_findings_point_into_the_xml_file(tmp_path: Path) -> None:
    p = tmp_path / "talks.xlf"
    p.write_text(XLIFF12, encoding="utf-8")
    run = scan([p], CONFIG)
    got = {
        (d.id.rsplit(":", 1)[1], f.rule, f.excerpt, f.line, f.column, f.end_line, f.end_column)
        for d in run.documents
        for f in d.findings
    }
    lines = XLIFF12.split("\n")

    def where(needle: str) -> tuple[int, int]:
        (n,) = [i for i, s in enumerate(lines) if needle in s]
        return n + 1, lines[n].index(needle) + 1

    fused, stutter, cdata = (
        where("offensive.Government"),
        where("and and left"),
        where("early.Talks"),
    )
    nobody = where(".Nobody")
    assert got == {
        ("title", "MT101", "offensive.Government", *fused, fused[0], fused[1] + 20),
        # the evidence runs from "waited" to "Nobody", across the native code in between
        ("body", "MT101", "waited.Nobody", *where("waited<ph"), nobody[0], nobody[1] + 7),
        ("body", "MT401", "and and", *stutter, stutter[0], stutter[1] + 7),
        ("cdata", "MT101", "early.Talks", *cdata, cdata[0], cdata[1] + 11),
    }


def test_billion_laughs_is_rejected_at_once_and_the_scan_goes_on(tmp_path: Path) -> None:
    (tmp_path / "bomb.xlf").write_text(BILLION_LAUGHS, encoding="utf-8")
    (tmp_path / "good.xliff").write_text(XLIFF20, encoding="utf-8")
    t0 = time.process_time()
    run = scan([tmp_path], CONFIG)
    elapsed = time.process_time() - t0
    assert elapsed < 1.0, elapsed
    docs = {Path(d.id).name: d for d in run.documents}
    assert docs["bomb.xlf"].error == (
        "XML entities are not allowed (entity 'lol0' declared); file rejected, nothing "
        "expanded or fetched"
    )
    assert [f.excerpt for f in docs["good.xliff:u1"].findings] == ["came.Officials", "and and"]


def test_external_entity_is_rejected_and_nothing_is_read() -> None:
    problem = error_of(XXE)
    assert problem.startswith("XML entities are not allowed (external entity 'x' declared)")
    assert "root:" not in problem and "\n" not in problem


def _listener() -> tuple[socket.socket, int]:
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(1)
    srv.setblocking(False)
    return srv, srv.getsockname()[1]


def test_nothing_is_fetched_from_the_network() -> None:
    srv, port = _listener()
    try:
        url = f"http://127.0.0.1:{port}/evil"
        param = f'<!DOCTYPE xliff [<!ENTITY % p SYSTEM "{url}.ent"> %p;]>\n<xliff/>'
        assert error_of(param).startswith("XML entities are not allowed (external entity 'p'")
        # a DOCTYPE naming a DTD (old XLIFF 1.1 files do) is accepted, and the DTD never loaded
        dtd = (
            f'<!DOCTYPE xliff SYSTEM "{url}.dtd">\n<xliff version="1.1"><file><body>'
            '<trans-unit id="a"><source>x</source><target>Fine text.</target></trans-unit>'
            "</body></file></xliff>"
        )
        assert [d.text for d in docs_of(dtd)] == ["Fine text."]
        ready, _, _ = select.select([srv], [], [], 0.2)
        assert ready == []  # no connection was attempted
    finally:
        srv.close()


@pytest.mark.parametrize(
    ("source", "line", "reason"),
    [
        (
            '<xliff version="2.0">\n<file id="f">\n<unit id="u"><segment>\n</xliff>',
            4,
            "mismatched tag",
        ),
        (
            '<xliff version="1.2">\n<file><body>\n<trans-unit id="a">&nbsp;</trans-unit>',
            3,
            "undefined entity",
        ),
        ('<xliff version="1.2">\n\n<file', 3, "unclosed token"),
        ("<xliff>\n<file>", 2, "no element found"),
    ],
)
def test_malformed_xml_names_the_line(source: str, line: int, reason: str) -> None:
    assert error_of(source) == f"malformed XML at line {line}: {reason}"


def test_other_xml_and_empty_files() -> None:
    assert error_of("<html><body>Hi</body></html>") == (
        "not an XLIFF file (the root element is <html>)"
    )
    assert list(xliff.load("e.xlf", "", Settings())) == []
    assert list(xliff.load("e.xlf", " \n\t", Settings())) == []
    # a valid XLIFF file without any translated unit has no documents and no error
    empty = '<xliff version="1.2"><file><body><trans-unit id="a"><source>x</source>'
    assert (
        list(
            xliff.load("e.xlf", empty + "<target/></trans-unit></body></file></xliff>", Settings())
        )
        == []
    )


def test_several_files_and_missing_or_repeated_ids() -> None:
    source = (
        '<xliff version="1.2"><file original="a.html"><body>'
        '<trans-unit id="1"><source>x</source><target>One.</target></trans-unit>'
        "<trans-unit><source>x</source><target>Two.</target></trans-unit>"
        '</body></file><file original="b.html"><body>'
        '<trans-unit id="1"><source>x</source><target>Three.</target></trans-unit>'
        '<trans-unit id="1"><source>x</source><target>Four.</target></trans-unit>'
        "</body></file></xliff>"
    )
    assert [d.id for d in docs_of(source)] == [
        "t.xlf:a.html/1",
        "t.xlf:a.html/#2",
        "t.xlf:b.html/1",
        "t.xlf:b.html/1#2",
    ]


def test_xliff_is_scanned_by_default_in_directories(tmp_path: Path) -> None:
    assert {"*.xlf", "*.xliff"} <= set(DEFAULT_INCLUDE)
    (tmp_path / "a.xlf").write_text(XLIFF12, encoding="utf-8")
    (tmp_path / "b.xliff").write_text(XLIFF20, encoding="utf-8")
    run = scan([tmp_path], CONFIG)
    assert [Path(d.id).name for d in run.documents] == [
        "a.xlf:title",
        "a.xlf:body",
        "a.xlf:cdata",
        "b.xliff:u1",
    ]


def test_utf16_xliff_with_bom(tmp_path: Path) -> None:
    p = tmp_path / "u16.xlf"
    p.write_bytes(XLIFF12.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16"))
    run = scan([p], CONFIG)
    assert [d.error for d in run.documents] == [None, None, None]
    assert run.documents[0].findings[0].excerpt == "offensive.Government"


def test_cli_scan_with_hostile_xml_finishes_with_a_one_line_error(tmp_path: Path) -> None:
    (tmp_path / "bomb.xlf").write_text(BILLION_LAUGHS, encoding="utf-8")
    (tmp_path / "xxe.xlf").write_text(XXE, encoding="utf-8")
    (tmp_path / "good.xlf").write_text(XLIFF12, encoding="utf-8")
    t0 = time.process_time()
    proc = subprocess.run(
        [sys.executable, "-m", "mtcheck", "scan", ".", "--format", "json", *_cli_rules()],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert time.process_time() - t0 < 30
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    errors = [ln for ln in proc.stderr.splitlines() if ln.startswith("mtcheck: error:")]
    assert errors == [
        "mtcheck: error: bomb.xlf: XML entities are not allowed (entity 'lol0' declared); "
        "file rejected, nothing expanded or fetched",
        "mtcheck: error: xxe.xlf: XML entities are not allowed (external entity 'x' declared); "
        "file rejected, nothing expanded or fetched",
    ]
    report = json.loads(proc.stdout)
    good = [d for d in report["documents"] if d["id"].startswith("good.xlf:")]
    assert len(good) == 3 and sum(len(d["findings"]) for d in good) == 4
    assert "root:" not in proc.stdout


def _cli_rules() -> list[str]:
    return ["--select", "MT101,MT401", "--lang", "en"]


_TEXT = st.text(alphabet=st.sampled_from(list("ab .,&<>\"'é\n\t\u2014")), min_size=0, max_size=40)


@settings(max_examples=150, deadline=None)
@given(st.lists(_TEXT, min_size=1, max_size=4), st.booleans())
def test_escaped_text_round_trips_with_exact_offsets(parts: list[str], cdata: bool) -> None:
    from xml.sax.saxutils import escape

    def enc(s: str) -> str:
        if cdata and "]]>" not in s:
            return f"<![CDATA[{s}]]>"
        return escape(s).replace("é", "&#233;")

    target = '<g id="1">'.join(enc(p) for p in parts) + "</g>" * (len(parts) - 1)
    source = (
        '<xliff version="1.2"><file><body><trans-unit id="a"><source>s</source>'
        f"<target>{target}</target></trans-unit></body></file></xliff>"
    )
    expected = "".join(parts)
    docs = docs_of(source)
    if not expected.strip():
        assert docs == []
        return
    (doc,) = docs
    assert doc.text == expected
    loc = doc.locator()
    for i, ch in enumerate(doc.text):
        line, col = loc.line_col(i)
        line += doc.line_offset  # the engine adds it to every finding
        raw = raw_char(source, line, col)
        assert raw == ch or raw == "&"


def _units(n: int) -> str:
    unit = (
        '<trans-unit id="u{i}"><source>Quelle {i}</source><target>Talks in Genf &amp; Bern '
        'were offensive.Government <g id="1">officials</g> left {i}.</target></trans-unit>\n'
    )
    body = "".join(unit.format(i=i) for i in range(n))
    return f'<xliff version="1.2"><file target-language="en"><body>\n{body}</body></file></xliff>'


def test_many_units_load_in_linear_time() -> None:
    # every document maps into its own lines only; one line table per file would be quadratic
    def seconds(n: int) -> float:
        source = _units(n)
        best = float("inf")
        # the collector's full passes over a heap that other tests filled are not ours to time
        gc.collect()
        gc.disable()
        try:
            for _ in range(3):
                t0 = time.process_time()
                docs = list(xliff.load("big.xlf", source, Settings()))
                best = min(best, time.process_time() - t0)
                del docs
        finally:
            gc.enable()
        return best

    small, large = seconds(1000), seconds(8000)
    assert large < 8 * 2 * small, (small, large)  # 8x the units; quadratic would be 64x


def test_units_sharing_an_id_are_numbered_once_each() -> None:
    # each unit tried #2, #3, ... from the start: 20,000 units of one id took half a minute
    # (now about 0.02 s); the numbering must stay what it was
    from mtcheck.load import xliff

    class Unit:
        def __init__(self, uid: str) -> None:
            self.id, self.file, self.file_index = uid, None, 1

    units = [Unit("a") for _ in range(20000)] + [Unit("a#2"), Unit("b")]
    ids = xliff._ids("f.xlf", units, 1)  # type: ignore[arg-type]
    assert ids[:3] == ["f.xlf:a", "f.xlf:a#2", "f.xlf:a#3"]
    assert ids[-2:] == ["f.xlf:a#2#2", "f.xlf:b"]
    assert len(set(ids)) == len(ids)
