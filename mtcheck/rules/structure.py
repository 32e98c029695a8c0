"""Rules of family MT6xx: sentence structure (run-ons, missing ends, truncation, non-words)."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from itertools import islice
from typing import Any

from mtcheck import lexicon, memo, sounds
from mtcheck.analysis import Analysis
from mtcheck.metrics.words import token_counts
from mtcheck.model import Hit, Scope, Severity
from mtcheck.names import word_types
from mtcheck.rules.base import Option, Rule, count_matches_from, occurrences, rule
from mtcheck.rules.language import LANGUAGE_NAME_RE, in_foreign_quote
from mtcheck.rules.repetition import spoken_register
from mtcheck.rules.words import FUNCTION_WORDS, LOAN_PHRASES, MENTION_NEXT
from mtcheck.segment import WORD_RE
from mtcheck.sounds import first_sound

_LIST_ITEM_RE = re.compile(r"\s*(?:[-*•–—▪►✓]\s|\d{1,3}[.)]\s|[a-zA-Z][.)]\s|\(\w{1,3}\)\s)")
_CAPTION_RE = re.compile(
    r"(?i)\s*(?:photo|image|picture|video|graphic|figure|fig\.|table|chart|source|credit|"
    r"file photo|caption|illustration|map)\b"
)
# "Term: definition" lines of glossaries and fact boxes
_LABEL_RE = re.compile(r"[A-Z][\w ]{0,30}:\s")
_BYLINE_RE = re.compile(r"(?i)\s*(?:by|from|reporting by|edited by|written by|with)\s+\S")
# Social and chat register: hashtags, handles, links, emoji, transcript tags. A post without a
# final full stop is its genre's convention, not a lost stop.
_INFORMAL_RE = re.compile(
    r"(?<!\w)[#@]\w|https?://|www\.|<URL>|<[a-z_]+/>|[(\[](?:PERSON|ORGANI[SZ]ATION)\d|"
    r"[\U0001F300-\U0001FAFF\u2600-\u27BF]|:\w+:"
)


# Where a match of _INFORMAL_RE can start (a link is found by its "://" or "www.")
_INFORMAL_START_RE = re.compile(r"[#@<(\[:\U0001F300-\U0001FAFF\u2600-\u27BF]")


def _count_informal(text: str) -> int:
    """How many marks of social or chat register ``_INFORMAL_RE.finditer`` finds, up to two.

    ``_INFORMAL_RE`` opens with a lookbehind and an alternation, so searching with it tries
    every position of the text; every match starts at one of a few rare characters, so only
    those positions are tried, in order and without overlap, as ``finditer`` would.
    """
    starts: list[int] = []
    for m in _INFORMAL_START_RE.finditer(text):
        p = m.start()
        starts.append(p)
        if text.startswith("://", p):
            starts.extend(q for q in (p - 4, p - 5) if q >= 0)  # "http://", "https://"
    starts.extend(occurrences(text, "www."))
    return count_matches_from(_INFORMAL_RE, text, starts, 2)


def _informal_marks(a: Analysis) -> int:
    """:func:`_count_informal` of the document, computed once and shared by the MT6 rules.
    Two or more marks make a post, chat or transcript (one link or hashtag in an article is
    not enough)."""
    return a.shared("structure.informal", lambda an: _count_informal(an.text))


_ARTICLES = frozenset("the a an".split())
_CLAUSE_WORDS = frozenset(
    """
    is are was were be been being has have had do does did will would can could shall should
    may might must it he she they we i you this that which who whom whose there
    """.split()
)
_FUNCTION_WORDS = (
    _ARTICLES
    | _CLAUSE_WORDS
    | frozenset(
        """
        of to in on at for with by from as and or but if than then so not no its his her their
        our my your these those into about after before over under between while because
        """.split()
    )
)


def _words(text: str, start: int, end: int) -> list[str]:
    return WORD_RE.findall(text, start, end)


_CORE_AUX = frozenset("is are was were be been being has have had am".split())
_PRONOUNS = frozenset("i you he she it we they this these those there".split())


def _sentence_like(words: list[str], min_words: int) -> bool:
    """Whether a line reads as a sentence of running prose rather than a headline or label.

    Title-case headlines capitalise every content word; sentence-case headlines drop articles,
    auxiliaries and pronouns ("Minister quits over expenses row") and are short. Running prose
    has lowercase content words and several of: an article, an auxiliary, a pronoun, length.
    """
    n = len(words)
    if n < min_words:
        return False
    low = [w.lower() for w in words]
    lower_content = sum(
        1
        for w in words[1:]
        if len(w) >= 4 and w.islower() and w not in _FUNCTION_WORDS and w.isalpha()
    )
    if lower_content < 2:
        return False
    score = (
        any(w in _ARTICLES for w in low)
        + any(w in _CORE_AUX for w in low)
        + any(w in _PRONOUNS for w in low)
        + (n >= 14)
        + (n >= 20)
        + (lower_content >= 4)
    )
    return score >= 3


_CASUAL_RE = re.compile(r"\.\.\.|…|!!|\?\?|(?<!\S)i(?!\S)|(?<!\w)(?:lol|btw|imo|omg)(?!\w)")
# the two word branches of _CASUAL_RE with a literal first, which ``re`` finds fast
_CASUAL_WORD_RE = re.compile(r"i(?<!\Si)(?!\S)|(?:lol|btw|imo|omg)(?<!\w...)(?!\w)")


def _casual(line: str) -> bool:
    """``_CASUAL_RE.search(line) is not None``, without trying the regex at every position."""
    return (
        "..." in line
        or "…" in line
        or "!!" in line
        or "??" in line
        or _CASUAL_WORD_RE.search(line) is not None
    )


_STOPS = frozenset(".!?…:;")
_PAIRS = {")": "(", "]": "[", "}": "{", "”": "“", "’": "‘", "»": "«", '"': '"', "'": "'"}


def _terminated(text: str, start: int, end: int) -> bool:
    """Whether a paragraph ends with final punctuation (possibly inside closing quotes).

    A closing quote or bracket counts only after a stop (``."`` ``.)``) or when it closes a
    paragraph that is one quotation or aside as a whole ("(Applause)").
    """
    i = end
    while i > start and (text[i - 1] in _PAIRS or (i < end and text[i - 1] == " ")):
        i -= 1
    if i < end and text[i - 1] in _STOPS:
        return True  # also a tokenised end: ' island . "'
    i = end
    while i > start and text[i - 1] in _PAIRS:
        i -= 1
    if i == end:
        return text[end - 1] in _STOPS
    return text[start] == _PAIRS[text[end - 1]] and text.find(text[end - 1], start + 1) == end - 1


def _punctuates_paragraphs(a: Analysis, skip: int) -> bool:
    """Whether the other prose paragraphs (at least three) all end with final punctuation.

    Only paragraphs that read as running prose count: navigation, labels, headlines and
    footers of a scraped page ("Share this article", "Home | News") end without a stop in
    careful text too.
    """
    paras = a.paragraphs
    prose = _ProseParagraphs.of(a)
    # an unterminated prose paragraph other than the first and ``skip`` decides at once; the
    # unterminated paragraphs are few, the terminated ones are only counted up to three
    if any(j not in (0, skip) and prose.is_prose(j) for j in prose.unterminated()):
        return False
    count = 0
    for j in range(1, len(paras)):
        if j != skip and prose.is_terminated(j) and prose.is_prose(j):
            count += 1
            if count >= 3:
                return True
    return False


class _ProseParagraphs:
    """Per-document memo of which paragraphs end with final punctuation and which read as
    running prose, each computed only when asked."""

    def __init__(self, a: Analysis) -> None:
        self.text = a.text
        self.paragraphs = a.paragraphs
        self._prose: dict[int, bool] = {}
        self._unterminated: list[int] | None = None

    @staticmethod
    def of(a: Analysis) -> _ProseParagraphs:
        return a.shared("structure.prose", _ProseParagraphs)

    def is_terminated(self, j: int) -> bool:
        p = self.paragraphs[j]
        return self.text[p.end - 1] in _STOPS or _terminated(self.text, p.start, p.end)

    def unterminated(self) -> list[int]:
        if self._unterminated is None:
            self._unterminated = [
                j for j in range(len(self.paragraphs)) if not self.is_terminated(j)
            ]
        return self._unterminated

    def is_prose(self, j: int) -> bool:
        found = self._prose.get(j)
        if found is None:
            p = self.paragraphs[j]
            found = _sentence_like(_words(self.text, p.start, p.end), 8)
            self._prose[j] = found
        return found


def _final_token(text: str, start: int, end: int) -> tuple[int, int]:
    """Span of the last whitespace-delimited token of ``text[start:end]``."""
    i = end
    while i > start and not text[i - 1].isspace():
        i -= 1
    return i, end


@rule(
    code="MT602",
    name="unterminated-sentence",
    category="fluency/punctuation",
    severity="minor",
    scope=Scope.PARAGRAPH,
    confidence=0.75,
    options=[
        Option("min_words", 8, "shorter lines are taken for headlines or labels"),
    ],
    flags=[
        "The ministry said the new rules would take effect next month and apply to all "
        "importers of the ⟦goods⟧",
        "Talks Resume in Doha\n\nThe two delegations met on Monday. They will meet again "
        "next week.\n\nOfficials said that the talks had been useful and that a deal was "
        "now within ⟦reach⟧\n\nNo date has been set for a signing.",
        "Home | News | Sport\n\nTalks Resume in Doha\n\nThe delegations met on Monday. "
        "They will meet again next week.\n\nAdvertisement\n\nOfficials said the talks had "
        "been useful. A deal was now within ⟦reach⟧\n\nNo date has been set for a signing, "
        "and the mediators have left the city.\n\nThe next round is expected in May, "
        "officials said.\n\nShare this article",
    ],
    passes=[
        "Government Announces New Fuel Tax",
        "Minister resigns over expenses row after weeks of pressure from his own party",
        "Talks Resume in Doha\n\nThe delegations met on Monday.\n\nKey points:\n\n"
        "- A ceasefire from May 1\n- Prisoner exchanges\n\nA deal is expected soon.",
        "Photo: Dr. Amina Yusuf speaking in Geneva\n\nShe said the plan would work.",
        "Talks stall\n\nThe delegations left Doha.\n\nWhy the government is struggling to "
        "contain the crisis\n\nPrices have doubled since May.",
        "The U.S. envoy arrived on Tuesday (local time)",
        "Great deal on this kettle, works fine #kitchen",
    ],
)
def unterminated_sentence(a: Analysis, opts: Mapping[str, Any]) -> Iterable[Hit]:
    """A paragraph of running prose that ends without a full stop, question or exclamation mark.

    Why it matters:
        Machine translation and segment re-assembly drop the final stop of a segment, so a
        sentence runs into the next paragraph or just stops. Readers notice it at once.

    Example:
        Officials said that the talks had been useful and that a deal was now within reach
        Use instead: Officials said that the talks had been useful and that a deal was now
        within reach.

    Does not flag:
        Headlines (the first paragraph of a longer text, title-case lines, headline-style
        lines without articles or auxiliaries), list items, captions, bylines, lines ending in
        a colon or a closing quote or bracket, table rows, posts in social-media register
        (hashtags, handles, links, emoji), and in line mode lines that read as titles. The end
        of a text cut mid-sentence is left to truncated-document.
    """
    text = a.text
    paras = a.paragraphs
    if not paras:
        return
    # most paragraphs end with a stop: find the few that do not before anything else
    open_ends = _ProseParagraphs.of(a).unterminated()
    if not open_ends or _informal_marks(a) >= 2:
        return
    lines_mode = a.document.lines_mode
    sentence_count = Counter(s.paragraph for s in a.sentences)
    min_words = int(opts.get("min_words", 8))
    for i in open_ends:
        p = paras[i]
        if i == len(paras) - 1 and _truncation(a) is not None:
            continue  # reported by truncated-document
        if not lines_mode and i == 0 and len(paras) > 1 and sentence_count[0] < 2:
            continue  # the headline
        line = text[p.start : p.end]
        if "\t" in line or "|" in line:
            continue
        if (
            _LIST_ITEM_RE.match(line)
            or _CAPTION_RE.match(line)
            or _BYLINE_RE.match(line)
            or _LABEL_RE.match(line)
        ):
            continue
        if text[p.end - 1] in ",-–—" or _casual(line) or _count_informal(line):
            continue
        if sentence_count[i] > 1 and not _punctuates_paragraphs(a, i):
            # several sentences and no sign the writer ends paragraphs with a stop: in user
            # text a paragraph without a final stop is a habit, not a loss
            continue
        words = _words(text, p.start, p.end)
        if not lines_mode and i < len(paras) - 1 and len(words) < 12:
            continue  # a short line followed by more text: a subheading ("Why talks stalled")
        if not _sentence_like(words, min_words):
            continue
        s, e = _final_token(text, p.start, p.end)
        yield Hit(
            s,
            e,
            f"Paragraph ends without final punctuation after '{text[s:e]}'",
            suggestion=f"{text[s:e]}.",
        )


_TRUNC_WORDS = frozenset(
    """
    the a an and or nor but my your our their its whose than because although whether
    whereas
    """.split()
)
_OPENERS = "([{“‘«\"'"
#: Modal verbs: a text that stops after a modal and an adverb lost the verb ("can still"); a
#: modal alone can end a clause by ellipsis ("whether it really can").
_MODALS = frozenset("can could will would shall should may might must".split())
#: Words that end a text only when something was cut off after them in these positions.
_STRANDED_WORDS = frozenset("to still also even only just not never already soon".split())
#: Verbs and adjectives that take a to-infinitive ("help to", "able to").
_INFINITIVE_TAKERS = frozenset(
    """
    help helps helped able unable plans planned aims aimed hopes hoped expects expected
    intends intended seeks sought promised pledged vowed agreed decided continue continues
    likely set due going
    """.split()
)


def _truncation(a: Analysis) -> tuple[int, int, str] | None:
    """Where and why the text looks cut off mid-sentence, or None."""
    text = a.text
    if not a.paragraphs:
        return None
    last = a.paragraphs[-1]
    end = last.end
    ch = text[end - 1]
    if ch == "," or ch in "([{“‘«":
        return end - 1, end, f"ends with '{ch}'"
    if ch in "\"'" and (end - 1 == last.start or text[end - 2].isspace()):
        return end - 1, end, "ends with an opening quote"
    s, e = _final_token(text, last.start, end)
    while s < e - 1 and text[s] in _OPENERS:
        s += 1
    token = text[s:e]
    low = token.lower()
    if low in _TRUNC_WORDS and e - s < end - last.start:
        return s, e, f"ends with '{token}'"
    if low in _STRANDED_WORDS and text[end - 1].isalpha():
        prev = _words(text, max(last.start, s - 40), s)
        before = prev[-1].lower() if prev else ""
        # "it will help to", "companies can still": an infinitive marker after a verb that
        # takes one, or a modal and an adverb with the verb missing; a short line is a title
        if len(_words(text, last.start, end)) >= 8 and (
            (low == "to" and before in _INFINITIVE_TAKERS)
            or (low in _STRANDED_WORDS and low != "to" and before in _MODALS)
        ):
            return s, e, f"ends with '{before} {token}'"
    if (
        token.isalpha()
        and token.islower()
        and len(token) >= 3
        and lexicon.zipf(token) < 2.5
        and not lexicon.in_dictionary(token)
        and lexicon.completion(token) is not None
    ):
        # a word cut in the middle: "the governm"
        before = text[max(last.start, s - 200) : s]
        if _words(before, 0, len(before)):
            return s, e, f"ends in the middle of a word ('{token}')"
    return None


@rule(
    code="MT603",
    name="truncated-document",
    category="accuracy/omission",
    severity="major",
    scope=Scope.DOCUMENT,
    confidence=0.8,
    flags=[
        "The council approved the budget on Friday.\n\nThe mayor said the money would go to "
        "schools, roads and ⟦the⟧",
        "Prices rose by 4% in May, the statistics office said⟦,⟧",
        "Exports fell sharply as demand in the region weakened and the ⟦governm⟧",
        "The company expects the plant to be profitable within three years and that it will "
        "help ⟦to⟧",
        "Zhang said the ministry would work with banks so that firms with good technology "
        "can ⟦still⟧",
    ],
    passes=[
        "The council approved the budget on Friday.",
        "What the new rules mean for you",
        "Ten things the city can be proud of",
        "Dr. Smith said: “We are ready.”",
        "Prices rose by 4% in the U.S.",
        "Scores: 1) Arsenal 2) Chelsea",
        "The bank said it would cut rates again if it had to. Investors asked whether it "
        "really can",
        "Five things to do in Nerja this summer if you want to",
    ],
)
def truncated_document(a: Analysis, opts: Mapping[str, Any]) -> Iterable[Hit]:
    """A text that stops in the middle of a sentence.

    Why it matters:
        Scrapers, length limits of translation services and broken pipelines cut documents
        off. The missing end is lost content that nobody downstream will notice.

    Example:
        The mayor said the money would go to schools, roads and the
        Use instead: the complete text from the source.

    Does not flag:
        Texts ending with a stranded preposition ("what it is made of"), a modal by ellipsis
        ("whether it really can"), short title lines ("Things to do if you want to"), a
        closing quote or bracket, a name or a number, or a complete sentence without a stop (that is
        unterminated-sentence).
    """
    found = _truncation(a)
    if found is not None:
        s, e, why = found
        yield Hit(s, e, f"The text ends mid-sentence: it {why}")


_SIGNAL_CONJ = frozenset(
    "and or but nor so yet which who whom whose that while because although when where if".split()
)
# "rose,profits" or "it.The": a lost space between clauses (file names such as "gee.texinfo"
# keep a lowercase letter after the dot)
_JOIN_RE = re.compile(r"(?<=[a-z]{2})(?:[,;](?=[A-Za-z]{2})|[.!?](?=[A-Z][a-z]))")


_CLAUSE_LINKS = frozenset("and which that while whereas but so because".split())


def _run_on_signals(text: str, start: int, end: int, words: list[str]) -> list[str]:
    signals: list[str] = []
    commas = text.count(",", start, end)
    conj = sum(1 for w in words if w.lower() in _SIGNAL_CONJ)
    if commas >= 5 and conj * 3 < commas:
        signals.append(f"{commas} commas with few conjunctions")
    joins = [
        m
        for m in _JOIN_RE.finditer(text, start, end)
        if "/" not in text[max(start, m.start() - 30) : m.end() + 30]
    ]
    if joins:
        signals.append("words joined by punctuation without a space")
    low = [w.lower() for w in words]
    if not any(w in _CLAUSE_WORDS for w in low):
        signals.append("no auxiliary verb or pronoun")
    links = sum(1 for w in low if w in _CLAUSE_LINKS)
    subordinators = {w for w in low if w in _CLAUSE_LINKS} - {"and", "but", "so"}
    if len(words) >= 60 and commas <= 1 and links >= 6 and len(subordinators) >= 2:
        # clause after clause chained with "and", "which", "that", "while" over 60 words and
        # no comma to mark where one ends: several sentences fused into one (a long "and"
        # list alone is not enough)
        signals.append(f"{links} clauses chained without commas")
    return signals


@rule(
    code="MT601",
    name="run-on-sentence",
    category="fluency/grammar",
    severity="major",
    scope=Scope.SENTENCE,
    confidence=0.6,
    options=[
        Option("max_words", 45, "a sentence longer than this is checked for garble signals"),
        Option("max_words_alone", 90, "a sentence longer than this is reported on length alone"),
    ],
    flags=[
        "⟦The delegation arrived in Doha on Monday for talks, the ceasefire, prisoners, the "
        "border crossings, aid convoys, reconstruction funds, elections in the north, the "
        "return of refugees, the role of observers, guarantees from neighbours, a timetable "
        "for the withdrawal of foreign troops and the release of detainees before the start of "
        "the holy month were on the agenda according to officials.⟧",
        "⟦The company reported higher sales in the third quarter, costs rose,profits fell, the "
        "chief executive said the outlook remained uncertain because of weak demand in Europe "
        "and Asia and the new factory in Mexico would open later than planned, the shares "
        "fell sharply in early trading in New York.⟧",
        "⟦The region has attracted large investments in recent years including a battery plant "
        "in the north and a car factory that is being built in the same city which makes the "
        "country the largest recipient in Europe and critics say that the government is "
        "making the economy too dependent on one partner while the government says that the "
        "investment brings jobs and technology.⟧",
    ],
    passes=[
        "The minister, who arrived late, said the plan would work.",
        "Dr. Yusuf listed the priorities: roads, schools, hospitals and clean water.",
        "On Monday, in Geneva, the U.S. envoy met officials from France, Germany, Italy, "
        "Spain and Poland, and they agreed to meet again in May.",
        "The court ruled that the law that parliament passed in May and that the president "
        "signed in June was valid, and it said that the government, which had defended the "
        "law, could apply it at once while the appeal by the opposition and the unions "
        "continued in a lower court that will hear the case in the autumn.",
    ],
)
def run_on_sentence(a: Analysis, opts: Mapping[str, Any]) -> Iterable[Hit]:
    """A very long sentence that also shows signs of garbling.

    Why it matters:
        Machine translation fuses several source sentences, or strings clauses together with
        commas, into one sentence nobody can parse. Length alone is only a style matter (and is
        reported as minor); length with comma chains, fused words or no clause structure is a
        garbled sentence.

    Example:
        Sales rose, costs rose,profits fell, the chief executive said ... (60 words more)
        Use instead: several sentences, each with one statement.

    Does not flag:
        Long but well-built sentences below the length-alone limit, lists of names after a
        colon, and sentences with a conjunction for most of their commas.
    """
    text = a.text
    if _informal_marks(a) >= 2:
        return  # chat, posts and speech transcripts string clauses with commas by nature
    max_words = int(opts.get("max_words", 45))
    alone = int(opts.get("max_words_alone", 90))
    # a sentence's tokens are the words ``_words`` finds in it
    for s, words in zip(a.sentences, a.sentence_tokens, strict=True):
        n = len(words)
        if n <= max_words:
            continue
        signals = _run_on_signals(text, s.start, s.end, words)
        if not signals and n <= alone:
            continue
        if signals:
            yield Hit(
                s.start,
                s.end,
                f"Run-on sentence of {n} words ({'; '.join(signals)})",
            )
        else:
            yield Hit(
                s.start,
                s.end,
                f"Very long sentence of {n} words",
                severity=Severity.MINOR,
                confidence=0.4,
            )


_PREPOSITIONS = ("of", "to", "in", "on", "at", "by", "for", "with", "from", "into", "than")
_CONJUNCTIONS = ("and", "or", "but", "nor")
_FINITE = ("is", "are", "was", "were", "has", "had", "did", "could", "would", "should", "shall")
#: What cannot follow each first word: an article before another article, a preposition, a
#: conjunction or a finite verb; "be" or "been" before a modal. "a" as a letter or a variable
#: ("from a to z", "replace a with b", "a is the length") makes every other pair with "a";
#: "being" is also a noun ("no human being could").
_CANNOT_FOLLOW: dict[str, frozenset[str]] = {
    "the": frozenset(("a", "an", *_PREPOSITIONS, *_CONJUNCTIONS, *_FINITE)),
    "an": frozenset(("the", "a", *_PREPOSITIONS, *_CONJUNCTIONS, *_FINITE)),
    "a": frozenset(("the", "an")),
    **{
        be: frozenset(("could", "would", "should", "shall", "might", "must"))
        for be in ("be", "been")
    },
}
#: Words after the pair that show the function word is named, not used ("the for loop", "the
#: to field", "the in tray", "the at sign"): nobody names "of" so
_MENTION_NOUNS = frozenset(
    """
    loop loops statement statements clause clauses operator operators keyword keywords method
    function switch button position crowd thing side sign symbol list key command tag event
    field fields block blocks body tray box gate gates rule rules
    """.split()
)
#: Phrases that open with a function word, by the pair's second word: "the in vitro tests", "an
#: in camera hearing", "the a priori argument", "the for each loop"
_PHRASES_AFTER = {
    "in": frozenset(
        "vitro vivo situ camera silico toto absentia memoriam utero extremis loco limine "
        "personam rem".split()
    ),
    "a": frozenset("priori posteriori fortiori cappella capella la".split()),
    "for": frozenset(("each",)),
}
_DETERMINER_WORDS = frozenset("the a an this that these those each every some any no".split())
#: words before "be" or "been" that close a clause with it, so that a modal may follow: "what
#: the price will be could ...", "whatever it has been must ..."
_CLAUSE_BEFORE_BE = frozenset(
    "will would can could shall should may might must to has have had".split()
)
_FIRST_WORD_PATTERNS = {"the": "[Tt]he", "an": "[Aa]n"}  # "A" is left alone: a variable
_GAP = r"(?:[ \t\u00a0]|\n(?![ \t\u00a0]*\n))[ \t\u00a0]*"  # a space, or a wrapped line's break
# A pair: the first word, the gap, the second word, which must end the token (not "the is-a",
# "the and/or", "the a.m. shift", "the for...in loop").
_PAIR = (
    "(?:"
    + "|".join(
        _FIRST_WORD_PATTERNS.get(first, first)
        + _GAP
        + "(?:"
        + "|".join(sorted(seconds, key=len, reverse=True))
        + ")"
        for first, seconds in _CANNOT_FOLLOW.items()
    )
    + r")(?![\w'’/@-]|\.[\w.])"
)
#: the pairs as word tokens (the first word also capitalised where the pattern allows it)
_TOKEN_PAIRS = frozenset(
    (case(first), second)
    for first, seconds in _CANNOT_FOLLOW.items()
    for second in seconds
    for case in ((str, str.capitalize) if first in _FIRST_WORD_PATTERNS else (str,))
)
# Found from the character before the pair (whitespace, an opening bracket or quote, a dash):
# a scan led by rarer characters than the first words' letters; a pair at the text's very
# start is matched there.
_PAIR_RE = re.compile(r"[\s(“\"‘—]" + _PAIR)
_PAIR_AT_START_RE = re.compile(_PAIR)
# A sentence's stop right after one of the words, found from the stop (the word's start is
# checked on each match).
_ENDS_ON_RE = re.compile(r"[.!?](?:(?<=\bthe.)|(?<=\band.)|(?<=\ban.)|(?<=\bor.))(?!\S)")
# the words after the pair: a named term ("the for loop") or a pair of them ("the to and fro")
_NEXT_WORDS_RE = re.compile(r"[ \t\u00a0]+([a-z]+)(?:[ \t\u00a0]+([a-z]+))?")
_LOWER_NEXT_RE = re.compile(r"[ \t]+[a-z]")
_PREVIOUS_WORD_RE = re.compile(r"([\w'’]+)\s*$")
# a closing quote right after a quoted pair (and a comma or stop before it)
_CLOSING_QUOTE_RE = re.compile(r"[,.;:!?]?[\"”’']")


def _clause_ends_on_be(text: str, start: int) -> bool:
    """Whether "be" or "been" at ``start`` ends a clause before the main verb: a modal, "to"
    or "have" before it ("what the price will be could ...", "the man he used to be could
    ...", "whatever it has been must ...")."""
    before = _PREVIOUS_WORD_RE.search(text, max(0, start - 40), start)
    return before is not None and before.group(1).lower() in _CLAUSE_BEFORE_BE


def _quoted_mention(a: Analysis, start: int, end: int) -> bool:
    """Whether the words at ``start:end`` are quoted as an example ("the of": the quotation
    holds them alone) or are a foreign phrase in quotation marks (“an den Rand”)."""
    text = a.text
    if start > 0 and text[start - 1] in "\"“‘'" and _CLOSING_QUOTE_RE.match(text, end):
        return True
    return in_foreign_quote(a, start, end)


def _across_paragraphs(a: Analysis, start: int, end: int) -> bool:
    """Whether ``start:end`` spans a line break that ends a paragraph (not a wrapped line's)."""
    return "\n" in a.text[start:end] and a.paragraph_of(start).end < end


def _word_boundary_before(text: str, start: int) -> bool:
    if start == 0:
        return True
    ch = text[start - 1]
    return not (ch.isalnum() or ch in "_'’-/.@")


@rule(
    code="MT605",
    name="function-word-clash",
    category="fluency/grammar",
    severity="major",
    scope=Scope.SENTENCE,
    confidence=0.8,
    flags=[
        "Officials said ⟦the of⟧ budget would rise next year.",
        "The report found that ⟦a the⟧ new plant will open in May.",
        "Witness evidence ⟦be could⟧ affected by the coverage.",
        "⟦The has⟧ committee approved the plan.",
        "The minister left for talks in ⟦the.⟧ Nobody knew why.",
        "Prices rose in March ⟦and.⟧ The bank kept rates on hold.",
    ],
    passes=[
        "It was a very good year for the company, and the outlook is bright.",
        "What it comes down to is trust.",
        "The for loop and the with statement are explained in the next chapter.",
        "Everything from a to z is in the guide, and a is the length of the side.",
        "The a priori argument failed, said the A-team.",
        "The and/or question, the is-a relation and the 9 a.m. shift were discussed.",
        "Press the on switch and wait.",
        "The Who played in London in 1965.",
        "She asked whether it could be, and it could.",
        "No human being could survive, and what the price will be could depend on demand.",
        "The in vitro tests, an in camera hearing and the in situ readings were cited.",
        "Replace a with b, subtract a from c and convert a into a string.",
        "Set the to field, use the for...in loop and weigh the for and against.",
        'Pairs such as "the of" and “be could” are counted as errors.',
    ],
    supersedes=("MT105",),
)
def function_word_clash(a: Analysis, opts: Mapping[str, Any]) -> Iterable[Hit]:
    """Two function words side by side that no English sentence puts together ("the of", "a
    the", "be could"), or a sentence that ends on an article or a conjunction ("in the.").

    Why it matters:
        Scrambled word order, a word dropped in translation or a bad merge of segments leaves
        an article with no noun after it or a modal after its infinitive. The sentence cannot
        be parsed, and the reader has to guess what was meant.

    Example:
        Officials said the of budget would rise next year.
        Use instead: Officials said the budget would rise next year (or restore the lost words
        from the source).

    Does not flag:
        Articles before adverbs or adjectives ("a very good year"), prepositions that end a
        clause ("what it comes down to is"), a function word named as a term ("the for loop",
        "the to field", "the at sign", "the for and against"), "a" as a letter or a variable
        before anything but an article ("from a to z", "replace a with b", "a is the
        length"), "being" as a noun ("no human being could"), "be" that ends a clause before
        the main verb ("what the price will be could depend"), Latin and French phrases ("the
        in vitro tests", "the a priori argument"), compounds and abbreviations ("the and/or
        question", "the is-a relation", "the 9 a.m. shift"), names in capitals ("The Who"),
        and speech transcripts, where speakers restart ("the in the translation"). A sentence
        that ends on "the", "an" or "and" before a lowercase word is doubled-punctuation's
        ("the. plan": a stray mark); one that ends on "or" is reported before any word.
    """
    text = a.text
    # the word tokens tell at C level whether the pair scan can find anything (most texts: no)
    tokens = a.tokens
    pairs: list[re.Match[str]] = []
    if not _TOKEN_PAIRS.isdisjoint(zip(tokens, islice(tokens, 1, None), strict=False)):
        pairs = list(_PAIR_RE.finditer(text))
        at_start = _PAIR_AT_START_RE.match(text)
        if at_start is not None:
            pairs.insert(0, at_start)
    ends = [m.start() for m in _ENDS_ON_RE.finditer(text)]
    if not (pairs or ends) or spoken_register(a):
        return
    for m in pairs:
        # every match starts at the text's start or after a character no word goes on past
        start = m.start() if m.re is _PAIR_AT_START_RE else m.start() + 1
        end = m.end()
        first, second = text[start:end].split()
        if _across_paragraphs(a, start, end):
            continue
        if first in ("be", "been") and _clause_ends_on_be(text, start):
            continue  # "what the price will be could depend on ..."
        nxt = _NEXT_WORDS_RE.match(text, end)
        if nxt is not None:
            after, then = nxt.group(1, 2)
            if after in _PHRASES_AFTER.get(second, ()):
                continue  # "the in vitro tests"
            if second not in ("of", "the", "an") and after in _MENTION_NOUNS:
                continue  # a named term: "the for loop"
            if after in ("and", "or") and then and then not in _DETERMINER_WORDS:
                continue  # two of them: "the to and fro", "the a and b values"
        if _quoted_mention(a, start, end):
            continue  # ("the of", "be could") quoted as examples (asked last: the costliest)
        message = f"'{first}' cannot be followed by '{second}': words are missing or out of order"
        yield Hit(start, end, message)
    for stop in ends:
        word = (
            text[stop - 3 : stop]
            if text[stop - 3 : stop] in ("the", "and")
            else text[stop - 2 : stop]
        )
        start = stop - len(word)
        if not _word_boundary_before(text, start):
            continue
        if word != "or" and _LOWER_NEXT_RE.match(text, stop + 1):
            continue  # "the. plan": a stray mark, which doubled-punctuation reports
        if _quoted_mention(a, start, stop + 1):
            continue  # "the. Their" quoted as an example
        yield Hit(
            start, stop + 1, f"The sentence ends on '{word}': a word is missing or out of place"
        )


#: Words after "a" or "an" that are no noun phrase's first word (a variable, a letter, a quoted
#: word, or another clash's business: "a is the length", "an the")
_NOT_AFTER_ARTICLE = FUNCTION_WORDS | frozenset(
    "a an the off only other each every either even any all up out else ever".split()
)
# Candidates only: "a" before a word spelled with a vowel or h, "an" before one spelled with
# anything but a or i (the other words' first sounds always agree), a space or a wrapped line's
# break between them. The word may go on with a hyphen ("a eight-year-old"); its first part is
# judged. Led by the space or line break before a lowercase article; a capital article, and
# one after a rarer character or at the text's start, are found by patterns of their own.
_ARTICLE_GAP = r"(?:[ \u00a0]+|\n(?![ \u00a0]*\n)[ \u00a0]*)"
_ARTICLE_CANDIDATE = (
    rf"(?:{_ARTICLE_GAP}[aeiouhAEIOUH]|n{_ARTICLE_GAP}[^\W\daiAI_])"
    r"[A-Za-z]*(?![\w'’]|\.\w)"
)
# one pattern per lead: a literal two-character lead makes the scan skip in C, where a class of
# two costs three times as much
_ARTICLE_RES = (
    re.compile(" a" + _ARTICLE_CANDIDATE),
    re.compile("\na" + _ARTICLE_CANDIDATE),
    re.compile('[(“"‘\t\u00a0—]a' + _ARTICLE_CANDIDATE),
)
_ARTICLE_AT_START_RE = re.compile("a" + _ARTICLE_CANDIDATE)
_CAPITAL_ARTICLE_RE = re.compile("A" + _ARTICLE_CANDIDATE)
# after "a" and a verb-like word in -s, a letter (not "a" or "I"), a number or a limit: "a" is a
# variable ("if a equals b", "as a approaches zero")
_VARIABLE_AFTER_RE = re.compile(r"[ \u00a0]+(?:[B-HJ-Zb-z]|\d[\d.,]*|zero|infinity)\b(?![-'’])")
#: words before a variable's condition: "as a increases", "if a exceeds"
_CONDITION_WORDS = frozenset("as if when whenever where while until unless once since let".split())
#: names in which "An" is the Irish (or another language's) article: An Post, An Garda Síochána
_AN_NAMES = frozenset("post garda bord taoiseach tánaiste chomhairle nam najaf".split())
_SENTENCE_LEAD_RE = re.compile(r"[\W_]*")
_MAX_SENTENCE_LEAD = 16
# "a 8-year-old", "an 100-page report": an article before a number, found from the space
# before a lowercase article
# (candidates only: "a" before 8, 11 or 18, "an" before any digit)
_NUMBER_ARTICLE_RE = re.compile(r" (a(?=[ \u00a0]+(?:8|1[18]))|an(?=[ \u00a0]+\d))[ \u00a0]+(\d+)")
# ... at the text's very start, and with a capital (judged only where it starts a sentence)
_NUMBER_ARTICLE_AT_START_RE = re.compile(r"(an?)[ \u00a0]+(\d+)")
_CAPITAL_NUMBER_ARTICLE_RE = re.compile(r"(An?)[ \u00a0]+(\d+)")


def _other_article(article: str) -> str:
    """ "an" for "a" and "a" for "an", in the same case ("A" gives "An")."""
    other = "an" if article.lower() == "a" else "a"
    return other.capitalize() if article[0] == "A" else other


def _number_sound(digits: str) -> str | None:
    """The first sound of a number read aloud from its leading digits (those before any
    separator): a vowel for 8, 80-89, 800 ... (eight, eighty) and for 11 and 18 (eleven,
    eighteen, 18,000); None for a four-digit 18xx, a year said either way."""
    if digits.startswith("8") or digits in ("11", "18"):
        return sounds.VOWEL
    if len(digits) == 4 and digits.startswith("18"):
        return None
    return sounds.CONSONANT


def _variable(text: str, start: int, end: int) -> bool:
    """Whether "a" at ``start``, before a verb-like word in -s ending at ``end``, is a
    variable: a letter, a number or a limit follows, or a conjunction of conditions precedes."""
    if _VARIABLE_AFTER_RE.match(text, end):
        return True
    before = _PREVIOUS_WORD_RE.search(text, max(0, start - 20), start)
    return before is not None and before.group(1).lower() in _CONDITION_WORDS


def _opens_quotation(text: str, start: int) -> bool:
    """Whether ``start`` opens quoted speech inside a sentence (He said: "A apple a day ..."):
    an opening quote right before it, after a space, a colon or the text's start."""
    return start > 0 and text[start - 1] in '"“' and (start == 1 or text[start - 2] in " :\n(")


def _first_word_of_sentence(a: Analysis, start: int) -> bool:
    """Whether ``start`` is where its sentence's first word starts (after quotes and brackets).
    Only the characters from the sentence's start up to its first word are read."""
    k = bisect_right(a.sentence_starts, start) - 1
    if k < 0:
        return True
    sentence_start = a.sentences[k].start
    if start - sentence_start > _MAX_SENTENCE_LEAD:
        return False  # no sentence opens with that many quotes and brackets
    lead = _SENTENCE_LEAD_RE.match(a.text, sentence_start, start)
    return lead is not None and lead.end() == start


@rule(
    code="MT606",
    name="wrong-indefinite-article",
    category="fluency/grammar",
    severity="minor",
    scope=Scope.SENTENCE,
    confidence=0.8,
    flags=[
        "The ministry published ⟦an report⟧ on Monday.",
        "It was ⟦a unusual⟧ decision, officials said.",
        "⟦An university⟧ spokesman confirmed the plan.",
        "The talks lasted ⟦a hour⟧ and ended without ⟦an deal⟧.",
        "Police said ⟦a 18⟧-year-old man and ⟦an 100⟧-strong crowd were involved.",
    ],
    passes=[
        "A university, an hour, a European team, a one-time fee and an honest answer.",
        "An historic agreement was signed at an hotel in the old town.",
        "An FBI agent and a NASA engineer met an MP from a UN agency.",
        "Let a be the side and b the height; a is longer than b.",
        "Choose a or b; an X-ray showed a U-turn in an S-bend.",
        "She has an only child, and an 8-year-old boy was hurt in an 11-hour wait.",
        "A 1,800-strong crowd saw a 1850s engine and a 100-year-old car, an 1850s one too.",
        "The grade A eggs and Plan A options were sold out.",
        "A herb garden and an herb garden are both heard.",
    ],
)
def wrong_indefinite_article(a: Analysis, opts: Mapping[str, Any]) -> Iterable[Hit]:
    """ "A" before a word that starts with a vowel sound, or "an" before one that starts with
    a consonant sound ("an report", "a unusual", "an university").

    Why it matters:
        Machine translation from languages without articles picks "a" or "an" before it
        picks the noun, and a later change of word leaves the wrong one. Every reader hears
        the slip; it marks the text as unedited.

    Example:
        The ministry published an report on Monday.
        Use instead: The ministry published a report on Monday.

    Does not flag:
        Words whose first sound differs from their first letter ("a university", "a
        European", "a one-time fee", "an hour", "an honest"), words said both ways ("a herb",
        "an herb"), "an" before a spoken h ("an historic", "an hotel", still written in
        British English), abbreviations and single letters ("an FBI agent", "a NASA engineer",
        "an MoD spokesman", "an X-ray"), years such as 1850 (said either way), words the
        pronouncing dictionary does not list (most names), "An" in Irish names ("An Post"),
        brands said otherwise than the dictionary has them ("an Uber"), "a" as a letter or a
        variable ("a is longer than b", "if a equals b"), a phrase quoted as an example ("an
        den Rand"), and "A" inside a sentence ("grade A eggs"). Before a number, the number's
        first sound decides ("an 8-year-old", "an 11-hour day", "a 100-page report"); a
        hyphenated word is judged by its first part ("a eight-year-old" is reported, "a
        U-turn" is not).
    """
    text = a.text
    found = [(m.start() + 1, m.end()) for r in _ARTICLE_RES for m in r.finditer(text)]
    at_start = _ARTICLE_AT_START_RE.match(text)
    if at_start is not None:
        found.append((0, at_start.end()))
    found.extend(
        (m.start(), m.end())
        for m in _CAPITAL_ARTICLE_RE.finditer(text)
        if (m.start() == 0 or not text[m.start() - 1].isalnum())
        and (_opens_quotation(text, m.start()) or _first_word_of_sentence(a, m.start()))
    )
    found.sort()
    for start, end in found:
        article, word = text[start:end].split()
        if _across_paragraphs(a, start, end):
            continue
        low = word.lower()
        if len(word) < 2 or low in _NOT_AFTER_ARTICLE or any(map(str.isupper, word[1:])):
            continue  # a function word, a letter (a U-turn), an abbreviation (FBI, MoD, NaN)
        if article == "An" and word[0].isupper() and (low in _AN_NAMES or lexicon.zipf(low) < 4.5):
            continue  # a name with "An" of its own (An Post) or a given name (An Wang)
        sound = first_sound(low)
        if sound is None or sound == sounds.BOTH:
            continue
        if article == "a" and low.endswith("s") and _variable(text, start, end):
            continue  # "if a equals b", "as a approaches zero", "when a increases, b falls"
        wants_an = sound == sounds.VOWEL
        if (article.lower() == "an") == wants_an or (not wants_an and low[0] == "h"):
            continue  # the right article, or "an" before an h ("an historic")
        if _quoted_mention(a, start, end):
            continue  # “an den Rand”, a foreign phrase quoted (asked last: it is the costliest)
        fix = _other_article(article)
        yield Hit(
            start,
            end,
            f"'{article}' before '{word}': use '{fix}'",
            suggestion=f"{fix} {word}",
        )
    numbered = list(_NUMBER_ARTICLE_RE.finditer(text))
    first = _NUMBER_ARTICLE_AT_START_RE.match(text)
    if first is not None:
        numbered.append(first)
    numbered.extend(
        m
        for m in _CAPITAL_NUMBER_ARTICLE_RE.finditer(text)
        if (m.start() == 0 or not text[m.start() - 1].isalnum())
        and _first_word_of_sentence(a, m.start())
    )
    for m in numbered:
        article, digits = m.group(1, 2)
        sound = _number_sound(digits)
        if sound is None or (sound == sounds.VOWEL) == (article.lower() == "an"):
            continue
        if _across_paragraphs(a, m.start(1), m.end()):
            continue
        fix = _other_article(article)
        yield Hit(
            m.start(1),
            m.end(),
            f"'{article}' before '{digits}': use '{fix}'",
            suggestion=f"{fix} {digits}",
        )


# ", it is", ", we don't", ", there's": a comma, then a subject pronoun and a finite verb (or an
# adverb before one), found from the literal ", " so that the scan skips in C
_SPLICE_RE = re.compile(
    r", (it|there|I|we|they|he|she|this|you)(?: (?:am|is|are|was|were|has|have|had|will|can|"
    r"could|would|should|did|does|do|must|may|might|also|really|just|still|all|only|never|"
    r"always|don't|didn't|doesn't|can't|won't|cannot|isn't|wasn't|aren't|[a-z]{2,}ed)\b"
    r"|['’](?:s|re|m|ll|ve|d)\b)",
    re.IGNORECASE,
)
# the clause before the comma has a finite verb of its own
_FINITE_BEFORE_RE = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|can|could|would|should|did|does|do|isn't|aren't|"
    r"wasn't|weren't|don't|doesn't|didn't|can't|won't)\b|\b(?:i|we|they|he|she|it|you)['’]"
    r"(?:s|re|m|ll|ve|d)\b",
    re.IGNORECASE,
)
# ... but no word that makes it a subordinate or relative clause, nor a conjunction (a clause
# already joined to another is left alone: the comma's next clause may be a third in a list)
_JOINED_BEFORE_RE = re.compile(
    r"\b(?:if|when|whenever|although|though|because|while|since|unless|once|until|as|whether|"
    r"that|which|who|whom|whose|what|how|where|why|before|after|so|and|but|or|nor|yet)\b",
    re.IGNORECASE,
)
# what a pronoun after a comma often opens instead of a clause: an attribution or an aside
# (", he said", ", I think", ", it seems", ", it is true")
_ASIDE_RE = re.compile(
    r", (?:(?:he|she|they|it|I|we|you) (?:said|says|added|noted|told|think|thinks|thought|"
    r"believe|believes|guess|suppose|hope|mean|know|feel|felt|seems?|appears?|admitted|"
    r"explained|argued|recalled|insisted|wrote|replied|see)\b|it(?: is| was|['’]s) (?:true|said|"
    r"reported|understood|believed|thought|claimed|known|hoped|expected)\b|I['’]m (?:afraid|"
    r"sure|told)\b|I am (?:afraid|sure|told)\b|I['’]d (?:say|guess|think|have to say)\b|"
    r"I['’]ll admit\b|"
    r"I (?:must|have to) (?:say|admit)\b|I admit\b|"
    r"we['’]re told\b|it would (?:seem|appear)\b)",
    re.IGNORECASE,
)
#: first words of a sentence that open a subordinate clause or a connective before the comma
_OPENS_SUBORDINATE = frozenset(
    """
    if when whenever although though because while after before since as unless whether once
    until even so but and or however therefore also then yes no well now ok okay oh
    whatever wherever whoever whichever had were should not
    """.split()
)
#: a sentence longer than this is not checked: a run-on (MT601's), and each comma's check
#: reads the sentence up to it
_SPLICE_MAX_CHARS = 1000


class _SpliceState:
    """What comes before a comma in one sentence, read a piece at a time: its first three words,
    its last word, its word count, and whether it has a finite verb and an open quotation
    (quoted speech strings clauses with commas as people talk)."""

    def __init__(self, index: int, start: int) -> None:
        self.index = index
        self.pos = start
        self.first: list[str] = []  # the first three words
        self.last = ""
        self.count = 0
        self.finite = False
        self.curly = 0  # opening minus closing curly quotes
        self.straight = 0

    @property
    def quotes_open(self) -> bool:
        return self.curly > 0 or self.straight % 2 == 1

    def read_to(self, text: str, end: int) -> bool:
        """Read up to ``end``; False when the sentence can have no splice from here on."""
        piece = text[self.pos : end]
        self.pos = end
        words = piece.split()
        if self.count == 0 and words:
            first = words[0].strip("\"“‘'(").lower()
            if first in _OPENS_SUBORDINATE or first.endswith(("ing", "ed")):
                return False
        if _JOINED_BEFORE_RE.search(piece):
            return False
        self.finite = self.finite or _FINITE_BEFORE_RE.search(piece) is not None
        self.curly += piece.count("“") - piece.count("”")
        self.straight += piece.count('"')
        self.count += len(words)
        if words:
            self.first = (self.first + words[:3])[:3]
            self.last = words[-1]
        return True


@rule(
    code="MT607",
    name="comma-splice",
    category="fluency/punctuation",
    severity="minor",
    scope=Scope.SENTENCE,
    confidence=0.5,
    # off by default: careful writers splice clauses too (2 findings in 32,353 words of clean
    # English, both real splices in blog posts, against 17 of every default rule together);
    # on Chinese-to-English MT, where it is the most frequent punctuation error, turn it on
    default_enabled=False,
    flags=[
        "The delivery was very fast⟦, it⟧ arrived in two days.",
        "The plan has been approved by the council⟦, it⟧ will take effect in May.",
        "The phone is light⟦, I'm⟧ very satisfied with it.",
        "It is very good⟦, it⟧ is worth buying.",
    ],
    passes=[
        "If the plan is approved, it will take effect in May.",
        "The plan is good, he said, and the council agreed.",
        "At the end of the day, it is the voters who decide.",
        "The minister, who was in Geneva, said it would take weeks.",
        "The app is free, it is true, but the extras cost money.",
        "Prices are high this year, I'm afraid, and rents too.",
        "Should you have any questions, we will be happy to help.",
        "Whatever it is, it will pass. The truth is, we don't know.",
        "It was the best of times, it was the worst of times.",
        "It is a fine result, I'd have to say, and a fair one.",
        "Having read the report, we asked for more data.",
        "The delivery was fast, and it arrived in two days.",
        "“The task is hard, you can count on us,” the minister said.",
    ],
)
def comma_splice(a: Analysis, opts: Mapping[str, Any]) -> Iterable[Hit]:
    """Two sentences joined by a comma alone ("The delivery was fast, it arrived in two days").

    Why it matters:
        Machine translation from languages that chain clauses with commas (Chinese above all)
        carries the comma over where English needs a full stop, a semicolon or a conjunction.
        It is the punctuation error professional raters mark most often in such output.

    Example:
        The plan has been approved by the council, it will take effect in May.
        Use instead: The plan has been approved by the council. It will take effect in May.

    Does not flag:
        A comma after a subordinate or relative clause or a fronted phrase ("If the plan is
        approved, it will ..."; "At the end of the day, it is ..."), clauses already joined
        by a conjunction, attributions and asides (", he said", ", I think", ", it is true"),
        quoted speech, and chat, posts and speech transcripts, where comma-spliced clauses are
        the register.

    Off by default (``--extend-select MT607``, or ``extend_select = ["MT607"]`` in the
    configuration): careful writers splice clauses now and then too.
    """
    text = a.text
    found = list(_SPLICE_RE.finditer(text))
    if not found or _informal_marks(a) >= 2 or spoken_register(a):
        return
    starts = a.sentence_starts
    done = -1  # one finding per sentence
    state: _SpliceState | None = None
    for m in found:
        k = bisect_right(starts, m.start()) - 1
        if k < 0 or k == done:
            continue
        sent = a.sentences[k]
        if sent.end - sent.start > _SPLICE_MAX_CHARS:
            done = k
            continue
        if m.end() > sent.end or _ASIDE_RE.match(text, m.start()):
            continue
        # what comes before the comma, read once per sentence: each comma's check reads only
        # the text since the previous one
        if state is None or state.index != k:
            state = _SpliceState(k, sent.start)
        if not state.read_to(text, m.start()):
            done = k  # a subordinate or participle clause opens it, or a conjunction joins
            continue
        if state.count < 3 or not state.finite or state.quotes_open:
            continue
        if state.last.lower() in ("is", "was"):
            continue  # "The truth is, we don't know"
        opening = " ".join(state.first).lower()
        if text[m.start() + 2 : m.start() + 2 + len(opening)].lower() == opening:
            continue  # a clause said again for effect: "It was the best of times, it was the..."
        done = k
        end = m.end(1)
        if text[end : end + 1] in ("'", "’"):
            end = m.end()  # the contraction is part of the pronoun's token: ", I'm"
        yield Hit(
            m.start(),
            end,
            "Two sentences joined by a comma: end the first with a full stop or join them "
            "with a conjunction",
        )


# Lowercase word tokens; the lookbehind keeps hashtags, handles, paths and parts of longer
# tokens out, and anchors the scan so it stays linear.
_LOWER_TOKEN_RE = re.compile(r"(?<![\w@#/\\.&=%$_-])[a-zß-öø-ÿ]+(?:[-'’][a-zß-öø-ÿ]+)*(?![\w@/])")
# what follows a UTF-8 lead byte decoded as Windows-1252 (mojibake is another rule's business)
_MOJIBAKE_TAIL_RE = re.compile(r"[\u0080-\u00bf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]")
_URLISH_RE = re.compile(r"(?:https?://|www\.|\w@\w|\.(?:com|org|net|io|html?)\b|/)")
#: Two-letter lowercase tokens that are English words, interjections or common short forms.
_TWO_LETTER = frozenset(
    """
    ad ah am an as at ax be by do eh ex go he hi id if in is it me mm my no of oh ok on or ox pi
    so to uh um up us we vs tv pc dj mp km kg cm mg ml ft lb oz hr yd gb mb kb tb hz bn mn pm pt
    px
    """.split()
)
#: Lowercase unit and short-form tokens that wordfreq may rank low.
_UNITS = frozenset(
    """
    km kg cm mm ml mg mph kph kmh kw kwh mw mwh gw gwh gb mb kb tb hz khz mhz ghz ft lb lbs oz
    yd mi hr hrs min mins sec secs ms bn mn mln bln pct sq rpm fps dpi px pt approx etc
    """.split()
)


#: Endings of Latin and scientific names ("selloum", "italicum") that no word list holds.
_LATIN_ENDINGS = ("um", "ii", "oides", "ensis", "orum", "arum")
#: Words after which a single letter is a label, not a word ("plan b", "vitamin c").
_LETTER_LABELS = frozenset(
    "plan vitamin grade size option type class part section point step letter row column "
    "model series exhibit appendix category group phase level the of".split()
)


def _typo_thresholds(n: int) -> tuple[float, float]:
    """(max Zipf of a listed form, min Zipf gap to its neighbour) for a word of length ``n``.

    Short real words are often one letter from a frequent word (``sown``/``down``), so short
    forms need a rarer form and a larger gap; long near-misses of a frequent word are typos
    even when the web has them often (``goverment``).
    """
    if n <= 4:
        return 3.5, 2.5
    if n <= 6:
        return 3.0, 2.0
    return 3.5, 1.5


_NAME_BEFORE_RE = re.compile(r"(?<![\w.])([A-Z][A-Za-z0-9]+)(?:,| and| or| &)\s+$")
_NAME_AFTER_RE = re.compile(r"(?:,| and| or| &)\s+([A-Z][A-Za-z0-9]+)(?![\w'’])")


_PHRASE_PREV_RE = re.compile(r"([^\W\d_][\w'’]*)[ \t]+$")
_PHRASE_NEXT_RE = re.compile(r"[ \t]+([^\W\d_][\w'’]*)")
_SIC_RE = re.compile(r"\s*\[sic\]", re.IGNORECASE)
#: words right before a word that is mentioned, not used ("the word carro"); unlike the
#: foreign-word rule's list, no verb of saying: a typo right after "said" is common
_MENTION_PREV = frozenset({"word", "term", "spelled", "spelt"})


def _skip_context(text: str, s: int, e: int) -> bool:
    """Whether the token sits in a code, link, shortcode, quoted coinage, borrowed phrase,
    mention or Latin name."""
    before = text[s - 1] if s > 0 else " "
    after = text[e] if e < len(text) else " "
    if before == ":" and after == ":":
        return True  # emoji shortcode
    if before in "\"'“‘«`" and after in "\"'”’»`":
        return True  # a word in quotes is mentioned, not used
    if _SIC_RE.match(text, e):
        return True  # a misspelling quoted as the source wrote it ("goverment [sic]")
    low = text[s:e].lower()
    m = _PHRASE_NEXT_RE.match(text, e, e + 40)
    nxt = m.group(1).lower() if m is not None else ""
    m = _PHRASE_PREV_RE.search(text[max(0, s - 40) : s])
    prev = m.group(1).lower() if m is not None else ""
    if (low, nxt) in LOAN_PHRASES or (prev, low) in LOAN_PHRASES:
        return True  # part of a set phrase English borrowed (et al., à la carte, en route)
    if prev in _MENTION_PREV or (
        nxt in MENTION_NEXT and LANGUAGE_NAME_RE.search(text, max(0, s - 60), s)
    ):
        return True  # mentioned, not used ("the word carro", "in Spanish, carro means")
    line_start = text.rfind("\n", 0, s) + 1
    line_end = text.find("\n", e)
    if line_end < 0:
        line_end = len(text)
    if text.count("`", line_start, s) % 2 and text.find("`", e, line_end) >= 0:
        return True  # inside inline code in plain text ("run `ls | grep foo`")
    a = s
    lo = max(0, s - 100)
    while a > lo and not text[a - 1].isspace():
        a -= 1
    b = e
    hi = min(len(text), e + 100)
    while b < hi and not text[b].isspace():
        b += 1
    if _URLISH_RE.search(text, a, b):
        return True
    if text[max(0, s - 4) : s].rstrip().endswith("{") and text[e : e + 4].lstrip()[:1] == "}":
        return True  # a template placeholder ("{{ ssid }}"), which markup-residue reports
    # a conjunct of a rare capitalised name is a name too: lowercase tools and brands are
    # listed beside others ("the Vite and esbuild projects", "esbuild or Webpack")
    m = _NAME_BEFORE_RE.search(text[max(0, s - 40) : s])
    if m is not None and lexicon.zipf(m.group(1)) < 3.0:
        return True
    m = _NAME_AFTER_RE.match(text[e : e + 40])
    if m is not None and lexicon.zipf(m.group(1)) < 3.0:
        return True
    # a lowercase epithet after a rare capitalised word: a Latin name ("Arum italicum")
    m = _GENUS_RE.search(text[max(0, s - 40) : s])
    return m is not None and lexicon.zipf(m.group(1)) < 3.0


_GENUS_RE = re.compile(r"([A-Z][a-z]+)\s+$")


def _accented_english(w: str) -> bool:
    """An accented loanword English keeps its accents on (chargé, café, fête, crème): wordfreq
    lists it in English, or it is an English word without the accents."""
    if w.isascii():
        return False
    bare = "".join(c for c in unicodedata.normalize("NFKD", w) if not unicodedata.combining(c))
    return lexicon.known(w, 1.0) or (bare.isascii() and lexicon.is_word(bare))


@lru_cache(maxsize=memo.WORDS)
def _judge(word: str, two_letter_ok: bool) -> str | None:
    """The suggested correction for a non-word, "" when there is none to offer, or None."""
    w = lexicon.normalise(word)
    if _accented_english(w):
        return None
    n = len(w)
    z = lexicon.zipf(w)
    if n <= 2:
        if w in _TWO_LETTER or w in "aicnrxyz" or two_letter_ok or (n == 2 and w[0] == w[1]):
            return None
        return lexicon.correction(w, 0.0, 5.0) or ""
    max_z, gap = _typo_thresholds(n)
    if z >= max_z or w in _UNITS:
        return None
    if z < 1.0 and w.endswith(_LATIN_ENDINGS):
        return None
    if z == 0.0:
        if "'" in w:
            head, _, tail = w.partition("'")
            if tail in ("s", "t", "d", "ll", "re", "ve", "m", "") and lexicon.is_word(head):
                return None
            if all(p and lexicon.known(p, 2.0) for p in w.split("'")):
                return None  # as wordfreq reads it: "ma'am" is "ma" + "am"
        if lexicon.is_word(w) or lexicon.in_dictionary(w):
            return None
        return _unless_prefixed(w, lexicon.nearest(w, 1 if n <= 6 else 2))
    if lexicon.in_dictionary(w) and (n > 4 or z >= 2.5):
        # a rare real word ("anther") or its inflection ("dousing"); very short dictionary
        # entries that almost nobody writes ("sho", "een") are usually a damaged word
        return None
    return _unless_prefixed(w, lexicon.correction(w, gap, 3.5))


def _unless_prefixed(w: str, fix: str | None) -> str | None:
    """No finding when the only fix drops a first letter: a letter stuck before a word is how
    identifiers and slang are made (``vtable``, ``bdays``), not how typos happen."""
    stuck = fix is not None and fix == w[1:] and len(w) >= 5
    if stuck and w[0] != w[1] and w[0] not in "aeiou" and w[1] not in "aeiouy":
        return None
    return fix


@rule(
    code="MT604",
    name="non-word",
    category="fluency/spelling",
    severity="minor",
    scope=Scope.TOKEN,
    confidence=0.7,
    options=[
        Option("allow", [], "lowercase words to accept although the word list lacks them"),
    ],
    flags=[
        "The ⟦goverment⟧ said it would ⟦recieve⟧ the delegation on Monday.",
        "Officials said the ⟦matc⟧ would go ahead despite the rain.",
        "Exports ⟦ncreased⟧ by 4% as ⟦thsoe⟧ markets recovered.",
        "The Government and ⟦parliment⟧ agreed on the ⟦budjet⟧ for Paris.",
        "The ⟦goverment⟧ means business; they wrote “⟦recieve⟧ ⟦budjet⟧ papers” on it.",
    ],
    passes=[
        "Dr. Okonkwo met Yusuf Kalla at the Ngorongoro crater in Tanzania.",
        "Y'all said ma'am, it's five o'clock and the rock'n'roll fans couldn't've left.",
        "The breakrooms were re-equipped with well-meant, eco-friendly furniture.",
        "Visit www.example.org/newsroom or write to press@example.org, #climate @unhcr.",
        "The so-called “glocalisation” trend and the word 'frenemy' were discussed.",
        "Speeds of 120 km/h and 75 mph, 3kg, 10bn and the colour/color debate.",
        "The flower of Arum italicum smells; don't touch the plant's leaves :partyparrot:",
        "Thanks to the Vite and esbuild teams; the name {{ ssid }} is on the label.",
        "The chargé d'affaires ordered a crème brûlée and a café at the fête.",
        "Smith et al. made a prima facie case en route; in Spanish, carro means chariot.",
        "He said “danke schön”, wrote “goverment [sic]” and ran `grep foo` twice.",
    ],
)
def non_word(a: Analysis, opts: Mapping[str, Any]) -> Iterable[Hit]:
    """A lowercase token that is not a word of the language: a typo or a damaged word.

    Why it matters:
        Dropped, doubled and swapped letters ("goverment", "matc") come from OCR, careless
        post-editing and subword artefacts of machine translation. They look sloppy and can
        hide a wrong word.

    Example:
        The goverment said it would recieve the delegation.
        Use instead: The government said it would receive the delegation.

    Does not flag:
        Capitalised words (names), inflections, derivations and compounds of listed words,
        words in a hyphenated compound whose parts are words, contractions and possessives,
        British and American spellings, numbers, units, codes, links, e-mail addresses,
        hashtags and handles, emoji shortcodes, template placeholders, inline code in
        backticks, words in quotes and words mentioned rather than used (``carro means
        chariot``), foreign phrases in a short quotation (“danke schön”), misspellings marked
        [sic], words of borrowed set phrases (et al., en route, prima facie), Latin names
        after a capitalised genus, accented loanwords
        (chargé, café), lowercase names listed beside a rare capitalised name ("the Vite and
        esbuild projects"), rare words with no frequent look-alike (jargon), and a
        form that the same document uses twice or more (a deliberate term).
    """
    text = a.text
    # work per distinct form: only the forms outside the frequent-word list reach Python, and
    # only those that could be reported are looked up in the text, where each place is checked
    # to be a token (so forms that are no token of the text find nothing)
    forms = _rare_forms_of_types(word_types(a))
    if not forms:
        return
    allow = {lexicon.normalise(w) for w in opts.get("allow", ())}
    informal = _informal_marks(a) >= 1
    pending: list[tuple[int, int, str]] = []
    tokens = _TokenIndex(text)
    for tok in forms:
        plan = _judge_form(tok, allow, informal) if allow else _judge_plain(tok, informal)
        if not plan:
            continue
        foreign = not tok.isascii()
        for s in tokens.occurrences(tok):
            e = s + len(tok)
            if foreign and _MOJIBAKE_TAIL_RE.match(text, e):
                continue  # "ministerâ€™s": mojibake, reported as such
            for ps, pe, if_ok, if_not in plan:
                fix = if_ok
                if if_ok != if_not:
                    # only a one- or two-letter part depends on its neighbours
                    fix = if_ok if _two_letter_context_ok(text, s + ps, s + pe) else if_not
                if fix is None or _skip_context(text, s, e) or in_foreign_quote(a, s, e, True):
                    continue
                pending.append((s + ps, s + pe, fix))
    if not pending:
        return
    pending.sort()
    used = _FormUse(a)
    for s, e, fix in pending:
        word = text[s:e]
        if used.more_than_once(word):
            continue
        yield Hit(
            s,
            e,
            f"'{word}' is not an English word" + (f"; did you mean '{fix}'?" if fix else ""),
            suggestion=fix or None,
        )


#: where a token of ``_LOWER_TOKEN_RE`` can end inside a word token (before a character that
#: joins parts of a word token), and where one can start (after an apostrophe)
_PIECE_END_RE = re.compile(r"[-'’.,:]")
_PIECE_START_RE = re.compile(r"['’]")
_LOWER_SHAPE_RE = re.compile(r"[a-zß-öø-ÿ]+(?:[-'’][a-zß-öø-ÿ]+)*")


#: the longest form that is judged at all
_MAX_FORM = 40


def _rare_forms_of_types(types: frozenset[str]) -> set[str]:
    """A superset of :func:`_rare_forms` of the text, from the document's word types.

    A token of ``_LOWER_TOKEN_RE`` follows no word character, so it starts where a word
    token starts or right after an apostrophe inside one (``rock'n``), and it ends where the
    word token ends or before a joining character inside it (``covid`` in ``covid-19``, ``e``
    in ``e.g.``). So it is one of the pieces of a word type cut at those places; a piece
    needs no context to be listed, which only adds forms that no place of the text confirms.
    The types are shared with other rules, and most have no rare piece (one set difference).
    """
    forms: set[str] = set()
    for _t, pieces in _TYPE_PIECES.of(types):
        forms.update(pieces)
    return forms


def _rare_pieces(word: str) -> tuple[str, ...]:
    """The pieces of one word token (see :func:`_rare_forms_of_types`) shaped like a lowercase
    token and outside the frequent words."""
    starts = [0, *(m.end() for m in _PIECE_START_RE.finditer(word))]
    ends = [*(m.start() for m in _PIECE_END_RE.finditer(word)), len(word)]
    common = lexicon.common_words()
    out = set()
    for i in starts:
        # a piece longer than _MAX_FORM is never reported (see _judge_form): without this
        # bound a hostile token ("a'a'a'..." or "a-a-a-...") had pieces of quadratic number
        # and total length
        for j in ends[bisect_right(ends, i) : bisect_right(ends, i + _MAX_FORM)]:
            if j > i:
                piece = word[i:j]
                if _LOWER_SHAPE_RE.fullmatch(piece) and piece not in common:
                    out.add(piece)
    out -= _TWO_LETTER
    out.discard("a")
    return tuple(out)


#: the rare pieces of each word type seen
_TYPE_PIECES = memo.TypeParts(_rare_pieces)


def _rare_forms(text: str) -> set[str]:
    """The distinct tokens of ``_LOWER_TOKEN_RE`` in ``text`` that are not frequent words.

    (``difference`` with one argument walks the small set and probes the large one; ``-=``
    would walk the whole word list.)
    """
    forms = set(_TOKEN_FIRST_RE.findall(text)).difference(lexicon.common_words())
    forms -= _TWO_LETTER
    forms.discard("a")
    return forms


@lru_cache(maxsize=memo.WORDS)
def _judge_plain(tok: str, informal: bool) -> tuple[tuple[int, int, str | None, str | None], ...]:
    """:func:`_judge_form` without an ``allow`` option, remembered per form."""
    return tuple(_judge_form(tok, set(), informal))


def _judge_form(
    tok: str, allow: set[str], informal: bool
) -> list[tuple[int, int, str | None, str | None]]:
    """The parts of a lowercase token that may be reported wherever it occurs, as (start, end)
    within the token and the verdict of :func:`_judge` when the neighbours allow a one- or
    two-letter form and when they do not (the same for longer parts)."""
    if len(tok) > _MAX_FORM:
        return []  # no English word is this long: a code, a key or a hostile input
    plan: list[tuple[int, int, str | None, str | None]] = []
    parts = _parts(tok, 0)
    for ps, pe in parts:
        part = tok[ps:pe]
        if len(parts) > 1 and pe - ps > 6:
            continue  # long parts of compounds are often rare coinages ("long-probosced")
        if (pe - ps > 2 and lexicon.known(part, 3.0)) or lexicon.normalise(part) in allow:
            continue  # a frequent word
        if_ok = _judge(part, True)
        if_not = if_ok if informal or pe - ps > 2 else _judge(part, False)
        if if_ok is not None or if_not is not None:
            plan.append((ps, pe, if_ok, if_not))
    return plan


# _LOWER_TOKEN_RE with a letter first (the lookbehind moved after it), so that ``re`` skips
# quickly to the next lowercase letter; it finds the same tokens.
_TOKEN_FIRST_RE = re.compile(
    r"[a-zß-öø-ÿ](?<![\w@#/\\.&=%$_-][a-zß-öø-ÿ])[a-zß-öø-ÿ]*(?:[-'’][a-zß-öø-ÿ]+)*(?![\w@/])"
)
_TOKEN_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz-'’") | frozenset(
    chr(c) for c in [*range(0xDF, 0xF7), *range(0xF8, 0x100)]
)


