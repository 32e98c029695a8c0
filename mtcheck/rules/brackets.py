"""Rules of family MT3xx: brackets and quotes."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping
from typing import Any

from mtcheck.analysis import Analysis
from mtcheck.model import Hit, Scope
from mtcheck.rules.base import Option, Rule, rule
from mtcheck.segment import SENTENCE_STARTERS

_OPEN = {"(": ")", "[": "]", "{": "}"}
_CLOSE = {v: k for k, v in _OPEN.items()}
_BRACKET_RE = re.compile(r"[()\[\]{}]")
# "1)", "a)", "iv)" as list markers: at the start of a paragraph or after whitespace, with a
# following space; emoticons ":)", ";-(", "8)", ":D" handled separately.
_LIST_MARKER_RE = re.compile(r"(?<!\S)(?:\d{1,3}|[a-zA-Z]|[ivxlcIVXLC]{1,5})\)(?!\S)")
# The same as "(?<![\w&])[:;=][-^o'’]?[()\[\]{}]+|(?<!\S)[()\[\]]+[-^o'’]?[:;=](?!\S)", with
# the lookbehinds moved after the first character so that the scan starts with a class.
_EMOTICON_RE = re.compile(
    r"[:;=()\[\]](?:(?<=[:;=])(?<![\w&].)[-^o'’]?[()\[\]{}]+"
    r"|(?<=[()\[\]])(?<!\S.)[()\[\]]*[-^o'’]?[:;=](?!\S))"
)
# half-open or open intervals in mathematics: "[0, 1)", "(a, b]", "[-1, ∞)"
_BOUND = r"[ ]?[-+−]?(?:\d[\d.]*|[a-zA-Zα-ωπ]|∞)[ ]?"
_INTERVAL_RE = re.compile(rf"[\[(]{_BOUND}[,;]{_BOUND}[\])]")


def _paragraphs_with(a: Analysis, mark: re.Pattern[str]) -> list[int]:
    """Indexes of the paragraphs in which ``mark`` matches, in order.

    Most paragraphs hold no bracket or quote at all; finding the few that do with C-speed
    searches (one per paragraph found) spares the per-paragraph work everywhere else.
    """
    text = a.text
    paras = a.paragraphs
    starts: list[int] = a.paragraph_starts
    out: list[int] = []
    pos = 0
    while True:
        m = mark.search(text, pos)
        if m is None:
            return out
        q = m.start()
        k = bisect.bisect_right(starts, q) - 1
        if k >= 0 and q < paras[k].end:
            out.append(k)
            pos = paras[k].end
        else:
            pos = q + 1  # between paragraphs (they are stripped of whitespace)


def _context(text: str, pos: int, lo: int, hi: int) -> str:
    a = max(lo, pos - 25)
    b = min(hi, pos + 25)
    return " ".join(text[a:b].split())


def _list_marker(text: str, i: int, lo: int, hi: int) -> bool:
    """Whether the ")" at ``i`` ends a list marker ("1)", "a)", "iv)") in ``text[lo:hi]``."""
    # a marker is a whole whitespace-delimited chunk of at most six characters
    for s in range(max(lo, i - 5), i):
        m = _LIST_MARKER_RE.match(text, s, hi)
        if m is not None and m.end() == i + 1:
            return True
    return False


def _unbalanced(text: str, lo: int, hi: int) -> tuple[list[int], list[int], list[int]]:
    """Scan one paragraph: (unmatched closers, crossed openers, openers left open)."""
    skip: set[int] = set()
    for m in _EMOTICON_RE.finditer(text, lo, hi):
        marks = [i for i in range(m.start(), m.end()) if text[i] in "()[]{}"]
        if len(marks) >= 2 and text[marks[-1]] == ")" == text[marks[-2]]:
            # ":))" may be a smiley and the close of a bracket ("(mostly :))"): its last
            # ")" is left to pair, and counts as a smiley where nothing is open
            marks.pop()
        skip.update(marks)
    for m in _INTERVAL_RE.finditer(text, lo, hi):
        if _OPEN.get(text[m.start()]) != text[m.end() - 1]:
            skip.update((m.start(), m.end() - 1))
    closers: list[int] = []
    crossed: list[int] = []
    stack: list[int] = []
    for m in _BRACKET_RE.finditer(text, lo, hi):
        i = m.start()
        if i in skip:
            continue
        ch = text[i]
        if ch in _OPEN:
            stack.append(i)
            continue
        want = _CLOSE[ch]
        if stack and text[stack[-1]] == want:
            stack.pop()
            continue
        depth = next((k for k in range(len(stack) - 1, -1, -1) if text[stack[k]] == want), -1)
        if depth < 0:
            # "1)" or "a)" closing nothing is a list marker; "))" with nothing open a smiley, and
            # so is ":)" stuck to the word before it ("delivery:)")
            smiley = ch == ")" and ((i > lo and text[i - 1] in "):;") or text[i + 1 : i + 2] == ")")
            if not smiley and not _list_marker(text, i, lo, hi):
                closers.append(i)
            continue
        crossed.extend(stack[depth + 1 :])
        del stack[depth:]
    return closers, crossed, stack


@rule(
    code="MT301",
    name="unbalanced-bracket",
    category="fluency/punctuation",
    severity="major",
    scope=Scope.DOCUMENT,
    flags=[
        "The minister ⟦(⟧who arrived late said nothing.",
        "The plan was approved⟦)⟧ by parliament.",
        "He cited the report ⟦[⟧page 4 yesterday.",
        "Values ⟦{⟧a, b⟦]⟧ were used.",
        "The group (led by ⟦[⟧the envoy) met⟦]⟧ in Doha.",
        "The fund ⟦(⟧set up in 2019 grew.\n\nIt now holds $2bn.",
    ],
    passes=[
        "The minister (who arrived late) said nothing.",
        "1) Open the box. 2) Remove the cover.",
        "a) first item\nb) second item",
        "Great news :) see you soon ;-)",
        "Nested (brackets [are] fine) here.",
        "Choose plan a) or plan b) today.",
        "The option (plan a) was chosen.",
        "The score lies in [0, 1) and the step in (0, 0.5].",
        "Loved it, thanks)) Will order again :-(( if it breaks.",
        "Fast delivery:) would buy again, and it works fine (mostly :)) so far.",
        "Steps: (a) unpack, (b) charge, (i) test, (ii) ship.",
        "Lingard (90 + 8) scored and Kane (45 + 2 x) did not.",
        "“The report (which we publish today\n\nand discuss tomorrow) is long,” she said.",
    ],
)
def unbalanced_bracket(a: Analysis, opts: Mapping[str, Any]) -> Iterable[Hit]:
    """A bracket with no partner in its paragraph, or brackets closed in the wrong order.

    Why it matters:
        Machine translation often drops one half of a bracket pair or reorders clauses across
        it, leaving an aside that never ends. Readers cannot tell where the aside stops.

    Example:
        The minister (who arrived late said nothing.
        Use instead: The minister (who arrived late) said nothing.

    Does not flag:
        List markers such as 1) or a) that close nothing, (a) and (ii) list items, emoticons
        such as :) ;-) :-(( and a run of )) used as a smiley, half-open intervals such as
        [0, 1), balanced nesting, and an aside opened at the end of one paragraph and closed in
        the next (a quotation or aside running over a paragraph break).
    """
    text = a.text
    paras = a.paragraphs
    found = _paragraphs_with(a, _BRACKET_RE)
    scans = [(paras[k], *_unbalanced(text, paras[k].start, paras[k].end)) for k in found]
    # an aside left open at the end of a paragraph and closed first thing in the next one
    # (a paragraph without brackets has nothing open and nothing to close)
    for n in range(len(scans) - 1):
        if found[n + 1] != found[n] + 1:
            continue
        left_open = scans[n][3]
        closers = scans[n + 1][1]
        if left_open and closers and _OPEN[text[left_open[-1]]] == text[closers[0]]:
            left_open.pop()
            closers.pop(0)
    for p, closers, crossed, still_open in scans:
        for i in closers:
            ch = text[i]
            yield Hit(
                i,
                i + 1,
                f"Closing '{ch}' has no opening '{_CLOSE[ch]}': "
                f"'{_context(text, i, p.start, p.end)}'",
            )
        for j in crossed:
            yield Hit(
                j,
                j + 1,
                f"'{text[j]}' is closed out of order: '{_context(text, j, p.start, p.end)}'",
            )
        for j in still_open:
            yield Hit(
                j,
                j + 1,
                f"Opening '{text[j]}' is never closed in its paragraph: "
                f"'{_context(text, j, p.start, p.end)}'",
            )


# --- MT302 ------------------------------------------------------------------------------------

_SQUARE_RE = re.compile(r"\[([^\[\]\n]{1,100})\]")
_SQUARE_OPEN_RE = re.compile(r"\[")
_NEXT_WORD_RE = re.compile(r"[ \t]*([A-Z][a-z]*)(?:[ \t]+([A-Z]?))?")
#: Lowercase bracketed notes that are conventions, not insertions.
EDITORIAL_CUES = frozenset(
    """
    sic laughter laughs laughing applause inaudible crosstalk music sighs sigh pause silence
    cough coughs noise unintelligible cheers cheering contd cont'd continued emphasis
    translation translated redacted ellipsis booing
    name date link url photo image video email placeholder
    """.split()
)
#: Capitalised words that begin a clause (pronouns, articles, conjunctions, sentence adverbs).
CLAUSE_STARTERS = SENTENCE_STARTERS | frozenset(
    """
    very frankly actually also here yes well just even only perhaps maybe today thus hence
    therefore indeed instead otherwise besides finally first second unfortunately fortunately
    obviously clearly certainly of to by with from is are was were will would can could should
    """.split()
)


@rule(
    code="MT302",
    name="editorial-insertion",
    category="fluency/grammar",
    severity="major",
    scope=Scope.PARAGRAPH,
    options=[
        Option("cues", [], "extra lowercase bracketed notes to leave alone (e.g. 'crowd noise')"),
    ],
    flags=[
        "⟦[the phone call]⟧ It will happen next week, the envoy said.",
        "Officials said ⟦[negotiated settlement]⟧ The process would take months.",
        "“We want peace ⟦[but to]⟧ Very frankly, we need guarantees,” he said.",
    ],
    passes=[
        "He [the minister] said the talks would resume.",
        "The figures [1] were revised in May [2].",
        "Their “goverment [sic] policy” was criticised.",
        "“We will [...] rebuild the city,” she said. […] The mayor agreed.",
        "[Laughter] Thank you all for coming.",
        "[laughs] That was not the plan.",
        "“We must act [emphasis added] Today,” she wrote.",
        "Dear [name] We are pleased to confirm your order.",
        "Thanks to [PERSON7] The meeting was short.",
        "She grew up in [the city of] The Hague and studied law.",
    ],
    supersedes=("MT202",),
)
def editorial_insertion(a: Analysis, opts: Mapping[str, Any]) -> Iterable[Hit]:
    """A bracketed note that breaks the sentence ("[the phone call] It will happen").

    Why it matters:
        Translators and post-editors leave glosses, alternatives and notes in square brackets;
        when one is followed by a capitalised word that starts a new clause, the note was never
        resolved and the sentence is broken around it.

    Example:
        [the phone call] It will happen next week.
        Use instead: The phone call will happen next week.

    Does not flag:
        Citations ([1]), [sic], ellipses ([...] and […]), transcript cues such as [Laughter]
        or [laughs] (and those in the ``cues`` option), capitalised placeholders ([PERSON7]),
        clarifications inside a well-formed sentence ("he [the minister] said"), and a bracket
        followed by a name ("[the city of] The Hague").
    """
    text = a.text
    if "[" not in text:
        return
    cues = EDITORIAL_CUES | {c.lower() for c in opts.get("cues", [])}
    paras = a.paragraphs
    for k in _paragraphs_with(a, _SQUARE_OPEN_RE):
        p = paras[k]
        for m in _SQUARE_RE.finditer(text, p.start, p.end):
            inner = m.group(1).strip()
            note = inner.lower().rstrip(".")
            if not inner[:1].islower() or note in cues or note.split()[0] in cues:
                continue
            nxt = _NEXT_WORD_RE.match(text, m.end(), p.end)
            if nxt is None:
                continue
            word = nxt.group(1)
            if word.lower() not in CLAUSE_STARTERS:
                continue
            if word.lower() in ("the", "a", "an") and nxt.group(2):
                continue  # "The Hague", "The Times": a name, not a new clause
            yield Hit(
                m.start(),
                m.end(),
                f"Bracketed insertion breaks the sentence before '{word}': '{m.group()}'",
            )


# --- quotes -----------------------------------------------------------------------------------

_PREV_WORDLIKE = frozenset(".,;:!?…’'%)]}*")
_NEXT_WORDLIKE = frozenset("‘'([…$€£#@¿¡*")
_DQUOTE_RE = re.compile(r'["“”]')
# Curly quotes whose neighbours leave a wrong direction possible (see _side and
# _direction_errors): “ after a word or before no word, ” before a word or after no word,
# ‘ after a word, ’ after no word. Correct quotes, and apostrophes inside words, are skipped
# at C speed.
_PREV_IS = r"(?:(?<=[^\W_].)|(?<=[.,;:!?…’'%)\]}*].))"
_PREV_NOT = r"(?<![^\W_].)(?<![.,;:!?…’'%)\]}*].)"
_NEXT_IS = r"(?=[^\W_]|[‘'(\[…$€£#@¿¡*])"
_NEXT_NOT = r"(?![^\W_])(?![‘'(\[…$€£#@¿¡*])"
_DIRECTION_AT_RE = re.compile(
    rf"[“”‘’](?:(?<=“)(?:{_PREV_IS}|{_NEXT_NOT})|(?<=”)(?:{_PREV_NOT}|{_NEXT_IS})"
    rf"|(?<=‘){_PREV_IS}|(?<=’){_PREV_NOT})"
)
# The same for double quotes only (for telling which marks open and which close).
_DOUBLE_DIRECTION_AT_RE = re.compile(
    rf"[“”](?:(?<=“)(?:{_PREV_IS}|{_NEXT_NOT})|(?<=”)(?:{_PREV_NOT}|{_NEXT_IS}))"
)
# Every double quote mark; a group matches for a straight one and for a curly one that may
# face the wrong way, none for a curly one its neighbours show to face the right way.
_DQUOTE_MARK_RE = re.compile(
    rf'"()|“(?:{_PREV_IS}()|{_NEXT_NOT}())?|”(?:{_PREV_NOT}()|{_NEXT_IS}())?'
)
_ELISIONS = frozenset("n em tis twas cause til till bout round nuff s".split())


def _side(text: str, i: int, lo: int, hi: int) -> str:
    """How a quote mark at ``i`` attaches: 'L' to the word before it (a closing position), 'R'
    to the word after it (an opening position), 'B' both, 'N' neither."""
    prev = text[i - 1] if i > lo else " "
    nxt = text[i + 1] if i + 1 < hi else " "
    left = prev.isalnum() or prev in _PREV_WORDLIKE
    right = nxt.isalnum() or nxt in _NEXT_WORDLIKE
    if left and right:
        return "B"
    if left:
        return "L"
    if right:
        return "R"
    return "N"


def _at_start(text: str, lo: int, i: int) -> bool:
    return not text[lo:i].strip()


def _direction_errors(
    text: str, lo: int, hi: int, candidates: re.Pattern[str] = _DIRECTION_AT_RE
) -> list[tuple[int, str]]:
    """Curly quotes facing the wrong way in one paragraph, with what belongs there (among
    the marks that ``candidates`` finds: all curly quotes that may be wrong, or a subset)."""
    out: list[tuple[int, str]] = []
    found = list(candidates.finditer(text, lo, hi))
    if not found:
        return out
    first = lo
    while first < hi and text[first].isspace():
        first += 1
    last = hi - 1
    while last > lo and text[last].isspace():
        last -= 1
    for m in found:
        i = m.start()
        ch = text[i]
        side = _side(text, i, lo, hi)
        if ch == "“" and (side == "L" or (side == "N" and i == last)):
            out.append((i, "”"))
        elif ch == "”" and (
            side == "R"
            or (side == "N" and i == first)
            or (side == "B" and _opens_after_stop(text, i, lo, hi))
        ):
            out.append((i, "“"))
        elif ch == "‘" and side in "LB":
            out.append((i, "’"))
        elif ch == "’" and side == "R" and _single_opener(text, i, hi):
            out.append((i, "‘"))
    return out


def _opens_after_stop(text: str, i: int, lo: int, hi: int) -> bool:
    """Whether ” glued between a sentence stop and a capital ("hire.”This") opens a quotation:
    no quotation is open before it in the paragraph, and a later ” closes one."""
    if text[i - 1] not in ".!?" or not text[i + 1].isupper():
        return False
    before = text[lo:i]
    if before.rfind("“") > before.rfind("”"):
        return False
    return text.find("”", i + 1, hi) >= 0


def _single_opener(text: str, i: int, hi: int) -> bool:
    """Whether ’ at ``i`` (before a word) opens a quotation closed by a later ’, rather than
    being an apostrophe of elision ("’90s", "rock ’n’ roll", "’em")."""
    j = i + 1
    while j < hi and text[j].isalpha():
        j += 1
    word = text[i + 1 : j].lower()
    if not word or word in _ELISIONS or text[i + 1].isdigit():
        return False
    for k in range(i + 1, min(hi, i + 300)):
        c = text[k]
        if c == "‘":
            return False
        if c == "’" and _side(text, k, i, hi) == "L":
            # the closing partner; a plural possessive ("the students’ union") is no evidence
            return text[k - 1] != "s"
    return False


@rule(
    code="MT303",
    name="quote-direction",
    category="fluency/punctuation",
    severity="minor",
    scope=Scope.PARAGRAPH,
    flags=[
        "“We will win,⟦“⟧ she said.",
        "The coach said: “We play again next.⟦“⟧",
        "⟦”⟧He left early,” the guard said.",
        "⟦”⟧ He said nothing more.",
        "The band’s ‘best album⟦‘⟧ sold well. It didn⟦‘⟧t chart.",
        "She called it ⟦’⟧a farce’ in May.",
        "He said the plant would stay open.⟦”⟧We are here to stay,” he said.",
    ],
    passes=[
        "“We will win,” she said. “Next year too.”",
        "The ’90s were kind to rock ’n’ roll, the students’ union said.",
        "He called it ‘a farce’ and left.",
        "It’s the team’s best result since the ’80s.",
        "“Why?” he asked.\n\n“Because,” she said.",
        "“We are here to stay.”The crowd cheered, and “Amen,” someone said.",
    ],
)
def quote_direction(a: Analysis, opts: Mapping[str, Any]) -> Iterable[Hit]:
    """An opening curly quote where a closing one belongs, or the reverse (“word,“ / ”word).

    Why it matters:
        Machine translation and careless conversion from straight quotes turn quotes the wrong
        way round; the quotation's limits become unclear and the text looks unedited.

    Example:
        “We will win,“ she said.
        Use instead: “We will win,” she said.

    Does not flag:
        Apostrophes, which share the glyph ’ with the closing single quote (’90s, rock ’n’
        roll, students’), straight quotes (which have no direction), and marks whose position
        leaves the direction open.
    """
    text = a.text
    paras = a.paragraphs
    for k in _paragraphs_with(a, _DIRECTION_AT_RE):
        p = paras[k]
        for i, want in _direction_errors(text, p.start, p.end):
            yield Hit(
                i,
                i + 1,
                f"Quote mark '{text[i]}' faces the wrong way: "
                f"'{_context(text, i, p.start, p.end)}'",
                suggestion=want,
            )


def _double_quote_roles(text: str, lo: int, hi: int) -> list[tuple[int, bool]]:
    """Double quote marks of a paragraph as (offset, opens), by position rather than glyph.

    A curly quote facing the wrong way counts as what its position makes it (quote-direction
    reports it); straight quotes take their role from position, or alternate when glued on both
    sides. Inch marks (5" screen) and free-standing marks (ditto marks) are not quotes.
    """
    wrong = {i for i, _ in _direction_errors(text, lo, hi, _DOUBLE_DIRECTION_AT_RE)}
    out: list[tuple[int, bool]] = []
    is_open = False
    pending: int | None = None  # a free-standing mark that may open a spaced quotation
    for m in _DQUOTE_RE.finditer(text, lo, hi):
        pos = m.start()
        ch = text[pos]
        if ch in "“”":
            opens = ch == "“"
            if pos in wrong:
                opens = not opens
        else:
            if text[pos - 1 : pos] == '"' or text[pos + 1 : pos + 2] == '"':
                continue  # '""' is an empty string or a typo, not a quotation
            side = _side(text, pos, lo, hi)
            if side == "N" and not is_open:
                pending = pos  # a ditto mark, or the opener of '" spaced words"'
                continue
            if not is_open and pos > lo and text[pos - 1].isdigit() and side != "R":
                continue  # an inch or seconds mark
            if side == "N":
                opens = False  # '… Glasgow,' " the guard said': closes the open quotation
            else:
                opens = side == "R" or (side == "B" and not is_open)
            if not opens and not is_open and pending is not None:
                out.append((pending, True))
        out.append((pos, opens))
        is_open = opens
        pending = None
    return out


@rule(
    code="MT304",
    name="unbalanced-quotes",
    category="fluency/punctuation",
    severity="major",
    scope=Scope.DOCUMENT,
    flags=[
        "⟦“⟧We will not leave, the mayor said.",
        "The mayor said we will not leave⟦”⟧ and left.",
        'She called the plan ⟦"⟧a farce and left.',
        "“We will stay,” he said. ⟦“⟧We will fight.\n\nThe crowd cheered.",
    ],
    passes=[
        "“We will not leave,” the mayor said.",
        "“The first part of the statement runs on.\n\n“And the second part ends here,” he said.",
        'The TV has a 55" screen and a 6\'2" stand.',
        'Item A costs $5\nItem B " "',
        'He said "yes" and she said "no".',
        "\"Say 'I agree,' \" the clerk said.",
        "The band ‘Rush’ played and it’s loud.",
    ],
)
def unbalanced_quotes(a: Analysis, opts: Mapping[str, Any]) -> Iterable[Hit]:
    """A double quotation mark without its partner in the paragraph.

    Why it matters:
        A quotation that never closes (or closes without opening) hides who said what, which
        in news text is a matter of accuracy, not only of style.

    Example:
        “We will not leave, the mayor said.
        Use instead: “We will not leave,” the mayor said.

    Does not flag:
        The news convention for a quotation over several paragraphs (each paragraph but the
        last opens the quote and leaves it open), inch and seconds marks (55"), ditto marks and
        other free-standing marks, '""', and single quotes (which double as apostrophes).
    """
    text = a.text
    paras = a.paragraphs
    # only paragraphs with a double quote mark have roles (and can have a finding); one scan
    # of the text finds the marks and tells which may face the wrong way or are straight
    starts: list[int] = a.paragraph_starts
    # per paragraph with marks: whether one is straight or may face the wrong way, and the
    # positions of its marks (plain ints: keeping a million match objects alive made the
    # garbage collector's passes grow with the text)
    marks_in: list[tuple[int, list[int]]] = []
    unsure: set[int] = set()
    found: list[int] = []
    end = -1
    k = -1
    for m in _DQUOTE_MARK_RE.finditer(text):
        at = m.start()
        if at >= end:  # the first mark of another paragraph
            k = bisect.bisect_right(starts, at) - 1
            end = paras[k].end
            found = []
            marks_in.append((k, found))
        if m.lastindex:
            unsure.add(k)
        found.append(at)
    roles: dict[int, list[tuple[int, bool]]] = {}
    for k, found in marks_in:
        if k not in unsure:
            # curly quotes facing the right way: each is what its glyph says (the usual case)
            roles[k] = [(at, text[at] == "“") for at in found]
        else:
            roles[k] = _double_quote_roles(text, paras[k].start, paras[k].end)
    for n, marks in roles.items():
        p = paras[n]
        open_at: int | None = None
        for pos, opens in marks:
            if opens:
                if open_at is not None:
                    yield _quote_hit(text, open_at, p.start, p.end, "is not closed before the next")
                open_at = pos
            elif open_at is None:
                yield _quote_hit(text, pos, p.start, p.end, "closes a quotation never opened")
            else:
                open_at = None
        if open_at is None:
            continue
        following = roles.get(n + 1, [])
        if following and following[0][1] and _at_start(text, paras[n + 1].start, following[0][0]):
            continue  # the quotation continues in the next paragraph
        yield _quote_hit(text, open_at, p.start, p.end, "is never closed in its paragraph")


def _quote_hit(text: str, pos: int, lo: int, hi: int, what: str) -> Hit:
    return Hit(pos, pos + 1, f"Quote mark '{text[pos]}' {what}: '{_context(text, pos, lo, hi)}'")


# --- MT305 ------------------------------------------------------------------------------------

# searched within one paragraph at a time, whose lines a wrapped text breaks anywhere
_PAIR_RE = re.compile(r"\(([^()]{1,300})\)|\[([^\[\]]{1,300})\]|“([^“”]{1,600})”")
# A space just inside an opening or closing delimiter: only paragraphs with one can have a hit.
_PAIR_SPACE_RE = re.compile(r"[(\[“)\]”](?:(?<=[(\[“])(?=\s)|(?<=\s[)\]”]))")
_CODEISH = frozenset("=;{}<>/\\_*^|~`#")
# a line break inside a wrapped paragraph, shown as the space it stands for
_LINE_BREAK_RE = re.compile(r"[ \t]*\n[ \t]*")


@rule(
    code="MT305",
    name="space-inside-delimiters",
    category="fluency/punctuation",
    severity="minor",
    scope=Scope.PARAGRAPH,
    flags=[
        "The agency ⟦( Reuters )⟧ said the talks failed.",
        "He called it ⟦“ a farce ”⟧ on Monday.",
        "The figure ⟦[ revised]⟧ was lower. The group ⟦(WHO )⟧ agreed.",
    ],
    passes=[
        "The agency (Reuters) said “the talks failed” on Monday.",
        "Let f ( x ) = x + 1 for all x.",
        "He shrugged ( ͡° ͜ʖ ͡°) and left.",
        "The range [ 0, 1 ] is closed.",
        "Press the ( ) key, then [ ].",
        "“We will win,“ she said. ”Nobody can stop us,” he added.",
    ],
)
def space_inside_delimiters(a: Analysis, opts: Mapping[str, Any]) -> Iterable[Hit]:
    """A space just inside brackets or curly quotes: "( word )", "“ word ”", "[ word ]".

    Why it matters:
        English sets brackets and quotes tight against the words they enclose. Spaces inside
        are a tokenisation artefact of machine translation and look careless.

    Example:
        The agency ( Reuters ) said the talks failed.
        Use instead: The agency (Reuters) said the talks failed.

    Does not flag:
        Mathematics and code (single-letter or numeric content, "=", ";", "{", "/" and similar
        inside), empty pairs used as symbols ("( )"), ASCII art and emoticons (no word of two
        letters inside), and languages with other conventions (the rule is for English).
    """
    text = a.text
    paras = a.paragraphs
    for k in _paragraphs_with(a, _PAIR_SPACE_RE):
        p = paras[k]
        for m in _PAIR_RE.finditer(text, p.start, p.end):
            inner = m.group(1) or m.group(2) or m.group(3) or ""
            lead = inner[:1].isspace()
            trail = inner[-1:].isspace()
            if not (lead or trail) or not inner.strip():
                continue
            if m.group(3) is not None and (
                _side(text, m.start(), p.start, p.end) == "L"
                or _side(text, m.end() - 1, p.start, p.end) == "R"
            ):
                continue  # quotes facing the wrong way pair up wrongly; quote-direction
            core = inner.strip()
            if any(c in _CODEISH for c in core) or not re.search(r"[^\W\d_]{2}", core):
                continue
            if lead and not (core[0].isalnum() or core[0] in "“‘\"'"):
                continue
            if trail and not (core[-1].isalnum() or core[-1] in ".!?”’\"'"):
                continue
            yield Hit(
                m.start(),
                m.end(),
                f"Space inside '{text[m.start()]}{text[m.end() - 1]}': "
                f"'{_LINE_BREAK_RE.sub(' ', m.group())}'",
                suggestion=f"{text[m.start()]}{core}{text[m.end() - 1]}",
            )


RULES: list[Rule] = [
    unbalanced_bracket,
    editorial_insertion,
    quote_direction,
    unbalanced_quotes,
    space_inside_delimiters,
]
