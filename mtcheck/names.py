"""Proper-name extraction and transliteration-aware comparison of spellings.

Names are capitalised word tokens. Sentence-initial capitals count only when the word is not a
common English word (or the same form also occurs mid-sentence). A possessive (``Putin's``) and a
plural (``Kennedys`` beside ``Kennedy``) count as the base name; case does not make a spelling.

Two spellings are the same name when, after folding known transliteration alternations (ph/f,
kh/h, dj/j, ou/u, y/i, c/q/k, doubled letters, accents), they differ by at most a small weighted
edit: a close vowel swap (o/u, e/i, a/e) costs 0.5, an added or dropped vowel 0.5, an added or
dropped consonant or a near-consonant swap (t/d, g/k, f/v) 1. Short names allow 0.5, longer ones
1. Pairs are never merged when both are places in the gazetteer (pycountry: Iran/Iraq,
Austria/Australia), when one extends the other (Niger/Nigeria, Daniel/Daniela, demonyms), when
they end in different vowels (Maria/Mario, Ruto/Rutte), when either is a common English word,
or when the user declared them distinct.

Extraction results are cached per document through ``Analysis.shared`` so the drift rules and the
entity report read the same data.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import chain, compress, repeat
from operator import add, attrgetter, itemgetter, methodcaller, not_
from typing import Any

from rapidfuzz.distance import Levenshtein

from mtcheck import lexicon, memo
from mtcheck.analysis import Analysis

#: words at or above this Zipf frequency are common English words, not names to compare
COMMON_ZIPF = 4.9
#: a sentence-initial capitalised word is a name candidate only below this frequency
INITIAL_ZIPF = 4.0
MIN_LENGTH = 4
#: longer tokens are not names (and would make pairwise comparison costly)
MAX_LENGTH = 40
#: heads compared per blocking key; bounds the work on text built to defeat blocking
MAX_BLOCK = 64
#: two spellings both at least this frequent are distinct words (Greece/Greek, Stephen/Steven)
ESTABLISHED_ZIPF = 4.0
#: across unrelated documents, only rarer names are compared (Mike/Mick are different people)
CORPUS_COMMON_ZIPF = 4.0

_FIRST = itemgetter(0)
_SECOND = itemgetter(1)
_OFFSETS = attrgetter("offsets")
_ENDS_WITH_S = methodcaller("endswith", "s")
_ALNUM_RE = re.compile(r"[^\W_]")
_POSSESSIVE_RE = re.compile(r"['’]s$")
_FOLDS = (("sch", "sh"), ("ph", "f"), ("kh", "h"), ("dj", "j"), ("ou", "u"), ("ck", "k"))
_LETTER_MAP = str.maketrans({"y": "i", "c": "k", "q": "k"})
_VOWELS = frozenset("aeiou")
_CLOSE_VOWELS = frozenset({frozenset("ou"), frozenset("ei"), frozenset("ae"), frozenset("ue")})
_NEAR_CONSONANTS = frozenset(
    frozenset(p) for p in ("td", "gk", "fv", "sz", "bp", "vw", "jh", "mn", "lr")
)


@cache
def _gazetteer() -> frozenset[str]:
    """Casefolded country and subdivision names (and their long words) from pycountry."""
    import pycountry

    names: set[str] = set()
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            v = getattr(c, attr, None)
            if v:
                names.add(v)
    for s in pycountry.subdivisions:
        names.add(s.name)
    out: set[str] = set()
    for n in names:
        low = n.casefold()
        out.add(low)
        for part in re.split(r"[\s,()]+", low):
            if len(part) >= MIN_LENGTH and part.isalpha():
                out.add(part)
    return frozenset(out)


def is_place(form: str) -> bool:
    return form.casefold() in _gazetteer()


#: English Zipf frequency of a form (cached where it is defined)
zipf = lexicon.english_zipf


@lru_cache(maxsize=memo.WORDS)
def translit_key(form: str) -> str:
    """A spelling with transliteration alternations folded (``Yousef`` -> ``yusef``)."""
    s = unicodedata.normalize("NFKD", form.casefold())
    s = "".join(ch for ch in s if ch.isalpha() and not unicodedata.combining(ch))
    for a, b in _FOLDS:
        s = s.replace(a, b)
    s = s.translate(_LETTER_MAP)
    out: list[str] = []
    for ch in s:
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out)


def _skeleton(key: str) -> str:
    return "".join(ch for ch in key if ch not in _VOWELS)


def _sub_cost(a: str, b: str) -> float:
    if a == b:
        return 0.0
    av, bv = a in _VOWELS, b in _VOWELS
    if av and bv:
        return 0.5 if frozenset((a, b)) in _CLOSE_VOWELS else 1.0
    if not av and not bv and frozenset((a, b)) in _NEAR_CONSONANTS:
        return 1.0
    return 2.0


def _indel_cost(ch: str) -> float:
    return 0.5 if ch in _VOWELS else 1.0


def weighted_distance(a: str, b: str) -> float:
    """Edit distance between two folded keys with transliteration-aware costs."""
    prev = [0.0]
    for ch in b:
        prev.append(prev[-1] + _indel_cost(ch))
    for ca in a:
        cur = [prev[0] + _indel_cost(ca)]
        for j, cb in enumerate(b, 1):
            cur.append(
                min(
                    prev[j] + _indel_cost(ca),
                    cur[j - 1] + _indel_cost(cb),
                    prev[j - 1] + _sub_cost(ca, cb),
                )
            )
        prev = cur
    return prev[-1]


def same_name(
    a: str,
    b: str,
    common: frozenset[str] = frozenset(),
    distinct: Mapping[str, int] | None = None,
    common_zipf: float = COMMON_ZIPF,
) -> bool:
    """Whether two casefolded spellings are variants of one name (see the module docs)."""
    if a == b:
        return True
    if len(a) < MIN_LENGTH or len(b) < MIN_LENGTH:
        return False
    if distinct and a in distinct and b in distinct and distinct[a] == distinct[b]:
        return False
    if a in common or b in common:
        return False
    return _similar(a, b, common_zipf)


@lru_cache(maxsize=memo.WORDS)
def _similar(a: str, b: str, common_zipf: float) -> bool:
    """The part of ``same_name`` that depends on the two spellings only (cached per pair)."""
    za, zb = zipf(a), zipf(b)
    if za >= common_zipf or zb >= common_zipf:
        return False
    if za >= ESTABLISHED_ZIPF and zb >= ESTABLISHED_ZIPF:
        return False  # both well-established words in their own right: Greece/Greek
    ka, kb = translit_key(a), translit_key(b)
    if not ka or not kb:
        return False
    if ka == kb:
        return not (is_place(a) and is_place(b))
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if long_.startswith(short) and not (len(short) >= 5 and long_[len(short) :] in ("g", "h")):
        # Niger/Nigeria, Daniel/Daniela, Austria/Austrian: a different word, not a variant
        # (but a final g or h comes and goes in romanisation: Weimin/Weiming, Hamid/Hamidh)
        return False
    if a[-1] in _VOWELS and b[-1] in _VOWELS and ka[-1] != kb[-1]:
        return False
    limit = 0.5 if min(len(a), len(b)) <= 5 else 1.0
    if abs(len(ka) - len(kb)) > 2 or Levenshtein.distance(ka, kb, score_cutoff=2) > 2:
        return False
    if weighted_distance(ka, kb) > limit:
        return False
    return not (is_place(a) and is_place(b))


# ---------------------------------------------------------------------------------------------
# Extraction


class Form:
    """One casefolded spelling in a document: how it was written, where, and how often.

    A plain slotted class, not a dataclass: a document has hundreds and they are built in the
    hot path of every scan."""

    __slots__ = ("initial_only", "key", "offsets", "written")

    def __init__(
        self,
        key: str,
        written: dict[str, int] | None = None,
        offsets: list[tuple[int, int]] | None = None,
        initial_only: bool = True,
    ) -> None:
        self.key = key
        #: each way the spelling was written, with its count, in order of first use
        self.written: dict[str, int] = {} if written is None else written
        self.offsets: list[tuple[int, int]] = [] if offsets is None else offsets
        self.initial_only = initial_only

    def __repr__(self) -> str:
        return f"Form({self.key!r}, {self.written!r}, {self.offsets!r}, {self.initial_only!r})"

    @property
    def display(self) -> str:
        # the most frequent way of writing it; the first used among equals
        written = self.written
        if len(written) == 1:  # most names: one way of writing them
            return next(iter(written))
        return max(written.items(), key=_SECOND)[0]

    @property
    def count(self) -> int:
        return len(self.offsets)


@dataclass
class NameIndex:
    forms: dict[str, Form]
    #: casefolded words the document also uses in lowercase (common words, not names)
    lowercase: frozenset[str]


def _name_token(tok: str) -> str | None:
    """The name part of a word token (possessive removed), or None if not name-like."""
    tok = _POSSESSIVE_RE.sub("", tok)
    if not 2 <= len(tok) <= MAX_LENGTH or not tok[0].isupper():
        return None
    for i, ch in enumerate(tok):
        # O'Brien is a name; I'm, Don't, We'll are not
        if ch in "'’" and not tok[i + 1 : i + 2].isupper():
            return None
    letters = [c for c in tok if c.isalpha()]
    if len(letters) != len(tok.replace("-", "").replace("'", "").replace("’", "")):
        return None
    if not any(c.islower() for c in letters):
        return None
    return tok


@lru_cache(maxsize=memo.WORDS)
def _name_of(tok: str) -> tuple[str, str] | None:
    """(name, casefolded key) of a capitalised word token, or None; cached per spelling."""
    name = _name_token(tok)
    return None if name is None else (name, name.casefold())


# A word token (as segment.WORD_RE cuts them) that starts with a letter other than a-z. The scan
# is led by a plain character range (fast) and checks the rest where one is found: a letter
# that is not a-z, at a token start (not after a word character, nor after a hyphen or
# apostrophe that joins it to one; after a digit see _after_number), then the token's body.
_CAP_TOKEN_RE = re.compile(
    r"[A-Z\u00c0-\U0010ffff](?<=[^\W\d_a-z])(?<![^\W\d].)(?<!\w[-'’].)"
    r"(?:\.(?:[^\W\d_]\.)+|\w*+(?:[-'’]\w+|[.,:](?<=\d[.,:])\d+)*)"
)
#: the digits of a decimal or grouped number's last part, read in the reversed text
_NUMBER_TAIL_RE = re.compile(r"\d+[.,:]\d")


def _after_number(text: str, start: int) -> bool:
    """Whether a word token starts at ``start``, right after a digit: only where a number
    token ends in a decimal or thousands part (``12,500Km``); otherwise it continues one."""
    i = start
    while i > 0 and text[i - 1].isdecimal():
        i -= 1
    return i < start and i >= 2 and text[i - 1] in ".,:" and text[i - 2].isdecimal()


def capital_tokens(a: Analysis) -> dict[str, list[int]]:
    """Start offsets of each word token that starts with a letter other than a-z, by token
    (every token whose first letter is upper case is among them); shared per document. In a
    dotted abbreviation that starts with a-z (``a.B.``, one word token), the first other
    letter starts one too (``B.``)."""
    return a.shared("names.capital-tokens", _capital_tokens)


def _capital_tokens(a: Analysis) -> dict[str, list[int]]:
    text = a.text
    out: dict[str, list[int]] = defaultdict(list)
    for m in _CAP_TOKEN_RE.finditer(text):
        s = m.start()
        if s and text[s - 1].isdecimal() and not _after_number(text, s):
            continue
        out[m.group()].append(s)
    return out


def _token_starts(a: Analysis) -> frozenset[int]:
    """Where the first letter or digit of each sentence is (its first word, after quotes)."""
    text = a.text
    out = set()
    for sent in a.sentences:
        m = _ALNUM_RE.search(text, sent.start, sent.end)
        if m is not None:
            out.add(m.start())
    return frozenset(out)


def word_types(a: Analysis) -> frozenset[str]:
    """The distinct word tokens of the document (as written); shared per document."""
    return a.shared("names.word-types", _word_types)


def _word_types(a: Analysis) -> frozenset[str]:
    # the token strings (shared with the metrics), not the spans: no Python object per token
    return frozenset(a.tokens)


def _written_lowercase(types: frozenset[str], key: str) -> bool:
    """Whether the document has a word token that starts lowercase and is ``key`` once a
    possessive is removed (``bush``, ``will``: a common word, not only a name)."""
    for tok in (key, key + "'s", key + "’s"):
        if tok in types and tok[0].islower() and _POSSESSIVE_RE.sub("", tok) == key:
            return True
    return False


def extract(a: Analysis) -> NameIndex:
    initials = _token_starts(a)
    forms: dict[str, Form] = {}
    unsorted: list[Form] = []
    for tok, starts in capital_tokens(a).items():
        info = _name_of(tok)
        if info is None:
            continue
        name, low = info
        n = len(name)
        offsets = [(s, s + n) for s in starts]
        f = forms.get(low)
        if f is None:
            forms[low] = Form(low, {name: len(starts)}, offsets, initials.issuperset(starts))
            continue
        # another spelling of a key already seen (Putin's after Putin): merged, sorted below
        f.written[name] = f.written.get(name, 0) + len(starts)
        f.offsets.extend(offsets)
        unsorted.append(f)
        if f.initial_only and not initials.issuperset(starts):
            f.initial_only = False
    for f in unsorted:
        f.offsets.sort()
    types = word_types(a)
    # set operations find the few keys also written as a word or a possessive; then check
    # that such a word starts lowercase
    maybe = set(forms).intersection(types)
    for poss in ("'s", "’s"):
        maybe.update(t[:-2] for t in types.intersection(map(add, forms, repeat(poss))))
    lowercase = {low for low in maybe if _written_lowercase(types, low)}
    kept: dict[str, Form] = {}
    for low, f in forms.items():
        if f.initial_only and (low in lowercase or zipf(low) >= INITIAL_ZIPF):
            continue
        kept[low] = f
    # a plural or inflected form beside its base counts as the base (Kennedys -> Kennedy)
    for low in list(filter(_ENDS_WITH_S, kept)):
        for suffix in ("s", "es"):
            base = low[: -len(suffix)]
            if low.endswith(suffix) and base in kept and base != low:
                b = kept[base]
                f = kept.pop(low)
                b.offsets.extend(f.offsets)
                b.offsets.sort()
                for w, n in f.written.items():
                    w = w[: len(base)]
                    b.written[w] = b.written.get(w, 0) + n
                break
    return NameIndex(kept, frozenset(lowercase))


def names(a: Analysis) -> NameIndex:
    return a.shared("names", extract)


def distinct_table(groups: Iterable[Sequence[str]]) -> dict[str, int]:
    return {n.casefold(): i for i, g in enumerate(groups) for n in g}


@lru_cache(maxsize=memo.WORDS)
def _blocking_keys(form: str) -> tuple[str, ...]:
    key = translit_key(form)
    sk = _skeleton(key)
    keys = [sk]
    if len(key) > 5 and len(sk) >= 3:
        keys.extend(sk[:i] + sk[i + 1 :] for i in range(len(sk)))
    return tuple(keys)


@lru_cache(maxsize=memo.WORDS)
def _blocking_set(form: str) -> frozenset[str]:
    """The blocking keys of a spelling that is compared at all (none for short ones)."""
    return frozenset(_blocking_keys(form)) if len(form) >= MIN_LENGTH else frozenset()


_ONCE = 1


def _shares_a_block(forms: Sequence[str]) -> list[str]:
    """The spellings that share a blocking key with another one: the only ones ``cluster``
    can merge, since each of the others meets no one in its blocks. C-level steps where it
    can, since most documents have a hundred names and few look alike."""
    sets = list(map(_blocking_set, forms))
    counts = Counter(chain.from_iterable(sets))
    if len(counts) == sum(map(len, sets)):
        return []  # every key belongs to one spelling
    # the keys met more than once; selecting them by count at C level, since sorting every
    # key by its count (``most_common``) cost more than the rest of the rule
    dups = set(compress(counts.keys(), map(_ONCE.__lt__, counts.values())))
    return list(compress(forms, map(not_, map(dups.isdisjoint, sets))))


def _merged_groups(
    weights: Mapping[str, int],
    common: frozenset[str],
    distinct: Mapping[str, int] | None,
    common_zipf: float,
) -> dict[str, list[str]]:
    """The groups of two or more spellings, keyed by their head, in the order of their heads.

    Only spellings that share a blocking key with another are ranked and compared, so a
    document's hundred names that look like no other cost a few set operations."""
    candidates = _ranked(_shares_a_block(list(weights)), weights)
    groups: dict[str, list[str]] = {}
    blocks: dict[str, list[str]] = defaultdict(list)
    for f in candidates:
        bkeys = _blocking_keys(f)
        found = None
        seen: set[str] = set()
        for k in bkeys:
            for h in blocks.get(k, ())[:MAX_BLOCK]:
                if h in seen:
                    continue
                seen.add(h)
                if same_name(h, f, common, distinct, common_zipf):
                    found = h
                    break
            if found:
                break
        if found is None:
            # only a head is ever joined: no chaining through a spelling that joined one
            for k in bkeys:
                blocks[k].append(f)
        elif found in groups:
            groups[found].append(f)
        else:
            groups[found] = [found, f]
    # heads in weight order (a head met its first member after later heads met theirs)
    return {h: groups[h] for h in _ranked(groups, weights)}


