"""Shared machinery of the markup loaders: building extracted text with a source map, and
turning ``<!-- mtcheck-... -->`` comments into :class:`~mtcheck.model.Suppression` ranges.

Inline suppression comments (Markdown and HTML)
    ``<!-- mtcheck-disable MT201 MT3 -->`` ... ``<!-- mtcheck-enable -->`` turns the named rules
    (codes or family prefixes, separated by spaces or commas; none means every rule) off between
    the two comments. A disable without an enable runs to the end of the file. A plain
    ``mtcheck-enable`` ends every open block; ``mtcheck-enable MT201`` ends only the blocks that
    name MT201 (a block that disabled every rule is ended only by a plain enable).
    ``<!-- mtcheck-disable-next-line [CODES] -->`` covers the text of the next non-blank line of
    the file. Comments inside code blocks, ``<script>`` or ``<style>`` are not directives.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from mtcheck.model import SourcePiece, Suppression

_CODE_SPLIT_RE = re.compile(r"[\s,]+")
_DIRECTIVES = ("mtcheck-disable-next-line", "mtcheck-disable", "mtcheck-enable")


class TextBuilder:
    """Accumulates extracted text and the :class:`SourcePiece` list that maps it back."""

    __slots__ = ("_cur_len", "_cur_src", "_cur_text", "_parts", "_pieces", "length")

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._pieces: list[SourcePiece] = []
        self.length = 0
        # the piece being extended, kept as plain ints until something breaks the run
        self._cur_text = -1
        self._cur_src = -1
        self._cur_len = 0

    def copy(self, text: str, source_start: int, source_length: int = -1) -> None:
        """Append ``text``, which sits verbatim at ``source_start``, or, with
        ``source_length``, is what the reference or escape of that many code points there
        stands for (``&ldquo;``)."""
        n = len(text)
        if not n:
            return
        if source_length >= 0:
            self._flush()
            self._pieces.append(SourcePiece(self.length, source_start, n, source_length))
            self._parts.append(text)
            self.length += n
            return
        if self._cur_text + self._cur_len == self.length and (
            self._cur_src + self._cur_len == source_start
        ):
            self._cur_len += n
        else:
            self._flush()
            self._cur_text = self.length
            self._cur_src = source_start
            self._cur_len = n
        self._parts.append(text)
        self.length += n

    def insert(self, text: str) -> None:
        """Append a separator the loader made up; it maps to the end of the preceding piece."""
        self._parts.append(text)
        self.length += len(text)

    def _flush(self) -> None:
        if self._cur_len:
            self._pieces.append(SourcePiece(self._cur_text, self._cur_src, self._cur_len))
            self._cur_len = 0
            self._cur_text = -1
            self._cur_src = -1

    @property
    def pieces(self) -> list[SourcePiece]:
        self._flush()
        return self._pieces

    def text(self) -> str:
        return "".join(self._parts)


@dataclass(frozen=True, slots=True)
class Directive:
    kind: str  # "disable", "enable" or "next-line"
    rules: tuple[str, ...]


def parse_directive(comment_body: str) -> Directive | None:
    """The directive in an HTML comment's body (between ``<!--`` and ``-->``), if any."""
    body = comment_body.strip()
    if not body.startswith("mtcheck-"):
        return None
    for name in _DIRECTIVES:
        if body.startswith(name):
            rest = body[len(name) :]
            if rest and not rest[0].isspace() and rest[0] != ",":
                continue  # e.g. "mtcheck-disabled": not ours
            rules = tuple(c.upper() for c in _CODE_SPLIT_RE.split(rest) if c)
            kind = "next-line" if name.endswith("next-line") else name.rsplit("-", 1)[1]
            return Directive(kind, rules)
    return None


@dataclass(frozen=True, slots=True)
class DirectiveAt:
    """A directive found while extracting: where it sits in the text and in the source."""

    directive: Directive
    text_offset: int
    #: offset in the source just after the comment (for "next line")
    source_end: int
    #: 1-based line of the comment in the source
    line: int


def line_starts(source: str) -> list[int]:
    starts = [0]
    find = source.find
    pos = find("\n")
    while pos != -1:
        starts.append(pos + 1)
        pos = find("\n", pos + 1)
    return starts


def _text_range_of_source(
    pieces: Sequence[SourcePiece], src_starts: Sequence[int], lo: int, hi: int
) -> tuple[int, int] | None:
    """The extracted-text range covering source offsets ``[lo, hi)`` (pieces sorted by source)."""
    i = bisect.bisect_right(src_starts, lo) - 1
    if i < 0:
        i = 0
    start: int | None = None
    end = 0
    n = len(pieces)
    while i < n:
        p = pieces[i]
        if p.source_start >= hi:
            break
        a = max(lo, p.source_start)
        b = min(hi, p.source_start + p.length)
        if a < b:
            if start is None:
                start = p.text_start + (a - p.source_start)
            end = p.text_start + min(p.length, b - p.source_start)
        i += 1
    if start is None:
        return None
    return start, max(end, start)


def suppressions(
    found: Sequence[DirectiveAt], source: str, pieces: Sequence[SourcePiece], text_len: int
) -> tuple[Suppression, ...]:
    """Turn directives (in text order) into suppression ranges over the extracted text."""
    if not found:
        return ()
    out: list[Suppression] = []
    open_blocks: list[tuple[int, tuple[str, ...], int]] = []
    starts: list[int] | None = None
    src_starts: list[int] | None = None
    for d in found:
        kind, rules = d.directive.kind, d.directive.rules
        if kind == "disable":
            open_blocks.append((d.text_offset, rules, d.line))
        elif kind == "enable":
            still: list[tuple[int, tuple[str, ...], int]] = []
            for start, brules, line in open_blocks:
                if not rules:
                    out.append(Suppression(start, d.text_offset, brules, line))
                elif brules and set(brules) & set(rules):
                    out.append(Suppression(start, d.text_offset, brules, line))
                    rest = tuple(r for r in brules if r not in rules)
                    if rest:
                        still.append((d.text_offset, rest, line))
                else:
                    still.append((start, brules, line))
            open_blocks = still
        else:
            if starts is None:
                starts = line_starts(source)
                src_starts = [p.source_start for p in pieces]
            assert src_starts is not None
            # the first non-blank line after the comment's own line
            li = bisect.bisect_right(starts, max(d.source_end - 1, 0))
            rng: tuple[int, int] | None = None
            while li < len(starts):
                lo = starts[li]
                hi = starts[li + 1] - 1 if li + 1 < len(starts) else len(source)
                if source[lo:hi].strip():
                    rng = _text_range_of_source(pieces, src_starts, lo, hi)
                    break
                li += 1
            if rng is None:
                rng = (d.text_offset, d.text_offset)
            out.append(Suppression(rng[0], rng[1], rules, d.line))
    for start, brules, line in open_blocks:
        out.append(Suppression(start, text_len, brules, line))
    out.sort(key=lambda s: (s.start, s.end, s.line))
    return tuple(out)
