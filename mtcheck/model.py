"""Frozen value objects shared by every stage of the pipeline.

Offsets are Unicode code-point offsets into ``Document.text``, end exclusive. They are produced
once (by the segmenter and the rules) and never recomputed or shifted afterwards.
"""

from __future__ import annotations

import bisect
import enum
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TypeVar

from mtcheck.errors import displayable

_C = TypeVar("_C", bound=type)


def _fields_reduce(self: Any) -> tuple[type, tuple[Any, ...]]:
    return type(self), tuple(map(self.__getattribute__, self.__slots__))


def _fast_pickle(cls: _C) -> _C:
    """Pickle a slots dataclass as its class and field values.

    The default for frozen slots dataclasses calls ``dataclasses.fields`` for every object,
    which made handing findings between processes a main-process bottleneck of ``--jobs``.
    """
    setattr(cls, "__reduce__", _fields_reduce)  # noqa: B010 - a class attribute, set once
    return cls


class Severity(enum.IntEnum):
    """How bad a finding is; ordered so that ``>=`` compares badness."""

    MINOR = 1
    MAJOR = 2
    CRITICAL = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, value: str) -> Severity:
        try:
            return cls[value.strip().upper()]
        except KeyError:
            raise ValueError(
                f"unknown severity {value!r} (expected minor, major or critical)"
            ) from None


class Scope(enum.Enum):
    """The unit of text a rule reasons about."""

    TOKEN = "token"
    SENTENCE = "sentence"
    PARAGRAPH = "paragraph"
    DOCUMENT = "document"
    CORPUS = "corpus"


@_fast_pickle
@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int

    def __len__(self) -> int:
        return self.end - self.start


@_fast_pickle
@dataclass(frozen=True, slots=True)
class SourcePiece:
    """A run of ``Document.text`` copied verbatim from the original file.

    ``text_start`` is the offset in the extracted text, ``source_start`` the offset in the decoded
    original file, ``length`` the number of code points the two have in common. A piece that
    stands for a reference or an escape (``&ldquo;``, ``\\u201c``) has ``source_length``, the
    code points it takes in the source; -1 for a verbatim run.
    """

    text_start: int
    source_start: int
    length: int
    source_length: int = -1