def cluster(
    weights: Mapping[str, int],
    common: frozenset[str] = frozenset(),
    distinct: Mapping[str, int] | None = None,
    common_zipf: float = COMMON_ZIPF,
) -> list[list[str]]:
    """Group spellings into names; the heaviest spelling heads each group, no chaining.

    Groups are listed by their head's weight, then spelling."""
    merged = _merged_groups(weights, common, distinct, common_zipf)
    joined = {f for g in merged.values() for f in g[1:]}
    return [merged.get(f) or [f] for f in _ranked(weights, weights) if f not in joined]


def _ranked(spellings: Iterable[str], weights: Mapping[str, int]) -> list[str]:
    """Spellings by weight, heaviest first, then alphabetically: the order heads are chosen
    and groups listed in."""
    return sorted(spellings, key=lambda f: (-weights[f], f))


class Drift(tuple[Form, ...]):
    """One name written in several spellings; ``spellings`` by count, majority first.

    A tuple of the spellings (cheap to build: a document has a hundred names)."""

    __slots__ = ()

    @property
    def spellings(self) -> tuple[Form, ...]:
        return self

    @property
    def majority(self) -> Form:
        return self[0]


def _by_count(f: Form) -> tuple[int, int]:
    return (-f.count, f.offsets[0][0])


