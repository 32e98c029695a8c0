"""XLIFF (``.xlf``, ``.xliff``): one document per translation unit's target.

- XLIFF 1.x: every ``<trans-unit>`` with a ``<target>`` is a document. XLIFF 2.x: every ``<unit>``
  is a document whose text is its ``<segment>`` and ``<ignorable>`` targets in order; when two
  neighbouring parts meet without whitespace a space is inserted (many tools drop the ignorables
  that carry it, and a run-on sentence made by the file format is not the translator's).
- The document id is ``path:unit-id`` (``path:file-id/unit-id`` when the file holds several
  ``<file>`` elements; an ordinal ``#n`` stands in for a missing id). ``Document.meta`` holds the
  source text (``source``), the unit id (``unit``) and the file's ``original``/``id`` (``file``).
  The language is the file's target language (``target-language``, ``trgLang``), primary subtag.
- Units without a target, with an empty one, or marked ``translate="no"`` are not documents;
  ``<alt-trans>`` candidates are ignored.
- Inline markup: the text of ``<g>``, ``<mrk>``, ``<pc>`` is kept and the tags dropped; empty
  placeholders (``<x/>``, ``<bx/>``, ``<ex/>``, ``<ph/>``, ``<sc/>``, ``<ec/>``, ``<sm/>``,
  ``<em/>``) leave nothing; the content of ``<ph>``, ``<bpt>``, ``<ept>``, ``<it>`` and ``<sub>`` in
  XLIFF 1.x is native code (``&lt;br/&gt;``), not text, and is dropped; ``<cp hex="..."/>`` is the
  character it names.
- Offsets: every run of text maps to its line and column in the file; a character written as a
  reference (``&amp;``, ``&#233;``) maps to its ``&``; text inside CDATA maps to itself; a
  ``<cp/>`` character maps to the start of its element.

Safety: the file is parsed with :mod:`defusedxml`; any entity declaration (internal, external,
parameter: "billion laughs" and ``<!ENTITY x SYSTEM "file:///etc/passwd">`` alike) stops the
parse at the declaration with an input error, and nothing is ever fetched. A DOCTYPE without
entities (old XLIFF 1.1 files name a DTD) is accepted and not loaded. Malformed XML, or XML whose
root is not ``<xliff>``, is an input error naming the line; an empty or blank file has no units.
The file is decoded like any other (UTF-8 unless ``--encoding`` or a byte-order mark says
otherwise); the encoding in the XML declaration is not consulted.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from xml.etree.ElementTree import ParseError

from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.ElementTree import DefusedXMLParser

from mtcheck.config import Settings
from mtcheck.errors import InputError
from mtcheck.load.extract import TextBuilder, line_starts
from mtcheck.model import Document, SourceMap, SourcePiece

#: unit elements of XLIFF 1.x and 2.x
_UNITS = frozenset({"trans-unit", "unit"})
#: elements whose <target> is (part of) the unit's translation
_TARGET_PARENTS = frozenset({"trans-unit", "segment", "ignorable"})
#: XLIFF 1.x elements whose content is native code, not text
_CODE = frozenset({"ph", "bpt", "ept", "it", "sub"})
_HEX_RE = re.compile(r"[0-9A-Fa-f]{1,6}")
_POSITION_RE = re.compile(r":\s*line \d+, column \d+$")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


class _Offsets:
    """UTF-8 byte index (what expat reports) to code-point offset, for increasing indices."""

    __slots__ = ("_ascii", "_byte", "_char", "_data")

    def __init__(self, source: str) -> None:
        self._ascii = source.isascii()
        self._data = b"" if self._ascii else source.encode("utf-8")
        self._byte = 0
        self._char = 0

    def char(self, byte: int) -> int:
        if self._ascii:
            return byte
        if byte < self._byte:  # not expected (events come in file order), but stay correct
            self._byte = self._char = 0
        self._char += len(self._data[self._byte : byte].decode("utf-8", "replace"))
        self._byte = byte
        return self._char


@dataclass
class _Unit:
    id: str | None
    kind: str  # "trans-unit" (XLIFF 1.x) or "unit" (2.x)
    file: str | None
    file_index: int
    translate: bool
    target: TextBuilder = field(default_factory=TextBuilder)
    has_target: bool = False
    #: source text, the runs of each <source> (2.x: one per segment or ignorable)
    sources: list[list[str]] = field(default_factory=list)
    #: the last character of the target text so far ("" before any)
    last: str = ""


def _join(parts: list[str]) -> str:
    out: list[str] = []
    for p in parts:
        if out and out[-1] and p and not out[-1][-1].isspace() and not p[0].isspace():
            out.append(" ")
        out.append(p)
    return "".join(out)


class _Reader:
    """An ElementTree parser target that collects units while recording source positions."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.offsets = _Offsets(source)
        self.expat: Any = None
        self.depth = 0
        self.units: list[_Unit] = []
        self.unit: _Unit | None = None
        self.parent: list[str] = []
        self.files = 0
        self.file_name: str | None = None
        self.target_language: str | None = None
        self.root: str | None = None
        # what the current text belongs to ("target", "source" or None), at which depth, and
        # how deep inside native code (XLIFF 1.x <ph>, <bpt>, ...) it is
        self.mode: str | None = None
        self.mode_depth = 0
        self.code_depth = 0
        # a space is owed before the next target text (a 2.x part that follows another)
        self.owe_space = False

    def _pos(self) -> int:
        return self.offsets.char(self.expat.CurrentByteIndex)

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        name = _local(tag)
        parent = self.parent[-1] if self.parent else None
        self.parent.append(name)
        if self.root is None:
            self.root = name
            self.target_language = attrib.get("trgLang") or None
        u = self.unit
        if u is None:
            if name == "file":
                self.files += 1
                self.file_name = attrib.get("original") or attrib.get("id")
                self.target_language = attrib.get("target-language") or self.target_language
            elif name in _UNITS:
                self.unit = _Unit(
                    id=attrib.get("id"),
                    kind=name,
                    file=self.file_name,
                    file_index=self.files,
                    translate=attrib.get("translate", "yes") != "no",
                )
            return
        if self.mode is None:
            if name in ("target", "source") and parent in _TARGET_PARENTS:
                self.mode = name
                self.mode_depth = len(self.parent)
                if name == "target":
                    u.has_target = True
                    self.owe_space = bool(u.last) and not u.last.isspace()
                else:
                    u.sources.append([])
            return
        if self.code_depth:
            self.code_depth += 1
        elif u.kind == "trans-unit" and name in _CODE:
            self.code_depth = 1
        elif u.kind == "unit" and name == "cp" and self.mode == "target":
            # XLIFF 2 writes characters XML cannot carry as <cp hex="..."/>
            hexa = attrib.get("hex", "")
            if _HEX_RE.fullmatch(hexa) and int(hexa, 16) <= 0x10FFFF:
                code = int(hexa, 16)
                # a surrogate code point is no character, and no report could encode it
                ch = "\ufffd" if 0xD800 <= code <= 0xDFFF else chr(code)
                self._add(ch, self._pos(), verbatim=False)

    def end(self, tag: str) -> None:
        depth = len(self.parent)
        name = self.parent.pop()
        u = self.unit
        if u is None:
            return
        if self.mode is not None:
            if depth == self.mode_depth:
                self.mode = None
                self.code_depth = 0
            elif self.code_depth:
                self.code_depth -= 1
            return
        if name in _UNITS:
            self.units.append(u)
            self.unit = None

    def _add(self, text: str, pos: int, verbatim: bool) -> None:
        u = self.unit
        assert u is not None
        b = u.target
        if self.owe_space:
            self.owe_space = False
            if not text[0].isspace():
                b.insert(" ")
        if verbatim:
            b.copy(text, pos)
        else:
            # a reference (&amp; &#233;) or a <cp/> stands for one character at ``pos``; a
            # reference's end is known, so a finding that ends with it ends after it
            ref_end = self.source.find(";", pos) if self.source.startswith("&", pos) else -1
            b.copy(text[:1], pos, ref_end + 1 - pos if ref_end > pos else -1)
            if len(text) > 1:
                b.insert(text[1:])
        u.last = text[-1]

    def data(self, text: str) -> None:
        u = self.unit
        if u is None or self.mode is None or self.code_depth or not text:
            return
        if self.mode == "source":
            u.sources[-1].append(text)
            return
        pos = self._pos()
        # plain text and CDATA content sit verbatim at ``pos``; a reference does not
        self._add(text, pos, verbatim=self.source.startswith(text, pos))

    def close(self) -> None:
        return None


