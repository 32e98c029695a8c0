"""A shared English word lexicon over wordfreq, loaded lazily once per process.

wordfreq's English list (about 320,000 forms with frequencies from web, news, subtitles and books)
is the source: a form it knows is a word of the language in practice, whatever a dictionary says.
:func:`zipf` gives the Zipf frequency of a form (log10 of occurrences per billion words; 0 for an
unknown form), :func:`is_word` also accepts regular inflections, derivations, hyphenated
compounds, possessives and closed compounds of known parts, and :func:`correction` proposes the
frequent word one edit away (the usual shape of a typo). Every lookup is a dict access; the
results of the slower helpers are cached because running text repeats its words.
"""

from __future__ import annotations

import gc
import math
from collections.abc import Callable
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, TypeVar

from mtcheck import datacache, memo, wordlists

_ALPHABET = "abcdefghijklmnopqrstuvwxyz"
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})

#: Suffixes whose removal (with the usual spelling repairs) leads to the base form. wordfreq
#: lists nearly every real inflection of a common word, so these matter for rare words only;
#: endings that typos imitate easily ("-ly", a bare "-d") are left out.
_SUFFIXES = (
    "'s",
    "s'",
    "'",
    "s",
    "es",
    "ies",
    "ed",
    "ied",
    "ing",
    "er",
    "ers",
    "ness",
    "ment",
    "ments",
    "ism",
    "isms",
    "ist",
    "ists",
    "ize",
    "ized",
    "izes",
    "ise",
    "ised",
    "ises",
    "ful",
    "less",
    "like",
    "wise",
    "ship",
    "hood",
)
_INFLECTIONS = ("'s", "s'", "'", "s", "es", "ies", "ed", "ied", "ing", "er", "ers")
_VOWELS = frozenset("aeiou")
#: Productive prefixes; what follows must be a known word on its own.
_PREFIXES = (
    "anti",
    "co",
    "counter",
    "cyber",
    "de",
    "dis",
    "eco",
    "hyper",
    "inter",
    "macro",
    "mega",
    "micro",
    "mid",
    "mini",
    "mis",
    "multi",
    "neo",
    "non",
    "over",
    "post",
    "pre",
    "pro",
    "pseudo",
    "re",
    "semi",
    "sub",
    "super",
    "trans",
    "ultra",
    "un",
    "under",
)


T = TypeVar("T")


def _keep(table: T) -> T:
    """Move a table loaded for the life of the process out of the garbage collector's reach.

    The word tables hold hundreds of thousands of strings; a full collection traverses every
    container it tracks, so with them tracked each collection costs in proportion to their
    size, and a scan that allocates many findings pays that again and again (superlinear in
    practice). ``gc.freeze`` moves everything alive now into a permanent generation.
    """
    gc.freeze()
    return table


#: data-cache table name of wordfreq's English list
FREQUENCY_TABLE = "english-frequencies"
#: arrays of that table: ``words`` (a text array, in the list's order) and ``sizes`` (the
#: number of words in each of the list's bins, most frequent first)
FREQUENCY_ARRAYS = ("words", "sizes")


@cache
def frequencies() -> dict[str, float]:
    """wordfreq's English frequency table (word -> occurrences per word), loaded once.

    The same dict, in the same order, as ``wordfreq.get_frequency_dict("en", "best")``, made
    from the list's words mapped from the data cache: decoding the gzipped msgpack word by
    word, and importing wordfreq to do it, took a third of a second in every process (most
    of a one-article scan's time after the imports).
    """
    path = english_list_path()
    if path is None:  # a wordfreq that keeps its lists elsewhere: ask it
        return _keep(_wordfreq_frequencies())
    versions = [f"wordfreq {datacache.package_version('wordfreq')}"]
    arrays = datacache.arrays(
        FREQUENCY_TABLE, [path], versions, FREQUENCY_ARRAYS, lambda: _frequency_arrays(path)
    )
    words = datacache.strings(arrays["words"])
    table: dict[str, float] = {}
    at = 0
    for index, n in enumerate(arrays["sizes"].tolist()):
        if n:
            # wordfreq's value for bin ``index``: -index centibels as a proportion; a word
            # listed in two bins keeps the later one, as in wordfreq's own dict
            table.update(dict.fromkeys(words[at : at + n], 10 ** (-index / 100)))
        at += n
    return _keep(table)


