"""The HTML report's structure: highlights at the right text, counts equal to the JSON report."""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from mtcheck.cli import app
from mtcheck.model import DocumentResult, Finding, RunResult, Severity
from mtcheck.report import html
from mtcheck.report.json import report_dict
from tests.report._dom import Node, parse
from tests.report._samples import TEXTS, full_run, plain_run

GENERATED = "2026-01-01 00:00:00 UTC"


def _page(run: RunResult) -> Node:
    return parse(html.render(run, generated=GENERATED))


def _section(page: Node, n: int) -> Node:
    return page.find("section", id=f"doc-{n}")


def _mark_text(section: Node, index: int) -> str:
    """All text covered by finding ``index``'s marks, tooltips left out, in document order."""
    parts: list[str] = []

    def walk(node: Node, inside: bool) -> None:
        for c in node.children:
            if isinstance(c, str):
                if inside:
                    parts.append(c)
            elif "tip" not in c.classes:
                here = c.tag == "mark" and c.attrs.get("data-f") == str(index)
                walk(c, inside or here)

    walk(section.find("div", cls="text"), False)
    return "".join(parts)


@pytest.mark.parametrize("make", [plain_run, full_run])
def test_every_finding_is_highlighted_at_its_text(make: object) -> None:
    run = make()  # type: ignore[operator]
    page = _page(run)
    checked = 0
    for n, d in enumerate(run.documents):
        sec = _section(page, n)
        text = sec.find("div", cls="text")
        # the document reads exactly as scanned, tooltips aside
        assert text.text(skip_class="tip") == d.text
        findings = sorted(d.findings, key=lambda f: (f.start, f.end, f.rule))
        for i, f in enumerate(findings):
            assert _mark_text(sec, i) == f.excerpt == d.text[f.start : f.end]
            anchor = sec.find("mark", id=f"d{n}-f{i}")
            assert anchor.attrs["data-f"] == str(i)
            assert f.severity.label in anchor.classes
            # the side list links to that anchor, in reading order
            item = sec.find("li", data_f=str(i))
            assert item.find("a").attrs["href"] == f"#d{n}-f{i}"
            assert item.attrs["data-rule"] == f.rule
            checked += 1
    assert checked == run.findings_count > 0


def test_overlapping_findings_nest_and_both_cover_the_shared_text() -> None:
    run = plain_run()
    d = run.documents[0]
    # add a finding that crosses the first real one, whatever the rules found
    first = d.findings[0]
    crossing = replace(
        first,
        rule="MT105",
        start=first.start + 1,
        end=min(len(d.text or ""), first.end + 4),
        excerpt=(d.text or "")[first.start + 1 : first.end + 4],
        fingerprint="crossing",
    )
    d = replace(d, findings=tuple(sorted((*d.findings, crossing), key=lambda f: f.start)))
    run = replace(run, documents=(d, *run.documents[1:]))
    findings = sorted(d.findings, key=lambda f: (f.start, f.end, f.rule))
    pairs = [
        (i, j)
        for i, a in enumerate(findings)
        for j, b in enumerate(findings)
        if i < j and a.start < b.end and b.start < a.end
    ]
    assert pairs, "the sample must contain overlapping findings"
    sec = _section(_page(run), 0)
    for i, j in pairs:
        a, b = findings[i], findings[j]
        shared = d.text[max(a.start, b.start) : min(a.end, b.end)]
        seg = next(s for s in sec.find_all("span", cls="seg") if s.text(skip_class="tip") == shared)
        covering = {m.attrs["data-f"] for m in seg.ancestors() if m.tag == "mark"}
        assert {str(i), str(j)} <= covering
        tip_rules = [
            t.attrs["data-f"] for t in seg.find("span", cls="tip").find_all(cls="tip-item")
        ]
        assert {str(i), str(j)} <= set(tip_rules)


def _finding(start: int, end: int, text: str, rule: str = "MT101") -> Finding:
    return Finding(
        rule,
        "x",
        "fluency/grammar",
        Severity.MAJOR,
        1.0,
        "m",
        start,
        end,
        1,
        start + 1,
        1,
        end + 1,
        text[start:end],
        None,
        f"{rule}{start}{end}",
    )


