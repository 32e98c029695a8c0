"""Rules of family MT2xx: capitals."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import lru_cache
from itertools import repeat
from operator import attrgetter, methodcaller
from typing import Any

from mtcheck import memo
from mtcheck.analysis import Analysis
from mtcheck.metrics.words import token_counts
from mtcheck.model import Hit, Scope
from mtcheck.names import capital_tokens, word_types
from mtcheck.rules.base import Rule, rule
from mtcheck.rules.words import (
    FUNCTION_WORDS,
    NAME_LIKE_FUNCTION_WORDS,
    SUBJECT_PRONOUNS,
    adverb_stem,
    verb_stem,
    zipf,
)
from mtcheck.segment import MAYBE_FINAL, NEVER_FINAL, NUMBERED, WORD_RE

#: Nouns after which a capitalised run is the title of a work or a quoted label.
TITLE_CUES = frozenset(
    """
    film films movie movies book books novel novels song songs album albums single series
    show shows play plays musical poem poems opera track tracks titled entitled called named
    dubbed magazine newspaper paper journal game games app brand band group programme program
    column episode episodes documentary painting exhibition campaign slogan motto hashtag
    phrase word words term label headline article chapter section heading tagline story
    podcast channel blog website site motto anthem hymn sculpture statue ballet drama sitcom
    click tap press select choose toggle hit menu button tab option setting mode labelled
    labeled marked
    """.split()
)
#: Verbs of saying, capitalised in speech tags and headline casing ("the minister Said that").
SAYING_VERBS = frozenset(
    "said says added asked told stated noted announced explained stressed warned".split()
)
#: Adverbs of degree: the adjective after one is never a name ("very Different").
INTENSIFIERS = frozenset("very quite extremely fairly highly somewhat".split())
#: Capitalised prepositions that are very unlikely to start a name after a lowercase word,
#: even when a capitalised word follows ("interview With Khan").
STRONG_PREPOSITIONS = frozenset(
    "with from into about through during without against between among after before".split()
)
#: -ly words that are adjectives or names as often as adverbs (Daily Mail, Holy See).
LY_NAMES = frozenset(
    """
    daily weekly monthly yearly quarterly hourly nightly early holy friendly lovely jolly
    silly ugly lonely lively only family assembly ally rally belly bully
    """.split()
)
#: -ed/-ing words that are commonly part of names (United Nations, Reading, Empire State
#: Building) or surnames (Harding, Browning, Golding, Fleming).
VERB_FORM_NAMES = frozenset(
    """
    united limited reading building wedding harding browning golding fleming downing
    banking spring sterling king viking wing ring sing sting string evening morning
    darling ceiling pudding ming meeting learning training consulting engineering
    advanced applied associated allied integrated incorporated licensed listed barking
    worthing dorking tooting woking fielding goring spelling hunting
    """.split()
)
#: Function words that can open a clause: capitalised after a lowercase word they more often
#: show a lost full stop ("the light It broke") than title case, which MT601 and MT101 cover.
CLAUSE_OPENERS = frozenset(
    """
    he she they we it i you this that these those my his her our their your its there here
    what who which when where why how then so also just very not
    """.split()
)
_TITLE_SMALL_WORDS = frozenset("of the and in on for to a an at by or with from".split())
_TITLECASE_RE = re.compile(r"[A-Z][a-z]+(?:['’][a-z]+)?$")
# Gaps between two words after which a capitalised word is expected or allowed: a colon,
# an opening quote or bracket, a dash, a slash, a list marker or a stop. (A line break inside a
# sentence is a hard-wrapped line's: segmentation ends the paragraph at any other.)
_LICENSING_GAP_RE = re.compile(r"[:;\"“‘«(\[{—–\-/•*#|.?!…&+=<>]|(?:^|\s)['`]")
# A comma and a closing quote: the word after starts the speech tag (," he said).
_SPEECH_TAG_GAP_RE = re.compile(r"^\s*[,]\s*[\"”’']\s+$")
_PLAIN_GAP_RE = re.compile(r"^,?\s+$")


def _demonym_like(low: str) -> bool:
    return low.endswith(("an", "ans", "ese", "ish", "ians", "ers", "ists", "ites"))


# Most sentences have no capitalised word that this rule could flag, and the per-word logic
# below is costly, so it runs only on candidate sentences, found per document from the
# capitalised word tokens that mtcheck.names collects once for all rules: a capitalised word
# (not first in its sentence) that is a function word, a verb of saying, an -ly or -ed/-ing
# form, or any common word after an intensifier or subject pronoun. Every reason below, and
# every headline-casing clue, needs one of those.
_PREV_CUES = tuple(sorted(INTENSIFIERS | SUBJECT_PRONOUNS))
_TITLECASE_FULL_RE = re.compile(r"[A-Z][a-z]+(?:['’][a-z]+)?")


# What a capitalised word can be reported for, by spelling (_word_class), and what the text
# around it must then look like. Every reason needs the gap before the word to end in
# whitespace, and, except for an adverb, either a speech tag (a quote before that whitespace:
# ," He added) or a lowercase word right before it (she Wanted, very Different). Most reasons
# also need the next word not to be capitalised.
#: a verb of saying or a strong preposition: after a quote or a lowercase word
_AFTER_QUOTE_OR_WORD = 1
#: "The": only in a speech tag, after a quote
_AFTER_QUOTE = 2
#: an -ly adverb or a headline-casing clue (Her, Will): anywhere
_ANYWHERE = 3
#: any other common word: only after an intensifier or subject pronoun
_AFTER_CUE = 4
#: bit: ... and never right before a capitalised word (other function words, -ed/-ing forms)
_NOT_BEFORE_CAP = 8
_QUOTES = "\"”’'"


@lru_cache(maxsize=memo.WORDS)
def _word_class(tok: str) -> int:
    """What a capitalised word token can be reported for (0: nothing); cached per spelling."""
    if _TITLECASE_FULL_RE.fullmatch(tok) is None:
        return 0
    low = tok.lower()
    if adverb_stem(low) is not None or low in _RUN_CLAUSE_WORDS:
        return _ANYWHERE
    if low == "the":
        return _AFTER_QUOTE | _NOT_BEFORE_CAP
    if low in SAYING_VERBS or low in STRONG_PREPOSITIONS:
        return _AFTER_QUOTE_OR_WORD
    if low in FUNCTION_WORDS or verb_stem(low) is not None:
        return _AFTER_QUOTE_OR_WORD | _NOT_BEFORE_CAP
    return _AFTER_CUE | _NOT_BEFORE_CAP if zipf(low) >= 3.0 else 0


def _after_cue(text: str, q: int) -> bool:
    """Whether an intensifier or subject pronoun (as a whole word) ends at ``q``."""
    for cue in _PREV_CUES:
        k = q - len(cue)
        if text.startswith(cue, k) and k >= 0 and (k == 0 or not _WORD_CHAR_RE.match(text, k - 1)):
            return True
    return False


_WORD_CHAR_RE = re.compile(r"\w")


_END = attrgetter("end")
_MATCH_START = methodcaller("start")


def _sentence_index(a: Analysis) -> tuple[list[int], list[int], frozenset[int]]:
    """Sentence starts and ends (for bisect) and where each sentence's first word starts."""
    text = a.text
    starts = a.sentence_starts
    ends = list(map(_END, a.sentences))
    firsts = map(WORD_RE.search, repeat(text), starts, ends)
    return starts, ends, frozenset(map(_MATCH_START, filter(None, firsts)))