def document_drifts(a: Analysis, distinct: Mapping[str, int] | None = None) -> list[Drift]:
    """The document's names written in two or more spellings, each with its spellings
    (majority first), in the order of their majority spelling's count, then spelling."""

    def build(an: Analysis) -> list[Drift]:
        idx = names(an)
        forms = idx.forms
        weights = dict(zip(forms, map(len, map(_OFFSETS, forms.values())), strict=True))
        groups = _merged_groups(weights, idx.lowercase, distinct, COMMON_ZIPF)
        drifts = [Drift(sorted(map(forms.__getitem__, g), key=_by_count)) for g in groups.values()]
        return [d for d in drifts if not _different_people(an.text, d)]

    if distinct:
        return build(a)
    return a.shared("name-drifts", build)


#: capitalised words before a surname that are titles or roles, not given names
_TITLES = (
    "mr mrs ms miss dr sir dame lord lady president minister premier chancellor secretary "
    "senator governor mayor general gen captain capt coach judge justice king queen prince "
    "princess sheikh emir sultan pope father rev reverend professor prof chief director "
    "chairman chairwoman commander colonel col lieutenant sergeant officer ambassador "
    "spokesman spokeswoman deputy vice prime foreign finance defence defense interior"
)
_TITLE_WORDS = frozenset(_TITLES.split())
# A capitalised word right before a name, one space between: a given name or a title.
_BEFORE_NAME_RE = re.compile(r"([A-Z][a-z]+(?:-[A-Z][a-z]+)?) $")


