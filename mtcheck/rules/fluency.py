"""Rules of family MT9xx fluency metrics."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from mtcheck.analysis import Analysis
from mtcheck.model import Hit, Scope
from mtcheck.rules.base import Example, Option, Rule, rule

#: The examples run with the demo model (about 240 sentences the project wrote, trained in
#: memory). Unseen clean text spreads widely under so small a model, so its examples use a looser
#: threshold than the default, which is meant for house models fitted on thousands of sentences.
#: the built-in demonstration model's name (``mtcheck.metrics.fluency.DEMO_MODEL``; that module
#: imports numpy, so it is loaded only when the rule runs and a test keeps the names equal)
DEMO_MODEL = "builtin:demo"
_DEMO = {"model": DEMO_MODEL, "threshold": 0.04}


@rule(
    code="MT901",
    name="low-fluency-sentence",
    category="fluency/grammar",
    severity="minor",
    scope=Scope.DOCUMENT,
    confidence=0.6,
    default_enabled=False,
    options=[
        Option(
            "model",
            None,
            "fluency model file (.mtfluency, from `mtcheck fit`); default: the fluency_model "
            "setting. Without a model the rule finds nothing.",
        ),
        Option(
            "threshold",
            0.001,
            "flag sentences whose calibrated fluency is below this (0.005 is the lowest "
            "clean sentence the model was calibrated on; every halving is one more bit per "
            "piece below it)",
        ),
        Option("min_words", 6, "ignore sentences with fewer words (too short to judge)"),
    ],
    flags=[
        Example(
            (
                "The team shipped the new version of the app on Monday. "
                "⟦Monday version the on shipped app new the of team the.⟧",
            ),
            _DEMO,
        ),
        Example(
            (
                "⟦Of the and to the price in said on the of city was.⟧ "
                "The city council said the price of water would rise in the spring.",
            ),
            _DEMO,
        ),
    ],
    passes=[
        Example(("The city council said the price of water would rise in the spring.",), _DEMO),
        Example(
            ("Dr. Maria Lopez, the head of the agency, said 40 new jobs would open in May.",),
            _DEMO,
        ),
        Example(
            ('"We are ready," the minister told reporters after the meeting in Geneva.',),
            _DEMO,
        ),
        Example(("Monday version the on shipped app new the of team the.",), {}),
        Example(("Monday the on shipped.",), _DEMO),
    ],
)
def low_fluency_sentence(a: Analysis, opts: Mapping[str, Any]) -> Iterable[Hit]:
    """A sentence the fluency model finds far less probable than any clean sentence it saw.

    Why it matters:
        Shuffled word order, dropped verbs and wrong function words leave no mark a pattern can
        catch, but they make a sentence improbable under a language model of the team's own
        clean text. The flag points an editor at sentences that read as word salad.

    Example:
        Monday version the on shipped app new the of team the.
        Use instead: The team shipped the new version of the app on Monday.

    Does not flag:
        Anything when no fluency model is given (the rule is off by default: fit a house model
        with `mtcheck fit` and pass it with --fluency-model). Short sentences (fewer than
        ``min_words`` words), and sentences within the calibrated range of clean text, however
        unusual their names, numbers, quotations or titles.
    """
    model = opts.get("model")
    if not model:
        return
    threshold = float(opts.get("threshold", 0.001))
    min_words = int(opts.get("min_words", 6))
    from mtcheck.metrics.fluency import analysis_fluency

    sf = analysis_fluency(a, str(model))
    words = a.words
    wi = 0
    for (start, end), score in zip(sf.spans, sf.scores, strict=True):
        while wi < len(words) and words[wi][0] < start:
            wi += 1
        wj = wi
        while wj < len(words) and words[wj][1] <= end:
            wj += 1
        n_words = wj - wi
        wi = wj
        if n_words < min_words or score >= threshold:
            continue
        yield Hit(
            start,
            end,
            f"Sentence reads far below fluent text (fluency {score:.4f} under model '{sf.model}')",
        )


RULES: list[Rule] = [low_fluency_sentence]
