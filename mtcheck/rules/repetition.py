"""Rules of family MT4xx: repetition."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from mtcheck.analysis import Analysis
from mtcheck.model import Hit, Scope
from mtcheck.rules.base import Option, Rule, rule

#: Words that English legitimately doubles ("had had", "that that", "is is" in "what it is is").
LEGITIMATE_DOUBLES = frozenset(
    """
    had that is do bye ha ho la blah yada tut knock chop no now there well so very mama papa
    night tsk boo hush pom cha bang pew beep choo dum
    """.split()
)
#: Short function words that are never doubled on purpose, even capitalised ("The the").
FUNCTION_WORDS = frozenset(
    "the a an and or but of to in on at for with by from as is are was were be it this".split()
)


@rule(
    code="MT401",
    name="repeated-word",
    category="fluency/grammar",
    severity="major",
    scope=Scope.SENTENCE,
    options=[
        Option("allow", [], "extra words that may be doubled (lowercase)"),
    ],
    flags=[
        "The minister said ⟦and and⟧ left.",
        "⟦The the⟧ talks resumed on Monday.",
        "They agreed ⟦to to to to⟧ meet.",
        "Prices rose ⟦sharply sharply⟧ in May.",
    ],
    passes=[
        "What he had had was enough.",
        "He said that that was wrong.",
        "They flew to Bora Bora and Baden-Baden.",
        "The scores were 10 10 and 9 9.",
        "He said no, no, no.",
        "Bye bye, she waved.",
    ],
)
def repeated_word(a: Analysis, opts: Mapping[str, Any]) -> Iterable[Hit]:
    """The same word twice in a row, separated only by spaces ("and and").

    Why it matters:
        A stutter left by machine translation or an editing slip. It reads as a typo and
        undermines trust in the whole text.

    Example:
        The minister said and and left.
        Use instead: The minister said and left.

    Does not flag:
        Grammatical doubles (had had, that that), reduplicated names (Bora Bora, Sirhan
        Sirhan: both capitalised and not a function word), numbers, and interjections (bye bye).
        Words in the ``allow`` option are also left alone.
    """
    text = a.text
    allow = LEGITIMATE_DOUBLES | {w.lower() for w in opts.get("allow", [])}
    words = a.words
    i = 0
    n = len(words)
    while i < n - 1:
        s1, e1 = words[i]
        s2, e2 = words[i + 1]
        w1 = text[s1:e1]
        w2 = text[s2:e2]
        if w1.lower() != w2.lower() or not text[e1:s2].isspace() or "\n\n" in text[e1:s2]:
            i += 1
            continue
        low = w1.lower()
        if (
            low in allow
            or w1.isdigit()
            or not any(c.isalpha() for c in w1)
            or (w1[0].isupper() and w2[0].isupper() and low not in FUNCTION_WORDS)
        ):
            i += 1
            continue
        j = i + 1
        while j + 1 < n:
            s3, e3 = words[j + 1]
            if text[s3:e3].lower() != low or not text[words[j][1] : s3].isspace():
                break
            j += 1
        end = words[j][1]
        yield Hit(s1, end, f"Word repeated: '{text[s1:end]}'", suggestion=w1)
        i = j + 1


RULES: list[Rule] = [repeated_word]