@pytest.mark.parametrize(
    "spans",
    [
        [(0, 10), (5, 15)],  # crossing
        [(0, 20), (5, 10)],  # nested
        [(3, 8), (3, 8), (3, 8)],  # identical, three deep
        [(0, 5), (5, 10)],  # touching
        [(2, 30), (4, 6), (5, 25), (24, 29)],
    ],
)
def test_segments_cover_the_text_and_keep_every_span(spans: list[tuple[int, int]]) -> None:
    text = "abcdefghijklmnopqrstuvwxyz0123456789"
    findings = sorted(
        (_finding(a, b, text, f"MT1{k:02d}") for k, (a, b) in enumerate(spans)),
        key=lambda f: (f.start, f.end, f.rule),
    )
    segs = html.segments(text, findings, "p-")
    assert "".join(s.text for s in segs) == text
    pos = 0
    covered: dict[int, str] = {i: "" for i in range(len(findings))}
    for s in segs:
        for m in s.marks:
            covered[m.index] += s.text
        # outermost first: each mark starts no later than the one inside it
        starts = [findings[m.index].start for m in s.marks]
        assert starts == sorted(starts)
        for m in s.marks:
            assert (m.anchor is not None) == (findings[m.index].start == pos)
        pos += len(s.text)
    for i, f in enumerate(findings):
        assert covered[i] == text[f.start : f.end]


def test_counts_match_the_json_report() -> None:
    run = full_run()
    data = report_dict(run)
    page = _page(run)
    cards = {
        c.text(skip_class="big").strip(): c.find("span", cls="big").text().split()[-1]
        for c in page.find_all("div", cls="card")
    }
    s = data["summary"]
    assert cards["documents"] == str(s["documents"])
    assert cards["findings"] == str(s["findings"])
    assert cards["words"] == f"{s['words']:,}"
    for sev, n in s["by_severity"].items():
        assert cards[sev] == str(n)
    rows = page.find("table", cls="rank").find("tbody").find_all("tr")
    assert len(rows) == len(data["documents"])
    json_docs = {d["id"]: d for d in data["documents"]}
    for row in rows:
        cells = row.find_all("td")
        doc = json_docs[cells[1].find("a").text()]
        assert int(cells[3].text()) == len(doc["findings"])
        sev = {c.attrs["title"]: int(c.text().split()[1]) for c in cells[4].find_all(cls="cnt")}
        for label in ("minor", "major", "critical"):
            assert sev[label] == sum(f["severity"] == label for f in doc["findings"])
    for n, d in enumerate(data["documents"]):
        items = _section(page, n).find_all("li", cls=None)
        items = [i for i in items if "data-rule" in i.attrs]
        assert [i.attrs["data-rule"] for i in items] == [f["rule"] for f in d["findings"]]
    # by-rule totals
    by_rule = page.find_all("table", cls="mini")[1].find("tbody").find_all("tr")
    json_rules: dict[str, int] = {}
    for d in data["documents"]:
        for f in d["findings"]:
            json_rules[f["rule"]] = json_rules.get(f["rule"], 0) + 1
    assert {r.find("code").text(): int(r.find_all("td")[1].text()) for r in by_rule} == json_rules


def test_documents_ranked_worst_first() -> None:
    run = full_run()
    rows = _page(run).find("table", cls="rank").find("tbody").find_all("tr")
    scores = [float(r.find_all("td")[2].text()) for r in rows]
    assert scores == sorted(scores)  # quality score: lowest (worst) first
    plain = plain_run()
    # without quality scores the ranking falls back to the penalty, highest first
    plain = replace(
        plain,
        documents=tuple(
            replace(d, metrics={k: v for k, v in d.metrics.items() if k != "quality_score"})
            for d in plain.documents
        ),
    )
    rows = _page(plain).find("table", cls="rank").find("tbody").find_all("tr")
    penalties = [float(r.find_all("td")[2].text().replace(",", "")) for r in rows]
    assert penalties == sorted(penalties, reverse=True)
    assert "penalty per 1,000 words" in _page(plain).find("section", id="ranking").text()


def test_entities_link_each_spelling_to_its_occurrences() -> None:
    run = full_run()
    page = _page(run)
    sec = _section(page, 0)
    table = sec.find("section", cls="doc-ents")
    spellings = table.find_all(cls="spelling")
    assert [" ".join(s.text().split()[:2]) for s in spellings] == ["Yusuf ×2", "Yousef ×1"]
    text_div = sec.find("div", cls="text")
    order = list(text_div.iter())
    for sp in spellings:
        name = sp.find("b").text()
        links = sp.find_all("a")
        assert links
        for link in links:
            anchor = text_div.find("span", id=link.attrs["href"][1:])
            assert anchor in order
            # the text right after the anchor is the spelling
            assert _text_after(text_div, anchor).startswith(name)
    corpus = page.find("section", id="entities")
    assert "Yusuf ×3" in " ".join(corpus.text().split())
    links = [a.attrs["href"] for a in corpus.find_all("a")]
    assert "#doc-0" in links and "#doc-1" in links


