"""Rules of family MT7xx: residue and boilerplate (scraper lines, kickers, markup, mojibake,
notes a translator or language model left in the output)."""

from __future__ import annotations

import bisect
import html.entities
import re
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from typing import Any

from mtcheck.analysis import Analysis
from mtcheck.model import Hit, Scope, Severity
from mtcheck.rules.base import Example, Option, Rule, occurrences, rule
from mtcheck.rules.words import zipf
from mtcheck.segment import WORD_RE

_SOCIAL = r"(?:facebook|twitter|x|instagram|linkedin|whatsapp|telegram|youtube|tiktok|e-?mail)"
# Each pattern must match a whole line (after trimming); lines are at most a few hundred
# characters in news text, and the patterns are anchored and free of nested quantifiers.
_BOILERPLATE_RE = re.compile(
    r"(?i)(?:"
    r"source link|source:? link|original article|read (?:the )?(?:full|original) "
    r"(?:story|article|post)(?: here)?|continue reading|read more|also read|see also|"
    r"click here(?: to [^.!?]{1,80})?|tap here(?: to [^.!?]{1,80})?|"
    r"share (?:this|the) (?:article|story|post|page)(?: on " + _SOCIAL + r")?|"
    r"share (?:on|via) " + _SOCIAL + r"|advertisement|advertising|sponsored(?: content)?|"
    r"related(?: articles| stories| news| content| posts| coverage)?|"
    r"you (?:may|might) also like|recommended for you|trending now|"
    r"follow us on [^.!?]{1,60}|subscribe to (?:our|the) newsletter[^.!?]{0,60}|"
    r"sign up (?:for|to) (?:our|the) newsletter[^.!?]{0,60}|skip to (?:main )?content|"
    r"scroll down for (?:the )?video|loading(?:\.\.\.|…)?|print this (?:article|page)|"
    r"(?:read|see) more:? .{1,150}|related: .{1,150}|also read:? .{1,150}|"
    r"more on this story|most read|top stories|back to top"
    r")[\s.:!»›>|-]*"
)


# "Click here to ..." is link text however long it runs; no sentence of prose starts so
_LINK_PROMPT_RE = re.compile(r"(?i)(?:click|tap) here to ")


