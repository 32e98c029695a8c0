"""Markdown: the prose of a Markdown file, mapped back to line and column of the file.

Extracted (``Document.text``)
    The text of paragraphs, headings, list items, block quotes and table cells (each cell on its
    own), the visible text of links (``[text](url)`` keeps ``text``), and the characters of
    backslash escapes and entities (``\\*`` gives ``*``, ``&amp;`` gives ``&``). Blocks are
    separated by a blank line (``"\\n\\n"``). A soft line break inside a paragraph becomes one
    space, so hard-wrapped sentences stay whole; a hard break (two trailing spaces or a trailing
    backslash) becomes ``"\\n"``.

Skipped
    Front matter (YAML between ``---`` lines or TOML between ``+++`` lines at the very start),
    fenced and indented code blocks, inline code, images (alt text included), link targets and
    titles, autolinks (``<https://...>``), bare URLs (``https://...``, ``www....``), reference
    definitions, HTML blocks, inline HTML tags and comments, thematic breaks, and the markers
    of headings, lists, block quotes, tables and emphasis (``*``, ``_``, ``**``, ``~~``). Inline
    ``<br>`` is a line break and an inline block tag (``<p>``, ``</div>``) a paragraph break, so
    ``end.<br>Next`` does not fuse into one word. Where an
    inline element was dropped, the space around it is tidied (``Run `x` now`` gives
    ``Run now``; ``Call `f()`.`` gives ``Call.``) so no stray double space or space before
    punctuation is left for the rules to trip over.

Offsets
    Every run of text copied from the file is recorded as a :class:`SourcePiece`, so ``line`` and
    ``column`` of a finding point into the original file; an inserted space or paragraph break
    maps to the end of the text before it. Block structure comes from markdown-it-py (CommonMark
    with GFM tables and strikethrough); its inline tokenizer is instrumented to record which
    source characters each inline rule consumed.

Suppression comments (``<!-- mtcheck-disable ... -->``) are read from HTML blocks and inline
HTML; see :mod:`mtcheck.load.extract`.
"""

from __future__ import annotations

import bisect
import gc
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

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

# A bare URL in prose; the character class has no overlap with what precedes it, so linear.
_URL_RE = re.compile(r"(?<![\w/@.])(?:https?://|ftp://|www\.)[^\s<>()\[\]\"'`]+", re.IGNORECASE)
_URL_TRAIL = ".,;:!?*_~"
_CLOSING_PUNCT = frozenset(".,;:!?)]}…”’»")
_GAP_RULES = frozenset({"image", "autolink", "linkify"})
# inline HTML that breaks the line or the block, so "end.<br>Next" does not fuse
_BR_TAG_RE = re.compile(r"<br\b", re.IGNORECASE)
_BLOCK_TAG_RE = re.compile(
    r"</?(?:p|div|li|ul|ol|h[1-6]|blockquote|table|tr|td|th|section|article|pre|hr)\b",
    re.IGNORECASE,
)

# Events recorded while tokenizing one inline content string (positions are into that string).
_Event = tuple[Any, ...]


def _make_md() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    # inline content is tokenized by _Inline below, with recording; the block pass leaves it
    md.disable("inline")
    return md


_PARSERS = threading.local()


def _parser() -> tuple[MarkdownIt, _Inline]:
    """This thread's parser and inline recorder, built once: building them costs more than
    parsing a short file, and markdown-it's parser objects form reference cycles that only a
    full pass of the garbage collector would free. Each parse starts from fresh state."""
    found: tuple[MarkdownIt, _Inline] | None = getattr(_PARSERS, "pair", None)
    if found is None:
        md = _make_md()
        found = _PARSERS.pair = (md, _Inline(md))
    return found