def _candidates(a: Analysis) -> dict[int, tuple[list[int], bool]]:
    """Candidate sentences (by index): the starts of their candidate words, and whether they
    hold a word that can make a run headline casing."""
    text = a.text
    starts, ends, firsts = a.shared("capitals.sentence-index", _sentence_index)
    found: dict[int, tuple[list[int], bool]] = {}
    for tok, positions in capital_tokens(a).items():
        cls = _word_class(tok)
        if not cls:
            continue
        for p in positions:
            if p in firsts:
                continue
            si = bisect_right(starts, p) - 1
            if cls != _ANYWHERE:
                q = p
                while q > 0 and text[q - 1].isspace():
                    q -= 1
                if q == p or q == 0:
                    continue
                kind = cls & ~_NOT_BEFORE_CAP
                if kind == _AFTER_CUE:
                    if not text.endswith(_PREV_CUES, 0, q) or not _after_cue(text, q):
                        continue
                else:
                    before = text[q - 1]
                    if before not in _QUOTES and (
                        kind == _AFTER_QUOTE or not before.isalpha() or before.isupper()
                    ):
                        continue
                if cls & _NOT_BEFORE_CAP:
                    e = p + len(tok)
                    while e < ends[si] and text[e].isspace():
                        e += 1
                    if e < ends[si] and text[e].isupper():
                        continue  # the next word (in the sentence) is capitalised
            c = found.get(si)
            if c is None:
                found[si] = ([p], cls == _ANYWHERE)
            else:
                c[0].append(p)
                if cls == _ANYWHERE and not c[1]:
                    found[si] = (c[0], True)
    return found


