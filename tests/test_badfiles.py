"""Bad inputs (issue 9): each gets its documented outcome, the rest of the scan goes on.

Every bad file is generated here in tmp_path; nothing binary is committed. Documented outcomes:

- binary file (NUL bytes, or mostly control bytes): skipped with a notice (the run's ``skipped``
  list, one line on stderr, exit code unaffected); an input error under ``--strict``
- invalid UTF-8: error naming the byte offset; with ``--errors replace`` it is scanned
- UTF-16 / UTF-32 with BOM, UTF-8 with BOM: decoded and scanned
- empty or whitespace-only file: scanned, no findings, no error
- unreadable file: error "cannot read: <reason>". Tests run as root, for whom ``chmod 000``
  changes nothing, so a permission failure is simulated by making ``os.open`` fail, and a real
  failure is produced by a path through a regular file (ENOTDIR) and a symlink to itself (ELOOP)
- symlink loop between directories: each directory is walked once, no hang
- FIFO or device: skipped with a notice "not a regular file (a FIFO)", never opened for a
  blocking read; an input error under ``--strict``
- malformed JSONL line: error naming ``path:line``, the other records scanned
- HTML that is not well formed: scanned
"""

from __future__ import annotations

import errno
import json
import os
import signal
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

import pytest
from typer.testing import CliRunner

from mtcheck import load as load_pkg
from mtcheck.api import scan
from mtcheck.cli import app
from mtcheck.model import DocumentResult, RunResult

ROOT = Path(__file__).resolve().parents[1]
GOOD = "The talks were offensive.Government officials left.\n\nThey waited.Nobody came.\n"
CONFIG = {"select": ("MT101",), "lang": "en"}


