"""The read-only view of one document that every rule receives."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from functools import cached_property
from itertools import chain
from typing import TypeVar

from mtcheck.model import Document, Span
from mtcheck.segment import WORD_RE, Segmentation, Sentence, segment

T = TypeVar("T")

_SPAN = re.Match.span
_MISSING = object()


class Analysis:
    """A document with its segmentation and lazily computed shared data.

    Rules read ``text``, ``paragraphs``, ``sentences`` and ``words``; nothing here alters the text.
    Expensive derived data that several rules need is computed once through :meth:`shared`.
    """

    def __init__(self, document: Document, language: str = "en") -> None:
        self.document = document
        self.text = document.text
        self.language = language
        self.segmentation: Segmentation = segment(document.text, document.lines_mode)
        self._shared: dict[str, object] = {}

    @property
    def paragraphs(self) -> tuple[Span, ...]:
        return self.segmentation.paragraphs

    @property
    def sentences(self) -> tuple[Sentence, ...]:
        return self.segmentation.sentences

    @cached_property
    def paragraph_starts(self) -> list[int]:
        """Each paragraph's start, in order (for ``bisect``)."""
        return [p.start for p in self.paragraphs]

    @cached_property
    def sentence_starts(self) -> list[int]:
        """Each sentence's start, in order (for ``bisect``)."""
        return [s.start for s in self.sentences]

    def paragraph_of(self, offset: int) -> Span:
        """The paragraph that holds ``offset``, or the last one that starts before it (an
        offset between paragraphs), or the first (an offset before it)."""
        k = bisect_right(self.paragraph_starts, offset) - 1
        return self.paragraphs[max(k, 0)]

    @cached_property
    def words(self) -> tuple[tuple[int, int], ...]:
        """Word tokens (letters, digits, inner hyphens and apostrophes) as (start, end)."""
        return tuple(map(_SPAN, WORD_RE.finditer(self.text)))

    @cached_property
    def sentence_tokens(self) -> list[list[str]]:
        """Each sentence's word tokens, as strings (the same tokens as :attr:`words`).

        Sentences cover every non-space character and words never contain whitespace, so
        tokenising sentence by sentence finds exactly the document's tokens; C-level
        ``findall`` calls give counting and frequency work the tokens at a fraction of the cost
        of building every token's span.
        """
        findall = WORD_RE.findall
        text = self.text
        return [findall(text, s.start, s.end) for s in self.sentences]

    @cached_property
    def tokens(self) -> list[str]:
        """The document's word tokens, as strings, in order."""
        return list(chain.from_iterable(self.sentence_tokens))

    @property
    def word_count(self) -> int:
        if "words" in self.__dict__:
            return len(self.words)
        return len(self.tokens)

    def shared(self, key: str, factory: Callable[[Analysis], T]) -> T:
        """Compute ``factory(self)`` once per document and share it between rules."""
        # a lookup with a default, not try/except: every key misses once per document, and a
        # raised KeyError costs more than the lookup
        value = self._shared.get(key, _MISSING)
        if value is _MISSING:
            value = self._shared[key] = factory(self)
        return value  # type: ignore[return-value]