def _given_names(text: str, form: Form) -> set[str]:
    """The given names written right before the spelling (``Boris`` Johnson), titles and
    frequent words left out."""
    out = set()
    for s, _e in form.offsets:
        m = _BEFORE_NAME_RE.search(text, max(0, s - 30), s)
        if m is None:
            continue
        word = m.group(1)
        low = word.lower()
        if low in _TITLE_WORDS or zipf(low) >= 4.0:
            continue  # a title or an English word opening the sentence (Meanwhile, Democrat)
        out.add(word)
    return out


def _different_people(text: str, drift: Drift) -> bool:
    """Whether two spellings of a drift each come with given names and share none: two
    people with similar surnames (Boris Johnson and Scarlett Johansson, Tom Stephens and Cat
    Stevens), not one name spelt two ways."""
    given = [g for g in (_given_names(text, f) for f in drift) if g]
    return any(
        given[i].isdisjoint(given[j]) for i in range(len(given)) for j in range(i + 1, len(given))
    )


def kind_of(spellings: Iterable[str]) -> str:
    return "place" if any(is_place(s) for s in spellings) else "name"


def _entity(spellings: Sequence[Form], drift: bool) -> dict[str, Any]:
    return {
        "entity": spellings[0].display,
        "kind": kind_of(f.key for f in spellings),
        "drift": drift,
        "spellings": [
            {"text": f.display, "count": f.count, "offsets": [list(o) for o in f.offsets]}
            for f in spellings
        ],
    }