def english_list_path() -> str | None:
    """The file of wordfreq's "best" English list (its large list, else its small one),
    found without importing wordfreq (a tenth of a second), or None."""
    from importlib.util import find_spec

    spec = find_spec("wordfreq")
    if spec is None or spec.origin is None:
        return None
    data = Path(spec.origin).parent / "data"
    for size in ("large", "small"):
        path = data / f"{size}_en.msgpack.gz"
        if path.is_file():
            return str(path)
    return None


def _frequency_arrays(path: str) -> dict[str, Any]:
    import numpy as np

    rows = wordlists.read_bins(path)
    return {
        "words": datacache.text_array(w for row in rows for w in row),
        "sizes": np.array([len(row) for row in rows], dtype=np.int64),
    }


def _wordfreq_frequencies() -> dict[str, float]:
    import wordfreq

    # called as wordfreq's own lookups call it, so that its cache holds one table, not two
    table = wordfreq.get_frequency_dict("en", "best")
    # the table keeps the words; the per-bin lists they were read from (7 MB) are not needed
    clear = getattr(wordfreq.get_frequency_list, "cache_clear", None)
    if clear is not None:  # wordfreq caches them in an lru_cache (3.x)
        clear()
    return table


#: data-cache table name of the dictionary headwords
DICTIONARY_TABLE = "english-words"


@cache
def _dictionary() -> wordlists.WordList:
    """Headwords of two English dictionaries (lowercase, letters only), loaded once.

    wordfreq counts what people type, typos included (``goverment`` is common on the web); a
    dictionary lists rare real words (``anther``, ``maw``) but few inflections. Together they
    tell a rare word from a frequent misspelling. Kept as a table in the data cache (as a set
    of strings the headwords took about 45 MB in every process).
    """
    import english_words

    def build() -> dict[str, Any]:
        from english_words import get_english_words_set

        words = get_english_words_set(["web2", "gcide"], lower=True, alpha=True)
        return wordlists.table(sorted(words), [0] * len(words))

    data = Path(english_words.__file__).parent / "data"
    sources = sorted(str(p) for p in data.iterdir() if p.is_file())
    versions = [f"english_words {datacache.package_version('english_words')}"]
    return wordlists.WordList(
        datacache.arrays(DICTIONARY_TABLE, sources, versions, wordlists.ARRAYS, build)
    )


def in_dictionary(word: str) -> bool:
    """Whether ``word`` or a regular base form of it is a dictionary headword."""
    w = normalise(word)
    d = _dictionary()
    return w in d or any(b in d for b in base_forms(w, inflections_only=True))


@cache
def common_words(min_zipf: float = 3.0) -> frozenset[str]:
    """Lowercase forms with Zipf >= ``min_zipf`` and length >= 3: a fast first check, since
    most tokens of running text are among them."""
    floor = 10 ** (min_zipf - 9.0)
    return _keep(frozenset(w for w, f in frequencies().items() if f >= floor and len(w) >= 3))


def normalise(word: str) -> str:
    """The lookup key of a token: lowercase, with typographic apostrophes made straight."""
    if "’" in word or "‘" in word or "ʼ" in word:
        return word.translate(_APOSTROPHES).lower()
    return word.lower()  # the usual case, without the slower translate


@lru_cache(maxsize=memo.WORDS)
def zipf(word: str) -> float:
    """Zipf frequency of ``word`` (about 7 for ``the``, 0 when wordfreq does not know it)."""
    f = frequencies().get(normalise(word))
    if not f:
        return 0.0
    return max(0.0, round(math.log10(f) + 9.0, 2))


@lru_cache(maxsize=1024)
def zipf_of_freq(freq: float) -> float:
    """A frequency as wordfreq reports its Zipf value: three significant digits, then
    hundredths of a Zipf unit."""
    rounded = round(freq, math.floor(-math.log10(freq)) + 3)
    # wordfreq's freq_to_zipf, written out (importing wordfreq for it took a tenth of a second)
    return max(0.0, round(math.log(rounded, 10) + 9, 2))