class SourceMap:
    """Maps offsets of extracted text back to line and column of the original file.

    Plain text maps to itself. Markup loaders record, for every run of text they copy, where it
    came from; an offset that falls between runs (e.g. a paragraph break the loader inserted)
    resolves to the end of the preceding run.
    """

    __slots__ = ("_line_starts", "_make_pieces", "_piece_starts", "_pieces")

    def __init__(
        self,
        source: str,
        pieces: list[SourcePiece] | Callable[[], list[SourcePiece]] | None = None,
    ) -> None:
        """``pieces`` may be a (picklable) function that builds them: most documents never
        need a location (no findings, or none reported), so the work is done on first use."""
        starts = [0]
        find = source.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        self._line_starts = starts
        self._make_pieces = pieces if callable(pieces) else None
        self._set_pieces(None if callable(pieces) else pieces)

    def _set_pieces(self, pieces: list[SourcePiece] | None) -> None:
        self._pieces = pieces
        self._piece_starts = [p.text_start for p in pieces] if pieces is not None else None

    def _built(self) -> None:
        if self._make_pieces is not None:
            self._set_pieces(self._make_pieces())
            self._make_pieces = None

    def __getstate__(self) -> tuple[object, ...]:
        return self._line_starts, self._piece_starts, self._pieces, self._make_pieces

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        self._line_starts, self._piece_starts, self._pieces, self._make_pieces = state

    def source_offset(self, offset: int) -> int:
        self._built()
        if self._pieces is None or self._piece_starts is None:
            return offset
        if not self._pieces:
            return 0
        i = bisect.bisect_right(self._piece_starts, offset) - 1
        if i < 0:
            return self._pieces[0].source_start
        piece = self._pieces[i]
        delta = offset - piece.text_start
        if delta > piece.length:
            delta = piece.length
        return piece.source_start + delta

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column (in code points) of a text offset in the original file."""
        return self._line_col(self.source_offset(offset))

    def end_line_col(self, end: int) -> tuple[int, int]:
        """Line and column just after the character before ``end`` (an exclusive end offset).

        Differs from :meth:`line_col` only when markup sits between that character and the
        next one (``offensive.<b>Government</b> officials``): the end then stays before the
        markup instead of jumping past it.
        """
        self._built()
        if self._pieces is None or self._piece_starts is None or end <= 0:
            return self.line_col(end)
        i = bisect.bisect_right(self._piece_starts, end - 1) - 1
        if i < 0:
            return self.line_col(end)
        piece = self._pieces[i]
        delta = end - 1 - piece.text_start
        if delta >= piece.length:
            return self.line_col(end)  # the last character was inserted by the loader
        if piece.source_length >= 0:
            # the last character is a reference or an escape: the end is after all of it
            return self._line_col(piece.source_start + piece.source_length)
        return self._line_col(piece.source_start + delta + 1)

    def _line_col(self, src: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._line_starts, src)
        return line, src - self._line_starts[line - 1] + 1


@dataclass(frozen=True)
class Document:
    """One unit of text to check, decoded once and never altered afterwards."""

    id: str
    text: str
    path: str | None = None
    format: str = "text"
    language: str | None = None
    #: each line is one segment (MT output aligned with a source and a reference)
    lines_mode: bool = False
    #: line/column mapping into the original file; None means ``text`` is the file itself
    source_map: SourceMap | None = field(default=None, compare=False, repr=False)
    #: first line of this document in its file (JSONL records), added to mapped lines
    line_offset: int = 0
    #: inline suppression directives found by the loader (markup comments)
    suppressions: tuple[Suppression, ...] = ()
    #: extra per-document data a loader carries along (e.g. a reference translation)
    meta: Mapping[str, Any] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        # a file name that is not UTF-8 reaches here with lone surrogates, which no report
        # can encode: the id and path are kept as names to show (the file was read already)
        if not self.id.isascii():
            object.__setattr__(self, "id", displayable(self.id))
        if self.path is not None and not self.path.isascii():
            object.__setattr__(self, "path", displayable(self.path))

    def locator(self) -> SourceMap:
        return self.source_map if self.source_map is not None else SourceMap(self.text)


@_fast_pickle
@dataclass(frozen=True, slots=True)
class Suppression:
    """An inline ``mtcheck-disable`` directive: rule codes (empty: all) over a text range."""

    start: int
    end: int
    rules: tuple[str, ...]
    line: int

    def covers(self, code: str, offset: int) -> bool:
        """Whether a finding of rule ``code`` starting at ``offset`` is suppressed by this.

        The engine can use it to tell which directives were used and report the others
        (with ``line``, the directive's line in the file) as unused.
        """
        return self.start <= offset < self.end and (
            not self.rules or any(code.startswith(r) for r in self.rules)
        )


@_fast_pickle
@dataclass(frozen=True, slots=True)
class Hit:
    """What a rule reports: a span of the text and why. The engine adds metadata and location."""

    start: int
    end: int
    message: str
    suggestion: str | None = None
    confidence: float | None = None
    severity: Severity | None = None


@_fast_pickle
@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    name: str
    category: str
    severity: Severity
    confidence: float
    message: str
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    excerpt: str
    suggestion: str | None
    fingerprint: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "name": self.name,
            "category": self.category,
            "severity": self.severity.label,
            "confidence": round(self.confidence, 3),
            "message": self.message,
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "excerpt": self.excerpt,
            "suggestion": self.suggestion,
            "fingerprint": self.fingerprint,
        }


@dataclass(frozen=True)
class DocumentResult:
    """Everything the pipeline learned about one document (or why it could not be read)."""

    id: str
    path: str | None
    language: str | None
    words: int
    findings: tuple[Finding, ...] = ()
    metrics: Mapping[str, Any] = field(default_factory=dict)
    error: str | None = None
    #: the checked text, kept for renderers that show it (HTML); never serialised to JSON
    text: str | None = field(default=None, compare=False, repr=False)
    extra: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Totals:
    """A run's counts, for a run whose documents were streamed to a report and not kept."""

    documents: int
    words: int
    #: findings per severity label, every label present
    by_severity: Mapping[str, int]
    #: the documents that could not be read (their results are small and few)
    errors: tuple[DocumentResult, ...] = ()


@dataclass(frozen=True)
class RunResult:
    #: every document's result; empty when ``totals`` is given (a streamed report holds them)
    documents: tuple[DocumentResult, ...]
    signature: str
    fail_on: Severity | None
    #: the gate verdict, decided once by the scorer; renderers only present it
    passed: bool = True
    #: which gate conditions failed, e.g. ("fail-on: 2 findings at or above major",)
    failed_conditions: tuple[str, ...] = ()
    metrics: Mapping[str, Any] = field(default_factory=dict)
    extra: Mapping[str, Any] = field(default_factory=dict)
    #: the counts of a run whose documents are not kept; None: counted from ``documents``
    totals: Totals | None = None

    @cached_property
    def counts(self) -> Totals:
        """``totals``, or the same counts taken from ``documents``."""
        if self.totals is not None:
            return self.totals
        by_severity = {s.label: 0 for s in Severity}
        for d in self.documents:
            for f in d.findings:
                by_severity[f.severity.label] += 1
        words = sum(d.words for d in self.documents)
        errors = tuple(d for d in self.documents if d.error is not None)
        return Totals(len(self.documents), words, by_severity, errors)

    @property
    def documents_count(self) -> int:
        return self.counts.documents

    @property
    def findings_count(self) -> int:
        return sum(self.counts.by_severity.values())

    @property
    def words(self) -> int:
        return self.counts.words

    def by_severity(self) -> dict[str, int]:
        return dict(self.counts.by_severity)

    @property
    def errors(self) -> tuple[DocumentResult, ...]:
        return self.counts.errors

    @property
    def skipped(self) -> tuple[Mapping[str, str], ...]:
        """Inputs that are not text (binary files, FIFOs, devices): ``{"path", "reason"}``."""
        return tuple(self.extra.get("skipped", ()))
