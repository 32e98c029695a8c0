"""Paragraphs, sentences and words as offset ranges into ``Document.text``.

Segmentation happens once per document; every rule reads the same spans and nothing downstream
re-splits the text. The splitter is a single regex pass over boundary candidates with
abbreviation guards, which keeps it linear and fast on news prose (see ``bench/``).

Paragraphs
    A blank line always ends a paragraph. A single line break ends one too (news text and MT
    output put one paragraph per line; headlines and list items have no final punctuation),
    unless it looks like a soft wrap: the next line starts with a lowercase letter after a line
    that does not end a sentence (or ends with an abbreviation such as ``ft.``), or the text is
    hard-wrapped (see :func:`wrap_width`) and the line was filled to the width; and the next
    line is not a list item. With ``lines_mode`` every line is a paragraph.

Sentences
    Split after ``.``, ``!``, ``?`` or an ellipsis, with any closing quotes and brackets, when
    whitespace follows. No split after titles and common abbreviations (``Mr.``, ``e.g.``,
    ``No.``), initials (``J. K. Rowling``), inside decimals or times (no whitespace), or before a
    lowercase word after ``?``/``!``/an ellipsis/a closing quote (``"Why?" he asked``).
    Multi-period abbreviations (``U.S.``, ``a.m.``) end a sentence only before a capitalised word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from mtcheck.model import Span

#: Abbreviations after which a period never ends a sentence (compared lowercased, no period).
NEVER_FINAL = frozenset(
    """
    mr mrs ms mx dr prof st sr gen sen rep gov lt col capt cpt sgt rev hon mt ft pres supt
    adm cmdr maj brig insp det atty messrs mme mlle approx ca cf vs v viz al e.g i.e jan feb
    mar apr jun jul aug sep sept oct nov dec dept univ assn
    """.split()
)
#: Abbreviations that precede a number (``No. 1``, ``Fig. 3``); a period ends them otherwise.
NUMBERED = frozenset("no nos art arts fig figs vol vols pp p ch sec para paras op ed".split())
#: Capitalised words that start a sentence after an abbreviation such as ``U.S.``.
SENTENCE_STARTERS = frozenset(
    """
    the a an he she it they we i you this that these those there his her its their our my but
    and or so yet in on at for as if when while after before since although though however
    meanwhile still then now some many most all both no not one two three what who why how
    where which according under during despite
    """.split()
)
#: Abbreviations that may end a sentence only when a capitalised word follows.
MAYBE_FINAL = frozenset("etc inc ltd co corp jr llc plc bros am pm a.m p.m u.s u.k u.n".split())

# A run of sentence punctuation (taken whole: possessive, and anchored at the run's start so a
# long run of dots is scanned once), closing quotes or brackets, then whitespace. The first mark
# is matched before the look-behind so that ``re`` skips to candidates with its fast
# first-character search instead of testing a look-behind at every position.
_BOUNDARY_RE = re.compile(r"[.!?…](?<![.!?…][.!?…])[.!?…]*+[\"'”’»)\]]*+(?=\s)")
_NEXT_RE = re.compile(r"\s+([\"'“‘«(\[]*)(\S)")
_CLOSERS = "\"'”’»)]"
_LIST_ITEM_RE = re.compile(r"\s*(?:[-*•–—]\s|\d{1,3}[.)]\s|[a-zA-Z][.)]\s)")
_LINE_END_FINAL = frozenset(".!?:;…\"'”’)]»")
_CLAUSE_END = frozenset(".!?:;…")


def _ends_clause(line: str) -> bool:
    """Whether a line ends a sentence or clause: its last mark, closing quotes and brackets
    aside, is a full stop, colon, semicolon and the like (``said.”``; not ``teachers’``, a
    possessive, nor ``(see below)``)."""
    return line.rstrip(_CLOSERS)[-1:] in _CLAUSE_END


#: A word: letters/digits with inner hyphens and apostrophes, numbers with decimal or thousands
#: separators (3.5, 1,000, 10:30) and dotted abbreviations (U.S., e.g.) as one token each.
#: Written as ``(?:[^\W\d_]\.){2,}|\w+(?:[-'’]\w+|(?<=\d)[.,:]\d+)*``, but with the shared first
#: ``\w`` taken out of the alternation, which lets ``re`` skip non-word characters fast (the
#: tokens are the same; a test checks the two forms against each other). Each lookbehind comes
#: after the literal it guards, so that most tokens fail each branch on one character test,
#: and ``\w*+`` never gives characters back, since nothing after it can match a word character.
WORD_RE = re.compile(
    r"\w(?:\.(?<=[^\W\d_]\.)(?:[^\W\d_]\.)+|\w*+(?:[-'’]\w+|[.,:](?<=\d[.,:])\d+)*)"
)


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    paragraph: int


@dataclass(frozen=True, slots=True)
class Segmentation:
    paragraphs: tuple[Span, ...]
    sentences: tuple[Sentence, ...]


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    # str.strip uses the same whitespace definition as str.isspace, and runs in C
    piece = text[start:end]
    left = piece.lstrip()
    if not left:
        return end, end
    return start + len(piece) - len(left), start + len(left.rstrip()) + len(piece) - len(left)


#: a hard-wrapped text is filled to at most this many characters a line (e-mail and plain-text
#: exports use 70-80); one paragraph per line (news, MT output) has longer lines
_MAX_WRAP = 120
#: lines of a wrapped paragraph needed before a text counts as wrapped at all
_MIN_WRAPPED_LINES = 3
_FIRST_WORD_RE = re.compile(r"\s*\S+")
_BLANK_LINE_RE = re.compile(r"\S[^\S\n]*\n[^\S\n]*\n\s*\S")
_HAS_LETTER_RE = re.compile(r"[^\W\d_]")
#: a news dateline opening an article under its headline: "BEIJING, March 3 (Reuters) -",
#: "SHENZHEN —"
_DATELINE_RE = re.compile(r"\s*[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+)*(?:,| [—–-]| \()")


def _filled(line: str, next_line: str, width: int) -> bool:
    """Whether ``line`` was filled up to ``width``: the first word of the line after it would
    not have fitted on it (how a text is wrapped, and what ends a paragraph's last line)."""
    m = _FIRST_WORD_RE.match(next_line)
    return m is not None and len(line) + len(m.group().lstrip()) + 1 > width


def wrap_width(text: str) -> int:
    """The width a hard-wrapped text was filled to, or 0 when its line breaks are its own.

    Its longest line gives the width (the 95th percentile of the line lengths, so that one
    long line of a table or an address does not hide it); the text counts as wrapped when at
    least three lines that go on to another were filled, at least a third of those break off
    mid-sentence, at least a quarter of those go on in lowercase, and no more lines break off
    mid-sentence with room left on them. A text of one sentence per line ends its lines with
    their own punctuation; a list, a list of headlines or verse of even line lengths breaks
    mid-sentence too, but starts every line with a capital; a wrapped paragraph breaks
    wherever the width falls, mostly before a lowercase word.
    """
    if text.count("\n") < _MIN_WRAPPED_LINES:
        return 0
    lines = [line.rstrip() for line in text.split("\n")]
    lengths = sorted(len(line) for line in lines if line)
    if not lengths:
        return 0
    width = lengths[(len(lengths) - 1) * 95 // 100]
    if width > _MAX_WRAP:
        return 0
    filled = mid_sentence = lowercase = broken = 0
    for line, nxt in pairwise(lines):
        if not line or not nxt.strip():
            continue
        if _filled(line, nxt, width):
            filled += 1
            if not _ends_clause(line):
                mid_sentence += 1
                lowercase += nxt.lstrip()[:1].islower()
        elif not _ends_clause(line):
            broken += 1  # a line broken off short mid-sentence: a list, verse, a headline
    if (
        filled < _MIN_WRAPPED_LINES
        or filled < broken
        or 3 * mid_sentence < filled
        or 4 * lowercase < mid_sentence
    ):
        return 0
    return width


def _abbreviated(line: str) -> bool:
    """Whether a line ends with an abbreviation's period that never ends a sentence (``12
    ft.``, ``Mr.``): a lowercase line after it goes on the same sentence."""
    if not line.endswith("."):
        return False
    word = line[:-1].rsplit(None, 1)[-1:]
    return bool(word) and word[0].lower().lstrip("(\"'“‘") in NEVER_FINAL


def _heading(line: str) -> bool:
    """A title-cased line (``China's Steel Output Falls for Third Month``): a headline above
    its article, however long, not the first line of a wrapped paragraph."""
    words = [w for w in line.split() if w[0].isalpha()]
    return len(words) >= 3 and 10 * sum(w[0].isupper() for w in words) >= 7 * len(words)


def _wrapped(prev_line: str, line: str, width: int, blank_separated: bool, first: bool) -> bool:
    """Whether the break between ``prev_line`` and ``line`` of a text wrapped at ``width`` is
    a wrap inside a paragraph. A filled line that ends mid-sentence goes on below (unless it is
    a headline, or the next line opens with a dateline); one that ends a sentence goes on only
    where the text marks its paragraphs with blank lines, since otherwise it may as well be a
    paragraph's last line. ``first``: ``prev_line`` is its paragraph's first line."""
    if not _filled(prev_line, line, width) or not _HAS_LETTER_RE.search(prev_line):
        return False  # room left on it, or a line of figures (a subtitle's timestamps)
    if _ends_clause(prev_line):
        return blank_separated
    return not (first and (_heading(prev_line) or _DATELINE_RE.match(line) is not None))


def paragraphs(text: str, lines_mode: bool = False) -> list[Span]:
    """Paragraph spans, stripped of surrounding whitespace, in text order."""
    width = 0 if lines_mode else wrap_width(text)
    blank_separated = width > 0 and _BLANK_LINE_RE.search(text) is not None
    first = False  # whether the paragraph so far is one line
    spans: list[Span] = []
    para_start = -1
    para_end = -1
    prev_line = ""
    pos = 0
    n = len(text)
    while pos <= n:
        nl = text.find("\n", pos)
        line_end = n if nl == -1 else nl
        line = text[pos:line_end]
        stripped = line.strip()
        if not stripped:
            if para_start >= 0:
                spans.append(Span(*_strip(text, para_start, para_end)))
                para_start = -1
        else:
            soft = (
                not lines_mode
                and para_start >= 0
                and (
                    (
                        stripped[0].islower()
                        and (prev_line[-1:] not in _LINE_END_FINAL or _abbreviated(prev_line))
                    )
                    or (width > 0 and _wrapped(prev_line, line, width, blank_separated, first))
                )
                and not _LIST_ITEM_RE.match(line)
            )
            if para_start >= 0 and not soft:
                spans.append(Span(*_strip(text, para_start, para_end)))
                para_start = -1
            first = para_start < 0
            if first:
                para_start = pos
            para_end = line_end
            prev_line = line.rstrip()
        if nl == -1:
            break
        pos = nl + 1
    if para_start >= 0:
        spans.append(Span(*_strip(text, para_start, para_end)))
    return spans


def _ends_sentence(text: str, punct_start: int, punct_end: int, para_end: int) -> bool:
    """Decide whether the boundary candidate ``text[punct_start:punct_end]`` ends a sentence."""
    m = _NEXT_RE.match(text, punct_end, para_end)
    if m is None:
        return False
    nxt = m.group(2)
    upper_next = nxt.isupper() or nxt.isdigit() or not nxt.isalpha()
    core = text[punct_start:punct_end].rstrip(_CLOSERS)
    if core != "." or punct_end - punct_start > len(core):
        # ?, !, an ellipsis, or a closing quote/bracket: a lowercase word after it is a speech
        # tag or a continuation ("Why?" he asked) in well-formed text.
        return upper_next
    i = punct_start
    lo = max(0, punct_start - 40)
    while i > lo and (text[i - 1].isalnum() or text[i - 1] in ".-_"):
        i -= 1
    token = text[i:punct_start].lower().strip(".-_")
    if not token:
        return upper_next
    if token in NEVER_FINAL:
        return False
    if token in NUMBERED:
        return not nxt.isdigit()
    if len(token) == 1 and token.isalpha():
        # an initial (J. K. Rowling) or a list letter: only a clear new sentence splits
        return False
    if "." in token or token in MAYBE_FINAL:
        if not nxt.isupper():
            return False
        w = m.end(2) - 1
        e = w
        while e < para_end and text[e].isalpha():
            e += 1
        return text[w:e].lower() in SENTENCE_STARTERS
    return True


def sentences_in(text: str, start: int, end: int, paragraph: int) -> list[Sentence]:
    out: list[Sentence] = []
    s = start
    for m in _BOUNDARY_RE.finditer(text, start, end):
        if _ends_sentence(text, m.start(), m.end(), end):
            a, b = _strip(text, s, m.end())
            if b > a:
                out.append(Sentence(a, b, paragraph))
            s = m.end()
    a, b = _strip(text, s, end)
    if b > a:
        out.append(Sentence(a, b, paragraph))
    return out


def segment(text: str, lines_mode: bool = False) -> Segmentation:
    paras = paragraphs(text, lines_mode)
    sents: list[Sentence] = []
    for i, p in enumerate(paras):
        sents.extend(sentences_in(text, p.start, p.end, i))
    return Segmentation(tuple(paras), tuple(sents))


def count_words(text: str) -> int:
    return len(WORD_RE.findall(text))
