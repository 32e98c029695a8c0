"""Rules of family MT1xx: spacing and joins."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping
from re import Match
from typing import Any

from mtcheck.analysis import Analysis
from mtcheck.model import Hit, Scope
from mtcheck.rules.base import Rule, rule
from mtcheck.rules.words import FUNCTION_WORDS, is_word
from mtcheck.segment import MAYBE_FINAL, NEVER_FINAL, NUMBERED, WORD_RE

# A word, sentence punctuation, optional closing quotes/brackets, then a capitalised word with
# no space: what "(?<![^\W\d_])([^\W\d_]+)([.!?]+[\"'”’»)\]]*)([^\W\d_]+)" finds (matches
# do not overlap), matched from the stop on and the left word found backwards, since stops
# are rare compared with word starts. One pattern per stop character: a scan that starts with
# a literal is several times faster than one that starts with a class ("!" and "?" are rare;
# most texts have none).
_JOIN_AT_RES = tuple(
    (c, re.compile(rf"\{c}(?<=[^\W\d_]\{c})[.!?]*[\"'”’»)\]]*([^\W\d_]+)")) for c in ".!?"
)
_DOMAIN_END_RE = re.compile(r"\.[a-z]{2,4}\b")
_URLISH = ("/", "@", "www", "http", "://")


def _chunk(text: str, start: int, end: int) -> str:
    """The whitespace-delimited chunk around ``text[start:end]`` (bounded, for URL checks)."""
    a = start
    lo = max(0, start - 200)
    while a > lo and not text[a - 1].isspace():
        a -= 1
    b = end
    hi = min(len(text), end + 200)
    while b < hi and not text[b].isspace():
        b += 1
    return text[a:b]


_NONSPACE_RE = re.compile(r"\S*")
_WORDCHARS_RE = re.compile(r"\w*")
_BLANKS_RE = re.compile(r"[ \t\u00a0]*")
_LETTERS_RE = re.compile(r"[^\W\d_]*")


def _run_start(text: str, end: int, run: re.Pattern[str]) -> int:
    """Start of the run of characters that ``run`` (``[...]*``) matches and that ends at ``end``.

    It is matched on the reversed text before ``end``, in a window that grows geometrically,
    so the cost is proportional to the run however long it is.
    """
    span = 32
    while True:
        lo = max(0, end - span)
        n = run.match(text[lo:end][::-1]).end()  # type: ignore[union-attr]
        if n < end - lo or lo == 0:
            return end - n
        span *= 4


def _literal_scans(text: str, scans: tuple[tuple[str, re.Pattern[str]], ...]) -> list[Match[str]]:
    """The matches of patterns that each start with their own literal character, in text
    order; a pattern whose character does not occur in the text is not run at all. (Matches
    of different patterns must not overlap, as with candidates that end before the next
    candidate's character.)"""
    found: list[Match[str]] = []
    for char, pattern in scans:
        if char in text:
            found.extend(pattern.finditer(text))
    found.sort(key=Match.start)
    return found


@rule(
    code="MT101",
    name="missing-space-after-sentence",
    category="fluency/punctuation",
    severity="major",
    scope=Scope.SENTENCE,
    confidence=0.9,
    flags=[
        "The talks were ⟦offensive.Government⟧ officials left.",
        "“We will not ⟦hire.”This⟧ is final,” she said.",
        "Is it ⟦over?The⟧ crowd waited.",
        "They ⟦won!Fans⟧ cheered all night.",
        "He left ⟦early.)Then⟧ it rained.",
    ],
    passes=[
        "The U.S. Army and the U.K. Navy met.",
        "Built with Node.js and Vue.js by the team.",
        "Growth was 3.5 percent in 2023.",
        "Visit example.com or www.Example.org/News for details.",
        "Use a tool, e.g. a hammer, i.e. something heavy.",
        "Write to press@Agency.org today.",
        "The framework ASP.NET and Vue.JS were compared.",
        "He met Dr.Smith and Mr.Jones at St.Mary hospital.",
        "I waited and waited...Nothing happened.",
    ],
)
def missing_space_after_sentence(a: Analysis, opts: Mapping[str, Any]) -> Iterable[Hit]:
    """Two sentences joined with no space after the full stop, question or exclamation mark.

    Why it matters:
        Machine translation and scrapers fuse sentences when they drop the space after the
        stop ("offensive.Government"). Readers stumble, and search and segmentation tools treat
        the two words as one token.

    Example:
        The talks were offensive.Government officials left.
        Use instead: The talks were offensive. Government officials left.

    Does not flag:
        Abbreviations (U.S., e.g., Dr.Smith), file and package names (Node.js), decimals (3.5),
        domains, URLs and e-mail addresses, and short all-capital suffixes (ASP.NET, Vue.JS).
    """
    text = a.text
    last = 0
    for m in _literal_scans(text, _JOIN_AT_RES):
        start = _run_start(text, m.start(), _LETTERS_RE)
        if start < last:
            continue  # the left word was the right word of the previous join
        last = m.end()
        left, punct, right = text[start : m.start()], text[m.start() : m.start(1)], m.group(1)
        if len(left) < 2 or not left[-2:].islower():
            continue
        if punct.startswith(".."):
            continue  # an ellipsis with no space ("happen...I") is informal, not a fused stop
        if not right[0].isupper():
            continue
        if right.isupper() and 2 <= len(right) <= 4:
            continue
        low = left.lower()
        if punct[0] == "." and (low in NEVER_FINAL or low in MAYBE_FINAL):
            continue
        chunk = _chunk(text, start, m.end())
        if any(u in chunk for u in _URLISH) or _DOMAIN_END_RE.search(chunk[-5:]):
            continue
        yield Hit(
            start,
            m.end(),
            f"Two sentences are joined without a space: '{text[start : m.end()]}'",
            suggestion=f"{left}{punct} {right}",
        )


# A word, blanks (not a line break), then a comma, stop, semicolon, colon, ! or ? that is
# followed by whitespace or the end: "capital , where", "word .". Anchored after a word
# character so a run of blanks is scanned once.
_SPACE_PUNCT_RE = re.compile(r"(?:(?<=[^\W_])|(?<=[)\]\"”’]))[ \t\u00a0]+([,.;:!?])(?![^\s\"'”’])")
# Clitics split off by a tokenizer: "company 's", "do n't", "they 're".
_SPACE_CLITIC_RE = re.compile(r"(?<=[^\W\d_])[ \t]+((?:n['’]t|['’](?:s|re|ve|ll|d|m))(?![\w'’]))")
# Where the two can match, found from the rare part (a mark after a blank, a clitic after a
# blank) instead of trying the lookbehinds at every character.
_SPACE_MARK_AT_RE = re.compile(r"[,.;:!?'’](?:(?<=[ \t\u00a0].)|(?<=[ \t]n['’]))")
_DIGIT_AFTER_RE = re.compile(r"\s*\d")
_WORD_BEFORE_RE = re.compile(r"[^\W_]+$")


@rule(
    code="MT102",
    name="space-before-punctuation",
    category="fluency/punctuation",
    severity="minor",
    scope=Scope.SENTENCE,
    confidence=0.85,
    flags=[
        "They met in the ⟦capital ,⟧ where talks resumed.",
        "The plan was approved by ⟦parliament .⟧",
        "Is the project on ⟦track ?⟧ Nobody knows.",
        "It ⟦rained ;⟧ the match went ahead ⟦anyway :⟧ nobody left.",
        "The ⟦company 's⟧ chief said they ⟦do n't⟧ agree.",
        "Cases rose (to 101⟦) .⟧",
    ],
    passes=[
        "He paused ... then carried on.",
        "Sales rose 5 % in May, said Smith & Wesson.",
        "Great to see you :) and thanks ;)",
        "The score - 3 to 1 - surprised the U.S. team.",
        "Run `ls -la | grep foo` and check.",
        "The final ended 3 : 1 and the ratio was 2 : 1, said the U.S. coach.",
    ],
)
def space_before_punctuation(a: Analysis, opts: Mapping[str, Any]) -> Iterable[Hit]:
    """A space before a comma, full stop, semicolon, colon, question or exclamation mark.

    Why it matters:
        English puts these marks right after the word. A space before them is the signature of
        tokenised machine-translation output ("word , word .") or of French typography carried
        over, and it lets a line break strand the mark at the start of a line.

    Example:
        They met in the capital , where talks resumed .
        Use instead: They met in the capital, where talks resumed.

    Does not flag:
        Ellipses after a space (" ..."), emoticons (":)"), a mark after a closing quote or
        bracket, ampersands, spaced dashes and percent signs. Spaces inside quotes and brackets
        are left to MT305. English only: French puts a space before ":;!?".
    """
    text = a.text
    marks: list[Match[str]] = []
    clitics: list[Match[str]] = []
    for c in _SPACE_MARK_AT_RE.finditer(text):
        q = c.start()
        if text[q] in "'’":
            if text[q - 1] == "n":
                q -= 1
            m = _SPACE_CLITIC_RE.match(text, _run_start(text, q, _BLANKS_RE))
            if m is not None:
                clitics.append(m)
        else:
            m = _SPACE_PUNCT_RE.match(text, _run_start(text, q, _BLANKS_RE))
            if m is not None:
                marks.append(m)
    for m in marks:
        mark = m.group(1)
        p = m.start(1)
        if mark == "." and (text[p + 1 : p + 2] == "." or text[p - 1 : p] == "."):
            continue
        if (
            mark == ":"
            and text[m.start() - 1 : m.start()].isdigit()
            and _DIGIT_AFTER_RE.match(text, m.end())
        ):
            continue  # a score or ratio: "3 : 1"
        word = _WORD_BEFORE_RE.search(text, max(0, m.start() - 60), m.start())
        start = word.start() if word is not None else m.start() - 1  # after ")" or a quote
        if text.count("`", max(0, start - 200), start) % 2 == 1:
            continue  # inside inline code the space may be part of the syntax
        yield Hit(
            start,
            m.end(),
            f"Space before '{mark}': '{text[start : m.end()]}'",
            suggestion=f"{text[start : m.start()]}{mark}",
        )
    for m in clitics:
        word = _WORD_BEFORE_RE.search(text, max(0, m.start() - 60), m.start())
        if word is None:
            continue
        yield Hit(
            word.start(),
            m.end(),
            f"Space before '{m.group(1)}': '{text[word.start() : m.end()]}'",
            suggestion=f"{word.group()}{m.group(1)}",
        )


# A letter, a hyphen, then blanks and a word: "battlefield- May".
_DANGLING_RE = re.compile(r"(?<![\w-])(\w+)-[ \t]+([\w&]+)")
# Where it can match, from the hyphen on (a literal is the fastest start for a scan).
_DANGLING_AT_RE = re.compile(r"-(?<=\w-)(?=[ \t]+[\w&])")
#: Words after which a hyphen is a suspended compound ("pre- and post-war", "two- to three-").
_SUSPENDERS = frozenset("and or nor to & versus vs through but than as".split())
#: Words after which a hyphen and space mark a spoken restart, not a lost join ("what- when").
_RESTART_WORDS = frozenset(
    """
    what when where who why how which that this and but or so if because like um uh er
    """.split()
)


@rule(
    code="MT103",
    name="dangling-hyphen",
    category="fluency/punctuation",
    severity="major",
    scope=Scope.SENTENCE,
    flags=[
        "Troops left the ⟦battlefield-⟧ May was the deadline.",
        "The ministers agreed ⟦a-⟧ plan to cut tariffs.",
        "Exports of ⟦dairy-⟧ produce rose.",
        "The pool has been closed since ⟦2021-⟧ which angered parents.",
        "Call the support line of your ⟦ISP-⟧ the router is rarely at fault.",
    ],
    passes=[
        "The pre- and post-war periods differ.",
        "Choose short- or long-term loans.",
        "Prizes went to first-, second- and third-graders.",
        "Contracts of two- to three-year terms were signed by Smith-Jones.",
        "- Item one\n- Item two",
        "The score was 3-1 - a fair result, said the U.S. coach.",
        "Pages 10- 12 cover the 2019- 2020 season and the EU- and US-based firms.",
        "The COVID- 19 pandemic and a B- grade were mentioned.",
    ],
)
def dangling_hyphen(a: Analysis, opts: Mapping[str, Any]) -> Iterable[Hit]:
    """A hyphen attached to the end of a word and followed by a space ("battlefield- May").

    Why it matters:
        A hyphen hanging off a word is a lost dash or the remains of a broken compound; it
        joins the word to nothing and leaves the reader guessing which words belong together.

    Example:
        Troops left the battlefield- May was the deadline.
        Use instead: Troops left the battlefield – May was the deadline.

    Does not flag:
        Suspended compounds ("pre- and post-war", "short- or long-term", "first-, second-
        and third-graders", "two- to three-year"), list dashes, spaced dashes, acronyms and
        numbers before a hyphen (ranges, grades, codes) unless a clause-starting word follows, and spoken restarts where the word is taken up again ("the- of the").
    """
    text = a.text
    last = 0
    for c in _DANGLING_AT_RE.finditer(text):
        start = _run_start(text, c.start(), _WORDCHARS_RE)
        if start < last:
            continue  # the left word was the next word of the previous match
        m = _DANGLING_RE.match(text, start)
        if m is None:
            continue
        last = m.end()
        left, nxt = m.group(1), m.group(2)
        if "_" in left:
            continue
        if nxt.lower() in _SUSPENDERS and "-" in text[m.end(2) : m.end(2) + 60]:
            continue
        if (left.isupper() or any(c.isdigit() for c in left)) and not (
            nxt.islower() and nxt in _CLAUSE_STARTERS
        ):
            # a number or acronym before a hyphen is a range, a grade or a code ("10- 12",
            # "B- grade", "COVID- 19") unless a clause starts after it ("since 2021- which")
            continue
        low = left.lower()
        if low in _RESTART_WORDS:
            continue
        # a restart: the truncated word (or a longer one it starts) comes again shortly after
        after = text[m.end(2) : m.end(2) + 80].lower().split()[:4]
        if any(w == low or (len(low) >= 3 and w.startswith(low)) for w in [nxt.lower(), *after]):
            continue
        end = m.start(1) + len(left) + 1
        yield Hit(
            m.start(1),
            end,
            f"Hyphen dangling after '{left}': '{text[m.start(1) : m.end()]}'",
            suggestion=f"{left} –",
        )


#: Words that start a clause: after a hyphen they show a lost dash ("output-the steel").
_CLAUSE_STARTERS = frozenset(
    """
    the a an this these those he she they we his their our its and but or so which who
    because although though however if when then there
    """.split()
)
#: Words that start a compound on the left of a clause starter ("state-of-the-art", "just-so").
_COMPOUND_LEFT = FUNCTION_WORDS | frozenset("just either neither all one know give off".split())
_HYPHEN_JOIN_RE = re.compile(r"(?<![\w-])([^\W\d_]{3,})-([^\W\d_]+)(?![\w-])(?=[ \t]+\w)")
# Where it can match, from the hyphen on; it takes the right-hand word (letters only).
_HYPHEN_JOIN_AT_RE = re.compile(r"-(?<=[^\W\d_]{3}-)[^\W\d_]+(?![\w-])(?=[ \t]+\w)")


@rule(
    code="MT104",
    name="hyphen-joined-clauses",
    category="fluency/punctuation",
    severity="major",
    scope=Scope.SENTENCE,
    flags=[
        "Production fell below last year's ⟦output-the⟧ steel industry blamed prices.",
        "The talks stalled ⟦yesterday-they⟧ will resume next week.",
        "Nobody expected a ⟦deal-but⟧ one came.",
    ],
    passes=[
        "Their up-to-date, state-of-the-art and run-of-the-mill devices sold well.",
        "My mother-in-law ran a hands-on, one-on-one session on a-la-carte menus.",
        "The follow-up and the black-and-white photos reached the Post-it board.",
        "A what-if study by Jean-Pierre and the Xi-An office was cited.",
        "It was a know-it-all answer, said the U.S. team.",
    ],
)
def hyphen_joined_clauses(a: Analysis, opts: Mapping[str, Any]) -> Iterable[Hit]:
    """A hyphen joining a word to a clause-starting word ("output-the steel industry").

    Why it matters:
        When machine translation or a converter drops the spaces around a dash, two clauses
        fuse into a false compound. Readers parse "output-the" as one word and lose the break
        between the clauses.

    Example:
        Production fell below last year's output-the steel industry blamed prices.
        Use instead: Production fell below last year's output – the steel industry blamed
        prices.

    Does not flag:
        Real compounds, including ones with function words inside ("state-of-the-art",
        "mother-in-law", "hands-on", "one-on-one", "know-it-all"), names (Jean-Pierre, Xi-An,
        Post-it), and compounds whose left part is itself a function word ("what-if").
    """
    text = a.text
    for c in _HYPHEN_JOIN_AT_RE.finditer(text):
        m = _HYPHEN_JOIN_RE.match(text, _run_start(text, c.start(), _LETTERS_RE))
        if m is None:
            continue
        left, right = m.group(1), m.group(2)
        if not left.islower() or left in _COMPOUND_LEFT:
            continue
        rl = right.lower()
        if rl not in _CLAUSE_STARTERS:
            continue
        if not (right.islower() or (right[0].isupper() and right[1:].islower())):
            continue
        if right[0].isupper() and rl in ("a", "an"):
            continue
        yield Hit(
            m.start(),
            m.end(),
            f"A hyphen joins two clauses: '{m.group()}'",
            suggestion=f"{left} – {right}",
        )


# Two marks in a row: ",,", ";.", ",." and a lone "..", but never three dots or "::" (C++);
# at every offset, what "(?=([,;:][.,;:!?]|\.[,;:]|(?<!\.)\.\.(?!\.)))" finds (see _DOUBLE_AT).
# Punctuation inside a word: "gover,nment", "talks;were".
_INWORD_RE = re.compile(r"(?<![^\W\d_])([^\W\d_]{2,})([,;.])([^\W\d_]{2,})(?![^\W\d_])")
# A symbol stuck to the end of a word before a space: "sharply_ higher", "the^ plan" (see
# _STRAY_SYMBOL_AT).
# A mark after a word that can never end a clause: "the. plan", "a, report".
_NEVER_BEFORE_MARK_RE = re.compile(
    r"(?<![\w'’-])(the|an?|their|its|our|your|and|nor|than)([,.;:!?])(?=[ \t]+(\w+))"
)
# A question or exclamation mark followed by a lowercase word: "went to? see".
_MIDWAY_MARK_RE = re.compile(r"(?<=[^\W_])([?!])[ \t]+(?=([a-z]\w*))")
# An apostrophe closing a word that is neither plural nor a dropped g: "hold' the".
# A word right after an opening quote (straight or curly) is a quoted word, not a stray
# ('tank', ‘success’): the closing quote's opening partner is then the character before it.
_STRAY_APOS_RE = re.compile(r"(?<![\w'’‘])([^\W\d_]+)(['’])(?=[ \t]+\w)")
_NEXT_WORD_RE = re.compile(r"[ \t]+([a-z]+)\b")
_QUOTED_NEXT_RE = re.compile(r"[ \t]+[^\n]{0,40}?(?<![\w'’])['‘]\w")
_OPENING_SINGLE_RE = re.compile(r"(?:^|[\s(\"“])['‘][\w-]|`")
# A semicolon or colon between a word and the next: "the; plan", "study; of the".
_CLAUSE_MARK_RE = re.compile(r"(?<![\w'’-])([^\W\d_]+)([;:])[ \t]+([^\W\d_]+)")
#: Words that never end a clause, so a semicolon or colon cannot follow them.
_NEVER_CLAUSE_END = frozenset(
    "the a an of to in on at for with from by into and or nor than their its our your".split()
)
#: Words that never start an independent clause after a semicolon (a verb without subject).
_NEVER_CLAUSE_START = frozenset(
    """
    of could would should might been about does did respectively
    yourself himself herself themselves itself ourselves
    """.split()
)
#: Words that never follow a colon: a verb or preposition continuing the clause.
_NEVER_AFTER_COLON = frozenset("of as been respectively".split())
#: Words that never come right before a colon.
_NEVER_BEFORE_COLON = frozenset("such which whose just".split())
#: Function words ending in s: an apostrophe after them is never a plural possessive.
_S_FUNCTION_WORDS = frozenset("was is has his its this us as does yes".split())
# An apostrophe after a comma or semicolon, before a space: "Smyrna,' it is" (see
# _PUNCT_APOS_AT).
_PRONOUN_NEXT_RE = re.compile(r"[ \t]+(?:I|you|he|she|it|we|they|there)\b")
#: Brands and titles that end in an exclamation mark.
_BANG_NAMES = frozenset("yahoo jeopardy wham oklahoma mamma hello".split())


def _abbreviation_before(text: str, dot: int) -> bool:
    """Whether the full stop at ``dot`` ends an abbreviation (U.S., e.g., etc., Inc., ft.)."""
    i = dot
    lo = max(0, dot - 30)
    while i > lo and (text[i - 1].isalnum() or text[i - 1] == "."):
        i -= 1
    token = text[i:dot].lower()
    if not token:
        return True
    return (
        "." in token
        or token in NEVER_FINAL
        or token in MAYBE_FINAL
        or token in NUMBERED
        or len(token) <= 4
    )


def _opening_single_before(text: str, pos: int) -> bool:
    """Whether an opening single quote comes before ``pos`` in its paragraph (at most 300
    characters back), so that a quote mark at ``pos`` may close it."""
    para_start = text.rfind("\n", max(0, pos - 300), pos) + 1
    # a slice, not pos/endpos: "^" in the pattern matches where the window starts
    return _OPENING_SINGLE_RE.search(text[max(para_start, pos - 300) : pos]) is not None


# the next word on the line, or on the next line of a wrapped paragraph
_NEXT_SENTENCE_RE = re.compile(r"(?:[ \t]+|[ \t]*\n[ \t]*)[A-Z][a-z]")
_SENTENCE_ENDS = (". ", "! ", "? ", ".\n", "!\n", "?\n")
# Two dots with no third on either side; starting with the literal keeps the scan fast.
_TWO_DOTS_RE = re.compile(r"\.\.(?!\.)(?<!\.\.\.)")


def _two_dot_count(a: Analysis) -> int:
    """How many two-dot marks ("..", not part of "...") the document has."""
    return sum(1 for _ in _TWO_DOTS_RE.finditer(a.text))


def _doubled_stop(a: Analysis, end: int) -> bool:
    """Whether the ".." ending at ``end`` is a doubled full stop rather than a two-dot ellipsis.

    A two-dot ellipsis trails off a short phrase in informal text ("wait.. maybe later"); in
    text that writes no other two-dot ellipsis, ".." after a sentence of ten words or more and
    before a capitalised word is a full stop typed twice.
    """
    text = a.text
    nxt = _NEXT_SENTENCE_RE.match(text, end)
    if nxt is None:
        return False
    para = a.paragraph_of(end - 2)
    if nxt.end() > para.end:
        return False  # the next word is another paragraph's
    if int(a.shared("spacing.two_dots", _two_dot_count)) > 1:
        return False
    # an informal ellipsis trails off a short phrase ("It's very small.. Received"); a
    # doubled stop ends a full sentence
    # from the sentence's start: the paragraph's, or the last sentence mark before it (a line
    # break inside a wrapped paragraph starts nothing)
    lo = max(para.start, end - 2 - 400)
    stop = max(text.rfind(c, lo, end - 2) for c in _SENTENCE_ENDS)
    return len(WORD_RE.findall(text, max(lo, stop + 1), end - 2)) >= 10


# Any of the code marks of a chunk: "/", "@", "www", "http", "://", "\\", "`", "=", "&", "<", ">".
_CODE_MARK_RE = re.compile(r"[/@\\`=&<>]|www|http")
_CHUNK_RE = re.compile(r"\S+")


_SHORT_CHUNK = 256


class _CodeChunks:
    """Whitespace-delimited chunks that look like code, URLs or paths.

    A chunk is looked at only when a candidate falls in it (clean text has few candidates, so
    indexing every chunk of the document up front would be wasted work). Only a chunk longer
    than _SHORT_CHUNK, which would make repeated look-ups costly, makes the whole document be
    indexed once, so the cost stays linear on any input.
    """

    def __init__(self, a: Analysis) -> None:
        self.text = a.text
        self.starts: list[int] | None = None
        self.ends: list[int] = []

    def covers(self, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` lies inside one code-like chunk."""
        text = self.text
        if self.starts is None:
            if start >= len(text) or text[start].isspace():
                return False
            lo = max(0, start + 1 - _SHORT_CHUNK)
            back = _NONSPACE_RE.match(text[lo : start + 1][::-1]).end()  # type: ignore[union-attr]
            ce = _NONSPACE_RE.match(text, start, start + _SHORT_CHUNK).end()  # type: ignore[union-attr]
            if (back < start + 1 - lo or lo == 0) and (
                ce < start + _SHORT_CHUNK or ce == len(text) or text[ce].isspace()
            ):
                cs = start + 1 - back
                return ce >= end and _CODE_MARK_RE.search(text, cs, ce) is not None
            self.starts = []
            for m in _CHUNK_RE.finditer(text):
                if _CODE_MARK_RE.search(text, m.start(), m.end()):
                    self.starts.append(m.start())
                    self.ends.append(m.end())
        i = bisect.bisect_right(self.starts, start) - 1
        return i >= 0 and self.ends[i] >= end


# Where each part of doubled-punctuation can match, as a pattern for the mark that anchors the
# part (a superset: the part's own pattern decides). One scan of the text for any of them is
# fast because it starts with a character class; most texts have few candidates.
_DOUBLE_AT = re.compile(r"[,;:.](?=[.,;:!?])")
_INWORD_AT = re.compile(r"[,;.](?<=[^\W\d_]{2}.)(?=[^\W\d_]{2})")
_STRAY_SYMBOL_AT = re.compile(r"[-_~^@](?=\s)(?<=[^\W_][_~^@]|[,;:.][-_~^@])")
_NEVER_BEFORE_MARK_AT = re.compile(
    r"[,.;:!?](?=[ \t]+\w)(?:(?<=the.|its.|our.|and.|nor.)|(?<=than.|heir.)|(?<=an.)|(?<=a.))"
)
_MIDWAY_MARK_AT = re.compile(r"[?!](?<=[^\W_].)(?=[ \t]+[a-z])")
_CLAUSE_MARK_AT = re.compile(r"[;:](?<=[^\W\d_].)(?=[ \t]+[^\W\d_])")
_STRAY_APOS_AT = re.compile(r"['’](?<=[^\W\d_].)(?=[ \t]+\w)")
_PUNCT_APOS_AT = re.compile(r"[,;:](?<=[^\W_].)(?=['’][ \t]+\w)")
_PARTS = (
    _DOUBLE_AT,
    _INWORD_AT,
    _STRAY_SYMBOL_AT,
    _NEVER_BEFORE_MARK_AT,
    _MIDWAY_MARK_AT,
    _CLAUSE_MARK_AT,
    _STRAY_APOS_AT,
    _PUNCT_APOS_AT,
)
#: parts that a mark followed by a blank can anchor (the union's first branch)
_BLANK_PARTS: dict[str, tuple[re.Pattern[str], ...]] = {
    ",": (_NEVER_BEFORE_MARK_AT,),
    ".": (_NEVER_BEFORE_MARK_AT,),
    ";": (_NEVER_BEFORE_MARK_AT, _CLAUSE_MARK_AT),
    ":": (_NEVER_BEFORE_MARK_AT, _CLAUSE_MARK_AT),
    "!": (_NEVER_BEFORE_MARK_AT, _MIDWAY_MARK_AT),
    "?": (_NEVER_BEFORE_MARK_AT, _MIDWAY_MARK_AT),
    "'": (_STRAY_APOS_AT,),
    "’": (_STRAY_APOS_AT,),
    **dict.fromkeys("-_~^@", (_STRAY_SYMBOL_AT,)),
}
# The union of the parts (a superset), shaped for speed: one character class to start with,
# then a lookahead whose branches each start by matching the next character, which lets the
# engine reject a branch at once; the frequent ", word" fails after a few steps. The empty
# group closing each branch tells which one matched.
_ANY_PART_RE = re.compile(
    r"(?s)[-,.;:!?'’_~^@](?="
    r"[ \t](?:(?<=[?!;:'’_~^@].)|(?<=[,;:.]-.)|(?<=[edrsna][,.].)"
    r"(?:(?<=the..|its..|our..|and..|nor..)(?<![\w'’-].....)|(?<=a..)(?<![\w'’-]...)"
    r"|(?<=an..)(?<![\w'’-]....)|(?<=your..|than..)(?<![\w'’-]......)"
    r"|(?<=their..)(?<![\w'’-].......)))()"
    r"|[^\S \t](?:(?<=[_~^@].)|(?<=[,;:.]-.))()"
    r"|[.,;:!?'’](?<=[,;:.].)()"
    r"|[^\W\d_](?<=[^\W\d_]{2}[,;.].)(?=[^\W\d_])())"
)


def _part_candidates(text: str) -> dict[re.Pattern[str], list[int]]:
    """Offsets of the anchoring marks of each part of doubled-punctuation, in text order."""
    found: dict[re.Pattern[str], list[int]] = {k: [] for k in _PARTS}
    for m in _ANY_PART_RE.finditer(text):
        p = m.start()
        branch = m.lastindex
        if branch == 1:
            for part in _BLANK_PARTS[text[p]]:
                if part.match(text, p):
                    found[part].append(p)
        elif branch == 2:
            if _STRAY_SYMBOL_AT.match(text, p):
                found[_STRAY_SYMBOL_AT].append(p)
        elif branch == 3:
            if text[p + 1] not in "'’":
                found[_DOUBLE_AT].append(p)
            elif _PUNCT_APOS_AT.match(text, p):
                found[_PUNCT_APOS_AT].append(p)
        else:
            found[_INWORD_AT].append(p)
    return found


@rule(
    code="MT105",
    name="doubled-punctuation",
    category="fluency/punctuation",
    severity="minor",
    scope=Scope.SENTENCE,
    confidence=0.85,
    flags=[
        "The plan was ⟦,,⟧ approved on Monday.",
        "Talks ended⟦;.⟧ Nobody spoke.",
        "The vote was ⟦..⟧ delayed until June.",
        "Output fell. It was down 2.4 percent from the same period of the previous year⟦..⟧ "
        "Analysts had expected less.",
        "The ⟦gover,nment⟧ resigned.",
        "Prices were ⟦sharply_⟧ higher.",
        "They met ⟦the.⟧ minister on Friday.",
        "They knocked on the door ⟦to?⟧ find nobody.",
        "Troops began to ⟦hold'⟧ the line.",
    ],
    passes=[
        "It cost $1,000.50 in the U.S., e.g., at Acme Inc., and so on, etc., said Jr.",
        "He paused... and then.... nothing. Wait.. maybe later..",
        "It was good.. Then it broke.. Never again.. Buy something else.",
        "It is very small.. Received the belt today and it works.",
        "Run ../setup.sh or open www.example.com/a,b;c today.",
        "Wow!! Really?! Thanks for the 'tank' and the states' rights, goin' home.",
        "Police said a ‘runaway’ who had left the camp was found.",
        "“Why?” he asked. Jeopardy! fans and Yahoo! users agreed.",
        "The value std::vector is used in C++.",
    ],
)
def doubled_punctuation(a: Analysis, opts: Mapping[str, Any]) -> Iterable[Hit]:
    """Doubled or stray punctuation: ",,", " ..", ";.", a mark inside a word or after "the".

    Why it matters:
        Stray marks are left behind when machine translation or editing merges, drops or
        moves words. They interrupt reading and make text look unedited.

    Example:
        The plan was ,, approved on Monday.
        Use instead: The plan was approved on Monday.

    Does not flag:
        Ellipses (also the informal two-dot "wait.. then", or "good.. Then" in a text that
        writes it more than once), numbers (1,000.50),
        abbreviations before a comma (e.g., etc., U.S., Inc.), URLs, paths and code (::,
        ../), deliberate "!!" and "?!", quoted words ('tank', ‘success’), plural possessives (states'
        rights), dropped g (goin'), brand names with "!" (Yahoo!), and commas, which MT
        output misplaces too often in grammatical ways for a pattern to judge.
    """
    text = a.text
    seen: set[int] = set()

    def hit(start: int, end: int, message: str, suggestion: str | None = None) -> Hit | None:
        if start in seen:
            return None
        seen.add(start)
        return Hit(start, end, message, suggestion=suggestion)

    found: list[Hit | None] = []
    in_code = a.shared("spacing.code_chunks", _CodeChunks).covers
    parts = _part_candidates(text)
    doubles, inwords, symbols, never_before, midways, clause_marks, apos, punct_apos = (
        parts[k] for k in _PARTS
    )
    for p in doubles:
        if text[p] == ".":
            d = text[p + 1]
            if d == ".":
                if text[p - 1 : p] == "." or text[p + 2 : p + 3] == ".":
                    continue  # part of an ellipsis
            elif d not in ",;:":
                continue
        pair = text[p : p + 2]
        end = p + 2
        # the tests are pure, so the cheap ones come first
        if pair == "::" or (pair in (",.", ";.", ":.") and text[end : end + 1].isdigit()):
            continue
        if pair == "..":
            if (
                text[p - 1 : p].isalnum()
                and (end == len(text) or text[end].isspace())
                and not in_code(p, end)
                and not _doubled_stop(a, end)
            ):
                continue  # "wait.. then": a two-dot ellipsis, common in chat and reviews
        elif pair[0] == "." and _abbreviation_before(text, p):
            continue
        if in_code(p, end):
            continue
        found.append(hit(p, end, f"Doubled punctuation: '{pair}'"))
    last = 0
    for p in inwords:
        start = _run_start(text, p, _LETTERS_RE)
        if start < last:
            continue  # the left word was the right word of the previous match
        m = _INWORD_RE.match(text, start)
        if m is None:
            continue
        last = m.end()
        left, mark, right = m.groups()
        if not (left.islower() and right.islower()):
            continue
        if in_code(m.start(), m.end()):
            continue
        joined = left + right
        if mark == "." and not (is_word(joined, 3.0) and not is_word(right, 3.0)):
            continue  # file names and domains (node.js, example.com)
        found.append(
            hit(
                m.start(),
                m.end(),
                f"Punctuation inside a word: '{m.group()}'",
                suggestion=joined if is_word(joined, 3.0) else f"{left}{mark} {right}",
            )
        )
    for p in symbols:
        w = _WORD_BEFORE_RE.search(text, max(0, p - 60), p)
        if w is not None and ("_" in w.group() or text[w.start() - 1 : w.start()] in "_@~^"):
            continue
        # one match at most per chunk (it needs whitespace after), so this scan stays linear
        if any(u in _chunk(text, p, p + 1) for u in ("://", "www", "/", "`", "\\")):
            continue
        start = w.start() if w is not None else p
        found.append(hit(start, p + 1, f"Stray '{text[p]}' after a word: '{text[start : p + 1]}'"))
    for p in never_before:
        for n in (3, 1, 2, 4, 5):
            m = _NEVER_BEFORE_MARK_RE.match(text, p - n) if p >= n else None
            if m is not None and m.end() == p + 1:
                break
        else:
            continue
        word, mark, nxt = m.group(1), m.group(2), m.group(3)
        if word in ("and", "nor", "than") and mark not in ".;!?":
            continue
        lead = text[max(0, m.start() - 20) : m.start()].rstrip()[-1:]
        if word == "a" and (len(nxt) == 1 or lead in ("", "(", "\n")):
            continue  # list letters: "a. first", "options a, b"
        if nxt.lower() == word:
            continue  # a spoken restart: "the, the plan"
        following = text[m.end() : m.end() + 40].lower().split()[:2]
        if word in following:
            continue
        found.append(hit(m.start(), m.end(), f"Punctuation after '{word}': '{m.group()}'"))
    for p in midways:
        m = _MIDWAY_MARK_RE.match(text, p)
        if m is None:
            continue
        w = _WORD_BEFORE_RE.search(text, max(0, m.start() - 60), m.start())
        if w is None or w.group().lower() in _BANG_NAMES:
            continue
        if in_code(m.start(), m.end()):
            continue
        found.append(
            hit(
                w.start(),
                m.start(1) + 1,
                f"'{m.group(1)}' in the middle of a sentence: "
                f"'{text[w.start() : m.end()]}{m.group(2)}'",
            )
        )
    last = 0
    for p in clause_marks:
        start = _run_start(text, p, _LETTERS_RE)
        if start < last:
            continue  # the left word was the right word of the previous match
        m = _CLAUSE_MARK_RE.match(text, start)
        if m is None:
            continue
        last = m.end()
        before, mark, after = m.group(1), m.group(2), m.group(3)
        bl, al = before.lower(), after.lower()
        if not before.islower() or bl == al:
            continue
        if mark == ":" and bl in ("to", "in", "on", "at", "for", "with", "from", "by", "into"):
            continue  # form labels: "Send to: John"
        if al in _NEVER_CLAUSE_START and _PRONOUN_NEXT_RE.match(text, m.end()):
            continue  # an inverted question: "; will I receive"
        if al == "of" and text.startswith(" course", m.end()):
            continue  # "; of course"
        if mark == ";":
            stray = bl in _NEVER_CLAUSE_END or (after.islower() and al in _NEVER_CLAUSE_START)
        else:
            stray = (
                bl in _NEVER_CLAUSE_END
                or bl in _NEVER_BEFORE_COLON
                or (after.islower() and al in _NEVER_AFTER_COLON)
            )
        if stray:
            if in_code(m.start(), m.end()):
                continue
            q = m.start(2)
            found.append(
                hit(q, q + 1, f"Stray '{mark}' inside a clause: '{m.group()}'", suggestion="")
            )
    for p in apos:
        m = _STRAY_APOS_RE.match(text, _run_start(text, p, _LETTERS_RE))
        if m is None:
            continue
        word = m.group(1)
        low = word.lower()
        if low in ("o", "ol", "ma", "th"):
            continue
        if low.endswith(("s", "z", "x")) and low not in _S_FUNCTION_WORDS:
            # a plural possessive is followed by what is owned, not by a function word
            nxt = _NEXT_WORD_RE.match(text, m.end())
            if nxt is None or nxt.group(1) not in FUNCTION_WORDS or nxt.group(1) in ("and", "or"):
                continue
        if low.endswith("in") and len(low) >= 4:
            continue  # a dropped g: goin', nothin'
        if _QUOTED_NEXT_RE.match(text, m.end()):
            continue  # one of a series of quoted terms whose opening quote was cut off
        if _opening_single_before(text, m.start()):
            continue  # a closing single quote: an opening one earlier ('tank' is ...)
        found.append(
            hit(m.start(), m.end(), f"Stray apostrophe after '{word}': '{m.group()}'", word)
        )
    for p in punct_apos:
        if _opening_single_before(text, p):
            continue
        q = p + 1
        found.append(hit(q, q + 1, f"Stray quote mark after '{text[p]}'", suggestion=""))
    yield from (h for h in found if h is not None)


RULES: list[Rule] = [
    missing_space_after_sentence,
    space_before_punctuation,
    dangling_hyphen,
    hyphen_joined_clauses,
    doubled_punctuation,
]