def _problem(e: Exception) -> str:
    if isinstance(e, EntitiesForbidden):
        kind = "external " if (e.sysid or e.pubid) else ""
        return (
            f"XML entities are not allowed ({kind}entity {e.name!r} declared); file rejected, "
            "nothing expanded or fetched"
        )
    if isinstance(e, ExternalReferenceForbidden):
        return "external XML references are not allowed; nothing fetched"
    if isinstance(e, DTDForbidden):
        return "XML document type declarations are not allowed"
    if isinstance(e, ParseError):
        line = e.position[0] if getattr(e, "position", None) else "?"
        reason = _POSITION_RE.sub("", str(e))
        return f"malformed XML at line {line}: {reason}"
    return f"could not parse XML: {type(e).__name__}: {e}"


def _language(tag: str | None) -> str | None:
    if not tag:
        return None
    primary = tag.replace("_", "-").split("-", 1)[0].strip().lower()
    return primary if primary.isalpha() and 2 <= len(primary) <= 3 else None


def _ids(path: str, units: list[_Unit], files: int) -> list[str]:
    out: list[str] = []
    seen: set[str] = set()
    #: per base id, the next suffix to try: units sharing one id are numbered in one pass,
    #: not by trying #2, #3, ... again for each (quadratic in the units of a shared id)
    next_k: dict[str, int] = {}
    for n, u in enumerate(units, 1):
        uid = u.id if u.id else f"#{n}"
        if files > 1:
            uid = f"{u.file or f'#{u.file_index}'}/{uid}"
        doc_id = f"{path}:{uid}"
        k = next_k.get(doc_id, 2)
        base = doc_id
        while doc_id in seen:  # ids must be unique within a run
            doc_id = f"{base}#{k}"
            k += 1
        next_k[base] = k
        seen.add(doc_id)
        out.append(doc_id)
    return out


