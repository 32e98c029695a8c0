from __future__ import annotations

from dataclasses import replace

from mtcheck import check_text
from mtcheck.config import resolve
from mtcheck.engine import drop_superseded
from mtcheck.model import Hit


def test_superseded_hits_are_dropped_only_where_they_overlap() -> None:
    actives = {a.rule.code: a for a in resolve({}, discover=False).active_rules()}
    winner = replace(actives["MT302"], rule=replace(actives["MT302"].rule, supersedes=("MT202",)))
    loser = actives["MT202"]
    hits = [
        (winner, Hit(10, 20, "w")),
        (loser, Hit(15, 16, "overlapping")),
        (loser, Hit(20, 21, "touching, not overlapping")),
        (loser, Hit(0, 3, "elsewhere")),
        (actives["MT101"], Hit(12, 14, "another rule")),
    ]
    kept = [h.message for _, h in drop_superseded(hits)]
    assert kept == ["w", "touching, not overlapping", "elsewhere", "another rule"]


def test_editorial_insertion_is_not_also_a_lowercase_sentence_start() -> None:
    r = check_text("The envoy spoke. [the phone call] It will happen soon, he said.")
    rules = [f.rule for f in r.findings]
    assert "MT302" in rules and "MT202" not in rules


def test_input_errors_survive_pickling() -> None:
    import pickle

    from mtcheck.errors import InputError, InputSkipped

    for err in (InputError("a.txt", "bad"), InputSkipped("b.bin", "binary file")):
        back = pickle.loads(pickle.dumps(err))
        assert type(back) is type(err) and back.path == err.path and str(back) == str(err)
