"""Rules of family MT8xx: language and script."""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cache, lru_cache, partial
from itertools import repeat
from typing import Any

from mtcheck import langid, lexicon, memo, wordlists
from mtcheck.analysis import Analysis
from mtcheck.metrics.words import token_counts
from mtcheck.model import Hit, Scope
from mtcheck.names import word_types
from mtcheck.rules.base import Option, Rule, rule
from mtcheck.rules.words import LOAN_PHRASES, MENTION_NEXT, MENTION_PREV, quote_around

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f"
_KANA = "\u3040-\u30ff\u31f0-\u31ff"
_HANGUL = "\uac00-\ud7af\u1100-\u11ff\u3130-\u318f"
_CJK = _HAN + _KANA + _HANGUL
#: punctuation and spaces that continue a run of CJK text (full-width forms, ideographic marks)
_CJK_JOIN = "\u3000-\u303f\uff00-\uffef\u00b7 "
_CJK_RUN_RE = re.compile(rf"[{_CJK}](?:[{_CJK_JOIN}]*[{_CJK}])*")
#: other scripts, as (name, letter class); runs span words separated by spaces
_SCRIPTS = {
    "Cyrillic": "\u0400-\u04ff\u0500-\u052f",
    "Greek": "\u0370-\u03ff\u1f00-\u1fff",
    "Arabic": "\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff",
    "Hebrew": "\u0590-\u05ff",
    "Devanagari": "\u0900-\u097f",
    "Thai": "\u0e00-\u0e7f",
    "Armenian": "\u0530-\u058f",
    "Georgian": "\u10a0-\u10ff",
    "Bengali": "\u0980-\u09ff",
    "Tamil": "\u0b80-\u0bff",
}
_SCRIPT_RUN_RES = {
    name: re.compile(rf"[{cls}]+(?:[ \u00a0]+[{cls}]+)*") for name, cls in _SCRIPTS.items()
}
_ANY_FOREIGN_RE = re.compile("[" + _CJK + "".join(_SCRIPTS.values()) + "]")
#: one pass for every script: a run of CJK or of one other script (the classes are disjoint,
#: so the runs are those each script's own pattern finds)
_ALL_RUNS_RE = re.compile(
    "|".join(
        [f"(?P<CJK>{_CJK_RUN_RE.pattern})"]
        + [f"(?P<s{i}>{pat.pattern})" for i, pat in enumerate(_SCRIPT_RUN_RES.values())]
    )
)
_RUN_SCRIPT_NAMES = {f"s{i}": name for i, name in enumerate(_SCRIPTS)}
_LATIN_LETTER_RE = re.compile(r"[A-Za-z\u00c0-\u024f]")


def _is_latin(ch: str) -> bool:
    return bool(_LATIN_LETTER_RE.match(ch))


def _script_name(ch: str) -> str:
    o = ord(ch)
    if 0x3040 <= o <= 0x30FF or 0x31F0 <= o <= 0x31FF:
        return "Japanese kana"
    if 0xAC00 <= o <= 0xD7AF or 0x1100 <= o <= 0x11FF or 0x3130 <= o <= 0x318F:
        return "Korean Hangul"
    return "Chinese"


@rule(
    code="MT802",
    name="foreign-script",
    category="accuracy/untranslated",
    severity="major",
    scope=Scope.DOCUMENT,
    flags=[
        "Yesterday the ⟦政府⟧ announced new rules for drivers.",
        "The crystals matched those found in the urine of ⟦受影响⟧ pets.",
        "The minister said ⟦Москва должна⟧ respond by Friday.",
        "⟦彗星⟧， may have been the source of water.",
    ],
    passes=[
        "The Greek letter π appears in the formula, and a 5 μm filter was used.",
        "Prices rose 3% — a record, the Fed said.",
        "Alpha-synuclein (α-synuclein) levels fell by 2 Ω per cell.",
        "The café served crème brûlée and jalapeño poppers.",
        "He said “thank you” in English.",
    ],
    supersedes=("MT604",),
)
def foreign_script(a: Analysis, opts: Mapping[str, Any]) -> Iterable[Hit]:
    """Letters of another script inside English text (``the 政府 announced``).

    Why it matters:
        Words the machine translation system left in the source script are unreadable for the
        audience and usually hide content that was never translated.

    Example:
        Yesterday the 政府 announced new rules for drivers.
        Translate it: Yesterday the government announced new rules for drivers.

    Does not flag:
        Single Greek letters used as symbols (π, μm, α-synuclein, Ω), Latin letters with
        accents (café, jalapeño), emoji and typographic punctuation. A Cyrillic or Greek letter
        inside a Latin word is mixed-script-word's business.
    """
    text = a.text
    first = _ANY_FOREIGN_RE.search(text)
    if first is None:
        return
    # one scan; hits are reported in the order of the per-script scans before it (CJK first,
    # then each script in turn)
    cjk: list[Hit] = []
    others: dict[str, list[Hit]] = {name: [] for name in _SCRIPTS}
    hit: re.Match[str] | None = first
    while hit is not None:
        # the next foreign letter is found by a fast character-class scan; the run is matched
        # there (every foreign letter starts a run of its script)
        m = _ALL_RUNS_RE.match(text, hit.start())
        if m is None:  # unreachable: kept so that the loop always advances
            hit = _ANY_FOREIGN_RE.search(text, hit.start() + 1)
            continue
        hit = _ANY_FOREIGN_RE.search(text, m.end())
        group = m.lastgroup or ""
        if group == "CJK":
            script = _script_name(m.group()[0])
            cjk.append(
                Hit(
                    m.start(),
                    m.end(),
                    f"{script} characters in English text: '{m.group()}'",
                    suggestion=None,
                )
            )
            continue
        name = _RUN_SCRIPT_NAMES[group]
        s, e = m.span()
        letters = sum(1 for ch in m.group() if ch.isalpha())
        if letters < 2 or (name == "Greek" and letters < 4):
            continue  # a symbol (π, Ω) or a unit (μm), not a word
        if (s > 0 and _is_latin(text[s - 1])) or (e < len(text) and _is_latin(text[e])):
            continue  # inside a Latin word: mixed-script-word
        others[name].append(Hit(s, e, f"{name} text in English text: '{m.group()}'"))
    yield from cjk
    for hits in others.values():
        yield from hits


# ---------------------------------------------------------------------------------------------
# MT803 mixed-script words

_CYRILLIC_RE = re.compile("[\u0400-\u052f]")
_GREEK_RE = re.compile("[\u0370-\u03ff]")
#: Greek letters that look like Latin ones (homoglyphs); other Greek letters are symbols
_GREEK_HOMOGLYPHS = frozenset("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧοικνυ")
_LATIN_SCRIPT_RE = re.compile("[A-Za-z]")
_HOMOGLYPH_PREFILTER_RE = re.compile("[\u0370-\u03ff\u0400-\u052f]")


