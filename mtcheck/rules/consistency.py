"""Rules of family MT5xx: consistency of names, abbreviations and house spellings."""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

from mtcheck import names
from mtcheck.analysis import Analysis
from mtcheck.model import Hit, Scope
from mtcheck.rules.base import Example, Option, Rule, occurrences, rule

_DISTINCT = Option(
    "distinct",
    [],
    "groups of names that are legitimately similar and never merged, e.g. [['Ruto', 'Rutte']]"
    " (defaults to the distinct-names setting)",
)


def _unhyphenated(key: str) -> str:
    return key.replace("-", "")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


@rule(
    code="MT501",
    name="name-spelling-drift",
    category="fluency/inconsistency",
    severity="major",
    scope=Scope.DOCUMENT,
    options=[_DISTINCT],
    flags=[
        "Yusuf Ahmed arrived on Monday. Officials said Yusuf would speak.\n\n"
        "Later, ⟦Yousef⟧ told reporters the talks had ended.",
        "Chancellor Olaf Scholz met the press. Scholz said the budget was final. "
        "Critics said ⟦Scholtz⟧ had ignored them.",
        "Kenyatta's party won. Kenyatta thanked voters, and ⟦Kenyata⟧ promised reform.",
        "Muhammad Ali trained in Miami. ⟦Mohammed⟧ later moved, but Muhammad kept the gym.",
        "Ahmed Yusuf arrived. Ahmed ⟦Yousef⟧ spoke later, and Yusuf left.",
        "Barack Obama visited Berlin on Monday. ⟦Obamma⟧ said the talks went well. Obama left.",
    ],
    passes=[
        "Iran and Iraq signed a deal. Iran will export gas to Iraq.",
        "Austria and Australia played. Austria won, and Australia protested.",
        "Niger and Nigeria closed the border. Niger said Nigeria agreed.",
        "Slovakia and Slovenia voted. Gambia and Zambia abstained.",
        "Kim Jong-un met officials. His father Kim Jong-il ruled before him.",
        "Raúl Castro greeted Fidel Castro's guests. Castro said little.",
        "Maria Lopez and Mario Lopez are twins. Maria is older than Mario.",
        "Putin's spokesman spoke. Putin agreed. PUTIN ARRIVES, the headline read.",
        "The Kennedys met. Kennedy's aides and John Kennedy stayed.",
        "Mark Rutte met William Ruto. Ruto thanked Rutte.",
        "Mr. Bush said the U.S. would help. The bush fires spread.",
        "Boris Johnson met Scarlett Johansson. Johnson praised the film; Johansson smiled.",
    ],
)
def name_spelling_drift(a: Analysis, opts: Mapping[str, Any]) -> Iterable[Hit]:
    """A proper name written in two or more spellings in one document (Yusuf and Yousef).

    Why it matters:
        Machine translation transliterates names afresh in every sentence, so one person becomes
        several. Readers cannot tell whether two people are meant, and the text looks careless.

    Example:
        Yusuf Ahmed arrived. Officials said Yusuf would speak. Later, Yousef told reporters...
        Use one spelling throughout: Yusuf.

    Does not flag:
        Distinct places that look alike (Iran/Iraq, Austria/Australia, Niger/Nigeria: a
        gazetteer of countries and regions), names that extend one another (Daniel/Daniela),
        different final vowels (Maria/Mario), common words (Bush/bush, Mark), possessives and
        plurals (Putin's, the Kennedys), capitals in headlines, names listed in ``distinct``,
        and two people with similar surnames, told apart by their given names (Boris Johnson
        and Scarlett Johansson).
    """
    distinct = names.distinct_table(opts.get("distinct") or ())
    for d in names.document_drifts(a, distinct or None):
        major = d.majority
        for f in d.spellings[1:]:
            if _unhyphenated(f.key) == _unhyphenated(major.key):
                continue  # Wi-Fi/WiFi: hyphenation, abbreviation-drift's business
            msg = (
                f"'{f.display}' is spelled '{major.display}' elsewhere in this document "
                f"({_plural(major.count, 'time')})"
            )
            for s, e in f.offsets:
                yield Hit(s, e, msg, suggestion=major.display)