class _DocNames:
    """Lowercased words the document capitalises mid-sentence twice or more and never writes
    in lowercase (mid-sentence): names it uses. Worked out per word, when asked."""

    def __init__(self, a: Analysis) -> None:
        self.a = a
        self.known: dict[str, bool] = {}

    def __contains__(self, low: object) -> bool:
        if not isinstance(low, str):
            return False
        v = self.known.get(low)
        if v is None:
            v = self.known[low] = self._decide(low)
        return v

    def _decide(self, low: str) -> bool:
        a = self.a
        _, _, firsts = a.shared("capitals.sentence-index", _sentence_index)
        cap = low[:1].upper() + low[1:]
        if _TITLECASE_FULL_RE.fullmatch(cap) is None or cap.lower() != low:
            return False
        mid = [p for p in capital_tokens(a).get(cap, ()) if p not in firsts]
        if len(mid) < 2:
            return False
        if not low.islower() or low not in word_types(a):
            return True
        # the word is also written in lowercase somewhere: a name only if never mid-sentence,
        # that is if every such word opens its sentence
        return token_counts(a)[low] <= a.shared("capitals.first-tokens", _first_tokens)[low]


def _first_tokens(a: Analysis) -> Counter[str]:
    """How often each word token opens a sentence (the first token of each sentence is the
    first word ``_sentence_index`` finds in it)."""
    return Counter(tokens[0] for tokens in a.sentence_tokens if tokens)


def _words_in(a: Analysis, start: int, end: int) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in WORD_RE.finditer(a.text, start, end)]


def _title_run_end(words: list[tuple[int, int, str]], i: int) -> int:
    """Index after the title that starts at word ``i`` (capitalised words and small words)."""
    j = i
    while j < len(words):
        w = words[j][2]
        if w[0].isupper() or (w in FUNCTION_WORDS and len(w) <= 4 and j + 1 < len(words)):
            j += 1
            continue
        break
    return j


