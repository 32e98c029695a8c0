"""How often the suggested correction of a typo is the word that was meant.

    python bench/eval_corrections.py [--words 5000] [--seed 7]

Takes the most frequent alphabetic English words (wordfreq, three letters or more), makes one
typo in each (a letter left out, one added, one replaced, two swapped, or one of a doubled
pair left out, each as likely), keeps the typos that are not frequent words themselves, and
prints, per kind of typo, how often ``lexicon.correction`` gives back the word, with the
likelihood of the typo weighed in and by frequency alone. The data is generated, so the
figures carry no development data and repeat exactly for a seed.
"""

from __future__ import annotations

import argparse
import random
import string
from collections import Counter

from wordfreq import top_n_list

from mtcheck import lexicon

KINDS = ("left out", "added", "replaced", "swapped", "doubled left out")


def typo(word: str, rnd: random.Random) -> tuple[str, str]:
    kind = rnd.choice(KINDS)
    doubled = [j for j in range(len(word) - 1) if word[j] == word[j + 1]]
    if kind == "doubled left out" and not doubled:
        kind = "left out"
    if kind == "doubled left out":
        j = rnd.choice(doubled)
        return kind, word[:j] + word[j + 1 :]
    i = rnd.randrange(len(word))
    if kind == "left out":
        return kind, word[:i] + word[i + 1 :]
    if kind == "added":
        return kind, word[:i] + rnd.choice(string.ascii_lowercase) + word[i:]
    if kind == "replaced":
        return kind, word[:i] + rnd.choice(string.ascii_lowercase) + word[i + 1 :]
    i = min(i, len(word) - 2)
    return kind, word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--words", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    rnd = random.Random(args.seed)
    words = [w for w in top_n_list("en", 4 * args.words) if w.isascii() and w.isalpha()]
    words = [w for w in words if len(w) >= 3][: args.words]
    total: Counter[str] = Counter()
    right: dict[bool, Counter[str]] = {False: Counter(), True: Counter()}
    for word in words:
        kind, made = typo(word, rnd)
        if made == word or lexicon.zipf(made) >= 3.0:
            continue  # a real word: not a non-word to correct
        total[kind] += 1
        for by_frequency in (False, True):
            fix = lexicon.correction(made, 0.0, 3.0, by_frequency=by_frequency)
            right[by_frequency][kind] += fix == word
    print(f"{'typo':<18} {'typos':>6} {'weighed':>8} {'frequency':>10}")
    for kind in KINDS:
        n = total[kind]
        if n:
            print(
                f"{kind:<18} {n:>6} {right[False][kind] / n:>8.1%} {right[True][kind] / n:>10.1%}"
            )
    n = sum(total.values())
    both = (sum(right[False].values()) / n, sum(right[True].values()) / n)
    print(f"{'all':<18} {n:>6} {both[0]:>8.1%} {both[1]:>10.1%}")


if __name__ == "__main__":
    main()