@lru_cache(maxsize=memo.WORDS)
def wordfreq_key(word: str, code: str) -> str | None:
    """The form wordfreq looks ``word`` up by in the language with wordfreq code ``code``
    (casefolded, normalised), or None when it splits the word into several tokens or the
    token holds digits."""
    if word.isascii() and word.isalpha():
        if word.islower():
            return word
        if code == "en":
            # wordfreq's English tokenizer only casefolds a word of ASCII letters (checked
            # against it on every such form of its English list, in four casings): answered
            # here, a scan of English text need not import wordfreq's tokenizer at all
            return word.lower()
    from wordfreq.tokens import lossy_tokenize

    tokens = lossy_tokenize(word, code)
    if len(tokens) != 1 or any(c.isdigit() for c in tokens[0]):
        return None
    return tokens[0]


def split_zipf(word: str, code: str, token_freq: Callable[[str], float]) -> float:
    """Zipf frequency of a word wordfreq splits into several tokens or that holds digits
    (``text伯``, ``covid19``), from the tokens' frequencies in the caller's table: the
    combined frequency is the reciprocal of the sum of the tokens' reciprocals (so the rarest
    token dominates), a digit run taking its share of the frequency of all digit runs, as
    wordfreq computes it. Asking wordfreq instead loads its whole table for the language
    (about 50 MB and 0.2 s each: thirteen languages for one mixed-script word).

    ``token_freq`` gives one token's frequency, 0.0 when the list lacks it."""
    from wordfreq.numbers import digit_freq, smash_numbers
    from wordfreq.tokens import lossy_tokenize

    tokens = lossy_tokenize(word, code)
    if not tokens:
        return 0.0
    inverse = 0.0
    for token in tokens:
        smashed = smash_numbers(token)
        freq = token_freq(smashed)
        if freq == 0.0:
            return 0.0  # a token the list lacks: wordfreq answers 0 for the whole word
        if smashed != token:
            freq *= digit_freq(token)
        inverse += 1.0 / freq
    return zipf_of_freq(1.0 / inverse)


@lru_cache(maxsize=memo.WORDS)
def english_zipf(word: str) -> float:
    """wordfreq's ``zipf_frequency(word, "en")`` for any text, answered from the table of
    :func:`frequencies` (wordfreq's own per-call cache and tokenizer are then not needed for
    plain words). Unlike :func:`zipf`, which reads the table entry of one normalised form,
    this tokenizes as wordfreq does. The one English frequency function of the package."""
    table = frequencies()
    key = wordfreq_key(word, "en")
    if key is None:
        return split_zipf(word, "en", lambda t: table.get(t, 0.0))
    f = table.get(key)
    return zipf_of_freq(f) if f else 0.0


def known(word: str, min_zipf: float = 0.0) -> bool:
    """Whether wordfreq lists ``word`` itself (above ``min_zipf``)."""
    f = frequencies().get(normalise(word))
    return f is not None and f > 0 and math.log10(f) + 9.0 > min_zipf


def _needs_doubling(stem: str) -> bool:
    """Whether a one-syllable stem ending consonant-vowel-consonant doubles its last letter
    before -ing/-ed/-er (run -> running), so the undoubled form is a misspelling."""
    if len(stem) < 3 or stem[-1] in "wxy" or stem[-1] in _VOWELS:
        return False
    if not (stem[-2] in _VOWELS and stem[-3] not in _VOWELS):
        return False
    return sum(1 for c in stem if c in _VOWELS) == 1