@rule(
    code="MT201",
    name="title-case-mid-sentence",
    category="fluency/grammar",
    severity="minor",
    scope=Scope.SENTENCE,
    confidence=0.75,
    flags=[
        "Officials said she ⟦Wanted⟧ to leave the talks early.",
        "He gave an interview ⟦With⟧ Khan on Sunday.",
        "The President of Afghanistan ⟦Publicly⟧ criticised the plan.",
        "“We will not go back,” ⟦He⟧ added.",
        "The report was released in a series of snippets ⟦Considering⟧ the risks.",
        "The minister ⟦Said⟧ that the plan was ready.",
        "“Prices will rise,” ⟦The⟧ minister said.",
        "They measured stress and ⟦Their⟧ reaction to very ⟦Different⟧ noises.",
        "He said the ministry ⟦Will Strictly Implement Output Quotas and Guide Firms⟧ to cut "
        "production.",
        "She said it was the ⟦Greatest Moment of Her Life⟧ and thanked her family.",
    ],
    passes=[
        "The Supreme Court and the Prime Minister spoke to the Financial Times on Monday.",
        "China promoted the One Belt, One Road initiative in the Middle East.",
        "She starred in the film Gone With the Wind and the series Breaking Bad.",
        "The rule is simple: Always check the NATO and UN figures.",
        "He said “Never again” and left. Later He Lifeng met Vice Premier He Yafei.",
        "Reporters from The Guardian and the United Nations met at Reading station.",
        "We Americans, said Mr. Smith, love the Daily Mail.",
        "Professor Edward Said wrote about it, and critics of Said argued back.",
        "Click About to see the version, set the switch to Off and tap Done.",
        "We Democrats and they Republicans met in Barking and Worthing, the Guardian said.",
        "“It works,” The Guardian reported.",
        "It is very British, I really Like it, and Very Good Food won a prize at Our Lady school.",
        "She met the Duke of Edinburgh and Her Majesty the Queen at the Royal Albert Hall.",
        "He joined the Department of Health and Social Care and the Bank of England in May.",
        [
            "The Key Lime pie was a hit, and the team praised Key Lime again.",
        ],
    ],
)
def title_case_mid_sentence(a: Analysis, opts: Mapping[str, Any]) -> Iterable[Hit]:
    """A common lowercase word capitalised inside a sentence ("she Wanted to leave").

    Why it matters:
        Machine translation of headlines, link text and captions often carries title case
        into running text. Capitalised verbs, adverbs and function words in mid-sentence make
        readers look for a name that is not there.

    Example:
        Officials said she Wanted to leave the talks early.
        Use instead: Officials said she wanted to leave the talks early.

    Does not flag:
        Names and multi-word names (the Supreme Court, Financial Times, One Belt, One Road),
        titles of works after a cue word (the film Gone With the Wind), words after a colon, an
        opening quote, a bracket or a dash, sentence starts, acronyms, function words that are
        also surnames before a name (He Lifeng), and any word the same document capitalises
        mid-sentence elsewhere and never writes in lowercase. A run of four or more
        capitalised words is reported as headline casing only when it holds a word no name
        has (an -ly adverb, or "Her", "Their", "Will" after a small word), and not in royal
        titles (Her Majesty).
    """
    text = a.text
    sentences = a.sentences
    candidates = _candidates(a)
    if not candidates:
        return
    names = _DocNames(a)
    for si in sorted(candidates):
        s = sentences[si]
        positions, headline = candidates[si]
        words = _words_in(a, s.start, s.end)
        flagged: list[int] = []
        skip_until = 0
        scanned = 1  # title cues are looked for word by word, up to the current candidate
        for p in sorted(positions):
            i = bisect_left(words, (p,))
            if not 0 < i < len(words) or words[i][0] != p:
                continue
            while scanned <= i:
                cue = words[scanned - 1][2]
                if cue.lower() in TITLE_CUES and cue.islower():
                    skip_until = _title_run_end(words, scanned)
                scanned += 1
            start, end, w = words[i]
            _, prev_end, prev = words[i - 1]
            nxt = words[i + 1][2] if i + 1 < len(words) else ""
            low = w.lower()
            if i < skip_until or not _TITLECASE_RE.match(w):
                continue
            gap = text[prev_end:start]
            speech_tag = bool(_SPEECH_TAG_GAP_RE.match(gap))
            if not speech_tag and (not _PLAIN_GAP_RE.match(gap) or _LICENSING_GAP_RE.search(gap)):
                continue
            if prev.isdigit():
                continue  # a word after a list number
            prev_lower = prev.islower() and prev.isalpha()
            next_cap = bool(nxt) and nxt[0].isupper()
            reason = ""
            in_title = (
                prev in _TITLE_SMALL_WORDS and i >= 2 and words[i - 2][2][0].isupper()
            )  # "The Last of Us"
            if in_title and not speech_tag:
                continue
            if low in FUNCTION_WORDS or low == "the":
                if low in NAME_LIKE_FUNCTION_WORDS and (next_cap or (not speech_tag and not nxt)):
                    continue
                if low == "the" and not (speech_tag and nxt.islower()):
                    continue  # "read The Economist"; but ," The minister said
                if next_cap and low not in STRONG_PREPOSITIONS:
                    continue
                # a clause opener after a content word may start a sentence whose full stop was
                # lost ("the light It broke"); after a function word it cannot ("and Their")
                opener_ok = low not in CLAUSE_OPENERS or prev in FUNCTION_WORDS
                if speech_tag or (prev_lower and gap.isspace() and opener_ok):
                    reason = "a function word"
            elif low in SAYING_VERBS and (
                speech_tag
                or (prev_lower and gap.isspace() and prev not in FUNCTION_WORDS and nxt.islower())
            ):
                reason = "a verb"
            elif prev in INTENSIFIERS and gap.isspace() and zipf(low) >= 3.0 and not next_cap:
                if not _demonym_like(low):
                    reason = "a word after an intensifier"
            elif prev in SUBJECT_PRONOUNS and gap.isspace() and zipf(low) >= 3.0:
                group_noun = prev in ("we", "they") and low.endswith("s")  # "we Democrats"
                if not _demonym_like(low) and not next_cap and not group_noun:
                    reason = "a verb after a pronoun"
            elif (
                low not in LY_NAMES
                and adverb_stem(low) is not None
                and not next_cap
                and text[end : end + 1] != ","
            ):
                reason = "an adverb"
            elif (
                prev_lower
                and nxt.islower()
                and gap.isspace()
                and text[end : end + 1].isspace()
                and low not in VERB_FORM_NAMES
                and verb_stem(low) is not None
            ):
                reason = "a verb form"
            if not reason or (not speech_tag and low in names):
                continue  # (names last: the costliest check) a name the document uses
            flagged.append(start)
            yield Hit(
                start,
                end,
                f"{reason[0].upper()}{reason[1:]} is capitalised mid-sentence: '{w}'",
                suggestion=low,
            )
        if headline:
            yield from _headline_runs(a, words, names, flagged)


