"""Hostile scanned text must show as text, run nothing and fetch nothing, in a real browser."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest

from mtcheck.model import Finding, RunResult, Severity
from mtcheck.report import html
from tests.report._browser import Browser, chromium_path
from tests.report._dom import parse
from tests.report._samples import plain_run


class _Counter(BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        type(self).hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        self.wfile.write(b"window.__pwned = 'fetched';")

    do_POST = do_GET

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[str, list[str]]]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Counter)
    hits: ClassVar[list[str]] = []
    _Counter.hits = hits
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", hits
    finally:
        httpd.shutdown()
        httpd.server_close()


def payloads(url: str) -> list[str]:
    return [
        "<script>window.__pwned='script';document.title='PWNED'</script>",
        "<img src=x onerror=\"window.__pwned='img'\">",
        f'<img src="{url}/img">',
        "<a href=\"javascript:window.__pwned='link'\">click me</a>",
        "</textarea><script>window.__pwned='textarea'</script>",
        "</style><script>window.__pwned='style'</script>",
        "</script><script>window.__pwned='script-close'</script>",
        "</title><script>window.__pwned='title'</script>",
        "<svg onload=\"window.__pwned='svg'\"></svg>",
        f'<iframe src="{url}/iframe"></iframe>',
        f'<link rel=stylesheet href="{url}/css">',
        f'<meta http-equiv="refresh" content="0;url={url}/refresh">',
        f'<base href="{url}/base/">',
        "\"><script>window.__pwned='attr'</script>",
        "'><img src=x onerror=window.__pwned='attr2'>",
        f"<style>@import url({url}/import);</style>",
        f'<div style="background:url({url}/bg)">x</div>',
        f'<object data="{url}/object"></object>',
        f'<form action="{url}/form"><button>go</button></form>',
        "<details open ontoggle=\"window.__pwned='details'\">",
        "<math><mtext><table><mglyph><style><img src=x onerror=window.__pwned='mxss'>",
        "<video><source onerror=\"window.__pwned='video'\" src=x></video>",
        f'<script src="{url}/script.js"></script>',
        "{{ 7*7 }} {% raw %} ${7*7}",
        "<!-- x --> <![CDATA[ y ]]> &lt;script&gt; &amp;",
        "\u2028\u2029 <\u0000script> \u202etxt.exe",
        f"javascript:window.__pwned='bare' {url}/bare",
    ]


def hostile_run(url: str) -> RunResult:
    ps = payloads(url)
    texts: dict[str, str] = {}
    for i, p in enumerate(ps):
        # a real finding (MT101) next to each payload, and the payload itself as evidence
        texts[p if i % 2 == 0 else f"doc-{i}.txt"] = (
            f"The talks ended.Officials said {p} the the end."
        )
    run = plain_run(texts)
    docs = []
    for d, p in zip(run.documents, ps, strict=True):
        assert d.text is not None
        start = d.text.index(p)
        extra = Finding(
            "MT703",
            p,
            p,
            Severity.CRITICAL,
            1.0,
            f"Markup residue: {p}",
            start,
            start + len(p),
            1,
            start + 1,
            1,
            start + len(p) + 1,
            p,
            p,
            "fp",
        )
        findings = tuple(sorted((*d.findings, extra), key=lambda f: (f.start, f.end, f.rule)))
        ent = {
            "entity": p,
            "kind": p,
            "drift": True,
            "spellings": [
                {"text": p, "count": 1, "offsets": [[start, start + len(p)]]},
                {"text": "x" + p, "count": 1, "offsets": [[0, 3]]},
            ],
        }
        metrics = {
            **d.metrics,
            "fluency": {"score": 0.2, "model": p},
            "sentence_fluency": [[0, 16, 0.1], [start, start + 3, 0.05]],
        }
        docs.append(
            replace(d, findings=findings, language=p, extra={"entities": [ent]}, metrics=metrics)
        )
    corpus = [
        {
            "entity": p,
            "kind": p,
            "spellings": [
                {
                    "text": p,
                    "count": 2,
                    "documents": [{"id": p, "count": 1}, {"id": d.id, "count": 1}],
                }
            ],
        }
        for p, d in zip(ps, docs, strict=True)
    ]
    return replace(
        run,
        documents=tuple(docs),
        signature=ps[0],
        failed_conditions=tuple(ps),
        extra={"entities": corpus},
    )


def test_payloads_are_text_in_the_markup() -> None:
    url = "http://127.0.0.1:9"
    run = hostile_run(url)
    out = html.render(run)
    page = parse(out)
    assert len(page.find_all("script")) == 1
    assert len(page.find_all("style")) == 1
    for tag in (
        "img",
        "iframe",
        "object",
        "embed",
        "link",
        "base",
        "video",
        "source",
        "details",
        "math",
        "textarea",
        "button",
    ):
        assert not page.find_all(tag), tag
    assert [m.attrs.get("http-equiv") for m in page.find_all("meta")].count("refresh") == 0
    assert len(page.find_all("form")) == 1  # the filter bar
    for node in page.iter():
        assert not any(k.startswith("on") for k in node.attrs)
        assert "style" not in node.attrs
        for k in ("href", "src", "action", "formaction", "data", "xlink:href", "poster"):
            v = node.attrs.get(k)
            assert v is None or v.startswith("#"), (node.tag, k, v)
    for d, p in zip(run.documents, payloads(url), strict=True):
        sec = page.find("section", id=f"doc-{run.documents.index(d)}")
        assert sec.find("div", cls="text").text(skip_class="tip") == d.text
        assert p in sec.find("ol", cls="flist").text()
    assert "49" not in page.find("main").text().split()  # no template evaluation


@pytest.mark.skipif(chromium_path() is None, reason="chromium is not installed (CI installs it)")
def test_no_script_runs_and_no_request_leaves_the_page(
    tmp_path: Path, server: tuple[str, list[str]]
) -> None:
    url, hits = server
    run = hostile_run(url)
    single = tmp_path / "single.html"
    html.write(run, single, split=False)
    split = html.write(run, tmp_path / "split.html", split=True)
    pages = [single, *split]
    with Browser() as b:
        for page in pages:
            b.open(page.as_uri(), settle=0.05)
            # exercise the page: every highlight focused, list links followed, keys pressed
            b.eval("document.querySelectorAll('.seg').forEach(s => s.focus())")
            for _ in range(3):
                b.key("n")
            b.eval("document.querySelectorAll('ol.flist a').forEach(a => a.click())")
            b.eval("document.querySelectorAll('table a[href^=\"#\"]').forEach(a => a.click())")
            assert b.eval("typeof window.__pwned") == "undefined", page
            assert b.eval("document.title") != "PWNED"
            assert b.eval("document.scripts.length") == 1
            assert b.eval("document.querySelectorAll('img,iframe,object,embed,video').length") == 0
            assert b.eval("location.href").split("#")[0] == page.as_uri()
        requested = {u.split("#")[0] for u in b.requests()}
        assert requested <= {p.as_uri() for p in pages}, requested
        assert not b.dialogs()
        # the JS did run (so the absence of payload effects is not just "scripts off")
        assert b.eval("document.documentElement.classList.contains('js')")
    assert hits == []