class _Inline:
    """Runs markdown-it's inline rules over one content string, recording source ranges."""

    def __init__(self, md: MarkdownIt) -> None:
        self.md = md
        ruler = md.inline.ruler
        rules = ruler.getRules("")
        names = [r.name for r in ruler.__rules__ if r.enabled]
        assert len(names) == len(rules)
        self.rules: list[tuple[str, Callable[[StateInline, bool], bool], bool]] = [
            (name, rule, name in ("emphasis", "strikethrough"))
            for name, rule in zip(names, rules, strict=True)
        ]
        self.post = [r.fn for r in md.inline.ruler2.__rules__ if r.enabled]
        self.post_names = [r.name for r in md.inline.ruler2.__rules__ if r.enabled]
        self.state: StateInline | None = None
        self.events: list[_Event] = []
        # the link rule tokenizes its label through md.inline.tokenize: route it here
        md.inline.tokenize = self.tokenize  # type: ignore[method-assign]

    def run(self, content: str, env: dict[str, Any]) -> list[_Event]:
        tokens: list[Token] = []
        state = StateInline(content, self.md, env, tokens)
        self.state = state
        self.events = []
        self.tokenize(state)
        for name, fn in zip(self.post_names, self.post, strict=True):
            if name != "fragments_join":  # it merges tokens and would hide the delimiters
                fn(state)
        self.state = None
        return self.events

    def tokenize(self, state: StateInline) -> None:
        # mirrors ParserInline.tokenize, noting what each successful rule consumed
        end = state.posMax
        max_nesting = state.md.options["maxNesting"]
        record = state is self.state
        events = self.events
        while state.pos < end:
            pos = state.pos
            ok = False
            if state.level < max_nesting:
                for name, rule, delims in self.rules:
                    if delims and record and state.pending:
                        state.pushPending()  # so that the new tokens are the delimiters only
                    ntok = len(state.tokens)
                    ok = rule(state, False)
                    if ok:
                        if state.pos <= pos:
                            raise RuntimeError("inline rule didn't increment state.pos")
                        if record:
                            self._note(name, pos, state, ntok)
                        break
            if ok:
                if state.pos >= end:
                    break
                continue
            if record:
                events.append(("lit", pos, pos + 1))
            state.append_pending(state.src[state.pos])
            state.pos += 1
        if state.pending:
            state.pushPending()

    def _note(self, name: str, pos: int, state: StateInline, ntok: int) -> None:
        events = self.events
        new = state.tokens[ntok:]
        if name == "text":
            events.append(("lit", pos, state.pos))
        elif name == "newline":
            hard = any(t.type == "hardbreak" for t in new)
            events.append(("break", "\n" if hard else " "))
        elif name == "escape":
            if any(t.type == "hardbreak" for t in new):
                events.append(("break", "\n"))
            elif new and new[-1].content != new[-1].markup:
                events.append(("lit", pos + 1, state.pos))
            else:
                events.append(("lit", pos, state.pos))
        elif name == "entity":
            if new:
                events.append(("ent", pos, new[-1].content, state.pos - pos))
            else:
                events.append(("lit", pos, state.pos))
        elif name == "backticks":
            if any(t.type == "code_inline" for t in new):
                events.append(("gap",))
            else:
                events.append(("lit", pos, state.pos))  # unmatched backticks are text
        elif name in ("emphasis", "strikethrough"):
            delims = []
            off = pos
            for t in new:
                delims.append((off, t, len(t.content)))
                off += len(t.content)
            events.append(("delims", delims))
        elif name == "link":
            pass  # its label was tokenized (and recorded) inside the rule; the target is dropped
        elif name == "html_inline":
            raw = state.src[pos : state.pos]
            if raw.startswith("<!--") and raw.endswith("-->"):
                events.append(("gap",))
                events.append(("comment", pos, state.pos, raw[4:-3]))
            elif _BR_TAG_RE.match(raw):
                events.append(("break", "\n"))
            elif _BLOCK_TAG_RE.match(raw):
                events.append(("break", "\n\n"))
            else:
                events.append(("gap",))
        elif name in _GAP_RULES:
            events.append(("gap",))
        else:  # pragma: no cover - a rule this loader does not know: keep nothing
            events.append(("gap",))


class _ContentMap:
    """Where each character of an inline token's content string sits in the source."""

    __slots__ = ("_c", "_len", "_s")

    def __init__(self) -> None:
        self._c: list[int] = []
        self._s: list[int] = []
        self._len: list[int] = []

    def add(self, c: int, s: int, n: int) -> None:
        if n <= 0:
            return
        if self._c and self._c[-1] + self._len[-1] == c and self._s[-1] + self._len[-1] == s:
            self._len[-1] += n
            return
        self._c.append(c)
        self._s.append(s)
        self._len.append(n)

    def point(self, c: int) -> int | None:
        i = bisect.bisect_right(self._c, c) - 1
        if i >= 0 and c < self._c[i] + self._len[i]:
            return self._s[i] + (c - self._c[i])
        return None

    def runs(self, a: int, b: int) -> Iterator[tuple[int, int, int | None]]:
        """Split content range ``[a, b)`` into ``(start, end, source_start or None)`` runs."""
        cs = self._c
        i = bisect.bisect_right(cs, a) - 1
        pos = a
        n = len(cs)
        if i < 0:
            i = 0
        while pos < b:
            while i < n and cs[i] + self._len[i] <= pos:
                i += 1
            if i >= n or cs[i] >= b:
                yield pos, b, None
                return
            if cs[i] > pos:
                yield pos, cs[i], None
                pos = cs[i]
            end = min(b, cs[i] + self._len[i])
            yield pos, end, self._s[i] + (pos - cs[i])
            pos = end