@rule(
    code="MT803",
    name="mixed-script-word",
    category="fluency/spelling",
    severity="major",
    scope=Scope.DOCUMENT,
    flags=[
        # Cyrillic о (U+043E) inside Moscow
        "Talks in ⟦M\u043escow⟧ ended on Friday.",
        # Cyrillic а and е inside a Latin word
        "The ⟦p\u0430ym\u0435nt⟧ was delayed.",
        # Greek capital omicron inside OPEC
        "Members of ⟦\u039fPEC⟧ met in Vienna.",
    ],
    passes=[
        "A 5 μm filter and α-synuclein assays were used.",
        "The Δv of the probe was 2 km/s.",
        "He wrote Москва (Moscow) on the board.",
        "Kyiv, Kharkiv and Odesa were shelled.",
    ],
    supersedes=("MT604",),
)
def mixed_script_word(a: Analysis, opts: Mapping[str, Any]) -> Iterable[Hit]:
    """A word that mixes Latin letters with Cyrillic or Greek look-alikes (``Mоscow``).

    Why it matters:
        Homoglyphs come from OCR, bad keyboards or deliberate spoofing; the word looks right but
        search, spell-check and readers' screen readers treat it as garbage.

    Example:
        Talks in Mоscow (with a Cyrillic о) ended on Friday.
        Retype the word in Latin letters: Moscow.

    Does not flag:
        Greek letters used as symbols next to Latin letters (μm, Δv, α-synuclein), words wholly
        in another script (foreign-script reports those), and accented Latin letters.
    """
    text = a.text
    if not _HOMOGLYPH_PREFILTER_RE.search(text):
        return
    for s, e in a.words:
        w = text[s:e]
        if not _HOMOGLYPH_PREFILTER_RE.search(w) or not _LATIN_SCRIPT_RE.search(w):
            continue
        for part in w.split("-"):
            if not _LATIN_SCRIPT_RE.search(part):
                continue
            cyr = _CYRILLIC_RE.findall(part)
            greek = _GREEK_RE.findall(part)
            if cyr or (greek and all(g in _GREEK_HOMOGLYPHS for g in greek) and len(part) > 2):
                odd = "".join(cyr or greek)
                script = "Cyrillic" if cyr else "Greek"
                yield Hit(
                    s,
                    e,
                    f"'{w}' mixes Latin letters with {script} look-alikes ({odd!r})",
                )
                break


# ---------------------------------------------------------------------------------------------
# MT801 untranslated segments and MT805 foreign words

_LETTER_WORD_RE = re.compile(r"(?<![\w'’-])[^\W\d_]+(?![\w'’-])")
_CLAUSE_SPLIT_RE = re.compile(r"[,;:()\[\]—–]|\s-\s")
#: a clause needs this many lowercase words before its language is judged
MIN_SEGMENT_WORDS = 5


def _lower_words(text: str, pos: int = 0, endpos: int | None = None) -> Iterable[re.Match[str]]:
    """Whole lowercase words of letters only (names, numbers and compounds left out)."""
    end = len(text) if endpos is None else endpos
    for m in _LETTER_WORD_RE.finditer(text, pos, end):
        if m.group()[0].islower():
            yield m


@cache
def _word_list_path(lang: str) -> str | None:
    # wordfreq lists its data folder on every call of available_languages
    from wordfreq import available_languages

    path: str | None = available_languages().get(langid.WORDFREQ_CODES.get(lang, lang))
    return path


@cache
def _word_table(lang: str) -> wordlists.WordList | None:
    path = _word_list_path(lang)
    return wordlists.word_list(path) if path else None


def _has_word_list(lang: str) -> bool:
    return _word_list_path(lang) is not None


def word_tables() -> dict[str, Callable[[], object]]:
    """For ``mtcheck prepare``: each language whose word list a scan may read (the
    foreign-word languages and those sentence identification can name), by data-cache table
    name, with the call that maps or builds it."""
    out: dict[str, Callable[[], object]] = {}
    for lang in dict.fromkeys((*_WORD_LANGUAGES, *langid.SENTENCE_LANGUAGES)):
        path = _word_list_path(lang) if lang != "en" else None
        if path:
            out[wordlists.table_name(path)] = partial(_word_table, lang)
    return out


#: languages whose wordfreq lookups go through a word segmenter
_SEGMENTING_LANGUAGES = frozenset({"zh", "ja", "ko", "th", "my", "km", "lo"})

#: English Zipf frequencies (wordfreq's answer, from the lexicon's table)
_en = lexicon.english_zipf


def _zipf_full(word: str, lang: str) -> float:
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, langid.WORDFREQ_CODES.get(lang, lang)))


def _table_freq(table: wordlists.WordList, token: str) -> float:
    z = table.zipf(token)
    return z if not z else 10.0 ** (z - 9.0)


@lru_cache(maxsize=memo.WORDS)
def _zipf(word: str, lang: str) -> float:
    """wordfreq's Zipf frequency of ``word`` in ``lang`` (0.0 for a word it lacks)."""
    if lang == "en":
        return _en(word)
    table = _word_table(lang)
    if table is None or lang in _SEGMENTING_LANGUAGES:
        return _zipf_full(word, lang)  # no list, or wordfreq's word segmenter decides
    code = langid.WORDFREQ_CODES.get(lang, lang)
    key = lexicon.wordfreq_key(word, code)
    if key is None:
        return lexicon.split_zipf(word, code, lambda t: _table_freq(table, t))
    return table.zipf(key)


@cache
def _english_at_least(min_zipf: float) -> frozenset[str]:
    """English forms with Zipf >= ``min_zipf`` (wordfreq's table is ordered most frequent
    first, so this reads only its head)."""
    out = []
    for w, f in lexicon.frequencies().items():
        if lexicon.zipf_of_freq(f) < min_zipf:
            break
        out.append(w)
    return frozenset(out)


def _foreign_share_below(words: Sequence[str], lang: str, share: float) -> bool:
    """Whether fewer than ``share`` of ``words`` are clearly more at home in ``lang`` than in
    English (Zipf at least half a point higher)."""
    if not words:
        return True
    n = len(words)
    if not _has_word_list(lang):
        # no word list for the language (Swahili): count words English barely knows
        return sum(1 for w in words if _en(w) < 2.5) / n < share
    return sum(1 for w in words if _zipf(w, lang) > _en(w) + 0.5) / n < share


def _lowercase_words(text: str) -> list[str]:
    """The words _lower_words finds, lowercased (one C-level scan, no match objects)."""
    return [w.lower() for w in _LETTER_WORD_RE.findall(text) if w[0].islower()]


#: a clause is judged only if this share of its lowercase words is rare in English
_RARE_SHARE = 0.4
#: ... which takes at least this many rare words
_MIN_RARE = math.ceil(_RARE_SHARE * MIN_SEGMENT_WORDS)


def _rare_in_english(words: list[str]) -> int:
    frequent = _english_at_least(4.0)
    return sum(1 for w in words if w not in frequent and (w.isascii() or _en(w) < 4.0))


def _english_clause(text: str, lang: str) -> bool:
    """Whether a clause of two or more lowercase words reads as English rather than ``lang``."""
    words = _lowercase_words(text)
    return len(words) >= 2 and _foreign_share_below(words, lang, 0.5)


def _judge(text: str, min_prob: float, words: list[str] | None = None) -> str | None:
    """The foreign language of a clause, or None when it is English or unsure (``words``:
    its _lowercase_words, when the caller has them)."""
    if words is None:
        words = _lowercase_words(text)
    if len(words) < MIN_SEGMENT_WORDS:
        return None
    # cheap gate: English prose is mostly frequent English words
    if _rare_in_english(words) / len(words) < _RARE_SHARE:
        return None
    lang, prob = langid.classify_sentence(text)
    if lang == "en" or prob < min_prob:
        return None
    if _foreign_share_below(words, lang, 0.6):
        return None
    return lang


def _in_short_quote(a: Analysis, s: int, e: int) -> bool:
    return quote_around(a, s, e) is not None


def in_foreign_quote(a: Analysis, s: int, e: int, confirmed: bool = False) -> bool:
    """Whether ``s:e`` lies in a short quotation that is not English sentence text: a foreign
    title or phrase (“Skarb narodów”, “danke schön”) rather than quoted English speech with
    one foreign word in it (fewer than two of its other lowercase words are frequent English).
    ``confirmed`` also asks for another word of it that reads as foreign: the word at ``s``
    may be an English typo, and two typos in a quotation do not make it foreign."""
    q = quote_around(a, s, e)
    if q is None:
        return False
    english = foreign = 0
    for m in _lower_words(a.text, q[0], q[1]):
        if m.start() == s:
            continue
        z = _en(m.group())
        if z >= 4.0:
            english += 1
        elif confirmed and z < 3.0 and looks_foreign(m.group().lower()):
            foreign += 1
    return english < 2 and (foreign > 0 or not confirmed)