def base_forms(w: str, inflections_only: bool = False) -> list[str]:
    """Candidate base forms of a lowercase word by stripping one suffix (with repairs).

    With ``inflections_only`` only plural, possessive, past and -ing endings are stripped.
    """
    out: list[str] = []
    for suf in _INFLECTIONS if inflections_only else _SUFFIXES:
        if not w.endswith(suf) or len(w) - len(suf) < 3:
            continue
        stem = w[: -len(suf)]
        if suf == "es" and not stem.endswith(("s", "x", "z", "ch", "sh", "o")):
            continue
        if suf in ("ing", "ed", "er", "ers") and _needs_doubling(stem):
            out.append(stem + "e")  # fusing -> fuse, but not studing -> stud
            continue
        out.append(stem)
        if suf in ("ies", "ied"):
            out.append(stem + "y")
        if suf in ("ed", "ing", "er", "ers", "ize", "ise", "ized", "ised"):
            out.append(stem + "e")
            if len(stem) > 3 and stem[-1] == stem[-2] and stem[-1] not in "ls":
                out.append(stem[:-1])  # stopped -> stop
    return out


@lru_cache(maxsize=memo.WORDS)
def is_word(word: str, min_zipf: float = 0.0) -> bool:
    """Whether ``word`` is an English word form: listed, or built regularly from listed parts.

    Accepts inflections and common derivations of listed words (``breakrooms``,
    ``redistributes``), possessives (``the troop's``), hyphenated compounds whose parts are words
    (``well-meant``), a productive prefix before a word (``re-``, ``non``), and closed compounds
    of two frequent words (``paperclip``). ``min_zipf`` raises the bar for the word itself (not
    for its parts).
    """
    w = normalise(word)
    if not w or len(w) > 60:
        return False
    if known(w, min_zipf):
        return True
    if "-" in w:
        parts = [p for p in w.split("-") if p]
        return bool(parts) and all(p.isdigit() or is_word(p) for p in parts)
    if not w.replace("'", "").isalpha():
        return False
    for base in base_forms(w, inflections_only=True):
        if known(base, 2.5):
            return True
    for pre in _PREFIXES:
        rest = w[len(pre) :]
        if w.startswith(pre) and len(rest) >= 4 and _common_or_inflected(rest):
            return True
    return _is_compound(w)


def _common_or_inflected(w: str) -> bool:
    return known(w, 3.0) or any(known(b, 3.0) for b in base_forms(w))


def _is_compound(w: str) -> bool:
    if len(w) < 7:
        return False
    for i in range(4, len(w) - 3):
        head, tail = w[:i], w[i:]
        if known(head, 3.5) and (known(tail, 3.5) or any(known(b, 3.5) for b in base_forms(tail))):
            return True
    return False


def edits1(w: str) -> set[str]:
    """Every string one deletion, transposition, substitution or insertion away from ``w``."""
    splits = [(w[:i], w[i:]) for i in range(len(w) + 1)]
    deletes = [a + b[1:] for a, b in splits if b]
    transposes = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
    replaces = [a + c + b[1:] for a, b in splits if b for c in _ALPHABET if c != b[0]]
    inserts = [a + c + b for a, b in splits for c in _ALPHABET]
    return set(deletes + transposes + replaces + inserts)