# ---------------------------------------------------------------------------------------------
# MT502 abbreviation drift
#
# Most documents hold no dotted abbreviation, no hyphenated compound and no grouped number, so
# each part first looks for its trigger with a regex that starts with a literal character (which
# ``re`` scans at C speed) and does per-word work only where one was found.

_DOTTED_RE = re.compile(r"(?<![\w.])(?:[A-Z]\.){2,4}(?!\w)")
#: a capital between two dots: every dotted abbreviation has one right after its first letter
_DOT_PAIR_RE = re.compile(r"\.[A-Z]\.")
_PLAIN_RE = re.compile(r"(?<![\w.])[A-Z]{2,4}(?![\w']|\.\w)")
_COMMA_NUM_RE = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?![\d]|[.,]\d)")
_SPACE_NUM_RE = re.compile(
    r"(?<![\d.,])(?<!\d[ \u00a0\u202f])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d]|[.,]\d)"
)
#: the first digit group of a grouped number (which starts one to three digits before it)
#: (one pattern per separator: a pattern led by a literal is scanned fast)
_COMMA_GROUP_RES = (re.compile(r",(?<=\d,)\d{3}(?!\d)"),)
_SPACE_GROUP_RES = tuple(
    re.compile(rf"{sep}(?<=\d{sep})\d{{3}}(?!\d)") for sep in (" ", "\u00a0", "\u202f")
)
#: a hyphen between two word characters: every hyphenated word token holds one
_INNER_HYPHEN_RE = re.compile(r"-(?<=\w-)(?=\w)")
#: letters, read leftwards from a hyphen in the reversed text
_LETTERS_RE = re.compile(r"[^\W\d_]+")
#: a whole word token of two or three runs of letters joined by hyphens (Al-Qaeda, e-mail)
#: (after a digit it starts a word only where a grouped number ends: "12,500E-Mail")
_HYPHENATED_RE = re.compile(r"(?<![^\W\d])(?<!\w[-'’])[^\W\d_]+(?:-[^\W\d_]+){1,2}(?![\w]|[-'’]\w)")
#: digits after a decimal or thousands separator that follows a digit: the end of a number
#: token, read in the reversed text (a letter right after it starts a new word: "12,500Km")
_NUMBER_TAIL_RE = re.compile(r"\d+[.,:]\d")
#: hyphenated prefixes whose closed form is another word (re-cover/recover, re-sign/resign)
_MEANINGFUL_HYPHEN = frozenset({"re", "un", "co-op"})


@lru_cache(maxsize=1024)
def _plain_pattern(acronym: str) -> re.Pattern[str]:
    """_PLAIN_RE restricted to one acronym, led by its letters so the scan is fast."""
    a = re.escape(acronym)
    return re.compile(rf"{a}(?<![\w.]{a})(?![\w']|\.\w)")


def _variant_hits(
    variants: Mapping[str, list[tuple[int, int]]], labels: Mapping[str, str] | None = None
) -> Iterable[Hit]:
    """Flag every occurrence of each minority variant, naming the majority and its count."""
    if len(variants) < 2:
        return
    order = sorted(variants, key=lambda v: (-len(variants[v]), variants[v][0][0]))
    major = order[0]
    n = len(variants[major])
    for v in order[1:]:
        for s, e in variants[v]:
            if labels is None:
                msg = (
                    f"'{v}' is written '{major}' elsewhere in this document ({_plural(n, 'time')})"
                )
                yield Hit(s, e, msg, suggestion=major)
            else:
                msg = (
                    f"A number {labels[v]}; elsewhere in this document numbers are written "
                    f"{labels[major]} ({_plural(n, 'time')})"
                )
                yield Hit(s, e, msg)