@lru_cache(maxsize=memo.SENTENCES)
def _sentence_spans(chunk: str, min_prob: float) -> tuple[tuple[int, int, str], ...]:
    """Foreign clauses of one sentence as (start, end, language) relative to it. A pure
    function of the sentence, cached: documents repeat sentences (boilerplate, datelines,
    standard disclaimers) and identification is the costly step."""
    # judge clauses first, so a foreign clause in an English sentence is pinpointed;
    # adjacent foreign clauses merge into one span
    words = _lowercase_words(chunk)
    if len(words) < MIN_SEGMENT_WORDS or _rare_in_english(words) < _MIN_RARE:
        # every clause's words are among the sentence's (clauses split at characters no
        # word touches), so no clause, nor the whole, can pass _judge's gate
        return ()
    found: list[tuple[int, int, str]] = []
    pos = 0
    clauses = [*_CLAUSE_SPLIT_RE.finditer(chunk), None]
    clause_texts: list[str] = []
    if len(clauses) > 1:
        for m in clauses:
            end = m.start() if m is not None else len(chunk)
            piece = chunk[pos:end]
            clause_texts.append(piece)
            ls = len(piece) - len(piece.lstrip())
            s, e = pos + ls, pos + len(piece.rstrip())
            lang = _judge(piece, min_prob) if e > s else None
            if lang is not None:
                if found and found[-1][2] == lang and not chunk[found[-1][1] : s].strip(",;:—– -"):
                    found[-1] = (found[-1][0], e, lang)
                else:
                    found.append((s, e, lang))
            pos = m.end() if m is not None else len(chunk)
    # no foreign clause, or no clause that reads as English: judge the whole sentence
    lang = _judge(chunk, min_prob, words)
    if lang is not None and (not found or not any(_english_clause(c, lang) for c in clause_texts)):
        found = [(0, len(chunk), lang)]
    return tuple(found)


def untranslated_spans(a: Analysis, min_prob: float = 0.99) -> list[tuple[int, int, str]]:
    """Sentences and clauses in another language, as (start, end, language), cached."""

    def build(an: Analysis) -> list[tuple[int, int, str]]:
        text = an.text
        out: list[tuple[int, int, str]] = []
        for sent in an.sentences:
            if _ANY_FOREIGN_RE.search(text, sent.start, sent.end):
                continue  # foreign-script covers it
            for s, e, lang in _sentence_spans(text[sent.start : sent.end], min_prob):
                s, e = s + sent.start, e + sent.start
                if not _in_short_quote(an, s, e):
                    out.append((s, e, lang))
        return out

    return a.shared(f"untranslated:{min_prob}", build)


_LANG_NAMES = {
    "en": "English", "de": "German", "fr": "French", "es": "Spanish", "it": "Italian",
    "pt": "Portuguese", "nl": "Dutch", "sv": "Swedish", "da": "Danish", "no": "Norwegian",
    "fi": "Finnish", "pl": "Polish", "cs": "Czech", "sk": "Slovak", "sl": "Slovenian",
    "hr": "Croatian", "ro": "Romanian", "hu": "Hungarian", "tr": "Turkish", "id": "Indonesian",
    "ms": "Malay", "sw": "Swahili", "ca": "Catalan", "lv": "Latvian", "lt": "Lithuanian",
    "vi": "Vietnamese",
    "ru": "Russian", "zh": "Chinese", "ja": "Japanese", "ko": "Korean", "ar": "Arabic",
    "uk": "Ukrainian", "el": "Greek", "he": "Hebrew", "hi": "Hindi",
}  # fmt: skip


def language_name(code: str) -> str:
    return _LANG_NAMES.get(code, code)


# A language named before a word ("In Spanish, carro means ..."): the word is mentioned.
LANGUAGE_NAME_RE = re.compile(
    r"\b(?:" + "|".join(sorted({*_LANG_NAMES.values(), "Latin"} - {"English"})) + r")\b"
)


@rule(
    code="MT801",
    name="untranslated-segment",
    category="accuracy/untranslated",
    severity="critical",
    scope=Scope.DOCUMENT,
    options=[Option("min_probability", 0.99, "language identification confidence required")],
    flags=[
        "The council met on Monday. ⟦Die Regierung hat das neue Gesetz gestern nicht "
        "verabschiedet.⟧ The vote is expected next week.",
        "Prices rose again in May, ⟦pero los salarios siguen estancados desde hace años⟧, "
        "the union said.",
    ],
    passes=[
        "The council met on Monday. The vote is expected next week after a long debate.",
        "She quoted Descartes: “je pense, donc je suis”, and moved on.",
        "The film Le Fabuleux Destin d'Amélie Poulain won four awards.",
        "Officials from Rheinmetall, Volkswagen and Deutsche Bahn attended.",
        "The motto “liberté, égalité, fraternité” was painted on the wall.",
    ],
    supersedes=("MT604", "MT201", "MT202", "MT105", "MT605", "MT606"),
)
def untranslated_segment(a: Analysis, opts: Mapping[str, Any]) -> Iterable[Hit]:
    """A sentence or clause left in another language inside an English document.

    Judged only for clauses of five or more lowercase words, when identification restricted
    to Latin-script languages is confident and most words are more at home in that language
    than in English.

    Why it matters:
        Untranslated text is the most serious accuracy error in MT output: the reader gets
        nothing from it.

    Example:
        The council met. Die Regierung hat das Gesetz nicht verabschiedet. The vote is next week.
        Translate the sentence.

    Does not flag:
        Names and titles of works (capitalised words do not count), short quotations in
        quotation marks, loanwords, and clauses under five words. Text in another script is
        foreign-script's business.
    """
    for s, e, lang in untranslated_spans(a, float(opts.get("min_probability", 0.99))):
        yield Hit(s, e, f"Text in {language_name(lang)} inside English text")


#: letters that English spelling never uses, even in loanwords: a word carrying one is foreign
#: or a name (capitalised words are judged more strictly)
_NON_ENGLISH_LETTERS = frozenset("ąćęłńśźżčďěňřšťůőűßåøæğışţșțăđľĺŕ")
#: languages a single word may be attributed to: their wordfreq lists are large and clean
#: enough that a rare English word seldom collides with one of their frequent words (Catalan,
#: Finnish, Indonesian, Turkish or Lithuanian lists claim hem, vain, ibu, millet and rytas)
_WORD_LANGUAGES = ("de", "fr", "es", "it", "pt", "nl", "pl", "cs", "sk", "sv", "da", "ro", "hu")
#: function words (und, avec, od) are only taken from these: Dutch wel, twee and als sit too
#: close to English typos and words
_FUNCTION_WORD_LANGUAGES = ("de", "fr", "es", "it", "pt", "pl", "cs", "sk")
#: short words English shares with other languages (con, per, via, pro, non)
_SHARED_SHORT_WORDS = frozenset(
    "la les de du des di da do per via al el vis pro non con ad".split()
)
#: set phrases English borrowed whole: their function words are English in them
#: particles that join the parts of a name (Ursula von der Leyen, Museo del Prado)
_NAME_PARTICLES = frozenset(
    "der den die von van la le los las de del di da do dos das y e al el bin ibn ter ten "
    "du des zu".split()
)
#: French and Italian elided articles and prepositions (l'erosione, d'autres, dell'autore)
_ELISIONS = frozenset("l d dell dall nell sull all qu un c j n s m t".split())
#: titles that make the next capitalised word a name (Herr Fleisch)
_NAME_TITLES = frozenset(
    "mr mrs ms dr herr frau señor señora signor monsieur madame pan pani sir".split()
)
#: foreign words English writes only inside the set phrases of LOAN_PHRASES (et al.,
#: déjà vu), with their language
_PHRASE_ONLY_WORDS = {"et": "fr", "déjà": "fr"}
#: words that open a noun phrase: a word right before one takes an object, like a
#: preposition, conjunction or adverb (durante the winter, encore the plan)
_DETERMINERS = frozenset(
    "the a an this that these those their his her its our my your some any every".split()
)
_POSSESSIVE_RE = re.compile("['’]s?$")
#: one-letter conjunctions of other languages (Spanish y, "and"); English writes the letter
#: alone only as a name or a variable (x and y, the y axis), next to function words
_LETTER_CONJUNCTIONS = {"y": "es"}
#: another letter standing alone nearby: the text names variables or axes (x and y)
_VARIABLE_RE = re.compile(r"(?<![\w'’-])[xXzZ](?![\w'’-])")
_TOKEN_RE = re.compile(r"(?<![\w'’-])[^\W\d_]+(?:['’][^\W\d_]+)?(?![\w'’-])")
_APOSTROPHE_RE = re.compile("['’]")
#: a full stop followed by a number or a bracket ends an abbreviation, not a sentence
_ABBREVIATION_END_RE = re.compile(r"\.[ \u00a0]?[\d()]")