def _text_after(root: Node, anchor: Node) -> str:
    out: list[str] = []
    seen = False

    def walk(node: Node) -> None:
        nonlocal seen
        for c in node.children:
            if isinstance(c, str):
                if seen:
                    out.append(c)
            elif c is anchor:
                seen = True
            elif "tip" not in c.classes:
                walk(c)

    walk(root)
    return "".join(out)


def test_metrics_and_fluency_markers_are_shown() -> None:
    run = full_run()
    page = _page(run)
    d = run.documents[0]
    sec = _section(page, 0)
    labels = [dt.text() for dt in sec.find("dl", cls="metrics").find_all("dt")]
    for label in ("Quality score", "Fluency", "Flesch reading ease", "Words per sentence"):
        assert label in labels
    markers = sec.find_all("span", cls="flu")
    low = sorted(
        (s for s in d.metrics["sentence_fluency"] if s[2] <= html.FLUENCY_MARK_BELOW),
        key=lambda s: s[2],
    )[: html.WORST_SENTENCES]
    assert len(markers) == len(low) > 0
    text_div = sec.find("div", cls="text")
    starts = sorted(s[0] for s in low)
    for marker, start in zip(markers, starts, strict=True):
        assert d.text is not None
        assert _text_after(text_div, marker).startswith(d.text[start : start + 15])


def test_without_metrics_or_entities_the_report_degrades_gracefully() -> None:
    run = plain_run()
    # strip what the name rules and fluency metrics attach, as an older or narrower run has it
    docs = tuple(
        replace(
            d,
            extra={k: v for k, v in d.extra.items() if k != "entities"},
            metrics={k: v for k, v in d.metrics.items() if k == "penalty_per_1000_words"},
        )
        for d in run.documents
    )
    run = replace(run, documents=docs, extra={})
    page = _page(run)
    assert not page.find_all("section", id="entities")
    assert not page.find_all("span", cls="flu")
    assert "Penalty / 1,000 words" in _section(page, 0).find("dl", cls="metrics").text()


def test_unreadable_document_is_listed_with_its_error() -> None:
    run = plain_run()
    bad = DocumentResult(
        id="broken.txt", path="broken.txt", language=None, words=0, error="not valid UTF-8"
    )
    run = replace(run, documents=(*run.documents, bad))
    page = _page(run)
    last = _section(page, len(run.documents) - 1)
    assert "not valid UTF-8" in last.find("p", cls="error").text()
    rows = page.find("table", cls="rank").find("tbody").find_all("tr")
    assert "err" in rows[-1].classes


def _csp_hash(body: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"


def test_csp_admits_only_the_pages_own_script_and_style() -> None:
    out = html.render(full_run(), generated=GENERATED)
    page = parse(out)
    csp = page.find("meta", http_equiv="Content-Security-Policy").attrs["content"] or ""
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["default-src"] == "'none'"
    assert directives["img-src"] == "data:"
    scripts = page.find_all("script")
    styles = page.find_all("style")
    assert len(scripts) == len(styles) == 1
    assert directives["script-src"] == _csp_hash(scripts[0].text())
    assert directives["style-src"] == _csp_hash(styles[0].text())
    for node in page.iter():
        assert not any(k.startswith("on") for k in node.attrs), node.tag
        for attr in ("src", "href", "action", "xlink:href"):
            value = node.attrs.get(attr)
            if value is not None:
                assert value.startswith("#") or node.tag == "svg", (node.tag, value)


def test_page_is_deterministic_given_the_time() -> None:
    run = full_run()
    assert html.render(run, generated=GENERATED) == html.render(run, generated=GENERATED)
    assert GENERATED in html.render(run, generated=GENERATED)


def test_split_report_names_pages_by_counter_never_by_document_id(tmp_path: Path) -> None:
    hostile = {
        "../../../etc/passwd": "Officials left.The talks ended.",
        "/abs/path.txt": "It was the the end.",
        "a/b\\c:d*e?.txt": "Clean words only.",
        "<img src=x onerror=alert(1)>": "More clean words.",
    }
    run = plain_run(hostile)
    written = html.write(run, tmp_path / "out" / "report.html", split=True, generated=GENERATED)
    folder = tmp_path / "out" / "report_files"
    assert written[0] == tmp_path / "out" / "report.html"
    assert sorted(p.name for p in written[1:]) == sorted(f"{i}.html" for i in range(len(hostile)))
    assert all(p.parent == folder for p in written[1:])
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file()) == sorted(
        p.relative_to(tmp_path) for p in written
    )
    index = parse(written[0].read_text(encoding="utf-8"))
    links = [a.attrs["href"] for a in index.find("table", cls="rank").find_all("a")]
    assert sorted(links) == sorted(f"report_files/{i}.html" for i in range(len(hostile)))
    for i, d in enumerate(run.documents):
        page = parse((folder / f"{i}.html").read_text(encoding="utf-8"))
        assert page.find("span", cls="docid").text() == d.id
        assert page.find("div", cls="text").text(skip_class="tip") == d.text
        back = page.find("nav").find("a").attrs["href"]
        assert back == "../report.html"
    assert not index.find_all("img")