@lru_cache(maxsize=4096)
def _short_form_re(tok: str) -> re.Pattern[str]:
    """Where a token of one or two letters can stand: not after a letter or the characters
    _LOWER_TOKEN_RE excludes, and not before a letter (a literal first, so it scans fast)."""
    t = re.escape(tok)
    return re.compile(rf"{t}(?<![\w@#/\\.&=%$_-]{t})(?![a-zß-öø-ÿ])")


class _TokenIndex:
    """The starts of the tokens ``_LOWER_TOKEN_RE.finditer`` yields, looked up per form.

    A form is found with ``str.find`` (or a literal-first regex for very short forms) and each
    place is confirmed with the token regex itself. A place right after an apostrophe might lie
    inside a longer token ("rock'n'roll"); the scan is then replayed from the start of the run
    of token characters. Past a small budget of such checks (a hostile text with a form on
    every line) all tokens are listed once, which keeps the work linear.
    """

    _BUDGET = 200

    def __init__(self, text: str) -> None:
        self.text = text
        self.budget = self._BUDGET
        self.spans: dict[int, int] | None = None

    def occurrences(self, tok: str) -> Iterator[int]:
        text = self.text
        n = len(tok)
        if n <= 2:
            for m in _short_form_re(tok).finditer(text):
                if self.is_token(m.start(), n):
                    yield m.start()
            return
        for s in occurrences(text, tok):
            if self.is_token(s, n):
                yield s

    def is_token(self, s: int, n: int) -> bool:
        if self.spans is None:
            self.budget -= 1
            if self.budget >= 0:
                return self._check(s, n)
            self.spans = {m.start(): m.end() for m in _LOWER_TOKEN_RE.finditer(self.text)}
        return self.spans.get(s) == s + n

    def _check(self, s: int, n: int) -> bool:
        text = self.text
        m = _LOWER_TOKEN_RE.match(text, s)
        if m is None or m.end() != s + n:
            return False
        if s == 0 or text[s - 1] not in "'’":
            return True  # any other token character before ``s`` fails the lookbehind
        r = s - 1
        while r > 0 and text[r - 1] in _TOKEN_CHARS:
            r -= 1
        # no token spans ``r - 1`` and ``r``, so a scan from ``r`` replays the global one
        for found in _LOWER_TOKEN_RE.finditer(text, r):
            if found.start() >= s:
                return found.start() == s
            if found.end() > s:
                return False
        return False