@lru_cache(maxsize=memo.WORDS)
def _best_foreign(
    word: str, languages: tuple[str, ...] = _WORD_LANGUAGES, floor: float = 0.0
) -> tuple[str, float]:
    """The language among ``languages`` in which ``word`` is most frequent, with its Zipf,
    when that Zipf is at least ``floor``; ("", 0.0) otherwise (the first language wins a
    tie)."""
    best = ("", 0.0)
    for lang in languages:
        z = _zipf(word, lang)
        if z > best[1]:
            best = (lang, z)
    return best if best[1] >= floor else ("", 0.0)


def _english_typo(low: str, foreign_zipf: float) -> bool:
    """Whether ``low`` is more likely a slip for a frequent English word (alzo for also)."""
    fix = lexicon.correction(low, by_frequency=True)
    return fix is not None and _en(fix) >= foreign_zipf + 1.0


@lru_cache(maxsize=memo.WORDS)
def _foreign_lowercase(low: str) -> str | None:
    """The language of a lowercase word (or one capitalised only by its sentence) that is
    clearly not English, or None. English frequency settles most words before any foreign
    list is asked."""
    en = _en(low)
    if len(low) <= 4 and en < 5.0 and low not in _SHARED_SHORT_WORDS:
        lang, z = _best_foreign(low, _FUNCTION_WORD_LANGUAGES, 6.0)
        # English writes some of them (pour, par, un): those must be missing from its
        # dictionaries
        if z >= 6.0 and z - en >= 2.5 and (en < 4.0 or not lexicon.in_dictionary(low)):
            return lang  # a frequent function word English never writes (und, avec, od)
    if len(low) < 3:
        return None
    if any(c in _NON_ENGLISH_LETTERS for c in low):
        if en >= 2.0:
            return None
        lang = _best_foreign(low, _WORD_LANGUAGES)[0]
        if not lang and len(low) >= 5:
            # an inflected form no word list has (moczopędna): its letters still tell
            lang = langid.classify_sentence(low)[0]
        return lang if lang and lang != "en" else None
    if not low.isascii():
        # accents English also writes (café, résumé, première): only words English neither
        # uses often nor lists in its dictionaries without the accents
        if en == 0.0:
            # English never writes it (accusés, humidité)
            lang, z = _best_foreign(low, _WORD_LANGUAGES, 1.5)
            return lang if z >= 1.5 else None
        if en < 2.5 and not lexicon.in_dictionary(_strip_accents(low)):
            lang, z = _best_foreign(low, _WORD_LANGUAGES, 3.0)
            if z >= 3.0 and z - en >= 2.5:
                return lang
        return None
    if len(low) < 4 or en > 3.5:
        return None
    # the lowest foreign frequency that can still flag the word (see the branches below)
    if en > 0.0 or len(low) < 5:
        need = 3.0
    else:
        need = 1.5 if len(low) >= 10 else 2.3
    lang, z = _best_foreign(low, _WORD_LANGUAGES, need)
    if z < 2.3:
        if en == 0.0 and len(low) >= 10 and z >= 1.5:
            # a long inflected form (evidenziandone) its language's list barely has: the
            # letter sequences must agree
            guess, prob = langid.classify_sentence(low)
            return lang if guess == lang and prob >= 0.4 else None
        return None
    if _english_typo(low, z):
        return None
    if lexicon.in_dictionary(low):
        # rare English words (spiel, twee, referent, vain) need a wide margin
        return lang if en < 2.5 and z >= 4.0 and z - en >= 2.5 else None
    if en > 3.0:
        # English frequency that comes from a name (Nadal), not from the word
        return lang if z >= 5.0 and z - en >= 2.0 else None
    if (z >= 3.0 and z - en >= 2.0) or (en == 0.0 and len(low) >= 5):
        return lang
    return None


@lru_cache(maxsize=memo.WORDS)
def _foreign_before_determiner(low: str, prev: str) -> str | None:
    """The language of a word English writes only rarely (an old or learned sense its
    dictionaries list: encore, durante) when it stands before an article or possessive, where
    it works as the preposition or adverb it is abroad.

    Only words very frequent in a function-word language and far rarer in English count, and
    not English verbs (tout the plan: English inflects them, touted) or words after an article
    (the encore, a bien).
    """
    if len(low) < 4 or prev in _DETERMINERS:
        return None
    en = _en(low)
    if en >= 3.5:
        return None
    lang, z = _best_foreign(low, _FUNCTION_WORD_LANGUAGES, 5.5)
    if not lang or z - en < 2.5:
        return None
    stem = low[:-1] if low.endswith("e") else low
    if max(_en(stem + "ed"), _en(stem + "ing")) >= 2.0:
        return None  # an English verb taking its object
    return lang


def _foreign_compound(s: int, w: str) -> tuple[int, str] | None:
    """A hyphenated compound of foreign words with a foreign function word in it
    (elle-même, peut-être): English borrows compounds of content words (laissez-faire) or
    joined by a one-letter or shared preposition (tête-à-tête, cul-de-sac), which stay."""
    parts = w.split("-")
    if not all(part[:1].islower() for part in parts):
        return None
    langs = [_foreign_lowercase(part.lower()) for part in parts]
    if None in langs:
        return None
    if not any(len(part) <= 4 and part.lower() in _function_words() for part in parts):
        return None
    return s, str(langs[0])


def _joins_content_words(prev: str | None, nxt: str | None) -> bool:
    """Whether a word stands between two lowercase English content words (destroyed y
    rebuilt), where only a conjunction fits."""
    from mtcheck.rules.words import FUNCTION_WORDS

    for word in (prev, nxt):
        if word is None or len(word) < 3 or not word.islower():
            return False
        if word in FUNCTION_WORDS or word in _DETERMINERS or _en(word) < 3.0:
            return False
    return True


@lru_cache(maxsize=memo.WORDS)
def _foreign_verb_opening(low: str) -> str | None:
    """The language of a sentence's first word that English has never seen but another
    language knows, when an article follows (Buscando the records...): it takes an object
    like a verb or preposition, which a name at the start of a sentence does not."""
    if len(low) < 5 or _en(low) > 0.0:
        return None
    if any(c in _NON_ENGLISH_LETTERS for c in low):
        # Polish, Czech or Hungarian surnames English has never seen open sentences too,
        # and a garbled one can lose its verb (Kowalczyk a house...)
        return None
    return _best_foreign(low, _WORD_LANGUAGES, 2.5)[0] or None


@lru_cache(maxsize=memo.WORDS)
def _may_pair(w: str) -> bool:
    """Whether a word can be one of _foreign_function_pair's two: short, not shared with
    English, and not a very frequent English word."""
    return w not in _SHARED_SHORT_WORDS and len(w) <= 4 and _en(w) < 5.5