def _lines(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Stripped non-empty line spans inside ``text[start:end]``."""
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl == -1 else nl
        a, b = pos, stop
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            yield a, b
        pos = stop + 1


def _normal_phrase(s: str) -> str:
    return " ".join(s.lower().strip(" \t.:!»›>|-").split())


@rule(
    code="MT701",
    name="scraper-boilerplate",
    category="design/markup",
    severity="major",
    scope=Scope.PARAGRAPH,
    options=[
        Option("extra", [], "more whole lines to flag (case-insensitive, exact)"),
    ],
    flags=[
        "The talks ended on Friday.\n\n⟦Read more: Iran and Saudi Arabia restore ties⟧\n\n"
        "Both sides will meet again.",
        "Prices rose again in May.\n⟦Advertisement⟧\nThe central bank is expected to act.\n"
        "⟦Share this article⟧",
        "The show opens on Friday.\n\n⟦Source link⟧",
        "The stage ended in a sprint.\n⟦Click here to see the full results and the general "
        "classification.⟧",
    ],
    passes=[
        "Readers can read more about the plan on the ministry's website.",
        "Related: a word that also starts many sentences, such as this one, is fine in prose.",
        "Click here, he said, and the door opened.",
        "Recommended\n\nThe kettle works well and boils fast.",
        "Related problems include fatigue",
        "Advertisement revenue fell by 12% at the broadcaster.",
        "Dr. Lee said: “Follow us on the road to recovery.”",
    ],
)
def scraper_boilerplate(a: Analysis, opts: Mapping[str, Any]) -> Iterable[Hit]:
    """A whole line that a web scraper carried over from the page around the article.

    Why it matters:
        Links, share buttons, advertisement markers and newsletter prompts ("Read more: ...",
        "Share this article", "Advertisement") are page furniture, not content. Left in a text
        for translation they get translated and published as if they were part of the story.

    Example:
        Read more: Iran and Saudi Arabia restore ties
        Use instead: delete the line.

    Does not flag:
        The same words inside a sentence ("readers can read more about ..."), lines that go on
        as a sentence ("Related: a word that ... is fine."), and quoted speech. Extra lines to
        flag can be configured (option ``extra``).
    """
    text = a.text
    extra = {_normal_phrase(p) for p in opts.get("extra", ()) if p.strip()}
    for p in a.paragraphs:
        if p.end - p.start > 200 and text.find("\n", p.start, p.end) < 0:
            continue  # one long line (paragraphs are stripped): prose, not page furniture
        for s, e in _lines(text, p.start, p.end):
            if e - s > 200:
                continue
            line = text[s:e]
            m = _BOILERPLATE_RE.fullmatch(line)
            hit = m is not None
            if (
                hit
                and line[-1:] in ".!?"
                and len(WORD_RE.findall(line)) > 8
                and not _LINK_PROMPT_RE.match(line)
            ):
                hit = False  # a sentence that happens to start like a link line
            if not hit and extra and _normal_phrase(line) in extra:
                hit = True
            if hit:
                yield Hit(s, e, f"Scraper boilerplate left in the text: '{line[:60]}'")


_KICKER_WORDS = frozenset(
    """
    update updates briefing briefings brief roundup round-up digest live explainer exclusive
    opinion editorial commentary breaking news desk wire today daily weekly focus spotlight
    dispatch watch insider snapshot bulletin headlines latest
    """.split()
)
_MONTHS_RE = re.compile(
    r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d|\d{4}"
)
_BYLINE_START_RE = re.compile(r"(?i)^(?:by|from|with|photo|image|video|posted|updated)\b")


_PROSE_WORDS = frozenset("the a an of to in is are was were and that said has have will".split())


def _is_body(text: str, start: int, end: int) -> bool:
    """A paragraph of running prose: several words, some of them function words."""
    # counted as the words come, stopping as soon as both thresholds are reached
    prose = 0
    for n, m in enumerate(WORD_RE.finditer(text, start, end), 1):
        if prose < 2 and m.group().lower() in _PROSE_WORDS:
            prose += 1
        if n >= 8 and prose >= 2:
            return True
    return False


#: head nouns of the headings of manuals, forms and licences: the document's own parts, not
#: a news site's section label
_DOCUMENT_PARTS = frozenset(
    {
        *("manual", "guide", "handbook", "description", "descriptions", "instructions"),
        *("introduction", "overview", "specifications", "specification", "contents"),
        *("summary", "license", "licence", "agreement", "notes", "warnings", "warranty"),
        *("features", "requirements", "installation", "troubleshooting", "appendix"),
    }
)


def _kicker_like(text: str, start: int, end: int) -> bool:
    line = text[start:end]
    if line[-1] in ".!?:;," or _MONTHS_RE.search(line) or _BYLINE_START_RE.match(line):
        return False
    words = line.split()
    if not 1 <= len(words) <= 4:
        return False
    if not all(w[:1].isupper() for w in words):
        return False
    last = words[-1].lower().strip("-:|")
    if last in _KICKER_WORDS:
        return True
    if last in _DOCUMENT_PARTS:
        return False  # a heading of a manual or form ("User Manual", "Product Description")
    # a label made of common words only ("Travel Deals", "Top Offers"): not a name or byline
    return 2 <= len(words) <= 3 and all(
        w.isalpha() and w[1:].islower() and w.lower() not in _PROSE_WORDS and zipf(w) >= 3.5
        for w in words
    )


@rule(
    code="MT702",
    name="section-kicker",
    category="design/markup",
    severity="minor",
    scope=Scope.DOCUMENT,
    confidence=0.8,
    flags=[
        "Talks resume in Doha\n\n⟦Pakistan Update⟧\n\nThe two delegations met on Monday and "
        "agreed to meet again next week.",
        "⟦World Briefing⟧\n\nFloods hit the north\n\nHeavy rain forced thousands of people to "
        "leave their homes on Sunday, officials said.",
        "Seaside Hotel With Private Terraces\n⟦Travel Deals⟧\nThe hotel sits on the cliffs "
        "above the beach, a short walk from the old town.",
    ],
    passes=[
        "Seaside Hotel With Private Terraces\nAmina Yusuf\nThe hotel sits on the cliffs "
        "above the beach, a short walk from the old town.",
        "Pakistan Update\n\nThe two delegations met on Monday and agreed to meet again.",
        "Talks resume in Doha\n\nBy Amina Yusuf\n\nThe two delegations met on Monday and "
        "agreed to meet again next week.",
        "Talks resume in Doha\n\nThe two delegations met on Monday and agreed to meet "
        "again next week.\n\nMarket Update\n\nShares rose by 2% in early trading on Tuesday.",
        "Talks resume\n\nDoha, May 3 2024\n\nThe two delegations met on Monday and agreed "
        "to meet again next week.",
        "Cordless Drill X2\n\nUser Manual\n\nProduct Description\n\nBefore using the drill, "
        "read these instructions and keep them for later.",
    ],
)
def section_kicker(a: Analysis, opts: Mapping[str, Any]) -> Iterable[Hit]:
    """A short section label ("Pakistan Update", "World Briefing", "Travel Deals") left between
    the headline and the story.

    Why it matters:
        News sites put a kicker or section label above or below the headline. A scraper keeps
        it as a line of text, and translation turns it into a stray fragment in the body.

    Example:
        Talks resume in Doha / Pakistan Update / The two delegations met on Monday ...
        Use instead: drop the label line.

    Does not flag:
        The headline itself (a label that is the whole first line of a text followed straight
        by the story), bylines (also a bare name) and datelines, and subheadings further down
        the text, after the story has begun (Markdown headings keep their place there once the
        loader strips the ``#``), and the headings of manuals, forms and licences (User Manual,
        Product Description). Nothing in ``--lines`` mode: aligned segments have no
        headline-then-story layout, and title segments are normal there.
    """
    if a.document.lines_mode:
        return
    text = a.text
    paras = a.paragraphs
    first_body = next((i for i, p in enumerate(paras) if _is_body(text, p.start, p.end)), None)
    if first_body is None or first_body < 2:
        return
    for i in range(first_body):
        p = paras[i]
        if not _kicker_like(text, p.start, p.end):
            continue
        if i == 0 and first_body == 1:
            continue  # the label is the only line above the story: it is the headline
        yield Hit(
            p.start,
            p.end,
            f"Section label left in the text: '{text[p.start : p.end]}'",
        )


_TAGS = (
    "a abbr b blockquote body br caption center code div em figcaption figure font footer "
    "h1 h2 h3 h4 h5 h6 head header hr html i iframe img li link meta nav ol p pre script "
    "section small span strong style sub sup table tbody td th thead tr u ul"
)
_TAG_RE = re.compile(r"(?i)</?(?:" + "|".join(_TAGS.split()) + r")(?:\s[^<>]{0,300})?\s*/?>")
_ENTITY_RE = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# One pattern per first character, so that each scan starts with a literal (the fastest
# start); _leftmost merges their matches as one alternation of them would find them.
_PLACEHOLDER_RES = (
    # "{{ name }}" or "{name}" (not after a word, "{" or "$"), then "${name}", then "%s"
    re.compile(
        r"\{(?:\{\s{0,3}[A-Za-z_][\w.]{0,40}\s{0,3}\}\}"
        r"|(?<![\w{$]\{)(?:[a-z_][a-z0-9_]{0,40}|\d)\}(?!\}))"
    ),
    re.compile(r"\$\{[A-Za-z_]\w{0,40}\}"),
    re.compile(r"%(?<![\w%]%)(?:\(\w{1,40}\)|\d\$)?[sd@](?![\w%])"),
)
_ANON_RE = re.compile(
    r"[\[(<](?:PERSON|ORGANI[SZ]ATION|ORG|NAME|EMAIL|PHONE|ADDRESS|LOCATION|URL|DATE)"
    r"\d{0,3}[\])>]"
)
# Bold text, a link or image, a heading mark at a line start ("^#" is checked after the "#").
_LINK = r"\[[^\[\]\n]{1,200}\]\((?:https?://|/|#|www\.)[^()\s]{0,500}\)"
_MARKDOWN_RES = (
    re.compile(r"\*(?<![\w*]\*)\*(?=\S)[^*\n]{1,80}(?<=\S)\*\*(?![\w*])"),
    re.compile(rf"!{_LINK}"),
    re.compile(_LINK),
    re.compile(r"#(?<![^\n]#)#{0,5}[ \t]+(?=[A-Za-z])"),
)


def _leftmost(text: str, patterns: tuple[re.Pattern[str], ...]) -> Iterator[re.Match[str]]:
    """The matches that ``finditer`` of the alternation of ``patterns`` (in that order) would
    give, for patterns that start with different characters and match no empty string.

    Each pattern scans with its own fast start; after a match, a pattern whose next match
    began inside it searches again from its end, as the alternation would.
    """
    nxt = [p.search(text) for p in patterns]
    while True:
        best = None
        for m in nxt:
            if m is not None and (best is None or m.start() < best.start()):
                best = m
        if best is None:
            return
        yield best
        end = best.end()
        for k, m in enumerate(nxt):
            if m is not None and m.start() < end:
                nxt[k] = patterns[k].search(text, end)


@rule(
    code="MT703",
    name="markup-residue",
    category="design/markup",
    severity="major",
    scope=Scope.TOKEN,
    options=[
        Option(
            "anonymisation_tags",
            False,
            "also flag anonymisation tags such as [PERSON7] or <URL> (off: transcripts and "
            "shared corpora use them on purpose)",
        ),
    ],
    flags=[
        "Prices rose ⟦&amp;⟧ fell⟦&nbsp;⟧again.⟦<br>⟧The bank said nothing.⟦</p>⟧",
        "Dear ⟦{name}⟧, your order ⟦%s⟧ has shipped to ⟦{{ city }}⟧.",
        "The minister said it was a ⟦**historic**⟧ day, see ⟦[the statement](https://x.org/s)⟧.",
        Example(("Please call ⟦[PERSON7]⟧ at ⟦<URL>⟧.",), {"anonymisation_tags": True}),
    ],
    passes=[
        "If a < b and b > c, then a < c.",
        "Profits rose 50% in 2023, and the AT&T deal closed.",
        "The function f(x) = {x | x > 0} is used; prices fell 5% d/d.",
        "(PERSON3) Yes, we discussed it with [ORGANIZATION5].",
        "Use the <Enter> key, then type 100%.",
        "Python calls __init__ first; R&D; Q&As; 50%s",
    ],
)
def markup_residue(a: Analysis, opts: Mapping[str, Any]) -> Iterable[Hit]:
    """HTML tags or entities, unfilled template placeholders, or Markdown syntax in plain text.

    Why it matters:
        Leftover markup (``&amp;``, ``<br>``), placeholders a template never filled
        (``{name}``, ``%s``) and Markdown that nothing rendered (``**bold**``) show that the
        text went through a broken pipeline. Readers see code instead of words.

    Example:
        Prices rose &amp; fell.
        Use instead: Prices rose & fell.

    Does not flag:
        Comparisons (``a < b``), a bare ampersand (AT&T), sets and formulas in braces,
        percentages, unknown angle-bracket words (``<Enter>``), Markdown syntax in Markdown
        files (the loader renders it), and anonymisation tags such as ``[PERSON7]`` unless the
        option ``anonymisation_tags`` is on.
    """
    text = a.text
    for m in _TAG_RE.finditer(text) if "<" in text else ():
        yield Hit(m.start(), m.end(), f"HTML tag left in the text: '{m.group()[:40]}'")
    for m in _ENTITY_RE.finditer(text) if "&" in text else ():
        ent = m.group()
        if ent[1] == "#" or ent[1:] in html.entities.html5:
            unesc = html.unescape(ent)
            yield Hit(
                m.start(),
                m.end(),
                f"HTML entity left in the text: '{ent}'",
                suggestion=unesc if unesc.strip() else " ",
            )
    for m in _leftmost(text, _PLACEHOLDER_RES):
        yield Hit(m.start(), m.end(), f"Unfilled template placeholder: '{m.group()}'")
    if opts.get("anonymisation_tags", False):
        for m in _ANON_RE.finditer(text):
            yield Hit(m.start(), m.end(), f"Anonymisation tag in the text: '{m.group()}'")
    if a.document.format != "markdown":
        for m in _leftmost(text, _MARKDOWN_RES):
            yield Hit(
                m.start(),
                m.end(),
                f"Markdown syntax in plain text: '{m.group().strip()[:40]}'",
            )


# Cheap prefilter: control characters, U+FFFD, zero-width characters, and a UTF-8 lead byte
# read as Windows-1252/Latin-1 followed by a continuation byte read the same way.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd]")
_ZERO_WIDTH_RE = re.compile(r"(?<=\w)[\u200b\u200c\u200d\u2060\ufeff]+(?=\w)")
_LEAD = "ÂÃÄÅÆÇÐÑØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïð"
_CONTINUATION = "\u00a0-\u00bf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
_MOJIBAKE_RE = re.compile(rf"[{_LEAD}][{_CONTINUATION}]")
_CONTROLS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd"
_ZERO_WIDTHS = "\u200b\u200c\u200d\u2060\ufeff"
# Where any of the three can match, in one scan (the three classes together cost what one
# does): a control character, a zero-width character after a word character, or a lead
# character before a continuation character (a lead one elsewhere is a correct accent).
_GARBLE_AT_RE = re.compile(
    rf"[{_CONTROLS}{_ZERO_WIDTHS}{_LEAD}]"
    rf"(?:(?<=[{_LEAD}])(?=[{_CONTINUATION}])|(?<=[{_CONTROLS}])|(?<=\w[{_ZERO_WIDTHS}]))"
)


def _token_span(text: str, s: int, e: int) -> tuple[int, int]:
    a = s
    lo = max(0, s - 40)
    while a > lo and not text[a - 1].isspace():
        a -= 1
    b = e
    hi = min(len(text), e + 40)
    while b < hi and not text[b].isspace():
        b += 1
    return a, b


@lru_cache(maxsize=4096)
def _repaired(chunk: str) -> str | None:
    """``chunk`` as ftfy repairs it, or None when ftfy finds it fine (cached: the same
    garbled token tends to recur across a corpus, and ftfy is slow)."""
    from ftfy import fix_text
    from ftfy.badness import is_bad

    if not is_bad(chunk):
        return None
    fixed = fix_text(chunk, uncurl_quotes=False)
    return None if fixed == chunk else fixed


@rule(
    code="MT704",
    name="mojibake",
    category="fluency/character-encoding",
    severity="major",
    scope=Scope.TOKEN,
    flags=[
        "The ⟦ministerâ€™s⟧ plan was ⟦approvedâ€”finally.⟧",
        "The ⟦cafÃ©⟧ opened in ⟦MontrÃ©al.⟧",
        "The price was 5 ⟦\ufffd⟧ per unit and the⟦\x07⟧ report follows.",
        "An invisible break in the word pass⟦\u200b⟧word.",
    ],
    passes=[
        "The café in Montréal served crème brûlée and Ça va? Ñandú.",
        "Über-Präsident Müller said “ça marche” — à bientôt…",
        "Family emoji 👨\u200d👩\u200d👧 and a tab\tseparated value.",
        "São Paulo, Ærøskøbing and Île-de-France are places.",
    ],
)
def mojibake(a: Analysis, opts: Mapping[str, Any]) -> Iterable[Hit]:
    """Garbled characters: text decoded with the wrong encoding, replacement characters,
    control characters, or zero-width characters inside words.

    Why it matters:
        "â€™" for an apostrophe or "Ã©" for "é" (UTF-8 read as Windows-1252), U+FFFD where
        a character was lost, and invisible control or zero-width characters break reading,
        search and the next translation step.

    Example:
        The minister’s plan, in a text that shows: The ministerâ€™s plan
        Use instead: The minister’s plan.

    Does not flag:
        Correct accented letters and typographic punctuation, tabs and line breaks, and
        zero-width joiners in emoji sequences (between symbols rather than letters). Suspect
        character pairs are confirmed by ftfy before they are reported.
    """
    text = a.text
    done = -1
    controls: list[int] = []
    zero_widths: list[re.Match[str]] = []
    pairs: list[int] = []
    for c in _GARBLE_AT_RE.finditer(text):
        p = c.start()
        ch = text[p]
        if ch in _LEAD:
            pairs.append(p)
        elif _CONTROL_RE.match(ch):
            controls.append(p)
        else:
            # a run of zero-width characters matches once, from its first character
            zw = _ZERO_WIDTH_RE.match(text, p)
            if zw is not None:
                zero_widths.append(zw)
    for p in controls:
        ch = text[p]
        name = "replacement character U+FFFD" if ch == "\ufffd" else f"control U+{ord(ch):04X}"
        yield Hit(p, p + 1, f"Garbled character in the text: {name}")
    for zw in zero_widths:
        yield Hit(zw.start(), zw.end(), "Zero-width character inside a word", suggestion="")
    for start in pairs:
        m = _MOJIBAKE_RE.match(text, start)
        if m is None or m.start() < done:
            continue
        s, e = _token_span(text, m.start(), m.end())
        done = e
        chunk = text[s:e]
        fixed = _repaired(chunk)
        if fixed is None:
            continue
        yield Hit(
            s,
            e,
            f"Mojibake (text decoded with the wrong encoding): '{chunk[:40]}'",
            suggestion=fixed,
        )


_META_START_RE = re.compile(
    r"(?i)(?:"
    r"(?:(?:sure|certainly|okay|ok)[,!.]?\s+)?here(?:'s|’s| is) (?:the|a|an|my|your)\b"
    r"[^.\n:]{0,40}\btranslation\b"
    r"|(?:translated|translation) (?:by|with|using) [^.,;\n]{1,60}(?:$|\.(?=\s|$))"
    r"|(?:machine|automatic|english) translation:?\s*$"
    r"|translation:\s*$"
    r"|(?:original|source) text:"
    r"|note: (?:the original|this translation|the source|the text|i have|i've)\b"
    r"|i (?:cannot|can't|can ?not|am unable to|'m unable to) (?:translate|provide a translation)"
    r"|i hope (?:this|the) translation helps"
    r"|(?:this|the) (?:text|article|page|post) (?:was|has been|is) (?:machine[- ]|"
    r"automatically |auto-)translated"
    r")"
)
_ENGINE_RE = re.compile(
    r"(?i)\b(?:google|deepl|bing|microsoft|yandex|baidu|papago|systran|amazon|chatgpt|gpt|"
    r"openai|claude|gemini|llm|ai|machine|automatic|automatically|software|translator app)\b"
)
_META_ANYWHERE_RE = re.compile(
    r"(?i)\bas an ai(?: language)? model\b|\bas a large language model\b"
    r"|[(\[](?:translator|translator's|translator’s|tn)['’]?s? note:"
)


def _meta_paragraphs(a: Analysis) -> Iterable[int]:
    """Indexes of the paragraphs that hold a word every note pattern needs, a superset of
    those with a note: "transl" (with any letter for the "s", which may be a long s under
    IGNORECASE), "text:", "note:" or "model", in any case. Found with fast substring
    searches in the lowercased text; without the rare words, no paragraph needs a look."""
    text = a.text
    low = text.lower()
    if len(low) != len(text):
        return range(len(a.paragraphs))  # lowercasing moved offsets ("İ"): look everywhere
    hits: list[int] = []
    for key in ("tran", "text:", "note:", "model"):
        for i in occurrences(low, key):
            if key != "tran" or low.startswith("lat", i + 5):
                hits.append(i)
    if not hits:
        return ()
    starts = [p.start for p in a.paragraphs]
    return sorted({bisect.bisect_right(starts, i) - 1 for i in hits} - {-1})


@rule(
    code="MT705",
    name="mt-meta-text",
    category="accuracy/addition",
    severity="critical",
    scope=Scope.PARAGRAPH,
    flags=[
        "⟦Here is the translation⟧:\n\nThe talks ended on Friday.",
        "The talks ended on Friday. ⟦As an AI language model⟧, I cannot verify this.",
        "The talks ended on Friday.\n\n⟦Translated by Google Translate⟧",
        "The talks ended on Friday.\n⟦Translated by the agency's automatic translation "
        "system.⟧ Please check the original before quoting.",
        "He used the word ⟦(Translator's note:⟧ a pun in the original) twice.",
    ],
    passes=[
        "The translation was published on Friday by the ministry.",
        "She said her novel had been translated by a friend into French.",
        "Translated by Edith Grossman, the novel became a bestseller in English.",
        "Here is the plan: talks first, then a vote.",
        "“I cannot translate my feelings into words,” the singer said.",
    ],
)
def mt_meta_text(a: Analysis, opts: Mapping[str, Any]) -> Iterable[Hit]:
    """A note that a machine translator or language model left in its output.

    Why it matters:
        Lines such as "Here is the translation:", "As an AI language model, ..." or
        "Translated by ..." are talk about the text, not the text. Published as they are,
        they embarrass the publisher and show that nobody read the output.

    Example:
        Here is the translation: The talks ended on Friday.
        Use instead: The talks ended on Friday.

    Does not flag:
        Sentences about translation that are content ("the novel had been translated by a
        friend"), and phrases like "I cannot translate" inside quotations or later in a
        sentence; most patterns must open a paragraph.
    """
    text = a.text
    paras = a.paragraphs
    for k in _meta_paragraphs(a):
        p = paras[k]
        m = _META_START_RE.match(text, p.start, p.end)
        if m is not None:
            end = m.end()
            while end > m.start() and text[end - 1] in " :":
                end -= 1
            said = m.group()
            credit = said[:11].lower().startswith(("translated ", "translation "))
            if credit and not _ENGINE_RE.search(said):
                # a human translator's credit is legitimate in print, but not in a body text
                yield Hit(
                    m.start(),
                    end,
                    f"Translator credit in the text: '{said}'",
                    severity=Severity.MINOR,
                    confidence=0.5,
                )
            else:
                yield Hit(m.start(), end, f"Translator or model note in the text: '{said}'")
        for m2 in _META_ANYWHERE_RE.finditer(text, p.start, p.end):
            if m is not None and m2.start() < m.end():
                continue
            note = m2.group().lower().startswith(("(", "["))
            yield Hit(
                m2.start(),
                m2.end(),
                f"Translator or model note in the text: '{m2.group()}'",
                severity=Severity.MINOR if note else None,
            )


RULES: list[Rule] = [scraper_boilerplate, section_kicker, markup_residue, mojibake, mt_meta_text]
