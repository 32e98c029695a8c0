"""The rule contract: metadata, documentation, options and examples beside one pure function.

A rule is declared with :func:`rule` on a function ``check(analysis, options) -> Iterable[Hit]``.
Its docstring holds the documentation in fixed sections (the first paragraph says what it flags;
then ``Why it matters:``, ``Example:``, ``Does not flag:``); options are declared as metadata and
documented from it. Examples are data: ``flags`` are texts with every expected span marked
``⟦like this⟧``; ``passes`` are texts that must produce no finding. They run as tests.

Corpus-scope rules split into ``collect`` (per document, returns a small picklable summary) and
``reduce`` (over all summaries, which it may read more than once, yields ``(document id,
Hit)``), so documents can be processed in separate processes or on a cluster and merged
afterwards.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from mtcheck.analysis import Analysis
from mtcheck.model import Hit, Scope, Severity

CheckFn = Callable[[Analysis, Mapping[str, Any]], Iterable[Hit]]
CollectFn = Callable[[Analysis, Mapping[str, Any]], Any]
#: ``reduce(items, options)``: ``items`` may be iterated several times but not indexed (a large
#: run keeps the summaries in a file); keep in memory only what the findings need
ReduceFn = Callable[[Iterable[tuple[str, Any]], Mapping[str, Any]], Iterable[tuple[str, Hit]]]

MARK_OPEN = "⟦"
MARK_CLOSE = "⟧"
DOC_SECTIONS = ("Why it matters:", "Example:", "Does not flag:")
_CODE_RE = re.compile(r"^MTB?\d{3}$")
_NAME_RE = re.compile(r"^[a-z]+(?:-[a-z]+)*$")


@dataclass(frozen=True)
class Option:
    name: str
    default: Any
    help: str


@dataclass(frozen=True)
class Example:
    """Example documents (several for corpus rules) with ⟦marked⟧ spans, and options to use."""

    texts: tuple[str, ...]
    options: Mapping[str, Any] = field(default_factory=dict)
    language: str = "en"

    @classmethod
    def of(cls, value: str | Sequence[str] | Example) -> Example:
        if isinstance(value, Example):
            return value
        if isinstance(value, str):
            return cls((value,))
        return cls(tuple(value))

    def unmarked(self) -> list[tuple[str, list[tuple[int, int]]]]:
        """Each text without its markers, with the marked spans as offsets into it."""
        return [strip_marks(t) for t in self.texts]


def occurrences(text: str, needle: str) -> Iterator[int]:
    """Every start of ``needle`` in ``text``, overlapping ones included, left to right (each
    found by ``str.find`` in C: rules look up a rare form this way instead of a regex scan)."""
    i = text.find(needle)
    while i != -1:
        yield i
        i = text.find(needle, i + 1)


def count_matches_from(
    pattern: re.Pattern[str], text: str, starts: Iterable[int], limit: int
) -> int:
    """How many matches ``pattern.finditer(text)`` finds, counted up to ``limit``, given that
    every match starts at one of ``starts``. Only those positions are tried, in order and
    skipping any inside an earlier match, as ``finditer`` would: a pattern that opens with a
    lookbehind or a wide alternation otherwise tries every position of the text."""
    found = 0
    end = 0
    for p in sorted(set(starts)):
        if p < end:
            continue
        m = pattern.match(text, p)
        if m is not None:
            found += 1
            if found >= limit:
                break
            end = m.end()
    return found


def strip_marks(marked: str) -> tuple[str, list[tuple[int, int]]]:
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    stack: list[int] = []
    pos = 0
    for ch in marked:
        if ch == MARK_OPEN:
            stack.append(pos)
        elif ch == MARK_CLOSE:
            spans.append((stack.pop(), pos))
        else:
            out.append(ch)
            pos += 1
    if stack:
        raise ValueError(f"unclosed {MARK_OPEN} in example {marked!r}")
    return "".join(out), sorted(spans)


@dataclass(frozen=True)
class RuleDoc:
    flags: str
    why: str
    example: str
    does_not_flag: str

    @classmethod
    def parse(cls, doc: str | None) -> RuleDoc:
        import inspect

        text = inspect.cleandoc(doc or "")
        parts: dict[str, str] = {}
        head, _, rest = text.partition("\n\n")
        parts["flags"] = " ".join(head.split())
        current = None
        buf: list[str] = []
        for line in rest.splitlines():
            if line.strip() in DOC_SECTIONS:
                if current:
                    parts[current] = "\n".join(buf).strip()
                current = line.strip()
                buf = []
            else:
                buf.append(line[4:] if line.startswith("    ") else line)
        if current:
            parts[current] = "\n".join(buf).strip()
        return cls(
            flags=parts.get("flags", ""),
            why=parts.get("Why it matters:", ""),
            example=parts.get("Example:", ""),
            does_not_flag=parts.get("Does not flag:", ""),
        )

    @property
    def complete(self) -> bool:
        return all((self.flags, self.why, self.example, self.does_not_flag))


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    category: str
    severity: Severity
    scope: Scope
    check: CheckFn | CollectFn
    doc: RuleDoc
    flags: tuple[Example, ...]
    passes: tuple[Example, ...]
    options: tuple[Option, ...] = ()
    confidence: float = 0.9
    #: off unless selected explicitly (e.g. noisy or slow rules)
    default_enabled: bool = True
    #: languages the rule knows the conventions of; None: any language
    languages: frozenset[str] | None = None
    reduce: ReduceFn | None = None
    #: codes of rules whose findings overlapping one of this rule's are dropped: the more
    #: specific diagnosis wins (an untranslated sentence is not also a row of non-words)
    supersedes: tuple[str, ...] = ()

    @property
    def family(self) -> str:
        return self.code[:-2] if self.code.startswith("MTB") else self.code[:3]

    def default_options(self) -> dict[str, Any]:
        return {o.name: o.default for o in self.options}

    def applies_to(self, language: str) -> bool:
        return self.languages is None or language in self.languages


def rule(
    *,
    code: str,
    name: str,
    category: str,
    severity: str,
    scope: Scope,
    flags: Sequence[str | Sequence[str] | Example],
    passes: Sequence[str | Sequence[str] | Example],
    options: Sequence[Option] = (),
    confidence: float = 0.9,
    default_enabled: bool = True,
    languages: Iterable[str] | None = ("en",),
    reduce: ReduceFn | None = None,
    supersedes: Sequence[str] = (),
) -> Callable[[CheckFn | CollectFn], Rule]:
    """Declare a rule; the decorated function becomes ``Rule.check`` (or ``collect``)."""
    if not _CODE_RE.match(code):
        raise ValueError(f"bad rule code {code!r}")
    if not _NAME_RE.match(name):
        raise ValueError(f"bad rule name {name!r}")
    if (scope is Scope.CORPUS) != (reduce is not None):
        raise ValueError(f"{code}: corpus-scope rules, and only they, need a reduce function")

    def wrap(fn: CheckFn | CollectFn) -> Rule:
        return Rule(
            code=code,
            name=name,
            category=category,
            severity=Severity.parse(severity),
            scope=scope,
            check=fn,
            doc=RuleDoc.parse(fn.__doc__),
            flags=tuple(Example.of(e) for e in flags),
            passes=tuple(Example.of(e) for e in passes),
            options=tuple(options),
            confidence=confidence,
            default_enabled=default_enabled,
            languages=frozenset(languages) if languages is not None else None,
            reduce=reduce,
            supersedes=tuple(supersedes),
        )

    return wrap