def _foreign_function_pair(low: str, nxt: str) -> str | None:
    """The language of two adjacent function words that are both among the most frequent
    words of one language and not very frequent English words (il y a, et le): English text
    never strings two of them together outside its borrowed phrases."""
    if (low, nxt) in LOAN_PHRASES:
        return None
    if low == nxt:
        return None  # a stutter (era era), repeated-word's business
    if not (_may_pair(low) and _may_pair(nxt)):
        return None
    for lang in _FUNCTION_WORD_LANGUAGES:
        if _zipf(low, lang) >= 6.0 and _zipf(nxt, lang) >= 6.0:
            return lang
    return None


@lru_cache(maxsize=memo.WORDS)
def _foreign_capitalised(low: str) -> str | None:
    """The language of a capitalised word mid-sentence that is a German noun, not a name.

    German capitalises every noun, so an untranslated German noun keeps its capital; names
    look the same, so only words English never uses (Kalifornien) or frequent German words
    that English barely knows and its dictionaries do not list (Gruppe, Männer) count.
    """
    if len(low) < 4:
        return None
    en = _en(low)
    if en >= 2.5:
        return None
    # the least German frequency any branch below accepts
    if en == 0.0:
        need = 1.5 if len(low) >= 12 else 3.0
    else:
        need = 4.5 if en < 2.0 else 5.0
    de = _zipf(low, "de")
    if de < need:
        return None
    z = _best_foreign(low, _WORD_LANGUAGES, de + 0.5)[1]
    if de < z - 0.5:
        return None  # more at home in a language that does not capitalise its nouns
    if en == 0.0 and (de >= 3.0 or (len(low) >= 12 and de >= 1.5)):
        return "de"  # a German word English never writes, such as a long compound noun
    if en < 2.0 and de >= 4.5 and not lexicon.in_dictionary(low):
        return "de"
    if (
        de >= 5.0
        and de - en >= 3.0
        and not lexicon.in_dictionary(low)
        and low not in _function_words()
    ):
        # one of the most frequent German nouns, a thousand times rarer in English (Wasser):
        # German place names and surnames English writes are not that far apart, and a
        # capitalised preposition is part of a name (Unter den Linden)
        return "de"
    return None


@lru_cache(maxsize=memo.WORDS)
def _foreign_sentence_start(low: str) -> str | None:
    """The language of a capitalised first word of a sentence: names start sentences too, so
    only very frequent foreign words English has never seen, or function words."""
    # every branch below needs a foreign Zipf of 4 or more, at which the language
    # _foreign_lowercase names is the one most frequent abroad
    lang = _foreign_lowercase(low)
    if lang is None:
        return None
    en = _en(low)
    if len(low) <= 4 and en > 0.0:
        # a function word (Nach, Dos), very frequent so that short names (Mio, Ana) stay
        return lang if _best_foreign(low, _FUNCTION_WORD_LANGUAGES, 6.5)[1] >= 6.5 else None
    z = _best_foreign(low, _WORD_LANGUAGES, 4.0)[1]
    if en == 0.0 and z >= 4.0:
        return lang
    if en < 1.5 and z >= 5.0:
        return lang  # one of the most frequent words abroad that English practically never uses
    # a frequent foreign word that English barely writes and no English dictionary lists
    return lang if en < 1.5 and z >= 4.5 and not lexicon.in_dictionary(low) else None


def _strip_accents(word: str) -> str:
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def _name_neighbour(word: str | None) -> bool:
    """Whether a capitalised neighbour makes a word part of a name (Deutsche Bahn, Lech
    Wałęsa) rather than an English word that happens to be capitalised (United, South)."""
    if word is None or not word[:1].isupper():
        return False
    low = word.lower()
    return not (_en(low) >= 4.0 and lexicon.in_dictionary(low))


#: endings of the Latin epithet of a species name (Calliphora vicina, Arum italicum), but
#: not the plain -a, -e, -i, -o of Italian, Spanish or Polish words
_EPITHET_ENDINGS = (
    "us", "um", "ae", "ii", "is", "ensis", "oides", "orum", "arum", "ina", "ata", "atum",
    "atus", "ella", "ica", "icum", "icus",
)  # fmt: skip


def _species_epithet(low: str, prev: str | None) -> bool:
    """Whether ``low`` reads as the Latin epithet after a genus: ASCII letters with a Latin
    ending, right after a capitalised word rare in English."""
    return (
        prev is not None
        and prev[:1].isupper()
        and prev[1:].islower()
        and low.isascii()
        and low.isalpha()
        and low.endswith(_EPITHET_ENDINGS)
        and _en(prev.lower()) < 3.0
        # a genus is no word of the languages checked ("Questa musica" is Italian)
        and _foreign_lowercase(prev.lower()) is None
    )


def looks_foreign(word: str) -> bool:
    """Whether a lowercase word reads as a word of one of the languages the foreign-word rule
    knows rather than as English (``schön``, ``donc``; not a misspelling of English)."""
    return _foreign_lowercase(word) is not None


def _sentence_initial(text: str, s: int, para_starts: Sequence[int]) -> bool:
    """Whether the word at ``s`` opens a sentence (only spaces, quotes and brackets between
    it and the previous sentence's end, its paragraph's start or the start of the text)."""
    lo = max(0, s - 8)
    before = text[lo:s].rstrip(" \t\u00a0\"'“‘«(*[")
    if not before:
        return lo == 0
    if before[-1] == "\n":
        # a line break inside a wrapped paragraph opens nothing
        k = bisect_right(para_starts, s) - 1
        return k >= 0 and para_starts[k] >= lo + len(before)
    return before[-1] in ".!?:…"


def _foreign_token(
    text: str, s: int, w: str, prev: str | None, nxt: str | None, para_starts: Sequence[int]
) -> tuple[int, str] | None:
    """(offset of the foreign part, language) of one token in context, or None."""
    ap = _APOSTROPHE_RE.search(w)
    if ap is not None:
        head, tail = w[: ap.start()], w[ap.end() :]
        if head.lower() not in _ELISIONS or len(tail) < 3 or not tail[0].islower():
            return None  # an English contraction or possessive, or a name (d'Artagnan)
        if prev is not None and _en(prev.lower()) < 3.0 and not _POSSESSIVE_RE.search(prev):
            # the end of a borrowed phrase (chargé d'affaires, coup d'état); after an English
            # possessive (Woodruff's) the phrase cannot have started
            return None
        lang = _foreign_lowercase(tail.lower())
        return (s + ap.end(), lang) if lang else None
    low = w.lower()
    if (low, (nxt or "").lower()) in LOAN_PHRASES or ((prev or "").lower(), low) in LOAN_PHRASES:
        return None
    if (
        low in _NAME_PARTICLES
        and nxt is not None
        and (nxt[:1].isupper() or nxt.lower() in _NAME_PARTICLES)
    ):
        return None  # a particle inside a name (von der Leyen, del Toro)
    if (nxt is not None and nxt.lower() in MENTION_NEXT) or (
        prev is not None and prev.lower() in MENTION_PREV
    ):
        return None  # a word mentioned, not used (``carro means chariot``)
    if w[0].islower():
        if _name_neighbour(prev) and _name_neighbour(nxt):
            return None  # inside a name (Unter den Linden, Museo del Prado)
        if _species_epithet(low, prev):
            return None  # the second word of a species name (Arum italicum)
        lang = _foreign_lowercase(low)
        if lang is None and low in _PHRASE_ONLY_WORDS:
            # English writes it only inside set phrases (et al., déjà vu), handled above
            lang = _PHRASE_ONLY_WORDS[low]
        if lang is None and nxt is not None and nxt.lower() in _DETERMINERS:
            lang = _foreign_before_determiner(low, (prev or "").lower())
        if lang is None and nxt is not None and nxt[:1].islower():
            lang = _foreign_function_pair(low, nxt.lower())
        if (
            lang is None
            and low in _LETTER_CONJUNCTIONS
            and _joins_content_words(prev, nxt)
            and not _VARIABLE_RE.search(text, max(0, s - 100), s + 100)
        ):
            lang = _LETTER_CONJUNCTIONS[low]
    elif not w[1:].islower():
        return None  # an acronym or a CamelCase brand
    elif _sentence_initial(text, s, para_starts):
        if _name_neighbour(nxt):
            return None
        lang = _foreign_sentence_start(low)
        if lang is None and nxt is not None and nxt.lower() in _DETERMINERS:
            lang = _foreign_verb_opening(low)
    else:
        if _name_neighbour(prev) or _name_neighbour(nxt):
            return None
        if prev is not None and prev.lower().rstrip(".") in _NAME_TITLES:
            return None
        lang = _foreign_capitalised(low)
    return (s, lang) if lang else None


