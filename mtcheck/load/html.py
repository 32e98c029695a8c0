"""HTML: the visible text of a page, mapped back to line and column of the file.

Extracted (``Document.text``)
    Text content of the page as a reader sees it. Block elements (``p``, ``div``, ``h1``-``h6``,
    ``li``, ``td``, ``th``, ``tr``, ``section``, ``article``, ``blockquote``, ``pre``, ``table``,
    ...) are separated by a blank line (``"\\n\\n"``); ``<br>`` gives ``"\\n"``; inline elements
    (``span``, ``a``, ``b``, ...) join their text without adding anything. Runs of whitespace
    inside a block collapse to one space and whitespace at the edges of a block is dropped, as a
    browser renders it; inside ``<pre>`` each source line stays a line. Character references
    (``&amp;``, ``&nbsp;``, ``&#8217;``, ``&#x2019;``) are decoded; an unknown or broken one
    (``&bogus;``, ``&#xZZ``) stays as written.

Skipped
    ``head`` (and ``title``), ``script``, ``style``, ``template``, ``noscript``, ``svg``,
    ``math``, ``iframe``, ``object``, ``canvas``, elements with the ``hidden`` attribute,
    ``aria-hidden="true"`` or an inline ``display:none`` / ``visibility:hidden`` style, comments,
    the doctype (with any DTD internal subset), processing instructions and CDATA sections.
    Attribute values (``alt``, ``title``) are not text. Entities declared in a DTD are never
    expanded: ``&lol;`` stays as written.

Offsets
    Every copied run of text is a :class:`SourcePiece`; a decoded entity is a piece of one
    character pointing at its ``&``; a collapsed whitespace run is one space pointing at the run's
    first character; inserted block breaks map to the end of the text before them.

Malformed markup
    Parsing uses :class:`html.parser.HTMLParser` (``convert_charrefs=False``, so entity
    positions are known): no network, no DTDs, no entity expansion beyond HTML's own table.
    Unclosed elements end where an enclosing element ends (or at the end of the file); an end
    tag with no open element is ignored; ``<p>``, ``<li>``, ``<td>``/``<th>``, ``<tr>``,
    ``<dt>``/``<dd>`` and ``<option>`` close an open sibling as browsers do; a stray ``<`` is text;
    an unterminated comment, and a tag still open at the end of the file, run to the end and are
    dropped; ``<![CDATA[...]]>`` and other ``<![`` are bogus comments ending at the next ``>``.
    Two defects of ``html.parser`` are worked around: it rescans the rest of the input for each
    ``<x`` with no ``>`` after it (quadratic), and at an ``&#`` that starts no reference it stops
    parsing and returns the rest of the file, tags included, as text.

Suppression comments (``<!-- mtcheck-disable ... -->``): see :mod:`mtcheck.load.extract`.
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Iterator
from html.parser import HTMLParser

from mtcheck.config import Settings
from mtcheck.errors import InputError
from mtcheck.load.extract import (
    DirectiveAt,
    TextBuilder,
    line_starts,
    parse_directive,
    suppressions,
)
from mtcheck.model import Document, SourceMap


def _names(words: str) -> frozenset[str]:
    return frozenset(words.split())


SKIPPED = _names("head title script style template noscript svg math iframe object canvas")
VOID = _names("area base br col embed hr img input keygen link meta param source track wbr")
BLOCKS = _names(
    """
    address article aside blockquote body caption center dd details dialog dir div dl dt
    fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html legend li
    main menu nav ol optgroup option p pre section summary table tbody td tfoot th thead tr ul
    """
)
#: start tags that close an open <p> (the HTML "p end tag omission" rule, simplified)
_CLOSES_P = BLOCKS - {"body", "html", "td", "th", "tr", "tbody", "thead", "tfoot", "caption"}
#: tag -> (tags it closes, tags that stop the search)
_IMPLIED_END: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "li": (frozenset({"li"}), frozenset({"ul", "ol", "menu"})),
    "dt": (frozenset({"dt", "dd"}), frozenset({"dl"})),
    "dd": (frozenset({"dt", "dd"}), frozenset({"dl"})),
    "td": (frozenset({"td", "th"}), frozenset({"tr", "table"})),
    "th": (frozenset({"td", "th"}), frozenset({"tr", "table"})),
    "tr": (frozenset({"tr", "td", "th"}), frozenset({"table", "tbody", "thead", "tfoot"})),
    "option": (frozenset({"option"}), frozenset({"select", "datalist", "optgroup"})),
}
#: how far back an implied end tag looks; bounds the work on hostile nesting
_IMPLIED_SCAN = 64
_WS = " \t\n\r\f"
#: whitespace that must be collapsed: two or more characters, or one that is not a space
_BREAK_WS_RE = re.compile(r"[ \t\n\r\f]{2,}|[\t\n\r\f]")
_HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


def _hidden(attrs: list[tuple[str, str | None]]) -> bool:
    for name, value in attrs:
        if name == "hidden":
            return True
        if name == "aria-hidden" and (value or "").strip().lower() == "true":
            return True
        if name == "style" and value and _HIDDEN_STYLE_RE.search(value):
            return True
    return False


class _Extractor(HTMLParser):
    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.starts = line_starts(source)
        self.builder = TextBuilder()
        self.found: list[DirectiveAt] = []
        # open elements: (tag, hides its content)
        self.stack: list[tuple[str, bool]] = []
        self.open_count: dict[str, int] = {}
        self.hiding = 0
        self.pre = 0
        #: "" (none), "\n" or "\n\n": a break owed before the next text
        self.pending_break = ""
        #: source offset of a whitespace run owed as one space before the next text, or -1
        self.pending_space = -1
        #: whether text has been written since the last break
        self.in_block = False
        #: set before close(): an unterminated comment then runs to the end of the file
        self.closing = False
        #: whether the fed text has stand-ins for "#" (see extract)
        self.masked = False

    # -- positions -------------------------------------------------------------------------
    def _pos(self) -> int:
        line, col = self.getpos()
        return self.starts[line - 1] + col

    # -- text ------------------------------------------------------------------------------
    def _block_break(self, sep: str = "\n\n") -> None:
        if len(sep) > len(self.pending_break):
            self.pending_break = sep
        self.pending_space = -1
        self.in_block = False

    def _word(self, text: str, src: int, source_length: int = -1) -> None:
        b = self.builder
        if self.pending_break:
            if b.length:
                b.insert(self.pending_break)
            self.pending_break = ""
        elif self.pending_space >= 0 and self.in_block:
            b.copy(" ", self.pending_space)
        self.pending_space = -1
        self.in_block = True
        b.copy(text, src, source_length)

    def _space(self, src: int) -> None:
        if self.in_block and self.pending_space < 0:
            self.pending_space = src

    def _text(self, data: str, src: int) -> None:
        if self.hiding or not data:
            return
        if self.pre:
            pos = 0
            for line in data.split("\n"):
                if pos:
                    self._block_break("\n")
                self._collapse(line, src + pos)
                pos += len(line) + 1
        else:
            self._collapse(data, src)

    def _collapse(self, data: str, src: int) -> None:
        # only runs that are not a lone space need work; "a b c" is copied in one piece
        pos = 0
        for m in _BREAK_WS_RE.finditer(data):
            a, b = m.span()
            if a > pos:
                self._run(data, pos, a, src)
            self._space(src + a)
            pos = b
        if pos < len(data):
            self._run(data, pos, len(data), src)

    def _run(self, data: str, a: int, b: int, src: int) -> None:
        """``data[a:b]`` has no whitespace but single spaces; those at its edges are owed."""
        if data[a] == " ":
            self._space(src + a)
            a += 1
        if a >= b:
            return
        trailing = data[b - 1] == " "
        if trailing:
            b -= 1
        self._word(data[a:b], src + a)
        if trailing:
            self._space(src + b)

    def _decoded(self, raw: str, src: int) -> None:
        value = html_lib.unescape(raw)
        if value == raw:
            self._text(raw, src)  # not a known reference: the characters as written
            return
        if self.hiding:
            return
        for ch in value:
            if ch in _WS:
                self._space(src)
            else:
                self._word(ch, src, len(raw))

    # -- elements --------------------------------------------------------------------------
    def _push(self, tag: str, hides: bool) -> None:
        self.stack.append((tag, hides))
        self.open_count[tag] = self.open_count.get(tag, 0) + 1
        if hides:
            self.hiding += 1
        if tag == "pre":
            self.pre += 1

    def _pop_to(self, index: int) -> None:
        while len(self.stack) > index:
            tag, hides = self.stack.pop()
            self.open_count[tag] -= 1
            if hides:
                self.hiding -= 1
            if tag == "pre":
                self.pre -= 1
            if tag in BLOCKS:
                self._block_break()

    def _close_last(self, tags: frozenset[str], stop: frozenset[str]) -> None:
        stack = self.stack
        lo = max(0, len(stack) - _IMPLIED_SCAN)
        for i in range(len(stack) - 1, lo - 1, -1):
            t = stack[i][0]
            if t in tags:
                self._pop_to(i)
                return
            if t in stop:
                return

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body" and self.open_count.get("head"):
            self._close_last(frozenset({"head"}), frozenset())
        if tag in _CLOSES_P and self.stack and self.stack[-1][0] == "p":
            self._pop_to(len(self.stack) - 1)
        implied = _IMPLIED_END.get(tag)
        if implied is not None:
            self._close_last(*implied)
        if tag in BLOCKS:
            self._block_break()
        if tag == "br":
            self._block_break("\n")
            return
        if tag in VOID:
            return
        self._push(tag, tag in SKIPPED or _hidden(attrs))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # <div/> is not self-closing in HTML, but nothing sensible can be inside it
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.stack and self.stack[-1][0] == tag:
            self._pop_to(len(self.stack) - 1)

    def handle_endtag(self, tag: str) -> None:
        if self.open_count.get(tag):
            for i in range(len(self.stack) - 1, -1, -1):
                if self.stack[i][0] == tag:
                    self._pop_to(i)
                    break
        elif tag in BLOCKS or tag == "br":
            self._block_break("\n" if tag == "br" else "\n\n")

    def handle_data(self, data: str) -> None:
        pos = self._pos()
        if self.masked:
            data = self.source[pos : pos + len(data)]  # undo the "&#" masking: same length
        self._text(data, pos)

    def handle_entityref(self, name: str) -> None:
        pos = self._pos()
        end = pos + 1 + len(name)
        if self.source.startswith(";", end):
            end += 1
        self._decoded(self.source[pos:end], pos)

    def handle_charref(self, name: str) -> None:
        pos = self._pos()
        end = pos + 2 + len(name)
        if self.source.startswith(";", end):
            end += 1
        self._decoded(self.source[pos:end], pos)

    def handle_comment(self, data: str) -> None:
        pos = self._pos()
        if not self.source.startswith("<!--", pos):
            return  # a bogus comment such as <!x> or </ x>
        d = parse_directive(data)
        if d is None:
            return
        close = self.source.find(">", pos + 4 + len(data))
        end = close + 1 if close >= 0 else len(self.source)
        line, _ = self.getpos()
        self.found.append(DirectiveAt(d, self.builder.length, end, line))

    def parse_comment(self, i: int, report: bool = True) -> int:
        end = super().parse_comment(i, report)
        if end < 0 and self.closing:
            # never closed: browsers treat the rest of the file as the comment
            if report:
                self.handle_comment(self.rawdata[i + 4 :])
            return len(self.rawdata)
        return end

    def parse_html_declaration(self, i: int) -> int:
        raw = self.rawdata
        if raw[i : i + 9].lower() == "<!doctype":
            # a DTD internal subset ("<!DOCTYPE x [ <!ENTITY ...> ]>") is skipped whole; its
            # entities are never defined, so nothing can expand (no billion laughs)
            gt = raw.find(">", i + 9)
            bracket = raw.find("[", i + 9, gt if gt >= 0 else len(raw))
            if bracket >= 0:
                close = raw.find("]", bracket)
                end = raw.find(">", close) if close >= 0 else -1
                if end < 0:
                    return len(raw) if self.closing else -1
                return end + 1
        if raw.startswith("<![", i):
            # outside SVG and MathML, browsers read "<![CDATA[...]]>" and other "<![" as a bogus
            # comment ending at the next ">"; _markupbase would search for "]]>" to the end of
            # the input each time (quadratic) or raise AssertionError on unknown keywords
            gt = raw.find(">", i + 3)
            if gt < 0:
                return len(raw) if self.closing else -1
            return gt + 1
        return super().parse_html_declaration(i)


#: "&#" that can never start a character reference. html.parser (3.11) stops parsing at such
#: an "&#" when a ";" follows anywhere and hands the whole rest of the file over as text, tags
#: and scripts included; masked, it is plain text and parsing goes on
_BAD_CHARREF_RE = re.compile(r"&#(?![0-9]|[xX][0-9a-fA-F])")
#: what opens a tag, comment or declaration; without a ">" after it, it is cut at end of file
_MARKUP_OPEN_RE = re.compile(r"<[A-Za-z/!?]")
#: a same-length stand-in for the "#" of such an "&#" while html.parser reads the text
_HASH_STAND_IN = "\ufdd0"


def extract(source: str) -> tuple[str, TextBuilder, list[DirectiveAt]]:
    """The visible text of an HTML source, with its source pieces and suppression directives."""
    parser = _Extractor(source)
    # Linear time on hostile input: html.parser rescans to the end of the input for every
    # "<x" that has no ">" after it, so the input is cut where the last such run starts
    # (browsers drop a tag left open at end of file too). Unusable "&#" are masked.
    last_gt = source.rfind(">")
    m = _MARKUP_OPEN_RE.search(source, last_gt + 1)
    feed = source if m is None else source[: m.start()]
    if "&#" in feed:
        masked = _BAD_CHARREF_RE.sub("&" + _HASH_STAND_IN, feed)
        parser.masked = masked != feed
        feed = masked
    parser.feed(feed)
    parser.closing = True
    parser.close()
    return parser.builder.text(), parser.builder, parser.found


def load(path: str, source: str, settings: Settings) -> Iterator[Document | InputError]:
    try:
        text, builder, found = extract(source)
    except Exception as e:  # pragma: no cover - html.parser is lenient; a last safety net
        yield InputError(path, f"could not parse HTML: {type(e).__name__}: {e}")
        return
    yield Document(
        id=path,
        text=text,
        path=path,
        format="html",
        source_map=SourceMap(source, builder.pieces),
        suppressions=suppressions(found, source, builder.pieces, len(text)),
    )
