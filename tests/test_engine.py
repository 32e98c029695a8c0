from __future__ import annotations

from dataclasses import replace
from pathlib import Path

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


def _garbled_article() -> str:
    from pathlib import Path

    corpora = Path(__file__).resolve().parent.parent / "corpora"
    return (corpora / "afghan-border-strikes.txt").read_text(encoding="utf-8")


def test_checking_documents_leaves_no_reference_cycles(tmp_path: Path) -> None:
    # rare_full_collections relies on this: documents of every input format, read and checked
    # by every default rule, are freed by reference counting alone
    import json
    import subprocess
    import sys
    from xml.sax.saxutils import escape

    from mtcheck.load import LOADERS

    text = _garbled_article()
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.md").write_text(
        "# Title\n\n" + "\n\n".join(f"- *{p}*" for p in paragraphs), encoding="utf-8"
    )
    (tmp_path / "c.html").write_text(
        "<html><body>" + "".join(f"<p><b>{escape(p)}</b></p>" for p in paragraphs) + "</body>",
        encoding="utf-8",
    )
    (tmp_path / "d.jsonl").write_text(
        "\n".join(json.dumps({"text": p}) for p in paragraphs), encoding="utf-8"
    )
    units = "".join(
        f'<trans-unit id="u{i}"><source>x</source><target>{escape(p)}</target></trans-unit>'
        for i, p in enumerate(paragraphs)
    )
    (tmp_path / "e.xlf").write_text(
        '<?xml version="1.0"?><xliff version="1.2" '
        'xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="a" '
        f'source-language="de" target-language="en"><body>{units}</body></file></xliff>',
        encoding="utf-8",
    )
    assert {p.suffix for p in tmp_path.iterdir()} <= set(LOADERS)
    # in a fresh interpreter: threads other tests leave behind (a local Dask cluster's event
    # loop) make cyclic garbage of their own while the collector is off
    script = f"""
import gc, json
from collections import Counter
from mtcheck import engine
from mtcheck.config import resolve
from mtcheck.load import iter_documents

settings = resolve({{}}, discover=False)

def scan():
    n = 0
    for item in iter_documents([{str(tmp_path)!r}], settings):
        engine.process(item, settings)
        n += 1
    return n

first = scan()  # loads the lexicons and models
gc.collect()
gc.disable()
gc.set_debug(gc.DEBUG_SAVEALL)
scan()
found = gc.collect()
kinds = Counter(type(o).__name__ for o in gc.garbage).most_common(5)
print(json.dumps([first, found, kinds]))
"""
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=600
    )
    first, found, kinds = json.loads(out.stdout.strip().splitlines()[-1])
    assert first >= 5 * len(paragraphs) // 2  # every file was read
    assert found == 0, kinds


def test_rare_full_collections_restores_the_collector_settings() -> None:
    import gc

    from mtcheck import engine

    before = gc.get_threshold()
    with engine.rare_full_collections():
        assert gc.get_threshold()[2] >= engine.FULL_COLLECTION_WAIT
    assert gc.get_threshold() == before
    try:
        with engine.rare_full_collections():
            raise KeyError("x")
    except KeyError:
        pass
    assert gc.get_threshold() == before
    # overlapping scans (threads of one worker): the settings come back when the last ends
    first = engine.rare_full_collections()
    second = engine.rare_full_collections()
    first.__enter__()
    second.__enter__()
    first.__exit__(None, None, None)
    assert gc.get_threshold()[2] >= engine.FULL_COLLECTION_WAIT
    second.__exit__(None, None, None)
    assert gc.get_threshold() == before