@rule(
    code="MT805",
    name="foreign-word",
    category="accuracy/untranslated",
    severity="major",
    scope=Scope.DOCUMENT,
    flags=[
        "They put a wooden ⟦stůl⟧ in the hall.",
        "Officials said the ⟦przypadek⟧ was closed.",
        "The weather was ⟦sehr⟧ cold, and they had ⟦keine⟧ money left.",
        "Police found the ⟦Fleisch⟧ in a freezer near the port.",
        "Prices rose ⟦und⟧ wages fell, the bank said.",
        "The new walls slowed l'⟦erosione⟧ of the coast.",
        "⟦Dzięki⟧ the new law, fees will fall.",
        "Prices rose in March, ⟦et⟧ wages fell in the north; we were ⟦déjà⟧ tired.",
        "Sales rose ⟦durante⟧ the winter, the company said.",
        "Analysts think ⟦il⟧ y a no plan for the bridge.",
        "The bridge was destroyed ⟦y⟧ rebuilt twice.",
        "⟦Buscando⟧ the records took three weeks.",
        "The flood left the cellar full of ⟦Wasser⟧ for weeks.",
        "⟦Bisher⟧ no date has been set for the vote.",
        "Critics praised the museum's l'⟦ingresso⟧ and the garden.",
        "The deal is ⟦peut-être⟧ dead, the minister said.",
        "Questa ⟦musica⟧ is loud, the neighbours said.",
    ],
    passes=[
        "We met at a café to discuss her résumé; the façade looked naïve.",
        "The Château Margaux and São Paulo delegations arrived.",
        "The jalapeño sauce and crème brûlée were excellent.",
        "He said “danke schön” and left.",
        "Was the design twee? Merci, she wrote, with a nod to the angst of it all.",
        "President von der Leyen met Lech Wałęsa in Gdańsk and Mr Fleisch in Köln.",
        "Smith et al. ordered à la carte en route to Kraków; the deal was ad hoc, per se.",
        "Larvae of Calliphora vicina were found; the Arum italicum flowered late.",
        "In Spanish, carro means chariot; prices at amazon.com rose (see para. 9).",
        "The chargé d'affaires ordered hors d'oeuvres and a coup d'état was feared.",
        "A sense of déjà vu and Zeitgeist filled the kindergarten on Unter den Linden.",
        "The über-rich bought Škoda cars.",
        "Chancellor Merkel met Finance Minister Wolfgang Schäuble in the Bundestag.",
        "The band played an encore the crowd loved, and Scholz the younger spoke.",
        "Plot the x and y values on the y axis.",
        "The Morgen edition sold out in Köln and München.",
        "A laissez-faire mayor held a tête-à-tête in a cul-de-sac near Baden-Württemberg.",
    ],
    supersedes=("MT604",),
)
def foreign_word(a: Analysis, opts: Mapping[str, Any]) -> Iterable[Hit]:
    """A single word from another language inside an English sentence (``a wooden stůl``).

    Word frequencies in English and in 13 Latin-script languages decide (wordfreq), with
    English dictionaries as a check: a lowercase word with letters English never uses
    (ů, ł, ř, ő, ß) that another language knows; a frequent foreign function word English does
    not write (``und``, ``avec``, ``od``); a word frequent abroad and rare in English
    (``sehr``, ``gouvernement``); the word after an elided French or Italian article
    (``l'erosione``, also after an English possessive). Capitalised words mid-sentence count
    only as German nouns (German capitalises every noun): a German word English never writes,
    a frequent one English barely knows and its dictionaries do not list (``Gruppe``), or one
    of the most frequent German nouns, a thousand times rarer in English (``Wasser``). A
    sentence's first word must be a foreign word English has never seen, one of the most
    frequent words abroad that English practically never writes (``Bisher``), or a word
    English has never seen that takes an article like a verb (``Buscando the records``).

    Sentence context settles some words English dictionaries list: a rare English word that
    is a very frequent preposition or adverb abroad, standing before an article
    (``durante the winter``); words English writes only in set phrases, outside them (``et``
    outside et al., ``déjà`` outside déjà vu); two adjacent foreign function words (``il y
    a``); Spanish ``y`` between two English content words; a hyphenated compound of foreign
    words with a foreign function word in it (``peut-être``).

    Why it matters:
        A word the MT system did not translate leaves a hole in the sentence.

    Example:
        They put a wooden stůl in the hall.
        Translate it: They put a wooden table in the hall.

    Does not flag:
        Loanwords and borrowed phrases English uses (café, résumé, angst, Zeitgeist, déjà vu,
        et al., en route, per se, chargé d'affaires), rare English words its dictionaries list
        (spiel, twee), names (São Paulo, Škoda, Wałęsa; capitalised words next to another name
        word; words after Mr or Herr), particles inside names (von der Leyen, del Toro), foreign
        titles and phrases in short quotations, words mentioned rather than used (``carro
        means chariot``), parts of addresses (amazon.com), likely English typos (alzo), and
        words inside a clause untranslated-segment already reports. A rare English word after
        an article (``an encore the crowd loved``) or an English verb before one, a letter
        that names a variable (``x and y``), German place names (Köln, München),
        compounds English borrowed (laissez-faire, tête-à-tête, cul-de-sac), and the Latin
        epithet of a species name (Calliphora vicina, Arum italicum).
    """
    text = a.text
    covered = untranslated_spans(a)
    covered_starts = [c[0] for c in covered]
    for s, w, prev, nxt in _candidate_tokens(a, covered):
        if (len(w) < 2 and w not in _LETTER_CONJUNCTIONS) or (s > 0 and text[s - 1] in "./@\\_#"):
            continue  # part of an address, a file name or a handle (amazon.com)
        e = s + len(w)
        ci = bisect_right(covered_starts, s) - 1
        if ci >= 0 and s < covered[ci][1]:
            continue  # inside a clause untranslated-segment reports
        found = (
            _foreign_compound(s, w)
            if "-" in w
            else _foreign_token(text, s, w, prev, nxt, a.paragraph_starts)
        )
        if found is None:
            continue
        fs, lang = found
        if _ABBREVIATION_END_RE.match(text, e):
            continue  # an abbreviation (para. 9, cf. p. 3)
        if in_foreign_quote(a, s, e):
            continue
        yield Hit(fs, e, f"'{text[fs:e]}' looks like a {language_name(lang)} word, not English")