def _locate(
    src: str, lo: int, hi: int, content_line: str, c_base: int, cursor: int, cmap: _ContentMap
) -> int:
    """Map one line of inline content onto source line ``src[lo:hi]``; returns the new cursor.

    Content lines are the source line minus container markers and indentation (and, for the
    first and last line, surrounding space), so they are found as a suffix or substring; a
    table cell with an escaped pipe (``\\|`` becomes ``|``) falls back to aligning characters.
    """
    stripped = content_line.strip()
    if not stripped:
        return cursor
    lead = len(content_line) - len(content_line.lstrip())
    n = len(stripped)
    r_end = hi
    while r_end > lo and src[r_end - 1] in " \t":
        r_end -= 1
    k = r_end - n
    if k >= max(lo, cursor) and src.startswith(stripped, k):
        cmap.add(c_base + lead, k, n)
        return k + n
    k = src.find(stripped, max(lo, cursor), hi)
    if k >= 0:
        cmap.add(c_base + lead, k, n)
        return k + n
    j = max(lo, cursor)
    for ci, ch in enumerate(stripped):
        p = src.find(ch, j, hi)
        if p < 0:
            break
        cmap.add(c_base + lead + ci, p, 1)
        j = p + 1
    return j


def _front_matter_lines(lines: list[str]) -> int:
    """How many lines of YAML (``---``) or TOML (``+++``) front matter open the file."""
    if not lines:
        return 0
    first = lines[0].rstrip()
    if first == "---":
        closers: tuple[str, ...] = ("---", "...")
    elif first == "+++":
        closers = ("+++",)
    else:
        return 0
    for i in range(1, len(lines)):
        if lines[i].rstrip() in closers:
            return i + 1
    return 0


def _url_ranges(content: str) -> list[tuple[int, int]]:
    out = []
    for m in _URL_RE.finditer(content):
        a, b = m.span()
        while b > a and content[b - 1] in _URL_TRAIL:
            b -= 1
        out.append((a, b))
    return out


class _Paragraph:
    """Collects one block's atoms and tidies whitespace around breaks and dropped elements."""

    def __init__(self) -> None:
        # [text, source offset or None] pairs; directives are (None, DirectiveAt-args) markers
        self.out: list[list[Any]] = []
        self.gap = False
        self.after_break = False
        self.has_text = False

    def _rstrip(self) -> None:
        out = self.out
        while out:
            t = out[-1][0]
            if t is None:
                break
            r = t.rstrip(" \t")
            if r:
                if r != t:
                    out[-1][0] = r
                    out[-1][2] = -1  # no longer the whole of a reference
                break
            out.pop()
        self.has_text = bool(self._last_char())

    def _last_char(self) -> str:
        for t, _, _ in reversed(self.out):
            if t:
                return str(t[-1])
        return ""

    def text(self, t: str, src: int | None, source_length: int = -1) -> None:
        """Append ``t`` from ``src`` (None: made up), or, with ``source_length``, what the
        entity of that many source characters at ``src`` stands for."""
        if not t:
            return
        if not self.has_text or self.after_break:
            s = t.lstrip()
            if src is not None and s != t:
                src += len(t) - len(s)
                source_length = -1
            t = s
            if not t:
                return
        elif self.gap:
            last = self._last_char()
            if last in " \t" and t[0] in " \t":
                s = t.lstrip(" \t")
                if src is not None and s != t:
                    src += len(t) - len(s)
                    source_length = -1
                t = s
                if not t:
                    return
            elif last in " \t" and t[0] in _CLOSING_PUNCT:
                self._rstrip()
        self.gap = False
        self.after_break = False
        self.has_text = True
        self.out.append([t, src, source_length])

    def brk(self, sep: str) -> None:
        self._rstrip()
        if self.has_text:
            self.out.append([sep, None, -1])
        self.after_break = True
        self.gap = False

    def drop(self) -> None:
        self.gap = True

    def directive(self, args: tuple[Any, ...]) -> None:
        self.out.append([None, args, -1])

    def emit(self, builder: TextBuilder, found: list[DirectiveAt]) -> None:
        self._rstrip()
        out = self.out
        while out and out[-1][0] is not None and not out[-1][0].strip():
            out.pop()
        started = False
        for t, src, source_length in out:
            if t is None:
                d, source_end, line = src
                found.append(DirectiveAt(d, builder.length, source_end, line))
                continue
            if not started:
                if builder.length:
                    builder.insert("\n\n")
                started = True
            if src is None:
                builder.insert(t)
            else:
                builder.copy(t, src, source_length)