def parse(source: str) -> tuple[_Reader, None] | tuple[None, str]:
    """Parse an XLIFF source safely: the reader with its units, or the problem."""
    reader = _Reader(source)
    try:
        parser = DefusedXMLParser(
            target=reader, forbid_dtd=False, forbid_entities=True, forbid_external=True
        )
        # one event per run of text, so each run's position is known (not one per element)
        parser.parser.buffer_text = False
        reader.expat = parser.parser
        parser.feed(source)
        parser.close()
    except (EntitiesForbidden, ExternalReferenceForbidden, DTDForbidden, ParseError) as e:
        return None, _problem(e)
    except (ValueError, LookupError, RecursionError) as e:
        return None, _problem(e)
    finally:
        # the parser's handlers are bound to it and the reader holds the parser: without this,
        # each file would leave a reference cycle that only a full collection frees
        reader.expat = None
    if reader.root != "xliff":
        return None, f"not an XLIFF file (the root element is <{reader.root}>)"
    return reader, None


def load(path: str, source: str, settings: Settings) -> Iterator[Document | InputError]:
    if not source.strip():
        return  # an empty file holds no units, like an empty JSONL file
    reader, problem = parse(source)
    if reader is None:
        yield InputError(path, problem or "could not parse XLIFF")
        return
    units = [u for u in reader.units if u.has_target and u.translate and u.target.length]
    language = _language(reader.target_language)
    starts = line_starts(source)
    for doc_id, u in zip(_ids(path, units, reader.files), units, strict=True):
        text = u.target.text()
        if not text.strip():
            continue
        # each document maps into the lines its target spans, not the whole file: a file of
        # 100,000 units must not hold 100,000 copies of its line table
        pieces = u.target.pieces
        first = bisect.bisect_right(starts, pieces[0].source_start) - 1
        lo = starts[first]
        last = pieces[-1]
        hi = last.source_start + (last.length if last.source_length < 0 else last.source_length)
        local = [
            SourcePiece(p.text_start, p.source_start - lo, p.length, p.source_length)
            for p in pieces
        ]
        yield Document(
            id=doc_id,
            text=text,
            path=path,
            format="xliff",
            language=language,
            lines_mode=settings.lines,
            source_map=SourceMap(source[lo:hi], local),
            line_offset=first,
            meta={"source": _join(["".join(p) for p in u.sources]), "unit": u.id, "file": u.file},
        )