def _inflection_of(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ only by a regular ending (``feline``/``felines``)."""
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if not long_.startswith(short[:-1] if short.endswith("e") else short):
        return False
    rest = long_[len(short) :]
    return rest in ("s", "d", "r", "es", "ed", "er", "y", "n") or (
        short.endswith("e") and long_[len(short) - 1 :] in ("ed", "er", "es", "ing")
    )


#: how much likelier (in Zipf points) a correction is when the typo left out a letter, and when
#: it left out one of a doubled pair (``ocur``, ``wel``): leaving a letter out is the commonest
#: typing error, so frequency alone ("wel" -> "we") picks a shorter word too often. On one typo
#: in each of the 5,000 most frequent English words (``bench/eval_corrections.py``), 81.9% of
#: the corrections are right by frequency alone and 85.4% with these (left-out letters 68.3%
#: -> 77.7%, left-out doubles 69.1% -> 88.6%, other typos within a point).
_OMISSION = 0.5
_DOUBLING = 1.0


def _channel(typo: str, cand: str) -> float:
    """The bonus of ``cand`` as the word ``typo`` was meant to be (see ``_OMISSION``)."""
    if len(cand) != len(typo) + 1:
        return 0.0
    for j in range(1, len(cand)):
        if cand[j] == cand[j - 1] and cand[:j] + cand[j + 1 :] == typo:
            return _OMISSION + _DOUBLING
    return _OMISSION


@lru_cache(maxsize=16384)
def correction(
    word: str, min_gap: float = 2.5, min_zipf: float = 3.5, by_frequency: bool = False
) -> str | None:
    """The likeliest word one edit from ``word`` if a word one edit away is much more frequent,
    else None.

    "Much more frequent" means at least ``min_gap`` Zipf points above ``word`` (300 times as
    common) and at least ``min_zipf``; plain inflections of each other (``feline``/``felines``)
    are not corrections. Whether there is a correction depends on frequency alone; which one
    it is also weighs how likely the typo is (a left-out letter, see ``_channel``) among the
    candidates frequent enough on their own; ``by_frequency`` leaves that out (the most
    frequent candidate, for telling a typo from a rare word).
    """
    w = normalise(word)
    if len(w) < 2 or not w.isalpha():
        return None
    own = zipf(w)
    freq = frequencies()
    # the candidates frequent enough on their own (there are some exactly when the most
    # frequent candidate is), scored by frequency and the likelihood of the typo
    qualified: list[tuple[float, str]] = []
    # the few candidates wordfreq lists, found by one C-level set intersection
    for cand in edits1(w) & freq.keys():
        f = freq[cand]
        if not f or _inflection_of(w, cand):
            continue
        z = math.log10(f) + 9.0
        if z >= min_zipf and z - own >= min_gap:
            qualified.append((-(z if by_frequency else z + _channel(w, cand)), cand))
    # equally likely candidates ("baker"/"maker") are decided alphabetically, not by the
    # iteration order of a set, which changes from one process to the next
    return min(qualified)[1] if qualified else None


@cache
def _frequent_by_length(min_zipf: float) -> dict[int, list[str]]:
    """Frequent alphabetic words (Zipf >= ``min_zipf``) grouped by length, most frequent first."""
    floor = 10 ** (min_zipf - 9.0)
    # filtering before the (stable) sort keeps the order of equally frequent words and sorts
    # tens of thousands of words instead of the whole list
    frequent = [(w, f) for w, f in frequencies().items() if f >= floor]
    buckets: dict[int, list[str]] = {}
    for w, _ in sorted(frequent, key=lambda wf: -wf[1]):
        if w.isalpha():
            buckets.setdefault(len(w), []).append(w)
    return buckets


@lru_cache(maxsize=16384)
def nearest(word: str, max_distance: int = 2, min_zipf: float = 3.0) -> str | None:
    """The most frequent word within ``max_distance`` edits (transpositions count as one).

    Candidates are words of Zipf >= ``min_zipf`` whose length differs by at most
    ``max_distance``; among those at the smallest distance the most frequent wins.
    """
    from rapidfuzz.distance import OSA
    from rapidfuzz.process import extract

    w = normalise(word)
    freq = frequencies()
    buckets = _frequent_by_length(min_zipf)
    best: tuple[int, float, str] | None = None
    for n in range(len(w) - max_distance, len(w) + max_distance + 1):
        cands = buckets.get(n)
        if not cands:
            continue
        for cand, dist, _ in extract(
            w, cands, scorer=OSA.distance, score_cutoff=max_distance, limit=None
        ):
            if cand == w:
                continue
            key = (int(dist), -freq[cand], cand)
            if best is None or key[:2] < best[:2]:
                best = key
    return best[2] if best is not None else None


@cache
def _sorted_frequent(min_zipf: float) -> list[str]:
    return sorted(w for words in _frequent_by_length(min_zipf).values() for w in words)


def completion(prefix: str, min_zipf: float = 3.5) -> str | None:
    """The most frequent word (Zipf >= ``min_zipf``) that starts with and is longer than
    ``prefix``: what a word cut off in the middle was probably going to be."""
    import bisect

    p = normalise(prefix)
    words = _sorted_frequent(min_zipf)
    freq = frequencies()
    i = bisect.bisect_right(words, p)
    best: str | None = None
    while i < len(words) and words[i].startswith(p):
        if best is None or freq[words[i]] > freq[best]:
            best = words[i]
        i += 1
    return best