def _inline_block(
    src: str,
    starts: list[int],
    tok: Token,
    inline: _Inline,
    env: dict[str, Any],
    cursors: dict[int, int],
    builder: TextBuilder,
    found: list[DirectiveAt],
) -> None:
    content = tok.content
    if not content.strip() or tok.map is None:
        return
    cmap = _ContentMap()
    c = 0
    first = tok.map[0]
    last_line = len(starts) - 1
    for i, line in enumerate(content.split("\n")):
        li = first + i
        if li <= last_line:
            lo = starts[li]
            hi = starts[li + 1] - 1 if li + 1 <= last_line else len(src)
            cursors[li] = _locate(src, lo, hi, line, c, cursors.get(li, lo), cmap)
        c += len(line) + 1
    events = inline.run(content, env)
    urls = _url_ranges(content)
    para = _Paragraph()
    for ev in events:
        kind = ev[0]
        if kind == "lit":
            for a, b in _minus(ev[1], ev[2], urls, para):
                for ra, rb, s in cmap.runs(a, b):
                    para.text(content[ra:rb], s)
        elif kind == "ent":
            if not _in_ranges(ev[1], urls):
                para.text(ev[2], cmap.point(ev[1]), ev[3])
        elif kind == "delims":
            for off, t, n in ev[1]:
                if t.type == "text" and t.content and not _in_ranges(off, urls):
                    for ra, rb, s in cmap.runs(off, off + n):
                        para.text(content[ra:rb], s)
        elif kind == "break":
            para.brk(ev[1])
        elif kind == "gap":
            para.drop()
        elif kind == "comment":
            d = parse_directive(ev[3])
            end_src = cmap.point(ev[2] - 1)
            if d is not None and end_src is not None:
                start_src = cmap.point(ev[1])
                lineno = bisect.bisect_right(starts, end_src if start_src is None else start_src)
                para.directive((d, end_src + 1, lineno))
    para.emit(builder, found)


def _in_ranges(p: int, ranges: list[tuple[int, int]]) -> bool:
    if not ranges:
        return False
    i = bisect.bisect_right(ranges, (p, 10**18)) - 1
    return i >= 0 and ranges[i][0] <= p < ranges[i][1]


def _minus(
    a: int, b: int, ranges: list[tuple[int, int]], para: _Paragraph
) -> Iterator[tuple[int, int]]:
    """``[a, b)`` without the URL ranges; a removed URL counts as a dropped element."""
    if not ranges:
        yield a, b
        return
    i = max(0, bisect.bisect_right(ranges, (a, 10**18)) - 1)
    pos = a
    while i < len(ranges) and ranges[i][0] < b:
        ua, ub = ranges[i]
        if ub > pos:
            if ua > pos:
                yield pos, ua
            para.drop()
            pos = max(pos, ub)
        i += 1
    if pos < b:
        yield pos, b


def _html_block_directives(
    src: str, starts: list[int], tok: Token, builder: TextBuilder, found: list[DirectiveAt]
) -> None:
    if tok.map is None:
        return
    lo = starts[tok.map[0]]
    hi = starts[tok.map[1]] if tok.map[1] < len(starts) else len(src)
    pos = src.find("<!--", lo, hi)
    while pos >= 0:
        end = src.find("-->", pos + 4, hi)
        if end < 0:
            return
        d = parse_directive(src[pos + 4 : end])
        if d is not None:
            line = bisect.bisect_right(starts, pos)
            found.append(DirectiveAt(d, builder.length, end + 3, line))
        pos = src.find("<!--", end + 3, hi)


@contextmanager
def _collector_paused() -> Iterator[None]:
    # markdown-it builds one token object per delimiter, so a paragraph of thousands of "*a"
    # makes hundreds of thousands of objects. The cyclic collector's full passes over them made
    # extraction grow faster than the text (2.3-2.7x per doubling, linear with it paused). The
    # token tree holds no reference cycles, so reference counting frees all of it anyway.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def extract(source: str) -> tuple[str, TextBuilder, list[DirectiveAt]]:
    """The prose of a Markdown source, with its source pieces and suppression directives."""
    with _collector_paused():
        return _extract(source)


def _extract(source: str) -> tuple[str, TextBuilder, list[DirectiveAt]]:
    starts = line_starts(source)
    lines = source.split("\n")
    fm = _front_matter_lines(lines)
    md_src = ("\n" * fm + "\n".join(lines[fm:])) if fm else source
    md, inline = _parser()
    env: dict[str, Any] = {}
    tokens = md.parse(md_src, env)
    builder = TextBuilder()
    found: list[DirectiveAt] = []
    cursors: dict[int, int] = {}
    for tok in tokens:
        if tok.type == "inline":
            _inline_block(source, starts, tok, inline, env, cursors, builder, found)
        elif tok.type == "html_block":
            _html_block_directives(source, starts, tok, builder, found)
    return builder.text(), builder, found


def load(path: str, source: str, settings: Settings) -> Iterator[Document | InputError]:
    text, builder, found = extract(source)
    yield Document(
        id=path,
        text=text,
        path=path,
        format="markdown",
        source_map=SourceMap(source, builder.pieces),
        suppressions=suppressions(found, source, builder.pieces, len(text)),
    )
