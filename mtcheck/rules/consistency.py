"""Rules of family MT5xx: consistency of names, abbreviations and house spellings."""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

from mtcheck import names
from mtcheck.analysis import Analysis
from mtcheck.model import Hit, Scope
from mtcheck.rules.base import Example, Option, Rule, rule

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
        plurals (Putin's, the Kennedys), capitals in headlines, and names listed in ``distinct``.
    """
    distinct = names.distinct_table(opts.get("distinct") or ())
    for d in names.document_clusters(a, distinct or None):
        if len(d.spellings) < 2:
            continue
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

_DOTTED_RE = re.compile(r"(?<![\w.])(?:[A-Z]\.){2,4}(?!\w)")
_PLAIN_RE = re.compile(r"(?<![\w.])[A-Z]{2,4}(?![\w']|\.\w)")
_COMMA_NUM_RE = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?![\d]|[.,]\d)")
_SPACE_NUM_RE = re.compile(
    r"(?<![\d.,])(?<!\d[ \u00a0\u202f])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d]|[.,]\d)"
)
#: hyphenated prefixes whose closed form is another word (re-cover/recover, re-sign/resign)
_MEANINGFUL_HYPHEN = frozenset({"re", "un", "co-op"})


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
    for m in _DOTTED_RE.finditer(text):
        found[m.group().replace(".", "")][m.group()].append(m.span())
    if not found:
        return
    for m in _PLAIN_RE.finditer(text):
        if m.group() in found:
            found[m.group()][m.group()].append(m.span())
    for variants in found.values():
        if len(variants) > 1:
            yield from _variant_hits(variants)


def _compounds(a: Analysis) -> Iterable[Hit]:
    text = a.text
    words = a.words
    hyphenated: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for s, e in words:
        w = text[s:e]
        if "-" in w and "'" not in w and "’" not in w:
            parts = w.split("-")
            if 2 <= len(parts) <= 3 and all(p.isalpha() for p in parts):
                if parts[0].lower() in _MEANINGFUL_HYPHEN:
                    continue
                hyphenated[w.lower()].append((s, e))
    if not hyphenated:
        return
    closed_of = {h.replace("-", ""): h for h in hyphenated}
    pair_index: dict[str, list[tuple[int, int]]] | None = None

    def pairs() -> dict[str, list[tuple[int, int]]]:
        # adjacent words joined by one space, lowercased: the open spelling of a compound
        nonlocal pair_index
        if pair_index is None:
            pair_index = defaultdict(list)
            for (s1, e1), (s2, e2) in itertools.pairwise(words):
                if s2 == e1 + 1 and text[e1] in " \u00a0":
                    pair_index[f"{text[s1:e1]} {text[s2:e2]}".lower()].append((s1, e2))
        return pair_index

    closed: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for s, e in words:
        low = text[s:e].lower()
        if low in closed_of:
            closed[low].append((s, e))
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
            open_spans = pairs().get(" ".join(parts), [])
            if open_spans:
                variants[text[open_spans[0][0] : open_spans[0][1]]] = open_spans
        if len(variants) > 1:
            yield from _variant_hits(variants)


def _numbers(a: Analysis) -> Iterable[Hit]:
    text = a.text
    commas = [m.span() for m in _COMMA_NUM_RE.finditer(text)]
    if not commas:
        return
    spaces = [m.span() for m in _SPACE_NUM_RE.finditer(text)]
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


def _reduce_names(
    items: Sequence[tuple[str, names.Summary]], opts: Mapping[str, Any]
) -> Iterable[tuple[str, Hit]]:
    distinct = names.distinct_table(opts.get("distinct") or ())
    first: dict[tuple[str, str], tuple[int, int]] = {}
    for doc_id, summary in items:
        for k, (_d, _n, start, end) in summary.items():
            first[(doc_id, k)] = (start, end)
    order = {doc_id: i for i, (doc_id, _) in enumerate(items)}
    for spellings in names.corpus_clusters(items, distinct or None, min_documents=2):
        if len(spellings) < 2:
            continue
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
        if not outliers:
            continue  # every minority spelling sits beside the majority: MT501's business
        doc_id, sp = min(outliers, key=lambda o: order[o[0]])
        parts = []
        for s in spellings:
            shown = ", ".join(f"{d} ({n})" for d, n in s.documents[:5])
            more = len(s.documents) - 5
            if more > 0:
                shown += f" and {more} more"
            parts.append(
                f"'{s.text}' {_plural(s.count, 'time')} in "
                f"{_plural(len(s.documents), 'document')}: {shown}"
            )
        start, end = first[(doc_id, sp.key)]
        yield (
            doc_id,
            Hit(
                start,
                end,
                f"'{sp.text}' is spelled differently across the run: " + "; ".join(parts),
                suggestion=major.text,
            ),
        )


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