def _acronyms(a: Analysis) -> Iterable[Hit]:
    text = a.text
    found: dict[str, dict[str, list[tuple[int, int]]]] = defaultdict(lambda: defaultdict(list))
    # _DOTTED_RE.finditer(text), tried only where a capital sits between two dots
    pos = 0
    while (g := _DOT_PAIR_RE.search(text, pos)) is not None:
        q = g.start()
        m = _DOTTED_RE.match(text, q - 1) if q - 1 >= pos else None
        if m is not None:
            found[m.group().replace(".", "")][m.group()].append(m.span())
            pos = m.end()
        else:
            pos = q + 1
    for key, variants in found.items():
        for m in _plain_pattern(key).finditer(text):
            variants[key].append(m.span())
        if len(variants) > 1:
            yield from _variant_hits(variants)


def _token_at(words: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    """Whether (start, end) is one of the document's word tokens."""
    i = bisect_left(words, (start,))
    return i < len(words) and words[i] == (start, end)


def _find_tokens(text: str, folded: str, a: Analysis, target: str) -> list[tuple[int, int]]:
    """Word tokens whose lowercase is ``target``, in text order (``folded`` is text.lower()).

    The document's word spans are read only where ``target`` occurs: most closed forms of a
    compound do not, and most documents then need no word span at all."""
    out: list[tuple[int, int]] = []
    n = len(target)
    for i in occurrences(folded, target):
        if _token_at(a.words, i, i + n) and text[i : i + n].lower() == target:
            out.append((i, i + n))
    return out


def _find_pairs(
    text: str, folded: str, a: Analysis, first: str, second: str
) -> list[tuple[int, int]]:
    """Two adjacent word tokens joined by one space or no-break space, lowercased
    ``first second`` (the open spelling of a compound), in text order."""
    out: list[tuple[int, int]] = []
    n1, n2 = len(first), len(second)
    for sep in (" ", "\u00a0"):
        target = first + sep + second
        for i in occurrences(folded, target):
            j = i + n1 + 1
            if (
                _token_at(a.words, i, i + n1)
                and _token_at(a.words, j, j + n2)
                and f"{text[i : i + n1]} {text[j : j + n2]}".lower() == f"{first} {second}"
            ):
                out.append((i, j + n2))
    out.sort()
    return out


def _hyphenated_words(a: Analysis) -> list[tuple[int, int]]:
    """The word tokens made of two or three runs of letters joined by hyphens, in text order."""
    text = a.text
    out: list[tuple[int, int]] = []
    rev = ""
    n = len(text)
    pos = 0
    for h in _INNER_HYPHEN_RE.finditer(text):
        if h.start() < pos:
            continue  # a later hyphen of a word already found
        if not rev:
            rev = text[::-1]
        # the letters before the hyphen, read in the reversed text
        left = _LETTERS_RE.match(rev, n - h.start())
        if left is None:
            continue
        start = h.start() - (left.end() - left.start())
        m = _HYPHENATED_RE.match(text, start)
        if m is not None and (
            start == 0
            or not text[start - 1].isdecimal()
            or _NUMBER_TAIL_RE.match(rev, n - start) is not None
        ):
            out.append(m.span())
            pos = m.end()
    return out


def _compounds(a: Analysis) -> Iterable[Hit]:
    text = a.text
    hyphenated: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for s, e in _hyphenated_words(a):
        w = text[s:e]
        parts = w.split("-")
        if all(p.isalpha() for p in parts) and parts[0].lower() not in _MEANINGFUL_HYPHEN:
            hyphenated[w.lower()].append((s, e))
    if not hyphenated:
        return
    closed_of = {h.replace("-", ""): h for h in hyphenated}
    folded = text.lower()
    # text.lower() keeps offsets unless a character lowercases to two (İ); only capital sigma
    # lowercases differently inside a text than inside a word (final ς)
    fast = len(folded) == len(text) and "Σ" not in text
    closed: dict[str, list[tuple[int, int]]] = defaultdict(list)
    if fast:
        for c in closed_of:
            closed[c] = _find_tokens(text, folded, a, c)
    else:
        for s, e in a.words:
            low = text[s:e].lower()
            if low in closed_of:
                closed[low].append((s, e))
    pair_index: dict[str, list[tuple[int, int]]] | None = None

    def open_spans(first: str, second: str) -> list[tuple[int, int]]:
        # adjacent words joined by one space, lowercased: the open spelling of a compound
        nonlocal pair_index
        if fast:
            return _find_pairs(text, folded, a, first, second)
        if pair_index is None:
            pair_index = defaultdict(list)
            for (s1, e1), (s2, e2) in itertools.pairwise(a.words):
                if s2 == e1 + 1 and text[e1] in " \u00a0":
                    pair_index[f"{text[s1:e1]} {text[s2:e2]}".lower()].append((s1, e2))
        return pair_index.get(f"{first} {second}", [])

    for h, spans in hyphenated.items():
        variants: dict[str, list[tuple[int, int]]] = {}
        shown = text[spans[0][0] : spans[0][1]]
        variants[shown] = spans
        c = h.replace("-", "")
        if closed.get(c):
            cs = closed[c]
            variants[text[cs[0][0] : cs[0][1]]] = cs
        parts = h.split("-")
        proper = len(parts) == 2 and any(p[:1].isupper() for p in shown.split("-")[1:])
        if proper:
            # names such as Al-Qaeda / al Qaeda: the open spelling is a variant too
            spans2 = open_spans(parts[0], parts[1])
            if spans2:
                variants[text[spans2[0][0] : spans2[0][1]]] = spans2
        if len(variants) > 1:
            yield from _variant_hits(variants)


def _grouped_numbers(
    text: str, group_res: Sequence[re.Pattern[str]], number_re: re.Pattern[str]
) -> list[tuple[int, int]]:
    """The spans ``number_re.finditer(text)`` yields, tried only just before each digit group
    that ``group_res`` find (a grouped number starts one to three digits before its first)."""
    groups = sorted(m.start() for r in group_res for m in r.finditer(text))
    out: list[tuple[int, int]] = []
    pos = 0
    for q in groups:
        if q < pos:
            continue  # a later group of the number just found
        for t in range(max(pos, q - 3), q):
            m = number_re.match(text, t)
            if m is not None:
                out.append(m.span())
                pos = m.end()
                break
    return out


def _numbers(a: Analysis) -> Iterable[Hit]:
    text = a.text
    commas = _grouped_numbers(text, _COMMA_GROUP_RES, _COMMA_NUM_RE)
    if not commas:
        return
    spaces = _grouped_numbers(text, _SPACE_GROUP_RES, _SPACE_NUM_RE)
    if not spaces:
        return
    variants = {"comma": commas, "space": spaces}
    labels = {"comma": "with comma separators", "space": "with space separators"}
    yield from _variant_hits(variants, labels)


@rule(
    code="MT502",
    name="abbreviation-drift",
    category="fluency/inconsistency",
    severity="minor",
    scope=Scope.DOCUMENT,
    flags=[
        "The U.S. embassy opened. U.S. officials and ⟦US⟧ diplomats attended.",
        "Send an e-mail to the desk. Every e-mail is read, and each ⟦email⟧ is logged.",
        "Al-Qaeda claimed the attack. Analysts said Al-Qaeda was weak, but ⟦al Qaeda⟧ denied it.",
        "The plant employs 12,500 people and 4,300 contractors; ⟦10 000⟧ more are planned.",
    ],
    passes=[
        "The US and the UK signed. US officials praised UK envoys.",
        "He will re-cover the roof and recover the costs.",
        "A well-known author is well known here. J.K. Rowling wrote it.",
        "The UN said 10,000 people fled; 2,500 returned in 2021.",
        "Send an email. Each email is read.",
        "The score was 3-1 in 2020 100 days after the opening.",
    ],
)
def abbreviation_drift(a: Analysis, opts: Mapping[str, Any]) -> Iterable[Hit]:
    """An abbreviation, term or number style written two ways in one document.

    U.S. and US, e-mail and email, Al-Qaeda and al Qaeda, 10,000 and 10 000: each minority
    spelling is flagged at each place, naming the majority spelling.

    Why it matters:
        Mixed conventions are a tell-tale of text stitched together from separate machine
        translations; style guides require one form throughout.

    Example:
        U.S. officials and US diplomats attended.
        Use one form: U.S. officials and U.S. diplomats attended.

    Does not flag:
        A consistent form, a hyphenated compound adjective beside an open predicate (well-known
        author, is well known), re- prefixes that change the word (re-cover/recover), and
        numbers without thousands separators (years, codes).
    """
    yield from _acronyms(a)
    yield from _compounds(a)
    yield from _numbers(a)


# ---------------------------------------------------------------------------------------------
# MT503 corpus drift


def _collect_names(a: Analysis, opts: Mapping[str, Any]) -> names.Summary:
    return names.corpus_summary(a)


#: a name's spellings across the run (majority first), with its outliers: (document,
#: spelling) of minority spellings in documents without the majority spelling
_CorpusDrift = tuple[tuple[names.CorpusSpelling, ...], list[tuple[str, names.CorpusSpelling]]]


def _reduce_names(
    items: Iterable[tuple[str, names.Summary]], opts: Mapping[str, Any]
) -> Iterable[tuple[str, Hit]]:
    """Reads ``items`` twice for the clusters, and once more, only when a name drifts, for the
    order of the documents and the positions of what is reported; keeps only distinct names
    and reported documents in memory (a large run's items are read back from disk)."""
    distinct = names.distinct_table(opts.get("distinct") or ())
    drifts: list[_CorpusDrift] = []
    for spellings in names.corpus_clusters(items, distinct or None, drifting_only=True):
        major = spellings[0]
        if major.count < 2:
            continue  # one mention each is too little to call a house spelling
        major_docs = {d for d, _ in major.documents}
        outliers = [
            (d, s)
            for s in spellings[1:]
            if _unhyphenated(s.key) != _unhyphenated(major.key)
            for d, _ in s.documents
            if d not in major_docs
        ]
        if outliers:  # else every minority spelling sits beside the majority: MT501's business
            drifts.append((spellings, outliers))
    if not drifts:
        return
    # the outliers' documents: their place in the run, and where each outlier spelling starts
    wanted = {(d, s.key) for _, outliers in drifts for d, s in outliers}
    docs = {d for d, _ in wanted}
    order: dict[str, int] = {}
    first: dict[tuple[str, str], tuple[int, int]] = {}
    for i, (doc_id, summary) in enumerate(items):
        if doc_id not in docs:
            continue
        order.setdefault(doc_id, i)
        for k in summary:
            if (doc_id, k) in wanted:
                first[(doc_id, k)] = summary[k][2], summary[k][3]
    for spellings, outliers in drifts:
        major = spellings[0]
        doc_id, sp = min(outliers, key=lambda o: order[o[0]])
        parts = []
        for s in spellings:
            shown = ", ".join(f"{d} ({n})" for d, n in s.documents[:5])
            more = s.document_count - 5
            if more > 0:
                shown += f" and {more} more"
            parts.append(
                f"'{s.text}' {_plural(s.count, 'time')} in "
                f"{_plural(s.document_count, 'document')}: {shown}"
            )
        message = f"'{sp.text}' is spelled differently across the run: " + "; ".join(parts)
        start, end = first[(doc_id, sp.key)]
        yield doc_id, Hit(start, end, message, suggestion=major.text)


@rule(
    code="MT503",
    name="corpus-name-drift",
    category="fluency/inconsistency",
    severity="minor",
    scope=Scope.CORPUS,
    reduce=_reduce_names,
    options=[_DISTINCT],
    flags=[
        (
            "Minister Yusuf Karimi opened the port. Yusuf thanked the workers.",
            "A week later ⟦Yousef⟧ Karimi closed it again.",
            "Karimi said Yusuf Karimi would return.",
        ),
        (
            "Talks in Kyiv resumed. Kyiv said the talks went well.",
            "Officials in ⟦Kiev⟧ declined to comment.",
        ),
    ],
    passes=[
        ("Iran raised oil output.", "Iraq cut oil output.", "Iran and Iraq met."),
        ("Maria Lopez won the race.", "Mario Lopez came second."),
        ("Kim Jong-un spoke.", "Kim Jong-il was his father."),
        ("Mark Rutte resigned.", "William Ruto won the election."),
    ],
)
def corpus_name_drift(a: Analysis, opts: Mapping[str, Any]) -> names.Summary:
    """The same name spelled differently in different documents of one run.

    Reported once per name, at the first document that uses a minority spelling without the
    majority one, listing every spelling with its documents and counts.

    Why it matters:
        A batch of translated articles about the same people should agree on their names;
        readers and search engines otherwise treat Yusuf and Yousef as two people.

    Example:
        doc1: Yusuf Karimi opened the port. doc2: Yousef Karimi closed it.
        Use one spelling across the run: Yusuf.

    Does not flag:
        Distinct look-alike places (Iran/Iraq), different final vowels (Maria/Mario),
        Kim Jong-un/Kim Jong-il, names listed in ``distinct``, and spellings that only drift
        inside one document (name-spelling-drift reports those).
    """
    return _collect_names(a, opts)


# ---------------------------------------------------------------------------------------------
# MT504 house spellings


@lru_cache(maxsize=64)
def _house_pattern(variants: tuple[str, ...]) -> re.Pattern[str] | None:
    if not variants:
        return None
    alts = "|".join(re.escape(v) for v in sorted(variants, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alts})(?![\w-])", re.IGNORECASE)


@rule(
    code="MT504",
    name="house-spelling-variant",
    category="style/inconsistency",
    severity="minor",
    scope=Scope.DOCUMENT,
    options=[
        Option(
            "house",
            {},
            "variant -> house spelling, e.g. {Zelensky = 'Zelenskyy'}"
            " (defaults to the house-spellings setting)",
        )
    ],
    flags=[
        Example(
            ("President ⟦Zelensky⟧ spoke in Kyiv.",),
            options={"house": {"Zelensky": "Zelenskyy", "Kiev": "Kyiv"}},
        ),
        Example(
            ("Zelenskyy met aides in ⟦Kiev⟧. ⟦Zelensky⟧'s office confirmed it.",),
            options={"house": {"Kiev": "Kyiv", "Zelensky": "Zelenskyy"}},
        ),
    ],
    passes=[
        Example(
            ("President Zelenskyy spoke in Kyiv.",), options={"house": {"Zelensky": "Zelenskyy"}}
        ),
        Example(("Zelenskyy's aides met in Kyiv.",), options={"house": {"Kiev": "Kyiv"}}),
        "President Zelensky spoke in Kiev.",
        Example(("Kievan Rus and Kiev-born artists.",), options={"house": {"Kiev": "Kyiv"}}),
    ],
)
def house_spelling_variant(a: Analysis, opts: Mapping[str, Any]) -> Iterable[Hit]:
    """A spelling the house style replaces (``house``: Zelensky -> Zelenskyy), even once.

    Why it matters:
        Publications fix the spelling of recurring names and terms; a variant slips through
        machine translation unnoticed unless a checker knows the house list.

    Example:
        President Zelensky spoke in Kiev.
        Use the house spellings: President Zelenskyy spoke in Kyiv.

    Does not flag:
        The house spelling itself, longer words that merely contain a variant (Kievan,
        Kiev-born), and anything when no house spellings are configured.
    """
    house: Mapping[str, str] = opts.get("house") or {}
    table = {k.casefold(): v for k, v in house.items() if k.casefold() != v.casefold()}
    pat = _house_pattern(tuple(sorted(table)))
    if pat is None:
        return
    for m in pat.finditer(a.text):
        want = table[m.group().casefold()]
        yield Hit(
            m.start(),
            m.end(),
            f"House spelling is '{want}', not '{m.group()}'",
            suggestion=want,
        )


RULES: list[Rule] = [
    name_spelling_drift,
    abbreviation_drift,
    corpus_name_drift,
    house_spelling_variant,
]