class _FormUse:
    """Whether a form occurs more than once among the document's words, as counting every
    word's :func:`lexicon.normalise` would tell, but looked up per form in the counts of the
    document's word types (shared with the metrics), so no word's position is needed."""

    _MAX_FORMS = 32

    def __init__(self, a: Analysis) -> None:
        self.text = a.text
        self.types = token_counts(a)
        low = self.text.lower()
        # per-character lowering keeps offsets unless a character lowers to two; a capital
        # sigma lowers by its neighbours, so a word may lower differently inside the text
        self.low = low if len(low) == len(self.text) and "Σ" not in self.text else None
        self.counts: Counter[str] | None = None
        self.seen: dict[str, bool] = {}

    def more_than_once(self, word: str) -> bool:
        w = lexicon.normalise(word)
        found = self.seen.get(w)
        if found is None:
            found = self._count(w)
            self.seen[w] = found
        return found

    def _count(self, w: str) -> bool:
        if self.counts is None and (
            self.low is None or "'" in w or len(self.seen) >= self._MAX_FORMS
        ):
            self.counts = Counter()
            for t, n in self.types.items():
                self.counts[lexicon.normalise(t)] += n
        if self.counts is not None:
            return self.counts[w] > 1
        assert self.low is not None
        # without an apostrophe, a word whose key is ``w`` is written as one of the spellings
        # of ``w`` in the text (lowercasing keeps offsets); each counts as often as it is a word
        text, n = self.text, len(w)
        spellings = {text[i : i + n] for i in occurrences(self.low, w)}
        return sum(self.types[t] for t in spellings if lexicon.normalise(t) == w) > 1


def _parts(token: str, start: int) -> list[tuple[int, int]]:
    """Spans of the hyphen-separated parts of a token (the whole token if it has none)."""
    if "-" not in token:
        return [(start, start + len(token))]
    out = []
    pos = start
    for piece in token.split("-"):
        if piece:
            out.append((pos, pos + len(piece)))
        pos += len(piece) + 1
    return out


def _two_letter_context_ok(text: str, s: int, e: int) -> bool:
    """A one- or two-letter form is judged only between lowercase words of running prose."""
    if e - s > 2:
        return True
    if e - s == 1:
        m = re.search(r"(\w+)\s$", text[max(0, s - 20) : s])
        if m is None or m.group(1).lower() in _LETTER_LABELS:
            return True
    before = text[max(0, s - 2) : s]
    after = text[e : e + 2]
    return not (
        len(before) == 2
        and before[1] == " "
        and before[0].isalpha()
        and before[0].islower()
        and len(after) == 2
        and after[0] == " "
        and after[1].isalpha()
        and after[1].islower()
    )


RULES: list[Rule] = [
    run_on_sentence,
    unterminated_sentence,
    truncated_document,
    non_word,
    function_word_clash,
    wrong_indefinite_article,
    comma_splice,
]