#: a compound of letter parts joined by single hyphens, standing alone like a token
_COMPOUND_RE = re.compile(r"(?<![\w'’-])[^\W\d_]+(?:-[^\W\d_]+)+(?![\w'’-])")
#: everything up to the last character that cannot be part of a compound
_LAST_BREAK_RE = re.compile(r".*(?:[^\w-]|[\d_])", re.DOTALL)
_COMPOUND_TAIL_RE = re.compile(r"[\w'’-]")
#: a character tokens are made of (letters and apostrophes)
_TOKEN_CHAR_RE = re.compile(r"[^\W\d_]|['’]")
_LETTER_RUN_RE = re.compile(r"[^\W\d_]+")
#: two letters in a row
_LETTER_PAIR_RE = re.compile(r"[^\W\d_]{2}")
#: the longest previous token looked for locally (longer ones: the whole token list)
_WINDOW = 256
#: lowercase forms shown never to be flagged in any position (grows as documents are seen)
_SAFE_FORMS: set[str] = set()
_SAFE_FORMS_MAX = memo.WORD_TABLES


@cache
def _function_words() -> frozenset[str]:
    """Forms at least Zipf 6 in a function-word language (und, avec, od): the only short
    words that can be flagged."""
    out: set[str] = set()
    for lang in _FUNCTION_WORD_LANGUAGES:
        table = _word_table(lang)
        if table is not None:
            out.update(table.top_words())  # Zipf 6 and above
    return frozenset(out)


def _maybe_foreign(low: str) -> bool:
    """False when English frequency alone shows that no position can make ``low`` (a
    lowercase letter run) a foreign word: the checks below mirror the first tests of
    _foreign_lowercase, _foreign_capitalised and _foreign_sentence_start."""
    if not low.isascii():
        return True
    n = len(low)
    if n < 2:
        return low in _LETTER_CONJUNCTIONS
    en = _en(low)
    if n <= 4 and en < 5.0 and low not in _SHARED_SHORT_WORDS and low in _function_words():
        return True
    if n < 4 or en > 3.5:
        return False
    # a word English knows at all is flagged in every position only if some language has it
    # at Zipf 3 or more (the lowest foreign frequency those tests accept for it)
    return en == 0.0 or _best_foreign(low, _WORD_LANGUAGES, 3.0)[1] >= 3.0


@lru_cache(maxsize=memo.WORDS)
def _foreign_somewhere(low: str) -> bool:
    """Whether some position could make the letter run ``low`` a foreign word, so that its
    places are worth finding: one of the tests of _foreign_token (for the token that is the
    run, or the part of one after an elided article) or of _foreign_compound passes, with the
    context left out where it can only prevent a finding (a previous determiner, a loan
    phrase, a name beside it)."""
    return bool(
        _foreign_lowercase(low)
        or low in _PHRASE_ONLY_WORDS
        or low in _LETTER_CONJUNCTIONS
        or _foreign_before_determiner(low, "")
        or _foreign_pair_word(low)
        or _foreign_sentence_start(low)
        or _foreign_verb_opening(low)
        or _foreign_capitalised(low)
    )


def _foreign_pair_word(low: str) -> bool:
    """The tests of _foreign_function_pair on its first word alone."""
    return _may_pair(low) and any(_zipf(low, lang) >= 6.0 for lang in _FUNCTION_WORD_LANGUAGES)


def _candidate_forms(forms: set[str]) -> list[str]:
    """The lowercase letter runs among ``forms`` that _maybe_foreign keeps."""
    forms -= _SAFE_FORMS
    candidates = []
    for form in forms:
        if _maybe_foreign(form):
            candidates.append(form)
        elif len(_SAFE_FORMS) < _SAFE_FORMS_MAX:
            _SAFE_FORMS.add(form)
    return candidates


def _cuts_run(text: str, span: tuple[int, int, str]) -> bool:
    """Whether an edge of ``span`` falls inside a letter run of ``text``."""
    s, e = span[0], span[1]
    return (s > 0 and _LETTER_PAIR_RE.match(text, s - 1) is not None) or (
        e > 0 and _LETTER_PAIR_RE.match(text, e - 1) is not None
    )


def _candidate_forms_of_types(
    types: frozenset[str], counts: Mapping[str, int] | None = None
) -> dict[str, int]:
    """The candidate forms (see _candidate_forms) among the lowercased letter runs of the
    document's word types. Every letter of the text lies in a word token and no letter run
    crosses a token's edge, so these are the letter runs of the lowercased text; the types
    are shared with other rules, and most are known safe from earlier documents (one set
    difference), so the text is not tokenized again. With the types' ``counts``, each form
    maps to the number of its runs in the text (else to 0)."""
    out: dict[str, int] = {}
    for t, forms in _TYPE_FORMS.of(types):
        n = counts[t] if counts is not None else 0
        for f in forms:
            out[f] = out.get(f, 0) + n
    return out


def _type_forms(word: str) -> tuple[str, ...]:
    """A word type's candidate letter runs, repeated as often as the type has them."""
    runs = _LETTER_RUN_RE.findall(word.lower())
    keep = set(_candidate_forms(set(runs)))
    return tuple(r for r in runs if r in keep)


#: the candidate forms of each word type (as written) seen
_TYPE_FORMS = memo.TypeParts(_type_forms, parts_limit=memo.WORDS)


def _all_tokens(a: Analysis) -> list[tuple[int, str]]:
    return a.shared(
        "foreign-word-tokens",
        lambda an: [(m.start(), m.group()) for m in _TOKEN_RE.finditer(an.text)],
    )


def _neighbours_full(a: Analysis, s: int) -> tuple[int, str, str | None, str | None] | None:
    """(start, token, previous, next) for the token at ``s`` from the whole token list."""
    text = a.text
    tokens = _all_tokens(a)
    starts = a.shared("foreign-word-token-starts", lambda an: [t[0] for t in _all_tokens(an)])
    i = bisect_right(starts, s) - 1
    if i < 0 or tokens[i][0] + len(tokens[i][1]) <= s:
        return None
    ts, w = tokens[i]
    prev = nxt = None
    if i > 0:
        ps, pw = tokens[i - 1]
        if ts - (ps + len(pw)) <= 3 and not text[ps + len(pw) : ts].strip():
            prev = pw
    if i + 1 < len(tokens):
        ns = tokens[i + 1][0]
        if ns - (ts + len(w)) <= 3 and not text[ts + len(w) : ns].strip():
            nxt = tokens[i + 1][1]
    return ts, w, prev, nxt


def _token_around(a: Analysis, p: int) -> tuple[int, str, str | None, str | None] | None:
    """(start, token, previous, next) for the token starting at ``p`` (or, after an
    apostrophe, containing it), found by matching at ``p`` and stepping back over at most
    three spaces to the previous token; agrees with tokenizing the whole text."""
    text = a.text
    if p > 0 and text[p - 1] in "'’":
        # the part after an elision (l'erosione): find where the token starts
        j = p - 1
        while j > 0 and _TOKEN_CHAR_RE.match(text, j - 1):
            j -= 1
            if p - j > _WINDOW:
                return _neighbours_full(a, p)  # a very long run of letters
        cur = None
        for m in _TOKEN_RE.finditer(text, j):
            if m.end() > p:
                cur = m if m.start() <= p else None
                break
    else:
        cur = _TOKEN_RE.match(text, p)
    if cur is None:
        return None
    s, e, w = cur.start(), cur.end(), cur.group()
    # the previous token counts only across at most three spaces: it must end where they
    # start
    k = s
    while k > 0 and s - k < 4 and text[k - 1].isspace():
        k -= 1
    prev = None
    if 0 < s - k <= 3:
        j = k
        while j > 0 and _TOKEN_CHAR_RE.match(text, j - 1):
            j -= 1
            if k - j > _WINDOW:
                return _neighbours_full(a, p)  # a very long run of letters
        last = None
        for m in _TOKEN_RE.finditer(text, j, k):
            last = m
        if last is not None and last.end() == k:
            prev = last.group()
    nxt = None
    for q in range(e + 1, min(e + 4, len(text) + 1)):
        if not text[q - 1].isspace():
            break
        mn = _TOKEN_RE.match(text, q)
        if mn is not None:
            nxt = mn.group()
            break
    return s, w, prev, nxt


