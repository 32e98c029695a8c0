"""Rules of family MT8xx: language and script."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

from mtcheck import langid
from mtcheck.analysis import Analysis
from mtcheck.model import Hit, Scope
from mtcheck.rules.base import Option, Rule, rule

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
    if not _ANY_FOREIGN_RE.search(text):
        return
    for m in _CJK_RUN_RE.finditer(text):
        script = _script_name(m.group()[0])
        yield Hit(
            m.start(),
            m.end(),
            f"{script} characters in English text: '{m.group()}'",
            suggestion=None,
        )
    for name, pat in _SCRIPT_RUN_RES.items():
        for m in pat.finditer(text):
            s, e = m.span()
            letters = sum(1 for ch in m.group() if ch.isalpha())
            if letters < 2 or (name == "Greek" and letters < 4):
                continue  # a symbol (π, Ω) or a unit (μm), not a word
            if (s > 0 and _is_latin(text[s - 1])) or (e < len(text) and _is_latin(text[e])):
                continue  # inside a Latin word: mixed-script-word
            yield Hit(s, e, f"{name} text in English text: '{m.group()}'")


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
_QUOTED_RE = re.compile(r"[\"“„«][^\"“”„«»\n]{1,200}[\"”»]")
#: a clause needs this many lowercase words before its language is judged
MIN_SEGMENT_WORDS = 5


@lru_cache(maxsize=262144)
def _zipf(word: str, lang: str) -> float:
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, langid.WORDFREQ_CODES.get(lang, lang)))


def _lower_words(text: str, pos: int = 0, endpos: int | None = None) -> Iterable[re.Match[str]]:
    """Whole lowercase words of letters only (names, numbers and compounds left out)."""
    end = len(text) if endpos is None else endpos
    for m in _LETTER_WORD_RE.finditer(text, pos, end):
        if m.group()[0].islower():
            yield m


@lru_cache(maxsize=64)
def _has_word_list(lang: str) -> bool:
    from wordfreq import available_languages

    return langid.WORDFREQ_CODES.get(lang, lang) in available_languages()


def _foreign_share(words: Sequence[str], lang: str) -> float:
    """Share of words that are clearly more at home in ``lang`` than in English."""
    if not words:
        return 0.0
    if not _has_word_list(lang):
        # no word list for the language (Swahili): count words English barely knows
        n = sum(1 for w in words if _zipf(w, "en") < 2.5)
    else:
        n = sum(1 for w in words if _zipf(w, lang) > _zipf(w, "en") + 0.5)
    return n / len(words)


def _english_clause(text: str, lang: str) -> bool:
    """Whether a clause of two or more lowercase words reads as English rather than ``lang``."""
    words = [m.group().lower() for m in _lower_words(text)]
    return len(words) >= 2 and _foreign_share(words, lang) < 0.5


def _judge(text: str, min_prob: float) -> str | None:
    """The foreign language of a clause, or None when it is English or unsure."""
    words = [m.group().lower() for m in _lower_words(text)]
    if len(words) < MIN_SEGMENT_WORDS:
        return None
    # cheap gate: English prose is mostly frequent English words
    rare = sum(1 for w in words if _zipf(w, "en") < 4.0)
    if rare / len(words) < 0.4:
        return None
    lang, prob = langid.classify_sentence(text)
    if lang == "en" or prob < min_prob:
        return None
    if _foreign_share(words, lang) < 0.6:
        return None
    return lang


def _quotes(a: Analysis) -> list[tuple[int, int]]:
    return a.shared(
        "short-quotes",
        lambda an: [m.span() for m in _QUOTED_RE.finditer(an.text) if len(m.group().split()) <= 12],
    )


def _in_short_quote(a: Analysis, s: int, e: int) -> bool:
    return any(qs <= s and e <= qe for qs, qe in _quotes(a))


def untranslated_spans(a: Analysis, min_prob: float = 0.99) -> list[tuple[int, int, str]]:
    """Sentences and clauses in another language, as (start, end, language), cached."""

    def build(an: Analysis) -> list[tuple[int, int, str]]:
        text = an.text
        out: list[tuple[int, int, str]] = []
        for sent in an.sentences:
            if _ANY_FOREIGN_RE.search(text, sent.start, sent.end):
                continue  # foreign-script covers it
            chunk = text[sent.start : sent.end]
            # judge clauses first, so a foreign clause in an English sentence is pinpointed;
            # adjacent foreign clauses merge into one span
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
                    s, e = sent.start + pos + ls, sent.start + pos + len(piece.rstrip())
                    lang = _judge(piece, min_prob) if e > s else None
                    if lang is not None:
                        if (
                            found
                            and found[-1][2] == lang
                            and not text[found[-1][1] : s].strip(",;:—– -")
                        ):
                            found[-1] = (found[-1][0], e, lang)
                        else:
                            found.append((s, e, lang))
                    pos = m.end() if m is not None else len(chunk)
            # no foreign clause, or no clause that reads as English: judge the whole sentence
            lang = _judge(chunk, min_prob)
            if lang is not None and (
                not found or not any(_english_clause(c, lang) for c in clause_texts)
            ):
                found = [(sent.start, sent.end, lang)]
            out.extend(f for f in found if not _in_short_quote(an, f[0], f[1]))
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
    supersedes=("MT604", "MT201", "MT202", "MT105"),
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


_PREV_WORD_RE = re.compile(r"(?<![\w'’-])([^\W\d_]+) \Z")
#: languages a plain-letter word is attributed to: big ones whose word lists are clean enough
#: that an English typo (virs, populer) rarely collides with a frequent word
_PLAIN_WORD_LANGUAGES = frozenset({"de", "fr", "es", "it", "pt", "nl"})
_ENGLISH_DIACRITIC_OK = frozenset("éèêëàâçïîôûüöäñáíóú")
_MIN_FOREIGN_ZIPF = 3.0


@lru_cache(maxsize=65536)
def _foreign_language_of(word: str) -> tuple[str, float] | None:
    """The candidate language in which ``word`` is most frequent, with its frequency."""
    best: tuple[str, float] | None = None
    for lang in langid.SENTENCE_LANGUAGES:
        if lang == "en" or not _has_word_list(lang):
            continue
        z = _zipf(word, lang)
        if best is None or z > best[1]:
            best = (lang, z)
    return best


def _foreign_word(word: str) -> str | None:
    low = word.lower()
    en = _zipf(low, "en")
    if any(ord(c) > 127 for c in low):
        if en >= 2.0:
            return None  # an English loanword: café, naïve, résumé, façade
        best = _foreign_language_of(low)
        if best is None or best[1] < _MIN_FOREIGN_ZIPF:
            return None  # not a known word anywhere: a typo or mojibake, not ours
        if all(c in _ENGLISH_DIACRITIC_OK for c in low if ord(c) > 127) and (
            best[1] < 3.5 or en > 0.0
        ):
            return None  # accents English also writes: only words English has never seen
        return best[0]
    # plain-letter words are judged only when far more at home abroad than in English
    # (sehr, nicht, keine); thresholds measured on clean English so that twee, merci or
    # gracias stay English
    if len(low) < 4 or en > 3.0:
        return None
    best = _foreign_language_of(low)
    if en == 0.0 and len(low) >= 6 and best is not None and best[1] >= 3.5:
        return best[0]  # a long word English has never seen but another language uses often
    if (
        best is not None
        and best[0] in _PLAIN_WORD_LANGUAGES
        and best[1] >= 4.0
        and best[1] - en >= 3.6
    ):
        return best[0]
    return None


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
    ],
    passes=[
        "We met at a café to discuss her résumé; the façade looked naïve.",
        "The Château Margaux and São Paulo delegations arrived.",
        "The jalapeño sauce and crème brûlée were excellent.",
        "He said “danke schön” and left.",
        "Was the design twee? Merci and gracias, she wrote.",
        "The über-rich bought Škoda cars.",
        "Chancellor Merkel met Finance Minister Wolfgang Schäuble in the Bundestag.",
    ],
    supersedes=("MT604",),
)
def foreign_word(a: Analysis, opts: Mapping[str, Any]) -> Iterable[Hit]:
    """A single word from another language inside an English sentence (``a wooden stůl``).

    Only lowercase words are judged: a word spelled with letters English never uses
    (ů, ł, ř, ő) that is a known word of another language, or a word that is very frequent in
    another language and rare in English (``sehr``, ``nicht``).

    Why it matters:
        A word the MT system did not translate leaves a hole in the sentence.

    Example:
        They put a wooden stůl in the hall.
        Translate it: They put a wooden table in the hall.

    Does not flag:
        Loanwords English uses (café, résumé, façade, naïve, jalapeño), names and other
        capitalised words (São Paulo, Škoda), short quotations in quotation marks, typos that
        are no language's word, and words inside a clause untranslated-segment already reports.
    """
    text = a.text
    covered = untranslated_spans(a)
    for m in _lower_words(text):
        w = m.group()
        if len(w) < 3:
            continue
        lang = _foreign_word(w)
        if lang is None:
            continue
        s, e = m.span()
        if any(cs <= s < ce for cs, ce, _ in covered) or _in_short_quote(a, s, e):
            continue
        prev = _PREV_WORD_RE.search(text, max(0, s - 40), s)
        if prev and prev.group(1)[0].isupper() and _zipf(prev.group(1).lower(), "en") < 3.0:
            continue  # continues a foreign name or title (Lietuvos rytas, Corriere della Sera)
        yield Hit(s, e, f"'{w}' looks like a {language_name(lang)} word, not English")


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
            words = [m.group().lower() for m in _lower_words(a.text, 0, 20000)]
            if _foreign_share(words, detected) < 0.5:
                detected = "en"
    if a.sentences:
        s, e = a.sentences[0].start, a.sentences[0].end
    else:
        s, e = 0, len(a.text)
    return (a.language, detected, s, e)


def _reduce_language(
    items: Sequence[tuple[str, LangSummary]], opts: Mapping[str, Any]
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