def document_entities(a: Analysis, opts: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
    """The per-document ``entities`` list (names seen twice or more, or drifting), by total
    count, then name. A capitalised word the document also writes in lowercase (``The``
    after a dash, ``Border`` in a headline) is a common word, not a name, and is listed only
    when its spellings drift."""
    distinct = distinct_table((opts or {}).get("distinct") or ())
    drifts = document_drifts(a, distinct or None)
    keyed: list[tuple[tuple[int, str, int, str], dict[str, Any]]] = []
    for d in drifts:
        head = d.majority
        total = sum(f.count for f in d)
        keyed.append(((-total, head.display, -head.count, head.key), _entity(d, True)))
    joined = {f.key for d in drifts for f in d}
    idx = names(a)
    for key, f in idx.forms.items():
        n = len(f.offsets)
        if n >= 2 and key not in joined and key not in idx.lowercase:
            keyed.append(((-n, f.display, -n, key), _entity((f,), False)))
    # the last two parts order spellings that display alike as the clusters list them
    keyed.sort(key=_FIRST)
    return [e for _, e in keyed]


# ---------------------------------------------------------------------------------------------
# Corpus scope

#: per spelling in one document: (displayed spelling, count, first start, first end)
Summary = dict[str, tuple[str, int, int, int]]


def corpus_summary(a: Analysis) -> Summary:
    """What one document contributes to corpus-scope drift (small and picklable)."""
    idx = names(a)
    out: Summary = {}
    for k, f in idx.forms.items():
        if k in idx.lowercase:
            continue
        s, e = f.offsets[0]
        out[k] = (f.display, f.count, s, e)
    return out


@dataclass(frozen=True)
class CorpusSpelling:
    key: str
    text: str
    count: int
    #: (document id, count) in input order: all of them for a name that drifts, the first
    #: ``keep_documents`` otherwise
    documents: tuple[tuple[str, int], ...]
    #: how many documents use the spelling
    document_count: int


def corpus_clusters(
    items: Iterable[tuple[str, Summary]],
    distinct: Mapping[str, int] | None = None,
    min_documents: int = 2,
    keep_documents: int | None = None,
    drifting_only: bool = False,
    keep_drifting: int | None = None,
) -> list[tuple[CorpusSpelling, ...]]:
    """Names across documents with their spellings (seen in ``min_documents``+ or drifting;
    with ``drifting_only``, only names written in two or more spellings).

    ``items`` is read twice: once for the totals, once for the documents of the names that
    are reported, so memory grows with the distinct names, not with every name of every
    document. A name with one spelling keeps its first ``keep_documents`` documents, each
    spelling of a drifting name its first ``keep_drifting`` (None: all).
    """
    totals: Counter[str] = Counter()
    ndocs: Counter[str] = Counter()
    for _doc_id, summary in items:
        for k, (_disp, n, _s, _e) in summary.items():
            totals[k] += n
        ndocs.update(summary.keys())
    if drifting_only:
        groups = list(_merged_groups(totals, frozenset(), distinct, CORPUS_COMMON_ZIPF).values())
    else:
        groups = [
            g
            for g in cluster(totals, frozenset(), distinct, CORPUS_COMMON_ZIPF)
            if len(g) > 1 or ndocs[next(iter(g))] >= min_documents
        ]
    cap: dict[str, int | None] = {}
    for g in groups:
        for k in g:
            cap[k] = keep_drifting if len(g) > 1 else keep_documents
    docs: dict[str, list[tuple[str, int]]] = defaultdict(list)
    # how each reported name is written, counted only now: a counter for every name of the
    # run (most seen once) would be the largest thing the reduce holds
    written: dict[str, Counter[str]] = defaultdict(Counter)
    #: where in the run each reported name first comes (a place per name, not per document)
    first: dict[str, int] = {}
    for at, (doc_id, summary) in enumerate(items):
        for k in summary.keys() & cap.keys():
            disp, n = summary[k][0], summary[k][1]
            written[k][disp] += n
            first.setdefault(k, at)
            kept = docs[k]
            limit = cap[k]
            if limit is None or len(kept) < limit:
                kept.append((doc_id, n))
    out = []
    for g in groups:
        spellings = tuple(
            sorted(
                (
                    CorpusSpelling(
                        k, written[k].most_common(1)[0][0], totals[k], tuple(docs[k]), ndocs[k]
                    )
                    for k in g
                ),
                key=lambda s: (-s.count, -s.document_count, first.get(s.key, -1)),
            )
        )
        out.append(spellings)
    return out


#: documents listed per spelling in the run-level entities (``document_count`` has them all)
RUN_ENTITY_DOCUMENTS = 20


def run_entities(
    items: Iterable[tuple[str, Summary]], opts: Mapping[str, Any]
) -> list[dict[str, Any]]:
    """The run-level ``entities`` list: names seen in two or more documents, or drifting.

    Each spelling lists its first ``RUN_ENTITY_DOCUMENTS`` documents and counts them all in
    ``document_count``: a name in every article of a large run would otherwise make the
    list, and the memory behind it, as large as the run. ``items`` is read twice."""
    distinct = distinct_table(opts.get("distinct") or ())
    out: list[dict[str, Any]] = []
    found = corpus_clusters(
        items,
        distinct or None,
        min_documents=2,
        keep_documents=RUN_ENTITY_DOCUMENTS,
        keep_drifting=RUN_ENTITY_DOCUMENTS,
    )
    for spellings in found:
        out.append(
            {
                "entity": spellings[0].text,
                "kind": kind_of(s.key for s in spellings),
                "spellings": [
                    {
                        "text": s.text,
                        "count": s.count,
                        "document_count": s.document_count,
                        "documents": [
                            {"id": d, "count": n} for d, n in s.documents[:RUN_ENTITY_DOCUMENTS]
                        ],
                    }
                    for s in spellings
                ],
            }
        )
    out.sort(key=lambda e: (-sum(s["count"] for s in e["spellings"]), e["entity"]))
    return out
