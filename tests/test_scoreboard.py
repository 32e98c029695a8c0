"""The scoreboard logic on tiny corpora, and the validity of the real corpora/ (not recall)."""

from __future__ import annotations

import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

from mtcheck.config import resolve
from mtcheck.load import iter_documents
from mtcheck.model import Document, DocumentResult, Finding, RunResult, Severity
from mtcheck.rules import registry

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT / "corpora"


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("scoreboard", ROOT / "scripts" / "scoreboard.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["scoreboard"] = module
    spec.loader.exec_module(module)
    return module


sb = _load_script()


def finding(name: str, start: int, end: int, text: str) -> Finding:
    code = sb.NAME_TO_CODE[name]
    return Finding(
        rule=code,
        name=name,
        category="fluency/test",
        severity=Severity.MAJOR,
        confidence=1.0,
        message="test",
        start=start,
        end=end,
        line=1,
        column=start + 1,
        end_line=1,
        end_column=end + 1,
        excerpt=text[start:end],
        suggestion=None,
        fingerprint=f"{code}-{start}",
    )


def result(
    path: Path, text: str, findings: list[Finding], doc_id: str | None = None
) -> DocumentResult:
    return DocumentResult(
        id=doc_id or str(path),
        path=str(path),
        language="en",
        words=len(text.split()),
        findings=tuple(findings),
        text=text,
    )


def run_of(*docs: DocumentResult) -> RunResult:
    return RunResult(documents=docs, signature="test", fail_on=None)


def write_corpus(
    root: Path,
    docs: dict[str, tuple[str, str]],
    gold: dict[str, list[tuple[str, str, str]]],
) -> None:
    """``docs``: path -> (kind, text); ``gold``: path -> [(id, class, anchor)]."""
    root.mkdir(parents=True, exist_ok=True)
    manifest = ["path\tkind\tdescription"]
    for path, (kind, text) in docs.items():
        (root / path).write_text(text, encoding="utf-8")
        manifest.append(f"{path}\t{kind}\ttest document")
    (root / "MANIFEST.tsv").write_text("\n".join(manifest) + "\n", encoding="utf-8")
    for path, items in gold.items():
        rows = ["id\tclass\tanchor\tnote"] + [f"{i}\t{c}\t{a}\tnote" for i, c, a in items]
        (root / f"{path}.gold.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")


GARBLED = "The talks were offensive.Government officials left. He said the the plan was ready.\n"
CLEAN = "The U.S. Supreme Court ruled on Monday.\n"


@pytest.fixture
def small(tmp_path: Path) -> Path:
    write_corpus(
        tmp_path,
        {"g.txt": ("garbled", GARBLED), "c.txt": ("clean", CLEAN)},
        {
            "g.txt": [
                ("g1", "missing-space-after-sentence", "offensive.Government"),
                ("g2", "repeated-word", "the the plan"),
            ]
        },
    )
    return tmp_path


def test_overlapping_finding_of_the_gold_class_catches_the_item(small: Path) -> None:
    i = GARBLED.index("e.G")  # a finding covering only part of the anchor still overlaps it
    run = run_of(
        result(
            small / "g.txt", GARBLED, [finding("missing-space-after-sentence", i, i + 3, GARBLED)]
        ),
        result(small / "c.txt", CLEAN, []),
    )
    board = sb.score(small, run)
    assert board["classes"]["missing-space-after-sentence"] == {
        "code": "MT101",
        "gold": 1,
        "caught": 1,
        "recall": 1.0,
    }
    assert board["classes"]["repeated-word"]["caught"] == 0
    assert board["overall"] == {"gold": 2, "caught": 1, "recall": 0.5}
    assert [m["id"] for m in board["missed"]] == ["g2"]
    assert board["false_positives"] == [] and board["unannotated"] == []


def test_touching_spans_do_not_overlap(small: Path) -> None:
    start = GARBLED.index("offensive.Government")
    end = start + len("offensive.Government")
    findings = [
        finding("missing-space-after-sentence", start - 4, start, GARBLED),  # ends where it begins
        finding("missing-space-after-sentence", end, end + 4, GARBLED),  # starts where it ends
    ]
    board = sb.score(
        small,
        run_of(result(small / "g.txt", GARBLED, findings), result(small / "c.txt", CLEAN, [])),
    )
    assert board["classes"]["missing-space-after-sentence"]["caught"] == 0
    assert len(board["unannotated"]) == 2


def test_a_finding_of_another_class_does_not_catch_and_is_listed_as_unannotated(
    small: Path,
) -> None:
    i = GARBLED.index("the the")
    run = run_of(
        result(small / "g.txt", GARBLED, [finding("repeated-phrase", i, i + 7, GARBLED)]),
        result(small / "c.txt", CLEAN, []),
    )
    board = sb.score(small, run)
    assert board["classes"]["repeated-word"]["caught"] == 0
    (u,) = board["unannotated"]
    assert u["name"] == "repeated-phrase" and u["excerpt"] == "the the"
    assert "g2 (repeated-word)" in u["note"]


def test_every_finding_on_a_clean_document_is_a_false_positive(small: Path) -> None:
    run = run_of(
        result(small / "g.txt", GARBLED, []),
        result(small / "c.txt", CLEAN, [finding("non-word", 4, 8, CLEAN)]),
    )
    board = sb.score(small, run)
    (fp,) = board["false_positives"]
    assert fp["document"] == "c.txt" and fp["excerpt"] == "U.S." and fp["rule"] == "MT604"
    text = sb.render_text(board)
    assert "findings on clean documents (false positives): 1" in text
    assert "c.txt:1:5 MT604 non-word: 'U.S.'" in text


def test_jsonl_gold_ids_name_records_matched_by_id_or_by_line(tmp_path: Path) -> None:
    records = [
        {"id": "r1", "text": "All is well here."},
        {"id": "r2", "text": "It was over.The end."},
    ]
    jsonl = "\n".join(json.dumps(r) for r in records) + "\n"
    write_corpus(
        tmp_path,
        {"w.jsonl": ("garbled", jsonl)},
        {"w.jsonl": [("r2:1", "missing-space-after-sentence", "over.The")]},
    )
    path = tmp_path / "w.jsonl"
    t1, t2 = records[0]["text"], records[1]["text"]
    hit = finding("missing-space-after-sentence", 7, 15, t2)
    # without --id-field the loader names records path:line
    by_line = run_of(result(path, t1, [], f"{path}:1"), result(path, t2, [hit], f"{path}:2"))
    by_id = run_of(result(path, t1, [], "r1"), result(path, t2, [hit], "r2"))
    for run in (by_line, by_id):
        board = sb.score(tmp_path, run)
        assert board["overall"] == {"gold": 1, "caught": 1, "recall": 1.0}
        assert board["documents"]["garbled"] == 2
    # the same anchor in the other record is not found there
    wrong = run_of(result(path, t2, [], "r1"), result(path, t1, [], "r2"))
    with pytest.raises(sb.CorpusError, match="r2:1"):
        sb.score(tmp_path, wrong)


def test_scan_end_to_end_on_a_tiny_corpus(small: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert sb.main([str(small), "--json"]) == 0
    board = json.loads(capsys.readouterr().out)
    assert board["overall"]["gold"] == 2
    assert board["documents"]["garbled"] == 1 and board["documents"]["clean"] == 1
    assert set(board["classes"]) == set(sb.CLASSES.values())
    # the same figures as text
    assert sb.main([str(small)]) == 0
    assert "overall" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("gold", "message"),
    [
        ([("g1", "missing-space-after-sentence", "nowhere to be seen")], "g1.*not found"),
        ([("g1", "repeated-word", "the")], "g1.*more than once"),
        ([("g1", "no-such-rule", "the the")], "unknown class 'no-such-rule'"),
        ([("g1", "repeated-word", "the the"), ("g1", "repeated-word", "offensive")], "twice"),
    ],
)
def test_malformed_gold_exits_2_naming_file_and_id(
    tmp_path: Path,
    gold: list[tuple[str, str, str]],
    message: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    write_corpus(tmp_path, {"g.txt": ("garbled", GARBLED)}, {"g.txt": gold})
    run = run_of(result(tmp_path / "g.txt", GARBLED, []))
    with pytest.raises(sb.CorpusError, match=message):
        sb.score(tmp_path, run)
    assert sb.main([str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "g.txt.gold.tsv" in err and "malformed corpora" in err


def test_malformed_manifest_and_files(tmp_path: Path) -> None:
    write_corpus(tmp_path, {"g.txt": ("garbled", GARBLED)}, {})
    with pytest.raises(sb.CorpusError, match=r"g\.txt: garbled document without g\.txt\.gold\.tsv"):
        sb.score(tmp_path, run_of())
    write_corpus(tmp_path, {"g.txt": ("clean", GARBLED)}, {})
    (tmp_path / "stray.md").write_text("Not listed.\n", encoding="utf-8")
    with pytest.raises(sb.CorpusError, match=r"documents not listed: stray\.md"):
        sb.score(tmp_path, run_of())
    (tmp_path / "stray.md").unlink()
    (tmp_path / "g.txt.gold.tsv").write_text("id\tclass\tanchor\n", encoding="utf-8")
    with pytest.raises(sb.CorpusError, match="clean document with a gold file"):
        sb.score(tmp_path, run_of())
    (tmp_path / "g.txt.gold.tsv").unlink()
    (tmp_path / "MANIFEST.tsv").write_text("path\tkind\n", encoding="utf-8")
    with pytest.raises(sb.CorpusError, match="header"):
        sb.score(tmp_path, run_of())


def test_jsonl_gold_id_must_name_a_record(tmp_path: Path) -> None:
    jsonl = json.dumps({"id": "r1", "text": "It was over.The end."}) + "\n"
    write_corpus(
        tmp_path, {"w.jsonl": ("garbled", jsonl)}, {"w.jsonl": [("r9:1", "repeated-word", "x")]}
    )
    with pytest.raises(sb.CorpusError, match="'r9:1' must be '<record id>:<n>'"):
        sb.score(tmp_path, run_of())


# ---------------------------------------------------------------------------------------------
# The real corpora: well formed (recall is not asserted; the rules are still being written)


def _real_documents() -> dict[str, str]:
    """Document key (path, or path#record id) -> text, as mtcheck's loaders produce it."""
    settings = resolve({"lang": "auto"}, discover=False)
    texts: dict[str, str] = {}
    for entry in sb.load_manifest(CORPORA):
        path = CORPORA / entry.path
        docs = [d for d in iter_documents([str(path)], settings) if isinstance(d, Document)]
        if entry.path.endswith(".jsonl"):
            lines = sb.jsonl_record_ids(path)
            assert len(docs) == len(lines), entry.path
            by_line = {line: rid for rid, line in lines.items()}
            for d in docs:
                texts[f"{entry.path}#{by_line[d.meta['record_line']]}"] = d.text
        else:
            assert len(docs) == 1, entry.path
            texts[entry.path] = docs[0].text
    return texts


def test_real_corpora_manifest_lists_every_document_and_gold_is_well_formed() -> None:
    entries = sb.load_manifest(CORPORA)  # raises on an unlisted document or a missing gold file
    texts = _real_documents()
    classes: Counter[str] = Counter()
    for e in entries:
        if e.kind != "garbled":
            continue
        for item in sb.load_gold(CORPORA, e):
            assert item.cls in sb.NAME_TO_CODE, item
            assert texts[item.doc].count(item.anchor) == 1, (item.file, item.id, item.anchor)
            assert "\t" not in item.anchor and "\n" not in item.anchor
            classes[item.cls] += 1
    # every defect class MT1xx-MT8xx is represented, several times each
    for code, name in sb.CLASSES.items():
        if not code.startswith("MT9"):
            assert classes[name] >= 2, name
    clean = [e for e in entries if e.kind == "clean"]
    assert len(clean) >= 4
    assert len(entries) >= 14
    assert sum(len(t.split()) for t in texts.values()) >= 4000


def test_real_corpora_scoreboard_runs() -> None:
    board = sb.score(CORPORA)
    assert board["overall"]["gold"] == sum(c["gold"] for c in board["classes"].values())
    assert board["documents"]["clean"] >= 4


def test_gold_classes_agree_with_registered_rule_names() -> None:
    for r in registry.all_rules():
        if r.code in sb.CLASSES:
            assert sb.CLASSES[r.code] == r.name, r.code
