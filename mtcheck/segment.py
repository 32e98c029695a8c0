"""Paragraphs, sentences and words as offset ranges into ``Document.text``.

Segmentation happens once per document; every rule reads the same spans and nothing downstream
re-splits the text. The splitter is a single regex pass over boundary candidates with
abbreviation guards, which keeps it linear and fast on news prose (see ``bench/``).

Paragraphs
    A blank line always ends a paragraph. A single line break ends one too (news text and MT
    output put one paragraph per line; headlines and list items have no final punctuation),
    unless it looks like a soft wrap: the line does not end a sentence and the next line starts
    with a lowercase letter and is not a list item. With ``lines_mode`` every line is a paragraph.

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


def paragraphs(text: str, lines_mode: bool = False) -> list[Span]:
    """Paragraph spans, stripped of surrounding whitespace, in text order."""
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
                and prev_line[-1:] not in _LINE_END_FINAL
                and stripped[0].islower()
                and not _LIST_ITEM_RE.match(line)
            )
            if para_start >= 0 and not soft:
                spans.append(Span(*_strip(text, para_start, para_end)))
                para_start = -1
            if para_start < 0:
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
