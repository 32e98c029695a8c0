"""Rules of family MT4xx: repetition.

The word rules work on whitespace-delimited chunks of a paragraph, each stripped of the brackets,
quotes and punctuation around it (its *core*), so that ``Asia Asia.``, ``(GBP) (GBP)`` and
``2017 2017`` compare as repeats while the punctuation between them decides what kind of repeat
it is: none (a stutter, MT401), a comma (a repeated phrase, MT402) or a sentence stop.

Spoken text repeats words on purpose or by disfluency ("in in the", "if you if you"). A document
that carries transcript markup or fillers is treated as speech (see :func:`spoken_register`), and
the stutter rules then leave mid-sentence restarts of function words alone.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import accumulate, chain, compress, count, filterfalse, repeat
from operator import attrgetter, eq
from typing import Any, overload

from mtcheck import lexicon, memo
from mtcheck.analysis import Analysis
from mtcheck.model import Hit, Scope, Span
from mtcheck.rules.base import Example, Option, Rule, count_matches_from, occurrences, rule
from mtcheck.segment import WORD_RE

#: Interjections and lexicalised doubles that are fine anywhere ("bye bye", "ylang ylang").
LEGITIMATE_DOUBLES = frozenset(
    """
    bye ha ho la blah bla yada tut knock chop mama papa tsk boo hush pom cha bang pew beep choo
    dum ylang mahi tuk aye yo tom tick tock ding dong hip rah ooh oh ah aha wah woof meow ta
    """.split()
)
#: Words doubled on purpose inside a clause ("had had", "that that", "very very", "do do it"),
#: but never right before the end of a sentence ("as well well.").
CLAUSE_DOUBLES = frozenset(
    """
    had that is do well there now so very really much many far long way too more night no
    """.split()
)
#: Capitalised reduplicated names; a name doubled elsewhere in the same document also passes.
NAME_DOUBLES = frozenset(
    """
    bora walla pago wagga baden sing sirhan duran talk mahi ylang tora lang mau dum sri humbert
    major bam can cha chop yo bye knock night mumbo
    """.split()
)
#: Short function words that are never doubled on purpose in writing, even capitalised.
FUNCTION_WORDS = frozenset(
    """
    the a an and or but of to in on at for with by from as is are was were be it this then if
    i we you he she they that so not its their our my his her than into onto about
    """.split()
)
#: Function words that cannot end an English sentence ("the. The" is a stutter).
NON_FINAL = frozenset("the a an and or but of to in on at for with by from into onto than".split())

_CHUNK_RE = re.compile(r"\S+")
# one syllable of Pinyin or Cantonese romanisation (doubled given names: "Chow Sang Sang")
_SYLLABLE_RE = re.compile(r"(?:[bcdfghjklmnpqrstwxyz]|ch|sh|zh)?[aeiouy]{1,3}(?:n|ng|r|m|w|k|p|t)?")
_LEAD = "([{“‘\"'«„¿¡*_"
_TRAIL = ")]}”’\"'».,;:!?…*_"
_STOPS = frozenset(".!?…")
_NUMBER_RE = re.compile(r"\d[\d,.:/-]*")
#: a score or set result ("6-4"): the same one twice is two sets or two votes ("won 6-4
#: 6-4"); three times or more in a row is still a loop
_SCORE_RE = re.compile(r"\d{1,2}[-–]\d{1,2}")
_SPOKEN_MARKUP_RE = re.compile(
    r"[(\[](?:PERSON\d*|SPEAKER\s*\d*|laughter|applause|laughs|inaudible|crosstalk|"
    r"unintelligible|music)[)\]]|<(?:unintelligible|laugh|parallel_talk|noise)\b",
    re.IGNORECASE,
)
_FILLER_RE = re.compile(r"(?<![^\W\d_])(?:uh|um|uhm|erm|umm|uh-huh|mm-hmm)(?![^\W\d_])", re.I)


@dataclass(frozen=True, slots=True)
class Chunk:
    """A whitespace-delimited piece of text and its core without surrounding punctuation."""

    start: int
    end: int
    core_start: int
    core_end: int
    core: str  # lowercased
    trail: str  # punctuation after the core

    @property
    def has_alnum(self) -> bool:
        return any(c.isalnum() for c in self.core)


def _chunk(text: str, s: int, e: int) -> Chunk:
    raw = text[s:e]
    core = raw.lstrip(_LEAD)
    cs = s + (len(raw) - len(core))
    core = core.rstrip(_TRAIL)
    ce = cs + len(core)
    return Chunk(s, e, cs, ce, core.lower(), text[ce:e])


def _chunks(text: str, start: int, end: int) -> list[Chunk]:
    return [_chunk(text, *m.span()) for m in _CHUNK_RE.finditer(text, start, end)]


class _LazyChunks(Sequence[Chunk]):
    """The chunks of one paragraph, each built when first read: the rules read only the few
    around a repeat."""

    def __init__(
        self, text: str, start: int, end: int, lengths: Sequence[int] | None = None
    ) -> None:
        """``lengths``: the lengths of the paragraph's chunks, when one whitespace character
        separates each from the next (the usual case), so offsets follow from them without
        scanning; otherwise the chunks are found by scanning."""
        self.text = text
        self.start = start
        self.offsets: list[int] | None = None
        self.spans: list[tuple[int, int]] | None = None
        if lengths is not None and sum(lengths) + len(lengths) - 1 == end - start:
            self.offsets = list(accumulate(lengths, initial=0))
            self.size = len(lengths)
        else:
            self.spans = [m.span() for m in _CHUNK_RE.finditer(text, start, end)]
            self.size = len(self.spans)
        self.built: list[Chunk | None] = [None] * self.size

    def __len__(self) -> int:
        return self.size

    @overload
    def __getitem__(self, i: int) -> Chunk: ...

    @overload
    def __getitem__(self, i: slice) -> list[Chunk]: ...

    def __getitem__(self, i: int | slice) -> Chunk | list[Chunk]:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(self.size))]
        c = self.built[i]
        if c is None:
            if self.offsets is not None:
                k = i % self.size  # a negative index counts from the end, as in a list
                s = self.start + self.offsets[k] + k
                c = _chunk(self.text, s, s + self.offsets[k + 1] - self.offsets[k])
            else:
                assert self.spans is not None
                c = _chunk(self.text, *self.spans[i])
            self.built[i] = c
        return c


@dataclass(frozen=True, slots=True)
class _Repeats:
    """A paragraph that may hold a repeat: its chunks, the chunk indices where the next chunk
    may have the same core (``pairs``), and where a run of one to eight chunks may be followed
    by the same run (``squares``), both ascending and a superset of the real ones."""

    index: int
    chunks: Sequence[Chunk]
    pairs: list[int]
    squares: list[int]


def paragraph_chunks(a: Analysis) -> list[_Repeats]:
    """The paragraphs where a word or phrase may repeat back to back, in text order, computed
    once per document and shared by MT401 and MT402.

    Both rules act only where chunk cores repeat back to back ("in in", "in the city in the
    city"): elsewhere their scans just step on. So they visit only the places
    :func:`_repeat_places` finds, which gives the same findings.
    """

    def build(an: Analysis) -> list[_Repeats]:
        text = an.text
        paras = an.paragraphs
        places = _repeat_places(an)
        if places is None:  # every place of every paragraph
            out = []
            for k, p in enumerate(paras):
                chunks = _LazyChunks(text, p.start, p.end)
                every = list(range(len(chunks)))
                out.append(_Repeats(k, chunks, every, every))
            return out
        return [
            _Repeats(k, _LazyChunks(text, paras[k].start, paras[k].end, lengths), pairs, squares)
            for k, (pairs, squares, lengths) in sorted(places.items())
        ]

    return a.shared("repetition.chunks", build)


#: Lead and trail characters of chunks, stripped to compare chunks by (a superset of) their cores
_NOT_CORE = _LEAD + _TRAIL
#: the longest run of chunks whose immediate repeat is looked for
_SQUARE_MAX = 8
_PARAGRAPH_MARK = "\x00"


def _squares(codes: Any) -> tuple[Any, Any]:
    """Positions ``t`` where codes ``t .. t+p-1`` are followed by the same ``p`` codes, for
    some ``p`` from 1 to ``_SQUARE_MAX``: those where ``p`` = 1 (the next code is the same)
    and those for any ``p``, both ascending. Whole-array comparisons, one per shift."""
    import numpy as np

    n = len(codes)
    if n < 2:
        return np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.intp)
    pairs = codes[:-1] == codes[1:]
    square = np.zeros(n, dtype=bool)
    square[: n - 1] = pairs
    for p in range(2, _SQUARE_MAX + 1):
        m = n - 2 * p + 1  # starts with room for two runs of p
        if m <= 0:
            break
        same = codes[:-p] == codes[p:]  # same[i]: code i recurs p places on
        run = same[:m].copy()
        for k in range(1, p):
            run &= same[k : k + m]
        square[:m] |= run
    return np.flatnonzero(pairs), np.flatnonzero(square)


#: up to this many chunks, :func:`_squares_of` finds the repeats faster than NumPy, whose fixed
#: cost per array operation dominates on a segment or a short paragraph
_FEW_CHUNKS = 80


def _squares_of(keys: Sequence[object]) -> tuple[list[int], list[int]]:
    """:func:`_squares` of any sequence of keys compared by equality, in C-level iterator passes
    (one per shift) with set lookups only where a key recurs."""
    n = len(keys)
    pairs = list(compress(range(n - 1), map(eq, keys, keys[1:])))
    square = set(pairs)
    for p in range(2, _SQUARE_MAX + 1):
        m = n - 2 * p + 1
        if m <= 0:
            break
        same = set(compress(range(n - p), map(eq, keys, keys[p:])))
        for t in same:
            if t < m:
                for k in range(1, p):
                    if t + k not in same:
                        break
                else:
                    square.add(t)
    return pairs, sorted(square)


def _repeat_places(a: Analysis) -> dict[int, tuple[list[int], list[int], list[int]]] | None:
    """Per paragraph index, the chunk indices where the next chunk may have the same core, those
    where a run of one to eight chunks may be followed by the same run, and the lengths of the
    paragraph's chunks (paragraphs with no such place are left out); or None when every place
    must be tried.

    Every chunk becomes a key: the chunk lowercased and stripped of all lead and trail
    characters, so equal cores give equal keys. Paragraphs are separated by marks that never
    repeat within sixteen keys. A short document's keys go to :func:`_squares_of` as they are;
    a longer one's become 15-bit hash codes for :func:`_squares`, where hash collisions only
    add places. Lowercasing the text as a whole must agree with lowercasing each chunk, and the
    text must not hold the mark, else None.
    """
    paras = a.paragraphs
    low = _lowered(a)
    if low is None or _PARAGRAPH_MARK in a.text:
        return None
    if not paras:
        return {}
    joined = f" {_PARAGRAPH_MARK} ".join([low[p.start : p.end] for p in paras])
    chunks = joined.split()
    keys = map(str.strip, chunks, repeat(_NOT_CORE))
    pairs: list[int]
    squares: list[int]
    if len(chunks) <= _FEW_CHUNKS:
        marks = list(compress(count(), map(eq, chunks, repeat(_PARAGRAPH_MARK))))
        exact: list[object] = list(keys)
        for i in marks:
            exact[i] = i  # equal to no other key, so no repeat spans paragraphs
        pairs, squares = _squares_of(exact)
    else:
        import numpy as np  # here, so that commands that check nothing do not pay for numpy

        hashes = np.fromiter(map(hash, keys), dtype=np.int64, count=len(chunks))
        marks = [int(i) for i in np.flatnonzero(hashes == hash(_PARAGRAPH_MARK))]
        marks = [i for i in marks if chunks[i] == _PARAGRAPH_MARK]  # the text holds no mark
        codes = (hashes & 0x7FFF).astype(np.uint32)
        if marks:
            codes[marks] = 0x8000 + np.arange(len(marks), dtype=np.uint32) % 32
        pair_array, square_array = _squares(codes)
        pairs, squares = pair_array.tolist(), square_array.tolist()
    is_pair = set(pairs)
    places: dict[int, tuple[list[int], list[int], list[int]]] = {}
    for t in squares:
        k = bisect_right(marks, t)
        first = marks[k - 1] + 1 if k else 0
        found = places.get(k)
        if found is None:
            last = marks[k] if k < len(marks) else len(chunks)
            found = places[k] = ([], [], list(map(len, chunks[first:last])))
        if t in is_pair:
            found[0].append(t - first)
        found[1].append(t - first)
    return places


_MARKUP_START_RE = re.compile(r"[(\[<]")
_FILLER_STARTS = ("uh", "um", "erm", "mm-hmm")


def spoken_register(a: Analysis) -> bool:
    """Whether the document reads as a speech transcript (speaker tags, cues, fillers)."""

    def detect(an: Analysis) -> bool:
        text = an.text
        # both regexes are tried only where a match can start: at a bracket, and where the
        # lowercased text has the first letters of a filler
        if any(_SPOKEN_MARKUP_RE.match(text, m.start()) for m in _MARKUP_START_RE.finditer(text)):
            return True
        low = _lowered(an)
        if low is None:
            return sum(1 for _ in _FILLER_RE.finditer(text)) >= 2
        starts = chain.from_iterable(occurrences(low, head) for head in _FILLER_STARTS)
        return count_matches_from(_FILLER_RE, text, starts, 2) >= 2

    return a.shared("repetition.spoken", detect)


def _is_number(core: str) -> bool:
    return _NUMBER_RE.fullmatch(core) is not None


def _ends_clause(c: Chunk) -> bool:
    return any(ch in _STOPS for ch in c.trail)


def _lead(text: str, c: Chunk) -> str:
    """Opening brackets and quotes before the core: "energy (energy of" is a gloss, not a
    stutter, while "(ECB) (ECB)" repeats the whole chunk."""
    return text[c.start : c.core_start]


def _original(text: str, c: Chunk) -> str:
    return text[c.core_start : c.core_end]


@rule(
    code="MT401",
    name="repeated-word",
    category="fluency/grammar",
    severity="major",
    scope=Scope.PARAGRAPH,
    options=[
        Option("allow", [], "extra words that may be doubled (lowercase)"),
        Option(
            "spoken",
            "auto",
            "treat text as a speech transcript: auto (detect), always or never; in speech, "
            "restarts of function words mid-sentence ('in in the') are not flagged",
        ),
    ],
    flags=[
        "The minister said ⟦and and⟧ left.",
        "⟦The the⟧ talks resumed on Monday.",
        "They agreed ⟦to to to to⟧ meet.",
        "Prices rose ⟦sharply sharply⟧ in May.",
        "The summit opened in ⟦Geneva Geneva⟧.",
        "It ended the Middle East ⟦War War⟧.",
        "The law took effect in ⟦2019 2019⟧.",
        "The set went to a tie break at ⟦6-6 6-6 6-6⟧.",
        "The rate is set by the central bank (⟦ECB) (ECB⟧).",
        "Exports grew as ⟦well well⟧.",
        "It will be decided by ⟦the. The⟧ committee meets today.",
        "Is that ⟦right? Right⟧?",
    ],
    passes=[
        "What he had had was enough.",
        "He said that that was wrong.",
        "They flew to Bora Bora and Baden-Baden.",
        "The scores were 10 10 9 8 and 7.",
        "She won the final 6-4 6-4 on Sunday.",
        "He said no, no, no.",
        "Bye bye, she waved.",
        "The band Talk Talk and the pianist Lang Lang played.",
        "She bought the ring from Chow Sang Sang in Hong Kong.",
        "Well well, look who is here.",
        "Sales were very very strong in the U.S. U.S. stores reopened.",
        "(PERSON2) I think we should do it in in the next release.",
        "“No. No. No,” she said.",
    ],
)
def repeated_word(a: Analysis, opts: Mapping[str, Any]) -> Iterable[Hit]:
    """The same word twice or more in a row ("and and", "in Geneva Geneva.", "the. The").

    Why it matters:
        A stutter left by machine translation or an editing slip. It reads as a typo and
        undermines trust in the whole text.

    Example:
        The minister said and and left.
        Use instead: The minister said and left.

    Does not flag:
        Grammatical doubles (had had, that that), emphasis inside a clause (very very),
        reduplicated names (Bora Bora, Talk Talk, or a name the document doubles more than
        once), interjections (bye bye), numbers in a run of numbers, a score given twice
        (6-4 6-4: two sets; three times in a row is flagged), comma-separated repeats (left to repeated-phrase), and in speech transcripts the restart of a function word
        mid-sentence ("in in the"). Words in the ``allow`` option are also left alone.
    """
    text = a.text
    places = [r for r in paragraph_chunks(a) if r.pairs]
    if not places:
        return
    allow = LEGITIMATE_DOUBLES | {w.lower() for w in opts.get("allow", [])}
    mode = str(opts.get("spoken", "auto"))
    spoken = mode == "always" or (mode == "auto" and spoken_register(a))
    seen_names = _doubled_names_at(text, places)
    for place in places:
        chunks = place.chunks
        n = len(chunks)
        i = 0
        # the scan steps on by one chunk wherever the next chunk differs, so it can jump to the
        # next place where it may not
        for candidate in place.pairs:
            if candidate < i:
                continue
            i = candidate
            if i >= n - 1:
                break
            c1 = chunks[i]
            c2 = chunks[i + 1]
            if (
                c1.core != c2.core
                or not c1.has_alnum
                or any(ch in ",;:" for ch in c1.trail)
                or _lead(text, c1) != _lead(text, c2)
            ):
                i += 1
                continue
            j = i + 1
            while j + 1 < n and chunks[j + 1].core == c1.core and not _ends_clause(chunks[j]):
                if any(ch in ",;:" for ch in chunks[j].trail):
                    break
                j += 1
            prev = chunks[i - 1] if i > 0 and not _ends_clause(chunks[i - 1]) else None
            nxt = chunks[j + 1] if j + 1 < n else None
            if _flag_pair(text, c1, chunks[i + 1], prev, nxt, allow, spoken, j - i + 1, seen_names):
                last = chunks[j]
                yield Hit(
                    c1.core_start,
                    last.core_end,
                    f"Word repeated: '{text[c1.core_start : last.core_end]}'",
                    suggestion=_original(text, c1),
                )
                i = j + 1
            else:
                i = max(i + 1, j)


def _doubled_names_at(text: str, places: Sequence[_Repeats]) -> dict[str, int]:
    """:func:`_doubled_names` over the stretches of equal codes around the places where a chunk
    may repeat: a run of equal cores never crosses the edge of such a stretch, so the runs are
    the same as over whole paragraphs."""
    stretches: list[Sequence[Chunk]] = []
    for place in places:
        pairs = place.pairs
        k = 0
        while k < len(pairs):
            e = k
            while e + 1 < len(pairs) and pairs[e + 1] == pairs[e] + 1:
                e += 1
            stretches.append(place.chunks[pairs[k] : pairs[e] + 2])
            k = e + 1
    return _doubled_names(text, stretches)


def _doubled_names(text: str, paragraphs: Sequence[Sequence[Chunk]]) -> dict[str, int]:
    """How often each capitalised word occurs exactly doubled ("Bora Bora") in the document."""
    counts: dict[str, int] = {}
    for chunks in paragraphs:
        k = 0
        while k < len(chunks):
            e = k
            while e + 1 < len(chunks) and chunks[e + 1].core == chunks[k].core:
                e += 1
            if e == k + 1:
                w1 = _original(text, chunks[k])
                w2 = _original(text, chunks[e])
                if w1[:1].isupper() and w2[:1].isupper():
                    key = f"{w1} {w2}"
                    counts[key] = counts.get(key, 0) + 1
            k = e + 1
    return counts


def _flag_pair(
    text: str,
    c1: Chunk,
    c2: Chunk,
    prev: Chunk | None,
    nxt: Chunk | None,
    allow: frozenset[str] | set[str],
    spoken: bool,
    count: int,
    name_counts: dict[str, int],
) -> bool:
    """Decide whether chunk ``c1`` followed by its repeat ``c2`` is a stutter."""
    low = c1.core
    w1 = _original(text, c1)
    w2 = _original(text, c2)
    if _ends_clause(c1):
        # across a sentence stop: only a word that cannot end a sentence ("the. The"), or a
        # lone echo of the last word ("is that right? Right?") in written text
        if spoken or low in allow:
            return False
        if low in NON_FINAL:
            return True
        echo = prev is not None and _ends_clause(c2) and w1[:1].islower() and c2.trail == c1.trail
        return echo and low not in CLAUSE_DOUBLES
    if low in allow:
        return False
    final = _ends_clause(c2) or nxt is None
    if _is_number(low):
        # a doubled number after a word ("in 2017 2017"), not a run of numbers in a table
        return (
            (count > 2 or _SCORE_RE.fullmatch(low) is None)
            and prev is not None
            and any(ch.isalpha() for ch in prev.core)
            and (nxt is None or not _is_number(nxt.core))
        )
    if not any(ch.isalpha() for ch in low):
        return False
    if low in CLAUSE_DOUBLES:
        at_start = prev is None
        return final and not at_start
    if w1[:1].isupper() and w2[:1].isupper() and low not in FUNCTION_WORDS:
        if low in NAME_DOUBLES and count == 2:
            return False
        if count >= 3:
            return True  # a loop, never a name
        if (
            prev is not None
            and _original(text, prev)[:1].isupper()
            and _SYLLABLE_RE.fullmatch(low) is not None
            and _SYLLABLE_RE.fullmatch(prev.core) is not None
        ):
            return False  # a Chinese name with a doubled given name ("Chow Sang Sang")
        # a reduplicated name the document uses more than once is a name, not a stutter
        return name_counts.get(f"{w1} {w2}", 0) < 2
    # in speech, a restart of a function word mid-sentence is disfluency, not a stutter
    return not (spoken and count <= 3 and not final and low in FUNCTION_WORDS)


#: Deliberate repeated phrases (lowercased cores joined by spaces) that are never flagged.
DELIBERATE_PHRASES = frozenset(
    ["new york", "step by step", "little by little", "bit by bit", "thank you", "thanks a lot"]
)
_SPEECH_VERBS = frozenset(
    """
    said says told tells added adds stated states noted notes explained explains asked asks
    stressed insisted declared announced remarked commented continued wrote writes argued
    replied answered claimed warned concluded emphasised emphasized
    """.split()
)
_PRONOUNS = frozenset("he she they we i it you".split())
#: Auxiliaries after a comma-separated repeat: the second copy is the subject of a new clause
#: ("a promise to the user, the user will worry").
_CLAUSE_VERBS = frozenset(
    """
    will would can could shall should may might must is are was were has have had does did
    am be
    """.split()
)


#: Words that open a fronted adverbial clause, which a comma closes ("If the buyer waits for
#: the seller, the seller will ...").
_SUBORDINATORS = frozenset(
    """
    if when whenever because although though unless once after before since while whereas
    as until where
    """.split()
)


def _after_fronted_clause(chunks: Sequence[Chunk], i: int) -> bool:
    """Whether the sentence before chunk ``i`` opens with a subordinate clause, so that a
    comma after the first copy ends that clause and the second copy starts the main clause."""
    j = i - 1
    while j >= max(0, i - 40) and not _ends_clause(chunks[j]):
        if chunks[j].core in _SUBORDINATORS:
            return True
        j -= 1
    return False


def _inside_quotes(text: str, lo: int, pos: int) -> bool:
    """Whether ``pos`` lies inside a quotation that opened in ``text[lo:pos]``."""
    seg = text[lo:pos]
    curly = seg.rfind("“") > seg.rfind("”")
    return curly or seg.count('"') % 2 == 1


def _is_attribution(cores: Sequence[str]) -> bool:
    """A speech tag such as "he said" or "said the minister" (left to double-attribution)."""
    return any(c in _SPEECH_VERBS for c in cores) and len(cores) <= 4


@rule(
    code="MT402",
    name="repeated-phrase",
    category="fluency/grammar",
    severity="major",
    scope=Scope.PARAGRAPH,
    options=[
        Option("allow", [], "extra phrases that may be repeated (lowercase, words by spaces)"),
        Option(
            "quoted",
            "allow",
            "comma-separated repeats inside quotation marks: allow (deliberate speech) or flag",
        ),
        Option("spoken", "auto", "treat text as a speech transcript: auto, always or never"),
    ],
    flags=[
        "The talks ended in ⟦a crisis, a crisis⟧ for the coalition.",
        "Flights were cancelled ⟦in the city in the city⟧ on Monday.",
        "The plan was signed ⟦by the, by the, by the⟧ ministers.",
        "Rain is expected ⟦on Monday on Monday⟧.",
        "Officials met ⟦the, the⟧ envoy.",
        "Traders said demand from ⟦the building sector, the building sector⟧ had been weak.",
        "At night it switches to ⟦night mode, night mode⟧, which takes three seconds.",
        "Rain is expected ⟦on Monday, on Monday⟧ when the front arrives.",
        "He met ⟦the, the⟧ who were waiting.",
        Example(("She said: “It is ⟦a crisis, a crisis⟧.”",), {"quoted": "flag"}),
    ],
    passes=[
        "He said no, no, no.",
        "She shouted: “Location, location, location!”",
        "The song New York, New York was played.",
        "Scores were 6-4 6-4 in the final.",
        "It was very, very cold in Oslo.",
        "Read it again. Read it again slowly.",
        "She said: “It is a crisis, a crisis.”",
        "(PERSON3) I think if you if you look at the numbers it works.",
        "The market rose step by step, step by step.",
        "Service got worse and worse, and nobody called.",
        "Select Overall Options (overall options) in the menu.",
        "Thank you, thank you!",
        "If the parcel is late for the buyer, the buyer will complain.",
        "We must think of the children, the children who will inherit this planet.",
        "He went back to the village, the village where he grew up.",
        "Every child, every child who is born here, deserves a school.",
    ],
)
def repeated_phrase(a: Analysis, opts: Mapping[str, Any]) -> Iterable[Hit]:
    """A phrase repeated back to back ("in the city in the city", "a crisis, a crisis").

    Why it matters:
        Neural machine translation sometimes loops, emitting the same phrase two or more times.
        The repeat adds nothing and makes the sentence look machine-made.

    Example:
        The talks ended in a crisis, a crisis for the coalition.
        Use instead: The talks ended in a crisis for the coalition.

    Does not flag:
        A single word repeated with spaces only (that is repeated-word), a single word repeated
        with commas unless it is a function word ("no, no, no", "very, very"), comma-separated
        repeats inside quotations (option ``quoted``), capitalised names ("New York, New
        York"), runs of numbers, repeats across a sentence stop, speech tags (left to
        double-attribution), a phrase said again after a comma to open a relative clause
        ("the children, the children who will inherit it"), phrases in the ``allow`` option,
        and in speech transcripts a two-fold restart mid-sentence ("if you if you look").
    """
    text = a.text
    places = paragraph_chunks(a)
    if not places:
        return
    allow = DELIBERATE_PHRASES | {" ".join(p.lower().split()) for p in opts.get("allow", [])}
    quoted_ok = str(opts.get("quoted", "allow")) != "flag"
    mode = str(opts.get("spoken", "auto"))
    spoken = mode == "always" or (mode == "auto" and spoken_register(a))
    paragraphs = a.paragraphs
    for place in places:
        chunks = place.chunks
        p = paragraphs[place.index]
        n = len(chunks)
        i = 0
        # the scan steps on by one chunk where no phrase repeats, so it can jump to the next
        # place where one may
        for candidate in place.squares:
            if candidate < i:
                continue
            i = candidate
            if i >= n - 1:
                break
            found = _phrase_at(chunks, i, n)
            if found is None:
                i += 1
                continue
            size, reps = found
            unit = chunks[i : i + size]
            cores = [c.core for c in unit]
            sep = unit[-1].trail
            comma = any(ch in ",;:–—-" for ch in sep)
            any_comma = any(
                ch in ",;:" for k in range(1, reps) for ch in chunks[i + size * k - 1].trail
            )
            last = chunks[i + size * reps - 1]
            after = chunks[i + size * reps] if i + size * reps < n else None
            final = _ends_clause(last) or after is None
            skip = (
                " ".join(cores) in allow
                or all(_is_number(c) or not any(ch.isalpha() for ch in c) for c in cores)
                or (comma and any(_is_number(c) for c in cores))
                or _is_attribution(cores)
                or (size == 1 and (not comma or cores[0] not in NON_FINAL))
                or (comma and all(_original(text, c)[:1].isupper() for c in unit))
                or (comma and quoted_ok and _inside_quotes(text, p.start, unit[0].core_start))
                or (
                    comma
                    and after is not None
                    and after.core in _CLAUSE_VERBS
                    and _after_fronted_clause(chunks, i)
                )
                or (spoken and (any_comma or (reps == 2 and not final)))
                or (
                    comma
                    and reps == 2
                    and after is not None
                    and after.core in _RESTATING
                    and not last.trail.strip()
                    and _noun_phrase(cores)
                )
            )
            if skip:
                # past all but the last copy: keeps the scan linear on long loops
                i += max(1, size * (reps - 1))
                continue
            end = last.core_end
            yield Hit(
                unit[0].core_start,
                end,
                f"Phrase repeated {reps} times: '{text[unit[0].core_start : end]}'",
                suggestion=text[unit[0].core_start : unit[-1].core_end],
            )
            i += size * reps


#: Words after a noun phrase said again after a comma that show a restatement, which the second
#: copy opens to say more: "the children, the children who will inherit it", "the village, the
#: village where he grew up" (a comma after the second copy, "night mode, night mode, which",
#: is a stutter before a clause).
_RESTATING = frozenset("who whom whose which that where when".split())
_DETERMINERS = frozenset(
    """
    the a an this that these those our their my your his her its whose every each some many few
    several all both no any such one two three four five six seven eight nine ten
    """.split()
)


def _noun_phrase(cores: Sequence[str]) -> bool:
    """Whether lowercased words read as a noun phrase: a determiner, then words ending in one
    that is no function word ("the children", not "the" or "on Monday")."""
    return len(cores) >= 2 and cores[0] in _DETERMINERS and cores[-1] not in FUNCTION_WORDS


def _phrase_at(chunks: Sequence[Chunk], i: int, n: int) -> tuple[int, int] | None:
    """The longest-unit repeat starting at chunk ``i``: (words in the unit, repetitions)."""
    for size in range(min(8, (n - i) // 2), 0, -1):
        if chunks[i].core != chunks[i + size].core:
            continue
        unit = chunks[i : i + size]
        # no sentence stop inside the unit or between the repeats
        if any(_ends_clause(c) for c in unit):
            continue
        if any(ch in ",;:" for c in unit[:-1] for ch in c.trail):
            continue
        if not all(chunks[i + size + k].core == unit[k].core for k in range(size)):
            continue
        rep = chunks[i + size : i + 2 * size]
        if any(any(ch in ",;:" for ch in c.trail) for c in rep[:-1]):
            continue  # "worse and worse, and": the second copy is not the same phrase
        if rep[0].start != rep[0].core_start and unit[0].start == unit[0].core_start:
            continue  # "hosted environment (hosted environment)": a gloss in brackets
        if not any(c.has_alnum for c in unit):
            continue
        if any(
            size % d == 0 and all(unit[k].core == unit[k % d].core for k in range(size))
            for d in range(1, size)
        ):
            continue  # "Asia Asia Asia Asia" is a word repeated, not a phrase
        reps = 2
        while i + size * (reps + 1) <= n and all(
            chunks[i + size * reps + k].core == unit[k].core for k in range(size)
        ):
            if any(_ends_clause(c) for c in chunks[i + size * (reps - 1) : i + size * reps]):
                break
            reps += 1
        return size, reps
    return None


# --- MT403 ------------------------------------------------------------------------------------

_FORMULAIC_MIN_WORDS = 7
_FINAL_PUNCT = frozenset(".!?…\"'”’)]»")


_zipf = lexicon.english_zipf


@cache
def _fuzz() -> Any:
    """rapidfuzz's ``fuzz`` module, imported once on first use (an import statement in a
    function called per sentence costs more than the comparison it guards)."""
    from rapidfuzz import fuzz

    return fuzz


@cache
def _chrf() -> Any:
    from sacrebleu.metrics import CHRF

    return CHRF()


@lru_cache(maxsize=8192)
def _chrf_score(hypothesis: str, reference: str) -> float:
    """chrF of one sentence against another; generated and syndicated text repeats the same
    sentences across documents, so the same pairs come back."""
    return float(_chrf().sentence_score(hypothesis, [reference]).score)


class _RankTable(dict[str, tuple[float, str]]):
    """Each word's sort key among a sentence's words, rarest first: (:func:`_zipf`, word),
    as a dict so that looking up a known word is a C call and sorting builds no tuple."""

    def __missing__(self, word: str) -> tuple[float, str]:
        if len(self) >= _RANK_MAX:
            self.clear()  # bounded, so text of any vocabulary keeps memory flat
        key = (_zipf(word), word)
        self[word] = key
        return key


_RANK_MAX = memo.WORD_TABLES
_RANK = _RankTable()


def _sentence_key(text: str) -> tuple[str, tuple[str, ...]]:
    words = tuple(m.group().lower() for m in WORD_RE.finditer(text))
    return " ".join(words), words


def _lowered(a: Analysis) -> str | None:
    """The document lowercased, when lowercasing it whole equals lowercasing each word (no
    character lowers to two, no capital sigma, whose lower form depends on its neighbours),
    so that words can be cut from it directly; otherwise None."""

    def lower(an: Analysis) -> str | None:
        low = an.text.lower()
        return low if len(low) == len(an.text) and "Σ" not in an.text else None

    return a.shared("repetition.lower", lower)


@rule(
    code="MT403",
    name="duplicate-sentence",
    category="fluency/inconsistency",
    severity="major",
    scope=Scope.DOCUMENT,
    options=[
        Option("min_words", _FORMULAIC_MIN_WORDS, "shorter sentences are never compared"),
        Option("threshold", 90.0, "chrF score (0-100) from which two sentences count as the same"),
    ],
    flags=[
        "The ministry confirmed the new budget for rural schools on Monday. Teachers welcomed it. "
        "⟦The ministry confirmed the new budget for rural schools on Monday.⟧",
        "The company said its profits rose by ten percent in the third quarter.\n\n"
        "Analysts had expected less. "
        "⟦The company said its profit rose by ten percent in the third quarter.⟧",
        "The battery lasts a full day, and the fast charger fills it from zero to full in about "
        "an hour. The camera is good. ⟦The fast charger fills it from zero to full in just about "
        "an hour.⟧",
        "The hotel has a pool with sun loungers, a rooftop bar and a restaurant serving local "
        "dishes made with fresh fish. Rooms are quiet. ⟦The hotel has a pool with sun loungers, "
        "a rooftop bar and a restaurant serving local dishes.⟧",
    ],
    passes=[
        "Thank you. We are glad to be here. Thank you.",
        "Thank you all very much indeed. We start now. Thank you all very much indeed.",
        "Yes. (Laughter) Yes.",
        "Our new app makes travel planning simple\n\nOur new app makes travel planning simple. "
        "It works offline.",
        "The ministry confirmed the budget on Monday. The ministry rejected the budget on Friday "
        "after a long and bitter debate.",
        "Prices rose in May by 3.5 percent. Prices rose in June by 4.1 percent.",
        "“We will rebuild the bridge,” said Mayor Ana Ruiz. Residents cheered the decision.",
        "The council will vote on the budget for schools and roads next week. Residents said "
        "they hoped the council will vote on the budget for schools and hospitals too, and "
        "soon.",
    ],
)
def duplicate_sentence(a: Analysis, opts: Mapping[str, Any]) -> Iterable[Hit]:
    """The same or nearly the same sentence twice in one document.

    Why it matters:
        Segment-level machine translation and careless merging of translated chunks repeat whole
        sentences. Readers notice immediately and the text looks unedited.

    Example:
        The ministry confirmed the budget on Monday. Teachers welcomed it. The ministry confirmed
        the budget on Monday.
        Use instead: delete the second copy.

    Does not flag:
        Short formulaic sentences ("Thank you.", "(Laughter)", "Yes."): sentences with fewer
        than ``min_words`` words are never compared. Sentences that share a frame but differ in
        their facts (another month, another figure) score below the chrF ``threshold``. A
        sentence found again inside a longer one counts only when it has 10 words or more and
        nearly all of it recurs there, and a later sentence that restates an earlier one and
        goes on.
    """
    text = a.text
    min_words = int(opts.get("min_words", _FORMULAIC_MIN_WORDS))
    threshold = float(opts.get("threshold", 90.0))
    seen_exact: dict[str, int] = {}
    # candidates bucketed by their rarest words, so long documents compare few pairs
    buckets: dict[str, list[int]] = {}
    items: list[tuple[int, int, str, int]] = []  # start, end, normalised, word count
    paras = a.paragraphs
    # lowercasing a sentence's tokens joined by spaces lowercases each of them when the whole
    # text lowercases in place; the tokens are the ones every scan cuts anyway
    in_place = _lowered(a) is not None
    rank = _RANK.__getitem__
    for s, tokens in zip(a.sentences, a.sentence_tokens, strict=True):
        if len(tokens) < min_words:
            continue
        para = paras[s.paragraph]
        if text[para.end - 1] not in _FINAL_PUNCT:
            # a headline, title or teaser line is often restated by the first sentence below it
            continue
        words: Sequence[str]
        if in_place:
            norm = " ".join(tokens).lower()
            words = norm.split(" ")
        else:
            norm, words = _sentence_key(text[s.start : s.end])
        idx = len(items)
        items.append((s.start, s.end, norm, len(words)))
        first = seen_exact.get(norm)
        if first is not None:
            yield _dup_hit(text, items[first], s.start, s.end, 100.0)
            continue
        seen_exact[norm] = idx
        if len(norm) > _FUZZY_MAX_CHARS:
            # a run-on this long is compared only whole: the fuzzy scores cost the product of
            # the lengths compared
            continue
        kinds = set(filterfalse(str.isdigit, words))
        rare = sorted(kinds, key=rank)[:3]  # keys are unique: (Zipf, word)
        match = None
        if not buckets.keys().isdisjoint(rare):  # else no earlier sentence shares a rare word
            match = _near_match(items, buckets, rare, norm, len(words), threshold)
        if match is not None:
            j, score = match
            yield _dup_hit(text, items[j], s.start, s.end, score)
            continue
        for w in rare:
            buckets.setdefault(w, []).append(idx)


def _near_match(
    items: Sequence[tuple[int, int, str, int]],
    buckets: Mapping[str, list[int]],
    rare: Sequence[str],
    norm: str,
    nwords: int,
    threshold: float,
) -> tuple[int, float] | None:
    fuzz = _fuzz()

    tried: set[int] = set()
    for w in rare:
        for j in buckets.get(w, ()):
            if j in tried:
                continue
            tried.add(j)
            other = items[j]
            # a cheap edit-distance screen before the chrF score
            if 0.8 <= other[3] / nwords <= 1.25 and fuzz.ratio(norm, other[2]) >= threshold - 10:
                score = _chrf_score(norm, other[2])
                if score >= threshold:
                    return j, score
            contained = _contained(norm, nwords, other, threshold)
            if contained is not None:
                return j, contained
    return None


#: Sentences longer than this (about 170 words: run-ons, which MT601 reports) are compared
#: with others only for an exact repeat.
_FUZZY_MAX_CHARS = 1000

#: A sentence repeated inside a longer one must have at least this many words.
_CONTAINED_MIN_WORDS = 10


def _contained(
    norm: str, nwords: int, other: tuple[int, int, str, int], threshold: float
) -> float | None:
    """chrF of a later, shorter sentence against its best-matching stretch of an earlier,
    longer one, when it nearly repeats a whole clause of it ("... and the charger fills it in 62
    minutes." / "The charger fills it in just 62 minutes.")."""
    fuzz = _fuzz()

    if nwords >= other[3] or nwords < _CONTAINED_MIN_WORDS:
        # a later sentence that takes up an earlier one and goes on is a speaker's restatement;
        # a later one that repeats a clause of an earlier one and adds nothing is a duplicate
        return None
    short, long_ = norm, other[2]
    found = fuzz.partial_ratio_alignment(short, long_, score_cutoff=threshold)
    if found is None:
        return None
    piece = long_[found.dest_start : found.dest_end]
    score = _chrf_score(short, piece)
    return score if score >= threshold else None


def _dup_hit(
    text: str, first: tuple[int, int, str, int], start: int, end: int, score: float
) -> Hit:
    head = " ".join(text[first[0] : first[1]].split())
    if len(head) > 60:
        head = head[:57] + "..."
    kind = "repeats" if score >= 100.0 else f"nearly repeats (chrF {score:.0f})"
    return Hit(start, end, f"Sentence {kind} an earlier one: '{head}'")


# --- MT404 ------------------------------------------------------------------------------------

_VERBS = "|".join(sorted(_SPEECH_VERBS))
_NAME = r"[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,3}"
_SUBJ = rf"(?:[Hh]e|[Ss]he|[Tt]hey|[Ww]e|I|{_NAME}|(?:[Tt]he|[Hh]is|[Hh]er)\s+[a-z]+(?:\s+[a-z]+)?)"
# an attribution right before a quotation: "Yusuf said: “" / "He told reporters, “"
_PRE_RE = re.compile(rf"(?<![\w’'])({_SUBJ})\s+(?:{_VERBS})\b[^.!?“”\"]{{0,40}}[:,]\s*[“\"]$")
# an attribution tag right after the closing quote that ends its clause: "” he said." / "”
# said Yusuf,"
_POST_RE = re.compile(
    rf"[,.]?\s+(?:(?P<s1>{_SUBJ})\s+(?P<v1>{_VERBS})|(?P<v2>{_VERBS})\s+(?P<s2>{_SUBJ}))"
    r"(?=\s*(?:[.,;!?]|$))"
)
_QUOTE_RE = re.compile(r"“[^“”]{1,2000}”|\"[^\"]{1,2000}\"")
# "According to Wang, “": the quotation is attributed before it opens
_ACCORDING_RE = re.compile(rf"(?<![\w’'])[Aa]ccording to ({_NAME}),\s*[“\"]$")
# a speech tag after a quotation that ends with a comma (",” he said at a ceremony"): with the
# comma inside the quote, what follows is the tag however the sentence goes on
_POST_LOOSE_RE = re.compile(
    rf"\s+(?:(?P<s1>{_SUBJ})\s+(?P<v1>{_VERBS})|(?P<v2>{_VERBS})\s+(?P<s2>{_SUBJ}))\b"
)
# a named tag with an object after a quotation: "” Ashraf told reporters."
_POST_OBJECT_RE = re.compile(
    rf"[,.]?\s+(?P<tag>{_NAME}\s+(?:{_VERBS})\s+[a-z]+(?:\s+[a-z]+)?)(?=\s*[.,;])"
)


def _same_speaker(pre: str, post: str) -> bool:
    a = " ".join(pre.lower().split())
    b = " ".join(post.lower().split())
    if a in _PRONOUNS and b in _PRONOUNS:
        return a == b
    # a name and then a pronoun ("Yusuf said: “…,” he said") refer to the same speaker
    return a == b or b in _PRONOUNS


@rule(
    code="MT404",
    name="double-attribution",
    category="fluency/grammar",
    severity="minor",
    scope=Scope.PARAGRAPH,
    flags=[
        "Yusuf said: “We will open the border next week,” ⟦Yusuf said⟧.",
        "“Prices will fall soon,” he said, ⟦he said⟧.",
        "The minister told reporters: “The deal is done.” ⟦He said⟧.",
        "According to Wang, “Europe is our biggest market,” ⟦he said⟧ at the ceremony.",
        "Ashraf told reporters that the demand was simple. “The border must stay open,” "
        "⟦Ashraf told reporters⟧.",
    ],
    passes=[
        "Yusuf said: “We will open the border next week.”",
        "“Prices will fall soon,” he said, adding that wages would rise.",
        "He said: “Yes,” and she said: “No.”",
        "Ahmed asked: “When?” Maria replied.",
        "He asked: “Why?” She said.",
        "“We won,” said coach Dan Ortiz. He said the team was tired.",
        "According to the survey, “most people are happy,” she said.",
        "Ashraf said the demand was simple. “The border must stay open,” he told reporters.",
        "According to Wang, “Europe matters.” He said sales would rise.",
    ],
)
def double_attribution(a: Analysis, opts: Mapping[str, Any]) -> Iterable[Hit]:
    """One quotation attributed twice ("Yusuf said: “…,” Yusuf said").

    Why it matters:
        Translation systems that move the speech tag from the front of a quotation to its end
        (as English news style does) sometimes keep both, so the speaker is named twice.

    Example:
        Yusuf said: “We will open the border next week,” Yusuf said.
        Use instead: “We will open the border next week,” Yusuf said.

    Does not flag:
        A tag that continues the sentence ("he said, adding that ..."), a second speaker who
        answers ("Maria replied"), a new sentence about the speaker after the quotation
        ("He said the team was tired"), a source that is not a speaker ("according to the
        survey"), and the usual "he told reporters" after a paraphrase by the same speaker.
    """
    text = a.text
    for p, m in _quotations(a):
        qs, qe = m.start(), m.end()
        window = text[max(p.start, qs - 120) : qs + 1]
        # both lead-in patterns end in a colon or comma before the opening quote: test
        # that first instead of searching the window from every position
        pre = None
        if window[:-1].rstrip()[-1:] in (":", ","):
            pre = _PRE_RE.search(window) or _ACCORDING_RE.search(window)
        after = text[qe : min(p.end, qe + 80)]
        post = _POST_RE.match(after)
        if post is None and pre is not None and text[qe - 2 : qe - 1] == ",":
            post = _POST_LOOSE_RE.match(after)
        if post is None:
            tagged = _POST_OBJECT_RE.match(after)
            if tagged is not None:
                # the same tag word for word opened the sentence that leads into the
                # quotation: "Ashraf told reporters that ... “…,” Ashraf told reporters."
                tag = " ".join(tagged.group("tag").split())
                lead = " ".join(text[max(p.start, qs - 300) : qs].split())
                if f"{tag} that " in lead or f"{tag}: " in lead:
                    yield _attr_hit(
                        text, qe, qe + tagged.end(), "the same tag introduced the quotation"
                    )
            continue
        speaker = post.group("s1") or post.group("s2") or ""
        if pre is not None and _same_speaker(pre.group(1), speaker):
            yield _attr_hit(text, qe, qe + post.end(), "the quotation is already attributed")
            continue
        # "“…,” he said, he said": the tag itself doubled
        again = _POST_RE.match(text[qe + post.end() : min(p.end, qe + post.end() + 80)])
        if again is not None:
            second = again.group("s1") or again.group("s2") or ""
            if _same_speaker(speaker, second) and again.group()[:1] in ",.":
                s = qe + post.end()
                yield _attr_hit(text, s, s + again.end(), "the speech tag is repeated")


def _quotations(a: Analysis) -> list[tuple[Span, re.Match[str]]]:
    """The quotations of each paragraph with their paragraph, in text order.

    A single scan of the whole text finds what a scan per paragraph would as long as no match
    strays outside a paragraph (a quotation may run over the lines of a wrapped paragraph, and
    a quotation over several paragraphs leaves each but the last open); if one does, the scan
    per paragraph decides.
    """
    text = a.text
    paras = a.paragraphs
    found: list[tuple[Span, re.Match[str]]] = []
    for m in _QUOTE_RE.finditer(text):
        k = bisect_right(paras, m.start(), key=_SPAN_START) - 1
        if k < 0 or m.end() > paras[k].end:
            return [(p, q) for p in paras for q in _QUOTE_RE.finditer(text, p.start, p.end)]
        found.append((paras[k], m))
    return found


_SPAN_START = attrgetter("start")


def _attr_hit(text: str, start: int, end: int, why: str) -> Hit:
    while start < end and text[start] in " ,.":
        start += 1
    return Hit(start, end, f"Double attribution ({why}): '{text[start:end].strip()}'")


RULES: list[Rule] = [repeated_word, repeated_phrase, duplicate_sentence, double_attribution]