#: Small words that stay lowercase inside a headline-cased run ("Guide Enterprises to Reduce").
_RUN_JOINERS = frozenset("of and to in on for with the a an at by or".split())
#: Possessives and modals: capitalised after a small word inside a run they show headline
#: casing ("Victory of Her Career"), not a name.
_RUN_CLAUSE_WORDS = frozenset(
    "her his their its our my your will would can could should must".split()
)
#: Words after which "Her"/"His" belong to a royal or honorific title.
_HONORIFICS = frozenset("majesty majesty's majesty’s highness excellency grace holiness".split())


def _headline_runs(
    a: Analysis, words: list[tuple[int, int, str]], names: _DocNames, flagged: list[int]
) -> Iterable[Hit]:
    """Runs of four or more capitalised words inside a sentence that contain a word no name
    has: an -ly adverb or a capitalised possessive or modal inside the run ("the ministry Will
    Strictly Implement Capacity Replacement Measures", "the Biggest Victory of Her Career")."""
    text = a.text
    n = len(words)
    i = 1
    while i < n:
        start, _, w = words[i]
        prev = words[i - 1][2]
        if not (
            _TITLECASE_RE.match(w)
            and prev.islower()
            and prev not in TITLE_CUES
            and _PLAIN_GAP_RE.match(text[words[i - 1][1] : start])
        ):
            i += 1
            continue
        j = i
        last_cap = i
        while j < n and (_TITLECASE_RE.match(words[j][2]) or words[j][2] in _RUN_JOINERS):
            gap = text[words[j - 1][1] : words[j][0]]
            if j > i and not _PLAIN_GAP_RE.match(gap):
                break
            if words[j][2][0].isupper():
                last_cap = j
            j += 1
        run = words[i : last_cap + 1]
        i = max(j, i + 1)
        caps = [w2 for _, _, w2 in run if w2[0].isupper()]
        if len(caps) < 4:
            continue
        if any(start <= f < run[-1][1] for f in flagged):
            continue  # a word of it is already reported
        clue = False
        for k, (_, _, w2) in enumerate(run):
            low = w2.lower()
            if not w2[0].isupper():
                continue
            if low not in LY_NAMES and adverb_stem(low) is not None:
                clue = True
            elif low in _RUN_CLAUSE_WORDS and k > 0 and run[k - 1][2].islower():
                nxt = run[k + 1][2].lower() if k + 1 < len(run) else ""
                clue = clue or nxt not in _HONORIFICS
        if clue and not all(c.lower() in names for c in caps):
            yield Hit(
                start,
                run[-1][1],
                f"Headline casing mid-sentence: '{text[start : run[-1][1]]}'",
            )


_FIRST_WORD_RE = re.compile(r"[\"'“‘«(\[]*([^\W\d_][\w.'’@-]*)")
#: Brands and code words that are written lowercase on purpose.
LOWERCASE_BRANDS = frozenset(
    """
    ebay iphone ipad ipod imac itunes npm pip git gcc clang awk sed grep sudo ls cd vim emacs
    bash zsh curl wget tl x y z n e.g i.e vs etc de van von
    """.split()
)
#: Short abbreviations after which the segmenter may have split before a lowercase word.
_ABBREVIATIONS = frozenset(
    """
    incl est min max sq lbs lb oz yr yrs mo tel ext govt intl natl misc esp approx fig no
    cca ca pt pts hr hrs sec mins km cm mm kg mg ml
    """.split()
)
#: Lowercase first words that continue a previous line or title rather than start a sentence.
_CONTINUATIONS = frozenset("and but or so nor because".split())
_FINAL = frozenset('.!?…"”’)]')
_LIST_START_RE = re.compile(r"\s*(?:[-*•–—]|\d{1,3}[.)]|[a-zA-Z][.)])\s")
_ATTACHED_ELLIPSIS_END_RE = re.compile(r"\w(?:\.\.\.|…)[\"'”’)\]]*$")
_ELLIPSIS_END_RE = re.compile(r"(?:\.\.\.|…)[\"'”’)\]]*$")