def test_write_splits_large_runs_by_itself(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(html, "SPLIT_DOCUMENTS", 2)
    written = html.write(plain_run(), tmp_path / "r.html", generated=GENERATED)
    assert len(written) == 1 + len(TEXTS)
    monkeypatch.setattr(html, "SPLIT_DOCUMENTS", 100)
    written = html.write(plain_run(), tmp_path / "s.html", generated=GENERATED)
    assert written == [tmp_path / "s.html"]
    assert (tmp_path / "s.html").stat().st_mode & 0o044  # readable by others, like any report


def test_scanned_markup_is_text_and_attributes_stay_quoted() -> None:
    texts = {'x" onmouseover="alert(1)': 'He said "hi" & left.<b>bold</b> the the end.'}
    run = plain_run(texts)
    out = html.render(run, generated=GENERATED)
    page = parse(out)
    text = page.find("div", cls="text")
    assert text.text(skip_class="tip") == texts[next(iter(texts))]
    outside_tips = [n for n in text.iter() if not any("tip" in a.classes for a in n.ancestors())]
    assert {n.tag for n in outside_tips} <= {"div", "mark", "span"}
    assert 'onmouseover="alert' not in out
    assert "&lt;b&gt;" in out and "&lt;/b&gt;" in out  # escaped, whatever rules highlight it
    assert re.search(r"<b>bold</b>", out) is None


def test_cli_writes_html_and_the_default_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(TEXTS["news/ministry.txt"], encoding="utf-8")
    runner = CliRunner()
    res = runner.invoke(app, ["scan", "a.txt", "--format", "html", "--output", "out.html"])
    assert res.exit_code == 1, res.output
    page = parse((tmp_path / "out.html").read_text(encoding="utf-8"))
    assert page.find("span", cls="docid").text() == "a.txt"
    assert not (tmp_path / "reports").exists()

    res = runner.invoke(app, ["scan", "a.txt"])
    assert res.exit_code == 1
    report = Path("reports") / "mtcheck-report.html"
    assert (tmp_path / report).is_file()
    assert res.output.rstrip().splitlines()[-1] == f"HTML report: {report}"

    res = runner.invoke(app, ["scan", "a.txt", "--report-dir", "elsewhere"])
    assert (tmp_path / "elsewhere" / "mtcheck-report.html").is_file()

    (tmp_path / report).unlink()
    res = runner.invoke(app, ["scan", "a.txt", "--no-report"])
    assert not (tmp_path / report).exists()
    assert "HTML report" not in res.output


def test_findings_without_kept_text_are_listed_without_dangling_links() -> None:
    run = plain_run()
    run = replace(run, documents=tuple(replace(d, text=None) for d in run.documents))
    page = _page(run)
    sec = _section(page, 0)
    assert not sec.find_all("div", cls="text")
    items = [li for li in sec.find_all("li") if "data-rule" in li.attrs]
    assert len(items) == len(run.documents[0].findings) > 0
    assert all("href" not in li.find("a").attrs for li in items)


CORPORA = Path(__file__).resolve().parents[2] / "corpora"


def test_reports_for_the_corpora_highlight_every_finding_and_match_json() -> None:
    files = sorted(p for p in CORPORA.glob("*") if p.is_file() and p.suffix in {".txt", ".md"})
    if not files:
        pytest.skip("no corpora/ in this checkout yet")
    from mtcheck.api import scan

    run = scan(files)
    data = report_dict(run)
    page = _page(run)
    for n, (d, jd) in enumerate(zip(run.documents, data["documents"], strict=True)):
        if d.error is not None or d.text is None:
            continue
        sec = _section(page, n)
        assert sec.find("div", cls="text").text(skip_class="tip") == d.text
        findings = sorted(d.findings, key=lambda f: (f.start, f.end, f.rule))
        for i, f in enumerate(findings):
            assert _mark_text(sec, i) == d.text[f.start : f.end]
        items = [li for li in sec.find_all("li") if "data-rule" in li.attrs]
        assert sorted(li.attrs["data-rule"] or "" for li in items) == sorted(
            f["rule"] for f in jd["findings"]
        )


def test_text_body_escapes_as_autoescaping_does() -> None:
    # the highlighted text is built in Python; its escaping must be markupsafe's, byte for byte
    import random

    from markupsafe import escape

    rng = random.Random(4)
    alphabet = ["&", "<", ">", "'", '"', "a", " ", "é", "&amp;", "\n", "`", "="]
    samples = ["", "plain", "<script>alert('x')</script>", 'a "b" & c', 42, -1.5]
    samples += ["".join(rng.choices(alphabet, k=rng.randint(1, 12))) for _ in range(500)]
    for value in samples:
        assert html._escape(value) == str(escape(value)), value


def test_a_new_report_removes_the_pages_an_earlier_one_left(tmp_path: Path) -> None:
    texts = {f"doc{i}.txt": f"Officials met on day {i}.The talks ended." for i in range(5)}
    target = tmp_path / "report.html"
    folder = tmp_path / "report_files"
    html.write(plain_run(texts), target, split=True, generated=GENERATED)
    assert sorted(p.name for p in folder.iterdir()) == [f"{i}.html" for i in range(5)]
    (folder / "notes.txt").write_text("mine", encoding="utf-8")  # not the report's
    (folder / "07.html").write_text("mine too", encoding="utf-8")  # not a name pages get
    fewer = dict(list(texts.items())[:2])
    html.write(plain_run(fewer), target, split=True, generated=GENERATED)
    assert sorted(p.name for p in folder.iterdir()) == ["0.html", "07.html", "1.html", "notes.txt"]
    # a report small enough for one file: no page of the split one stays beside it
    html.write(plain_run(fewer), target, split=False, generated=GENERATED)
    assert sorted(p.name for p in folder.iterdir()) == ["07.html", "notes.txt"]
    (folder / "07.html").unlink()
    (folder / "notes.txt").unlink()
    html.write(plain_run(texts), target, split=True, generated=GENERATED)
    html.write(plain_run(fewer), target, split=False, generated=GENERATED)
    assert not folder.exists()
    assert target.is_file()


@pytest.mark.parametrize("stop", [RuntimeError, KeyboardInterrupt])
def test_a_split_report_stopped_half_way_leaves_the_earlier_one_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stop: type[BaseException]
) -> None:
    texts = {f"doc{i}.txt": f"Officials met on day {i}.The talks ended." for i in range(5)}
    target = tmp_path / "report.html"
    folder = tmp_path / "report_files"
    html.write(plain_run(texts), target, split=True, generated=GENERATED)
    before = {p.name: p.read_bytes() for p in [target, *folder.iterdir()]}
    rendered = 0
    page = html._page

    def failing(**kwargs: Any) -> str:
        nonlocal rendered
        if kwargs["mode"] == "document":
            rendered += 1
            if rendered == 4:
                raise stop
        return page(**kwargs)

    monkeypatch.setattr(html, "_page", failing)
    changed = {name: text.replace("Officials", "Ministers") for name, text in texts.items()}
    with pytest.raises(stop):
        html.write(plain_run(changed), target, split=True, generated="2031-01-01 00:00 UTC")
    assert rendered == 4  # three new pages were ready when it stopped
    assert {p.name: p.read_bytes() for p in [target, *folder.iterdir()]} == before
    # a first report at another path that stops leaves no folder behind
    rendered = 0
    with pytest.raises(stop):
        html.write(plain_run(changed), tmp_path / "other.html", split=True, generated=GENERATED)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html", "report_files"]
    # and the next run goes through
    monkeypatch.setattr(html, "_page", page)
    html.write(plain_run(changed), target, split=True, generated=GENERATED)
    assert sorted(p.name for p in folder.iterdir()) == [f"{i}.html" for i in range(5)]
    assert "Ministers" in (folder / "0.html").read_text(encoding="utf-8")