def _compound_at(text: str, p: int, end: int) -> tuple[int, str] | None:
    """(start, text) of the hyphenated compound of letters whose part is ``p:end``; None
    when there is none or the chain of letters and hyphens is longer than the window."""
    lo = max(0, p - _WINDOW)
    # the last character before ``p`` that cannot be in a compound, found in one scan
    m = _LAST_BREAK_RE.match(text[lo:p])
    if m is not None:
        lo += m.end()
    elif lo > 0:
        return None  # a very long chain of letters and hyphens: no word
    # the match is bounded so that a hostile chain costs no more than the window
    m = _COMPOUND_RE.match(text, lo, min(len(text), end + _WINDOW))
    if m is None or not m.start() <= p < end <= m.end():
        return None
    if m.end() < len(text) and _COMPOUND_TAIL_RE.match(text, m.end()):
        return None  # the chain goes on past the bound
    return m.start(), m.group()


def _candidate_tokens(
    a: Analysis, covered: Sequence[tuple[int, int, str]] = ()
) -> list[tuple[int, str, str | None, str | None]]:
    """(start, token, previous, next) of every token that might be a foreign word, in text
    order. Only the document's distinct letter runs are checked against English (a set
    difference); the few left are found with str.find and tokenized locally."""
    text = a.text
    low_text = text.lower()
    if len(low_text) != len(text):
        # lowercasing moved offsets (a dotted capital I): tokenize the whole text
        return [t for t in (_neighbours_full(a, s) for s, _w in _all_tokens(a)) if t is not None]
    if covered:
        # blank out the clauses untranslated-segment reports: no token starting in one is
        # reported, and no token starting outside reaches into one (they begin after a
        # clause break or at a sentence start)
        pieces = []
        last = 0
        for cs, ce, _lang in covered:
            pieces.append(low_text[last:cs])
            pieces.append(" " * (ce - cs))
            last = ce
        pieces.append(low_text[last:])
        low_text = "".join(pieces)
    if "\u03a3" in text or any(map(_cuts_run, repeat(text), covered)):
        # a capital sigma lowercases by its context (final or not), which the word types do
        # not carry; a blanked clause that cuts a letter run leaves a shorter run behind
        candidates = _candidate_forms(set(_LETTER_RUN_RE.findall(low_text)))
    else:
        if not covered:
            candidates = list(_candidate_forms_of_types(word_types(a)))
        else:
            # a form whose every run lies in a blanked clause is no letter run of the text
            # left: it is kept when the text has more runs of it than the clauses
            runs = _candidate_forms_of_types(word_types(a), token_counts(a))
            inside = Counter(
                _LETTER_RUN_RE.findall(" ".join(text[c[0] : c[1]] for c in covered).lower())
            )
            candidates = [f for f, n in runs.items() if n > inside[f]]
    found: dict[int, tuple[int, str, str | None, str | None]] = {}
    for form in filter(_foreign_somewhere, candidates):
        p = low_text.find(form)
        while p >= 0:
            end = p + len(form)
            if (p > 0 and text[p - 1] == "-") or (end < len(text) and text[end] == "-"):
                # a part of a hyphenated compound (peut-être): the compound is the token;
                # the rest of it (or of the window, in a long chain) is not looked at again
                comp = _compound_at(text, p, end)
                if comp is not None and comp[0] not in found:
                    found[comp[0]] = (comp[0], comp[1], None, None)
                skip = comp[0] + len(comp[1]) if comp is not None else end + _WINDOW
                p = low_text.find(form, max(end, skip))
                continue
            tok = _token_around(a, p)
            if tok is not None and tok[0] not in found:
                s, w = tok[0], tok[1]
                # the run must be the token itself or the part after its apostrophe
                if (s == p and len(w) == len(form)) or (
                    s < p and p + len(form) == s + len(w) and text[p - 1] in "'’"
                ):
                    found[s] = tok
            p = low_text.find(form, end)
    return [found[s] for s in sorted(found)]


# ---------------------------------------------------------------------------------------------
# MT804 wrong-language document

#: a document must have this many words before its language is compared
MIN_DOCUMENT_WORDS = 12

#: per document: assigned language, detected language (or None), first sentence span
LangSummary = tuple[str, str | None, int, int]


def _collect_language(a: Analysis, opts: Mapping[str, Any]) -> LangSummary:
    detected = None
    if a.word_count >= MIN_DOCUMENT_WORDS:
        detected = langid.detect_language(a.text, min_confidence=0.99)
        if detected is not None and detected != "en" and a.language == "en":
            # English text full of names can fool the identifier: confirm with the words
            words = _lowercase_words(a.text[:20000])
            if _foreign_share_below(words, detected, 0.5):
                detected = "en"
    if a.sentences:
        s, e = a.sentences[0].start, a.sentences[0].end
    else:
        s, e = 0, len(a.text)
    return (a.language, detected, s, e)


def _reduce_language(
    items: Iterable[tuple[str, LangSummary]], opts: Mapping[str, Any]
) -> Iterable[tuple[str, Hit]]:
    expected_opt = str(opts.get("expected") or "")
    votes = Counter(d for _, (_a, d, _s, _e) in items if d is not None)
    majority = None
    if votes:
        lang, n = votes.most_common(1)[0]
        if n >= 3 and n / sum(votes.values()) >= 0.6:
            majority = lang
    for doc_id, (assigned, detected, s, e) in items:
        if detected is None or e <= s:
            continue
        if expected_opt:
            want, why = expected_opt, "the expected language"
        elif detected != assigned:
            want, why = assigned, "the language set for it"
        elif majority is not None:
            want, why = majority, "the language of most documents in this run"
        else:
            continue
        if detected != want:
            yield (
                doc_id,
                Hit(
                    s,
                    e,
                    f"The document is in {language_name(detected)}, not "
                    f"{language_name(want)} ({why})",
                ),
            )


@rule(
    code="MT804",
    name="wrong-language-document",
    category="accuracy/untranslated",
    severity="critical",
    scope=Scope.CORPUS,
    reduce=_reduce_language,
    languages=None,
    options=[Option("expected", "", "expected language code (default: --lang or the run's)")],
    flags=[
        (
            "⟦Die Regierung hat am Montag ein neues Gesetz beschlossen.⟧ Es soll die Mieten "
            "begrenzen und tritt im Januar in Kraft, sagte die Ministerin.",
        ),
        (
            "The council approved the budget on Monday after a long debate about schools.",
            "The mayor said the new bridge would open in spring, ahead of the schedule.",
            "Police said the road would stay closed until the repairs were finished.",
            "⟦Le maire a annoncé que le nouveau pont ouvrira au printemps prochain.⟧ Les "
            "travaux ont commencé en janvier et coûteront plus que prévu.",
        ),
    ],
    passes=[
        "The council approved the budget on Monday after a long debate about schools.",
        (
            "The council approved the budget on Monday after a long debate about schools.",
            "Officials from Deutsche Bahn, Rheinmetall and Volkswagen met in Wolfsburg today.",
            "Short note.",
        ),
        "She quoted Descartes: “je pense, donc je suis”, and moved on to the next question.",
    ],
)
def wrong_language_document(a: Analysis, opts: Mapping[str, Any]) -> LangSummary:
    """A document that is not in the expected language.

    The expected language is the ``expected`` option, else the language set for the document
    (``--lang`` or the loader's), else the language most documents of the run are in.

    Why it matters:
        A whole document in the source language means a translation step failed silently.

    Example:
        A German article in a batch of English translations.
        Translate the document, or exclude it from the run.

    Does not flag:
        Documents under twelve words, unsure identifications, English text full of foreign
        names, and runs with no clear majority language.
    """
    return _collect_language(a, opts)


RULES: list[Rule] = [
    untranslated_segment,
    foreign_script,
    mixed_script_word,
    wrong_language_document,
    foreign_word,
]