def _after_abbreviation(text: str, prev_end: int) -> bool:
    """Whether the previous sentence ends with a short abbreviation ("approx.")."""
    tail = text[max(0, prev_end - 12) : prev_end].rstrip("\"'”’)]")
    if not tail.endswith("."):
        return False
    token = re.split(r"[\s(]", tail[:-1])[-1].lower()
    return (
        token in _ABBREVIATIONS
        or token in NEVER_FINAL
        or token in MAYBE_FINAL
        or token in NUMBERED
        or "." in token
        or len(token) == 1
    )


@rule(
    code="MT202",
    name="sentence-starts-lowercase",
    category="fluency/grammar",
    severity="minor",
    scope=Scope.SENTENCE,
    confidence=0.8,
    flags=[
        "⟦the⟧ ministers met in Geneva on Monday.",
        "Talks resumed on Monday. ⟦they⟧ ended without a deal.",
        "⟦i⟧ think the plan will work, said the mayor.",
    ],
    passes=[
        "iPhone sales rose, and eBay listings fell.",
        "He waited... and then the talks collapsed.",
        "The list covers:\n\n- apples\n- pears",
        "“Why?” he asked. The U.S. team agreed, approx. ten people.",
        "npm install works. x is greater than y in the example.",
        "Prices rose 5%\n\nin the first quarter of the year.",
    ],
)
def sentence_starts_lowercase(a: Analysis, opts: Mapping[str, Any]) -> Iterable[Hit]:
    """A sentence that starts with a lowercase letter ("the ministers met ...").

    Why it matters:
        A lowercase sentence start is a sign of a lost sentence boundary, a sentence cut and
        pasted from the middle of another, or machine-translation output that dropped case.

    Example:
        Talks resumed on Monday. they ended without a deal.
        Use instead: Talks resumed on Monday. They ended without a deal.

    Does not flag:
        Sentences after an ellipsis, deliberate lowercase brands and code (iPhone, eBay, npm,
        x in math), list items and paragraphs that continue a lead-in ending with a colon or
        without final punctuation, and words after abbreviations (approx. ten).
    """
    text = a.text
    paras = a.paragraphs
    prev_end = -1
    prev_para = -1
    for s in a.sentences:
        m = _FIRST_WORD_RE.match(text, s.start, s.end)
        this_prev_end, this_prev_para = prev_end, prev_para
        prev_end, prev_para = s.end, s.paragraph
        if m is None or text[s.start] in "([{":
            continue  # an aside or editorial note: "(fwiw, ...)", "[cont'd]"
        w = m.group(1).rstrip(".'’-")
        if not w or not w[0].islower():
            continue
        if any(c.isupper() for c in w[1:]) or any(c in w for c in "@._") or w in LOWERCASE_BRANDS:
            continue
        if text[m.end(1) : m.end(1) + 1] in ("+", "#") or any(c.isdigit() for c in w):
            continue  # code and commands (g++, c99)
        if w.lower() in _CONTINUATIONS and len(paras) > 1:
            # a continuation of a title or of the previous line; a one-paragraph document
            # (a segment) has nothing before it to continue
            continue
        if _ATTACHED_ELLIPSIS_END_RE.search(text, max(s.start, s.end - 8), s.end):
            continue  # an informal fragment trailing off ("buy the big one...")
        para = paras[s.paragraph]
        if text[para.end - 1] not in _FINAL and s.start == para.start and s.end == para.end:
            continue  # a headline or title line: one sentence, no final punctuation
        if this_prev_end >= 0:
            if this_prev_para == s.paragraph:
                tail = text[max(0, this_prev_end - 8) : this_prev_end]
                if _ELLIPSIS_END_RE.search(tail) or _after_abbreviation(text, this_prev_end):
                    continue
            else:
                # a new paragraph continuing a lead-in ("covers:", or no final punctuation)
                last = text[paras[this_prev_para].end - 1]
                if last not in '.?"”’)':
                    continue  # after a lead-in or an exclamation line
        if _LIST_START_RE.match(text, paras[s.paragraph].start):
            continue
        start = m.start(1)
        yield Hit(
            start,
            start + len(w),
            f"Sentence starts with a lowercase letter: '{w}'",
            suggestion=w[0].upper() + w[1:],
        )


RULES: list[Rule] = [title_case_mid_sentence, sentence_starts_lowercase]
