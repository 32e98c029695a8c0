"""Drive the HTML report in real headless Chromium, opened from disk.

Skipped only when no chromium binary is installed (CI installs Debian's ``chromium``). The
screenshots land in ``reports/`` for CI to keep as artifacts.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from mtcheck.report import html
from tests.report._browser import Browser, chromium_path
from tests.report._samples import full_run

pytestmark = pytest.mark.skipif(
    chromium_path() is None,
    reason="chromium is not installed (apt-get install chromium; CI installs it)",
)

ARTIFACTS = Path(__file__).resolve().parents[2] / "reports"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with Browser() as b:
        yield b


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("html") / "report.html"
    html.write(full_run(), path, split=False)
    return path


VISIBLE_ITEMS = """[...document.querySelectorAll('ol.flist > li')]
  .filter(li => li.offsetParent !== null).map(li => li.dataset.rule)"""

FOCUSED = """(() => {
  const seg = document.activeElement;
  const mark = seg.closest('mark.hl[id]');
  const tip = seg.querySelector('.tip');
  const r = seg.getBoundingClientRect();
  const sec = seg.closest('section.doc');
  const li = sec.querySelector('ol.flist > li[data-f="' + mark.dataset.f + '"]');
  return {cls: seg.className, id: mark.id, rule: li.dataset.rule,
          tip: getComputedStyle(tip).display, tipText: tip.innerText,
          inView: r.top >= 0 && r.bottom <= innerHeight, current: li.classList.contains('cur')};
})()"""


def _choose(b: Browser, select_id: str, value: str) -> None:
    # what a user's choice does: set the value, then the change event the page listens for
    b.eval(
        f"(() => {{ const s = document.getElementById({json.dumps(select_id)});"
        f" s.value = {json.dumps(value)};"
        " s.dispatchEvent(new Event('change', {bubbles: true})); })()"
    )


def test_filter_by_rule_then_jump_between_findings(browser: Browser, report: Path) -> None:
    run = full_run()
    browser.open(report.as_uri())
    assert browser.eval("document.documentElement.classList.contains('js')")
    total = run.findings_count
    assert browser.eval("document.getElementById('f-count').textContent") == (
        f"{total} of {total} findings shown"
    )
    browser.screenshot(ARTIFACTS / "html-overview.png")

    _choose(browser, "f-rule", "MT401")
    expected = [f.rule for d in run.documents for f in d.findings if f.rule == "MT401"]
    assert browser.eval(VISIBLE_ITEMS) == expected
    assert browser.eval("document.getElementById('f-count').textContent") == (
        f"{len(expected)} of {total} findings shown"
    )
    # other rules' highlights lose their colour; documents without MT401 drop out
    assert browser.eval(
        "[...document.querySelectorAll('mark.hl.off')].every(m =>"
        " getComputedStyle(m).backgroundColor === 'rgba(0, 0, 0, 0)')"
    )
    assert browser.eval("document.querySelectorAll('mark.hl.off').length") > 0
    visible_rows = browser.eval(
        "[...document.querySelectorAll('table.rank tbody tr')].filter(r => !r.hidden)"
        ".map(r => r.querySelector('a').textContent)"
    )
    assert visible_rows == [
        d.id
        for d in sorted(run.documents, key=lambda d: d.metrics["quality_score"])
        if any(f.rule == "MT401" for f in d.findings)
    ]
    assert browser.eval("document.getElementById('doc-2').hidden")  # the clean kettle text

    browser.key("n")
    first = browser.eval(FOCUSED)
    assert first["rule"] == "MT401"
    assert first["cls"] == "seg"
    assert first["tip"] == "block", "the focused highlight shows its tooltip"
    assert "MT401 repeated-word" in first["tipText"]
    assert "Suggestion" in first["tipText"]
    assert first["inView"] and first["current"]

    browser.key("j")
    second = browser.eval(FOCUSED)
    assert second["rule"] == "MT401" and second["id"] != first["id"]
    assert second["inView"]
    browser.screenshot(ARTIFACTS / "html-document.png")
    browser.key("p")
    assert browser.eval(FOCUSED)["id"] == first["id"]

    # clearing the filter brings every finding back
    _choose(browser, "f-rule", "")
    assert len(browser.eval(VISIBLE_ITEMS)) == total


def test_search_and_severity_filters(browser: Browser, report: Path) -> None:
    browser.open(report.as_uri())
    browser.eval(
        "(() => { const q = document.getElementById('f-q'); q.value = 'offensive';"
        " q.dispatchEvent(new Event('input', {bubbles: true})); })()"
    )
    assert browser.eval(VISIBLE_ITEMS) == ["MT101"]
    browser.eval(
        "(() => { const q = document.getElementById('f-q'); q.value = '';"
        " q.dispatchEvent(new Event('input', {bubbles: true})); })()"
    )
    browser.eval(
        "(() => { const b = document.querySelector('input[name=sev][value=minor]'); b.click(); })()"
    )
    shown = browser.eval(
        "[...document.querySelectorAll('ol.flist > li')].filter(li => li.offsetParent)"
        ".map(li => li.dataset.sev)"
    )
    assert shown and "minor" not in shown


def test_readable_without_javascript(report: Path) -> None:
    with Browser() as b:
        b.send("Emulation.setScriptExecutionDisabled", value=True)
        b.open(report.as_uri())
        assert not b.eval("document.documentElement.classList.contains('js')")
        # the filter bar is hidden, everything else is there and styled
        assert b.eval("getComputedStyle(document.getElementById('tools')).display") == "none"
        assert b.eval("document.querySelectorAll('ol.flist > li').length") == (
            full_run().findings_count
        )
        assert b.eval("[...document.querySelectorAll('ol.flist > li')].every(l => l.offsetParent)")
        # the tooltip is pure CSS: focusing a highlight shows it
        b.eval("document.querySelector('mark.hl[id] .seg').focus()")
        assert (
            b.eval("getComputedStyle(document.activeElement.querySelector('.tip')).display")
            == "block"
        )
        b.screenshot(ARTIFACTS / "html-nojs.png")


def test_split_report_navigates_from_index_to_a_document(tmp_path: Path, browser: Browser) -> None:
    run = full_run()
    written = html.write(run, tmp_path / "big.html", split=True)
    browser.open(written[0].as_uri())
    assert browser.eval("document.querySelectorAll('section.doc').length") == 0
    first = browser.eval("document.querySelector('table.rank tbody a').href")
    assert first.endswith("big_files/0.html")
    browser.open(first)
    assert browser.eval("document.querySelector('.docid').textContent") == run.documents[0].id
    browser.key("n")
    assert browser.eval("document.activeElement.className") == "seg"
    assert browser.eval("document.querySelector('nav a').getAttribute('href')") == "../big.html"


def test_print_stylesheet_drops_the_controls(browser: Browser, report: Path) -> None:
    browser.open(report.as_uri())
    browser.send("Emulation.setEmulatedMedia", media="print")
    try:
        assert browser.eval("getComputedStyle(document.querySelector('header.bar')).display") == (
            "none"
        )
        assert browser.eval("getComputedStyle(document.querySelector('aside.findings')).position")
        assert (
            browser.eval("getComputedStyle(document.querySelector('aside.findings')).position")
            == "static"
        )
        # highlights keep their colour on paper
        assert (
            browser.eval("getComputedStyle(document.querySelector('mark.hl[id]')).backgroundColor")
            != "rgba(0, 0, 0, 0)"
        )
        browser.screenshot(ARTIFACTS / "html-print.png")
    finally:
        browser.send("Emulation.setEmulatedMedia", media="")