def mtcheck_cli(
    cwd: Path, *args: str, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    """``python -m mtcheck ARGS`` in ``cwd`` with this checkout's code, output as text."""
    return subprocess.run(
        [sys.executable, "-m", "mtcheck", *args],
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"},
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


class Blocked(Exception):  # not an OSError, so no loader can swallow it
    pass


@pytest.fixture
def alarm() -> Iterator[None]:
    """Fail instead of hanging if something blocks (a FIFO opened for a blocking read)."""

    def _timeout(signum: int, frame: FrameType | None) -> None:
        raise Blocked("blocked for 20 s")

    old = signal.signal(signal.SIGALRM, _timeout)
    signal.alarm(20)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def by_path(run: RunResult) -> dict[str, DocumentResult]:
    return {d.id: d for d in run.documents}


def one(path: Path | str, **config: object) -> DocumentResult:
    (doc,) = scan([path], {**CONFIG, **config}).documents
    return doc


def test_binary_file_is_skipped_with_a_notice(tmp_path: Path) -> None:
    p = tmp_path / "image.txt"
    p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    run = scan([p], CONFIG)
    assert run.documents == () and run.errors == ()
    assert run.skipped == ({"path": str(p), "reason": "binary file (contains NUL bytes)"},)
    # under --strict it is an input error like an undecodable file
    doc = one(p, strict=True)
    assert doc.error == "binary file (contains NUL bytes)"
    assert doc.findings == ()


def test_binary_file_without_nul_bytes_is_skipped(tmp_path: Path) -> None:
    p = tmp_path / "blob.md"
    p.write_bytes(bytes(range(1, 256)) * 4)  # no NUL, but full of control bytes
    run = scan([p], {**CONFIG, "decode_errors": "replace"})
    assert run.documents == ()
    assert run.skipped == ({"path": str(p), "reason": "binary file (control bytes)"},)


def test_invalid_utf8_names_the_byte_offset_and_replace_decodes_it(tmp_path: Path) -> None:
    p = tmp_path / "latin.txt"
    data = "Café owners were offensive.Government said.".encode("latin-1")
    p.write_bytes(data)
    doc = one(p)
    assert doc.error is not None
    offset = data.index("é".encode("latin-1"))
    assert f"invalid byte 0xe9 at byte offset {offset}" in doc.error
    replaced = one(p, decode_errors="replace")
    assert replaced.error is None
    assert replaced.text is not None and "\ufffd" in replaced.text
    (f,) = replaced.findings
    assert (f.excerpt, f.line, f.column) == ("offensive.Government", 1, 18)
    assert one(p, encoding="latin-1").findings[0].column == 18


@pytest.mark.parametrize(
    "encode",
    [
        lambda s: b"\xef\xbb\xbf" + s.encode("utf-8"),
        lambda s: s.encode("utf-16"),  # with BOM, native order
        lambda s: b"\xfe\xff" + s.encode("utf-16-be"),
        lambda s: s.encode("utf-32"),
    ],
    ids=["utf-8-bom", "utf-16", "utf-16-be", "utf-32"],
)
def test_bom_files_decode(tmp_path: Path, encode: object) -> None:
    p = tmp_path / "bom.txt"
    p.write_bytes(encode("Intro é 😀.\r\nThe talks were offensive.Government left.\r\n"))  # type: ignore[operator]
    doc = one(p)
    assert doc.error is None
    (f,) = doc.findings
    assert (f.excerpt, f.line, f.column, f.end_column) == ("offensive.Government", 2, 16, 36)


@pytest.mark.parametrize("content", [b"", b"   \n\t\n  ", b"\xef\xbb\xbf", b"\r\n\r\n"])
@pytest.mark.parametrize("ext", ["txt", "md", "html", "jsonl"])
def test_empty_and_whitespace_files_are_scanned_quietly(
    tmp_path: Path, content: bytes, ext: str
) -> None:
    p = tmp_path / f"empty.{ext}"
    p.write_bytes(content)
    run = scan([p], CONFIG)
    assert all(d.error is None for d in run.documents)
    assert run.findings_count == 0
    if ext != "jsonl":  # a JSONL file without records has no documents at all
        assert len(run.documents) == 1


def test_unreadable_file_is_an_error_for_that_file_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    secret = tmp_path / "secret.txt"
    secret.write_text(GOOD, encoding="utf-8")
    real_open = os.open

    def deny(path: str, flags: int, *args: int) -> int:
        if os.path.basename(path) == "secret.txt":
            raise PermissionError(errno.EACCES, "Permission denied", path)
        return real_open(path, flags, *args)

    # chmod 000 does not stop root (the tests run as root), so fail the open itself
    monkeypatch.setattr(load_pkg.os, "open", deny)
    docs = by_path(scan([good, secret, good / "child.txt"], CONFIG))
    assert docs[str(secret)].error == "cannot read: Permission denied"
    assert docs[str(good / "child.txt")].error == "cannot read: Not a directory"
    assert [f.excerpt for f in docs[str(good)].findings] == [
        "offensive.Government",
        "waited.Nobody",
    ]


def test_symlink_loops_do_not_hang(tmp_path: Path, alarm: None) -> None:
    root = tmp_path / "tree"
    (root / "a" / "b").mkdir(parents=True)
    (root / "a" / "b" / "doc.txt").write_text(GOOD, encoding="utf-8")
    (root / "a" / "b" / "up").symlink_to(root / "a")
    (root / "self.txt").symlink_to(root / "self.txt")
    docs = by_path(scan([root], CONFIG))
    assert sorted(docs) == [f"{root}/a/b/doc.txt", f"{root}/self.txt"]
    assert docs[f"{root}/self.txt"].error == "cannot read: Too many levels of symbolic links"
    assert len(docs[f"{root}/a/b/doc.txt"].findings) == 2


def test_a_file_named_twice_is_scanned_once(tmp_path: Path) -> None:
    # findings counted twice and two documents with one id (corpus rules key by id)
    root = tmp_path / "tree"
    root.mkdir()
    doc = root / "doc.txt"
    doc.write_text(GOOD, encoding="utf-8")
    (root / "other.txt").write_text(GOOD, encoding="utf-8")
    os.link(doc, tmp_path / "hard.txt")
    named = [doc, doc, root, tmp_path / "hard.txt", Path(f"{root}/../tree/doc.txt")]
    run = scan(named, CONFIG)
    assert [d.id for d in run.documents] == [str(doc), f"{root}/other.txt"]
    assert run.findings_count == 4
    for jobs in ("1", "2"):
        out = tmp_path / f"r{jobs}.json"
        args = ["scan", *map(str, named), "--no-cache", "--jobs", jobs, "-q", "--output", str(out)]
        result = CliRunner().invoke(app, [*args, "--format", "json", "--select", "MT101"])
        assert result.exit_code == 1, result.stderr
        report = json.loads(out.read_text(encoding="utf-8"))
        assert [d["id"] for d in report["documents"]] == [str(doc), f"{root}/other.txt"]
        assert report["summary"]["findings"] == 4


def test_fifo_and_device_are_skipped_without_blocking(tmp_path: Path, alarm: None) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    for target, kind in ((fifo, "a FIFO"), (Path("/dev/null"), "a character device")):
        run = scan([target], CONFIG)
        assert run.documents == ()
        assert run.skipped == ({"path": str(target), "reason": f"not a regular file ({kind})"},)
        assert one(target, strict=True).error == f"not a regular file ({kind})"
    # found by walking a directory as well
    run = scan([tmp_path], CONFIG)
    assert [s["path"] for s in run.skipped] == [f"{tmp_path}/pipe.txt"]


def test_fifo_swapped_in_after_the_check_does_not_block(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, alarm: None
) -> None:
    fifo = tmp_path / "late.txt"
    os.mkfifo(fifo)
    real_stat = os.stat

    class Regular:
        st_mode = 0o100644
        st_dev = st_ino = 0

    def fake_stat(path: str, *args: object, **kwargs: object) -> object:
        # the pre-check sees a regular file, as if the FIFO appeared just after it
        return Regular() if str(path) == str(fifo) else real_stat(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(load_pkg.os, "stat", fake_stat)
    run = scan([fifo], CONFIG)
    assert run.skipped == ({"path": str(fifo), "reason": "not a regular file (a FIFO)"},)


def test_malformed_jsonl_line(tmp_path: Path) -> None:
    p = tmp_path / "records.jsonl"
    p.write_text(
        '{"text": "They waited.Nobody came."}\n{"text": broken\n{"text": "spoke.Ministers"}\n',
        encoding="utf-8",
    )
    docs = by_path(scan([p], CONFIG))
    assert list(docs) == [f"{p}:1", f"{p}:2", f"{p}:3"]
    assert docs[f"{p}:2"].error is not None and "malformed JSON" in docs[f"{p}:2"].error
    assert docs[f"{p}:1"].findings[0].excerpt == "waited.Nobody"
    assert docs[f"{p}:3"].findings[0].line == 3


@pytest.mark.parametrize("fmt", ["json", "sarif", "junit", "github", "text", "html"])
def test_lone_surrogate_escape_in_jsonl_is_an_input_error_in_every_format(
    tmp_path: Path, fmt: str
) -> None:
    # a record the JSON parser accepts but no UTF-8 report can hold: before, any report that
    # wrote its text (or a finding's fingerprint near it) failed with exit 3 and no report
    records = [
        {"id": "bad\ud800", "text": "Fine."},
        {"id": "a", "text": "The talks were offensive.Gov\ud83dernment officials left."},
        {"id": "b", "text": "They waited.Nobody came."},
    ]
    (tmp_path / "r.jsonl").write_text(
        "".join(json.dumps(r) + "\n" for r in records), encoding="utf-8"
    )
    target = "report.html" if fmt == "html" else "report.out"
    base = ["scan", "r.jsonl", "--id-field", "id"]
    common = ["--select", "MT101", "--lang", "en", "--no-cache", f"--format={fmt}={target}"]
    proc = mtcheck_cli(tmp_path, *base, *common)
    assert proc.returncode == 2, proc.stderr
    assert "internal error" not in proc.stderr and "Traceback" not in proc.stderr
    assert "r.jsonl:1: field 'id' holds a lone surrogate escape \\ud800" in proc.stderr
    assert "r.jsonl:2: field 'text' holds a lone surrogate escape \\ud83d" in proc.stderr
    written = (tmp_path / target).read_text(encoding="utf-8")
    assert "waited.Nobody" in written  # the good record is reported
    replaced = mtcheck_cli(tmp_path, *base, *common, "--errors", "replace")
    assert replaced.returncode == 1, replaced.stderr
    assert "offensive.Gov" in (tmp_path / target).read_text(encoding="utf-8")


def test_html_not_well_formed(tmp_path: Path) -> None:
    p = tmp_path / "broken.html"
    p.write_text(
        "<html><body><div><p>They waited.Nobody came<b>\n<td>< stray &bogus &#xZZ;"
        "<![foo <p>spoke.Ministers there</i></span></body><!-- never closed",
        encoding="utf-8",
    )
    doc = one(p)
    assert doc.error is None
    assert [f.excerpt for f in doc.findings] == ["waited.Nobody", "spoke.Ministers"]


def test_max_file_size(tmp_path: Path) -> None:
    p = tmp_path / "big.txt"
    p.write_text("x" * 2000, encoding="utf-8")
    doc = one(p, max_file_size=1000)
    assert doc.error is not None and "over --max-file-size" in doc.error


def test_directory_with_include_and_exclude(tmp_path: Path) -> None:
    for rel in ["a.txt", "b.md", "c.html", "notes.rst", "drafts/d.txt", "sub/e.txt", ".hid.txt"]:
        p = tmp_path / "docs" / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(GOOD, encoding="utf-8")
    root = tmp_path / "docs"

    def names(**config: object) -> list[str]:
        run = scan([root], {**CONFIG, **config})
        return [os.path.relpath(str(d.path), root) for d in run.documents]

    assert names() == ["a.txt", "b.md", "c.html", "drafts/d.txt", "sub/e.txt"]
    assert names(include=("*.txt",)) == ["a.txt", "drafts/d.txt", "sub/e.txt"]
    assert names(include=("*.txt", "*.rst"), exclude=("drafts",)) == [
        "a.txt",
        "notes.rst",
        "sub/e.txt",
    ]
    assert names(exclude=("sub/*", "*.md")) == ["a.txt", "c.html", "drafts/d.txt"]


BOMB = (
    '<?xml version="1.0"?>\n<!DOCTYPE xliff [\n <!ENTITY a "lol">\n'
    + "".join(f' <!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">\n' for i in range(9))
    + ']>\n<xliff version="1.2"><file><body><trans-unit id="1"><source>x</source>'
    "<target>&j;</target></trans-unit></body></file></xliff>\n"
)
XXE = (
    '<?xml version="1.0"?>\n<!DOCTYPE xliff [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
    '<xliff version="1.2"><file><body><trans-unit id="1"><source>x</source>'
    "<target>&x;</target></trans-unit></body></file></xliff>\n"
)


def _bad_tree(tmp_path: Path) -> tuple[dict[str, str | None], dict[str, str]]:
    """Write every bad file; returns report id -> expected error fragment (None: no error), and
    the skipped inputs: path -> reason."""
    bad = tmp_path / "bad"
    bad.mkdir()
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (bad / "binary.txt").write_bytes(b"GIF89a\x00\x01\x00\x00\xff")
    (bad / "invalid.txt").write_bytes(b"caf\xe9 offensive.Government")
    (bad / "utf16.txt").write_bytes("They waited.Nobody came.\n".encode("utf-16"))
    (bad / "bom.md").write_bytes(b"\xef\xbb\xbf# Title\n\nThey waited.Nobody came.\n")
    (bad / "empty.txt").write_bytes(b"")
    (bad / "blank.html").write_bytes(b" \n\t \n")
    os.mkfifo(bad / "pipe.txt")
    (bad / "self.txt").symlink_to(bad / "self.txt")
    (bad / "sub").mkdir()
    (bad / "sub" / "loop").symlink_to(bad)
    (bad / "records.jsonl").write_text(
        '{"text": "They waited.Nobody came."}\n{oops\n{"text": "fine"}\n', encoding="utf-8"
    )
    (bad / "broken.html").write_text("<p>They waited.Nobody came<b><td>< &bogus", "utf-8")
    (bad / "bomb.xlf").write_text(BOMB, encoding="utf-8")
    (bad / "xxe.xliff").write_text(XXE, encoding="utf-8")
    (bad / "broken.xlf").write_text('<xliff version="2.0"><file id="f">\n<unit>', "utf-8")
    errors: dict[str, str | None] = {
        "good.txt": None,
        "bad/invalid.txt": "invalid byte 0xe9 at byte offset 3",
        "bad/utf16.txt": None,
        "bad/bom.md": None,
        "bad/empty.txt": None,
        "bad/blank.html": None,
        "bad/self.txt": "cannot read: Too many levels of symbolic links",
        "bad/records.jsonl:1": None,
        "bad/records.jsonl:2": "malformed JSON record",
        "bad/records.jsonl:3": None,
        "bad/broken.html": None,
        "bad/bomb.xlf": "XML entities are not allowed (entity 'a' declared)",
        "bad/xxe.xliff": "XML entities are not allowed (external entity 'x' declared)",
        "bad/broken.xlf": "malformed XML at line 2",
        "good.txt/child.txt": "cannot read: Not a directory",
        "missing.txt": "no such file or directory",
    }
    skipped = {
        "bad/binary.txt": "binary file (contains NUL bytes)",
        "bad/pipe.txt": "not a regular file (a FIFO)",
        "/dev/null": "not a regular file (a character device)",
    }
    return errors, skipped


def test_all_bad_files_in_one_cli_scan(tmp_path: Path) -> None:
    expected, skipped = _bad_tree(tmp_path)
    args = ["good.txt", "bad", "/dev/null", "good.txt/child.txt", "missing.txt"]
    common = ["--format", "json", "--select", "MT101", "--lang", "en"]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    cmd = [sys.executable, "-m", "mtcheck", "scan"]
    proc = subprocess.run(
        [*cmd, *args, *common, "--output", "report.json"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    docs = {d["id"]: d for d in report["documents"]}
    assert sorted(docs) == sorted(expected)
    for doc_id, error in expected.items():
        if error is None:
            assert docs[doc_id]["error"] is None, doc_id
        else:
            assert error in (docs[doc_id]["error"] or ""), (doc_id, docs[doc_id]["error"])
            assert docs[doc_id]["findings"] == []
            assert error.split(" (")[0] in proc.stderr  # each error is also told on stderr
    assert not any("/loop/" in d for d in docs)
    # skipped inputs are not documents: they are listed, and each gets a one-line notice
    assert {s["path"]: s["reason"] for s in report["skipped"]} == skipped
    assert report["summary"]["skipped"] == len(skipped)
    for path, reason in skipped.items():
        assert f"mtcheck: notice: {path}: skipped: {reason}\n" in proc.stderr

    # the good file's findings are exactly those of a scan of the good file alone
    alone = subprocess.run(
        [*cmd, "good.txt", *common],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert alone.returncode == 1, alone.stderr
    (good,) = json.loads(alone.stdout)["documents"]
    assert good["findings"] and docs["good.txt"]["findings"] == good["findings"]
    assert [f["excerpt"] for f in docs["bad/utf16.txt"]["findings"]] == ["waited.Nobody"]
    assert [f["excerpt"] for f in docs["bad/broken.html"]["findings"]] == ["waited.Nobody"]
    assert docs["bad/empty.txt"]["findings"] == docs["bad/blank.html"]["findings"] == []


def test_cli_permission_denied_in_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("good.txt").write_text(GOOD, encoding="utf-8")
    Path("locked.txt").write_text(GOOD, encoding="utf-8")
    real_open = os.open

    def deny(path: str, flags: int, *args: int) -> int:
        if os.fspath(path).endswith("locked.txt"):
            raise PermissionError(errno.EACCES, "Permission denied", path)
        return real_open(path, flags, *args)

    monkeypatch.setattr(load_pkg.os, "open", deny)
    result = CliRunner().invoke(
        app, ["scan", "good.txt", "locked.txt", "--format", "json", "--output", "r.json"]
    )
    assert result.exit_code == 2, result.output
    assert "locked.txt: cannot read: Permission denied" in result.output
    assert "Traceback" not in result.output
    docs = {d["id"]: d for d in json.loads(Path("r.json").read_text("utf-8"))["documents"]}
    assert docs["locked.txt"]["error"] == "cannot read: Permission denied"
    assert docs["good.txt"]["error"] is None and docs["good.txt"]["findings"]


def test_cli_errors_replace_encoding_and_globs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("docs/skip").mkdir(parents=True)
    Path("docs/latin.txt").write_bytes("Caf\xe9 talks were offensive.Government".encode("latin-1"))
    Path("docs/page.html").write_text("<p>They waited.Nobody came.</p>", encoding="utf-8")
    Path("docs/skip/x.txt").write_text("They waited.Nobody came.", encoding="utf-8")
    base = ["scan", "docs", "--select", "MT101", "--lang", "en", "--format", "json"]

    def run(*extra: str) -> tuple[int, dict[str, dict[str, object]]]:
        result = CliRunner().invoke(app, [*base, *extra, "--output", "r.json"])
        assert "Traceback" not in result.output
        report = json.loads(Path("r.json").read_text("utf-8"))
        return result.exit_code, {d["id"]: d for d in report["documents"]}

    code, docs = run()
    assert code == 2 and "byte offset 3" in str(docs["docs/latin.txt"]["error"])
    code, docs = run("--errors", "replace", "--exclude", "skip", "--include", "*.txt")
    assert code == 1 and list(docs) == ["docs/latin.txt"]
    assert docs["docs/latin.txt"]["error"] is None
    code, docs = run("--encoding", "latin-1", "--exclude", "*.txt")
    assert code == 1 and list(docs) == ["docs/page.html"]
    code, docs = run("--encoding", "latin-1", "--include", "*.txt,*.html", "--exclude", "skip/*")
    assert sorted(docs) == ["docs/latin.txt", "docs/page.html"]
    assert [f["column"] for f in docs["docs/latin.txt"]["findings"]] == [17]  # type: ignore[union-attr]


def test_skipped_inputs_leave_the_exit_code_alone_unless_strict(tmp_path: Path) -> None:
    (tmp_path / "clean.txt").write_text("The talks resumed on Monday.\n", encoding="utf-8")
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "photo.txt").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00")
    os.mkfifo(tmp_path / "pipe.txt")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "mtcheck", "scan", *args, "--select", "MT101", "--lang", "en"],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )

    notices = [
        "mtcheck: notice: photo.txt: skipped: binary file (contains NUL bytes)",
        "mtcheck: notice: pipe.txt: skipped: not a regular file (a FIFO)",
    ]
    ok = run("clean.txt", "photo.txt", "pipe.txt", "--format", "json")
    assert ok.returncode == 0, ok.stderr
    assert ok.stderr.splitlines()[-2:] == notices
    assert "error" not in ok.stderr and "Traceback" not in ok.stderr
    report = json.loads(ok.stdout)
    assert [d["id"] for d in report["documents"]] == ["clean.txt"]
    assert report["summary"]["errors"] == 0 and report["summary"]["skipped"] == 2
    # the gate still judges the files that were scanned
    assert run("good.txt", "photo.txt", "--format", "json").returncode == 1
    # the terminal summary counts them
    text = run("clean.txt", "photo.txt", "pipe.txt")
    assert "1 document" in text.stdout and "2 skipped" in text.stdout
    strict = run("clean.txt", "photo.txt", "pipe.txt", "--format", "json", "--strict")
    assert strict.returncode == 2, strict.stderr
    assert "mtcheck: error: photo.txt: binary file (contains NUL bytes)" in strict.stderr
    assert "notice" not in strict.stderr and "Traceback" not in strict.stderr
    docs = {d["id"]: d["error"] for d in json.loads(strict.stdout)["documents"]}
    assert docs == {
        "clean.txt": None,
        "photo.txt": "binary file (contains NUL bytes)",
        "pipe.txt": "not a regular file (a FIFO)",
    }
    assert json.loads(strict.stdout)["skipped"] == []


def test_strict_is_a_config_setting(tmp_path: Path) -> None:
    (tmp_path / "mtcheck.toml").write_text("strict = true\n", encoding="utf-8")
    (tmp_path / "photo.txt").write_bytes(b"GIF89a\x00\x01")
    result = subprocess.run(
        [sys.executable, "-m", "mtcheck", "scan", "photo.txt", "--format", "json"],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2, result.stderr
    assert json.loads(result.stdout)["documents"][0]["error"] == "binary file (contains NUL bytes)"


def test_reports_written_to_a_device_leave_the_device_alone(tmp_path: Path) -> None:
    from mtcheck.report import write_atomic

    # (not tried on /dev/null itself: a regression would replace the machine's /dev/null)
    # a FIFO target gets the report through the pipe, and stays a FIFO
    fifo = tmp_path / "report.pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        write_atomic(fifo, "report\n")
        assert os.read(reader, 100) == b"report\n"
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.pipe"]


def test_file_names_with_line_breaks_cannot_forge_output_lines(tmp_path: Path) -> None:
    # a directory walk over untrusted content: "::error::" at the start of a line is a
    # workflow command for a CI runner; input errors and the gate's conditions carried the
    # raw name onto a line of its own
    (tmp_path / "d\n::warning::bad.txt").write_bytes(b"offensive.Government \xff\xfe bad\n")
    (tmp_path / "e\n::error::x.txt").write_text(
        "The the talks were offensive.Government officials.\n", encoding="utf-8"
    )
    args = ["scan", ".", "--no-cache", "--no-report", "--max-penalty", "1"]
    proc = mtcheck_cli(tmp_path, *args, "--penalty-scope", "document")
    assert proc.returncode == 2, proc.stderr
    assert "not valid UTF-8" in proc.stderr and "max-penalty" in proc.stdout
    for line in (proc.stdout + proc.stderr).splitlines():
        assert not line.lstrip().startswith("::"), line


@pytest.mark.parametrize("fmt", ["json", "sarif", "junit", "github", "text", "html"])
def test_file_names_that_are_not_utf8_and_cp_surrogates_are_reported(
    tmp_path: Path, fmt: str
) -> None:
    # such a name reached the reports with lone surrogates (Python's reading of its bytes),
    # and so did an XLIFF <cp hex="D800"/>: every report writer ended in an internal error
    (tmp_path / os.fsdecode(b"bad\xff.txt")).write_text(GOOD, encoding="utf-8")
    (tmp_path / "cp.xlf").write_text(
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="fr" '
        'trgLang="en"><file id="f1"><unit id="u1"><segment><source>B.</source><target>A lone '
        '<cp hex="D800"/> surrogate.Here it is.</target></segment></unit></file></xliff>\n',
        encoding="utf-8",
    )
    args = ["scan", ".", "--no-cache", f"--format={fmt}=out", "--select", "MT101"]
    proc = mtcheck_cli(tmp_path, *args, "--lang", "en")
    assert proc.returncode == 1, proc.stderr
    written = (tmp_path / "out").read_text(encoding="utf-8")
    assert "bad" in written and "xff.txt" in written
    assert "surrogate.Here" in written or fmt in ("junit", "github", "sarif", "text")


def test_standard_input_edge_cases_are_usage_errors_or_read(tmp_path: Path) -> None:
    def run(args: list[str], stdin: str) -> subprocess.CompletedProcess[str]:
        return mtcheck_cli(tmp_path, "scan", "--no-report", "--no-cache", "-q", *args, stdin=stdin)

    # a list of files and an input both from standard input: the run scanned nothing, passed
    both = run(["-", "--files-from", "-"], GOOD)
    assert both.returncode == 2 and "cannot be both" in both.stderr
    # a size limit beyond any machine read: an internal error (OverflowError)
    huge = run(["-", "--max-file-size", str(2**63 - 1), "--select", "MT101"], GOOD)
    assert huge.returncode == 1, huge.stderr
    small = run(["-", "--max-file-size", "10"], GOOD)
    assert small.returncode == 2 and "over --max-file-size" in small.stderr
