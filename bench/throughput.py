"""Throughput of mtcheck against a bare tokenisation pass over the same input, in one run.

Every configuration runs in its own subprocess; the table gives wall-clock and CPU seconds,
MB/s and words/s (per CPU second, so the figures mean "per core" on a busy machine too), the
ratio of CPU time to the bare ``re.findall(r"\\w+")`` pass, and peak resident memory (the
process itself and, for ``--jobs``, its largest worker).

mtcheck keeps arrays derived from its language data in a data cache (``mtcheck.datacache``)
that the first scan on a machine fills. The ``cold data cache`` row runs the default rules
with an empty one; before the other rows the harness fills the user's data cache from the
first documents of the input, so they measure the steady state.

Usage::

    python bench/generate_corpus.py --size 10MB --jsonl /tmp/bench/c10.jsonl
    python bench/throughput.py /tmp/bench/c10.jsonl [--only bare,default] [--jobs 2]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

# Each snippet ends by printing one JSON line: {"words": N}; the harness adds timings.
_RUSAGE = """
import atexit, json, os, resource, sys
def _report():
    s = resource.getrusage(resource.RUSAGE_SELF)
    c = resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(os.environ["BENCH_OUT"], "a") as fh:
        fh.write(json.dumps({"self_rss": s.ru_maxrss, "child_rss": c.ru_maxrss,
                             "self_cpu": s.ru_utime + s.ru_stime,
                             "cpu": s.ru_utime + s.ru_stime + c.ru_utime + c.ru_stime}) + "\\n")
atexit.register(_report)
"""

BARE = """
import json, re, sys
words = 0
pat = re.compile(r"\\w+")
path = sys.argv[1]
import os
paths = [path] if os.path.isfile(path) else sorted(
    os.path.join(d, f) for d, _, fs in os.walk(path) for f in fs)
for p in paths:
    with open(p, encoding="utf-8") as fh:
        for line in fh:
            words += len(pat.findall(line))
print(json.dumps({"words": words}))
"""

SEGMENT = """
import json, sys
from mtcheck.config import resolve
from mtcheck.load import iter_documents
from mtcheck.segment import count_words, segment
s = resolve({}, discover=False)
words = 0
for d in iter_documents([sys.argv[1]], s):
    segment(d.text, d.lines_mode)
    words += count_words(d.text)
print(json.dumps({"words": words}))
"""

RULES = """
import json, sys
from mtcheck import engine
from mtcheck.config import resolve
from mtcheck.load import iter_documents
s = resolve(json.loads(sys.argv[2]), discover=False)
run = engine.run(iter_documents([sys.argv[1]], s), s, keep_text=False)
print(json.dumps({"words": run.words}))
"""

CLI = """
import json, sys
from mtcheck.cli import main
sys.argv = ["mtcheck", "scan", *sys.argv[1:]]
main()
"""


def _run(code: str, args: list[str], extra_env: dict[str, str] | None = None) -> dict[str, float]:
    with tempfile.NamedTemporaryFile("r", suffix=".json", delete=False) as out:
        env = {**os.environ, "BENCH_OUT": out.name, "PYTHONPATH": str(ROOT), **(extra_env or {})}
        t0 = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, "-c", _RUSAGE + code, *args],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        wall = time.perf_counter() - t0
        if proc.returncode not in (0, 1):
            raise SystemExit(f"benchmark step failed ({proc.returncode}):\n{proc.stderr}")
        usage = json.loads(Path(out.name).read_text().splitlines()[-1])
    os.unlink(out.name)
    words = 0.0
    for line in proc.stdout.splitlines():
        if line.startswith('{"words"'):
            words = float(json.loads(line)["words"])
    return {"wall": wall, **usage, "words": words}


def _size(path: str) -> int:
    if os.path.isfile(path):
        return os.path.getsize(path)
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(path) for f in fs)


def _documents(path: str) -> int:
    """Documents in the input: non-blank lines of a JSONL file, one for another file, or the
    files under a directory."""
    if os.path.isfile(path):
        if not path.endswith((".jsonl", ".ndjson")):
            return 1
        with open(path, "rb") as fh:
            return sum(1 for line in fh if line.strip())
    return sum(len(fs) for _, _, fs in os.walk(path))


#: a configuration run with this environment gets an empty data cache of its own
COLD = {"MTCHECK_DATA_CACHE": "{tmp}/cold-data-cache"}


def configurations(path: str, jobs: int, tmp: str) -> dict[str, tuple[str, list[str]]]:
    common = ["--no-cache", "--exit-zero", "-q"]
    cfg: dict[str, tuple[str, list[str]]] = {
        "bare tokenisation": (BARE, [path]),
        "load + segment": (SEGMENT, [path]),
        "default rules, cold data cache": (RULES, [path, "{}"]),
        "default rules": (RULES, [path, "{}"]),
        "scan --format json (1 job)": (
            CLI,
            [path, "-f", "json", "-o", f"{tmp}/r.json", "--jobs", "1", *common],
        ),
        f"scan --format json --jobs {jobs}": (
            CLI,
            [path, "-f", "json", "-o", f"{tmp}/r.json", "--jobs", str(jobs), *common],
        ),
    }
    if importlib.util.find_spec("mtcheck.metrics") is not None:
        cfg["default rules + fluency"] = (RULES, [path, json.dumps({"extend_select": ["MT9"]})])
    if importlib.util.find_spec("mtcheck.report.html") is not None:
        cfg["scan --format html (1 job)"] = (
            CLI,
            [path, "-f", "html", "-o", f"{tmp}/r.html", "--jobs", "1", *common],
        )
    return cfg


def per_rule(path: str, limit: int) -> None:
    """CPU share of each stage and rule over the first ``limit`` documents, in this process,
    staged as ``engine.process`` runs them (shared per-document data, such as word spans, is
    charged to the first rule that asks for it)."""
    from mtcheck import engine
    from mtcheck.analysis import Analysis
    from mtcheck.config import resolve
    from mtcheck.load import iter_documents
    from mtcheck.model import Document, Scope
    from mtcheck.names import document_entities
    from mtcheck.score import document_metrics

    settings = resolve({}, discover=False)
    cost: dict[str, float] = {}

    def timed(key: str, fn: Callable[[], Any]) -> Any:
        t0 = time.process_time()
        out = fn()
        cost[key] = cost.get(key, 0.0) + time.process_time() - t0
        return out

    engine.document_language(Document(id="warm", text="warm up " * 20), settings)
    n = 0
    with engine.rare_full_collections():
        for doc in iter_documents([path], settings):
            if not isinstance(doc, Document):
                continue
            if n == limit:
                break
            n += 1
            lang = timed("language id", lambda d=doc: engine.document_language(d, settings))
            a = timed("segment", lambda d=doc, lg=lang: Analysis(d, str(lg)))
            timed("tokens", lambda a=a: a.tokens)
            hits: list[Any] = []
            for act in settings.active_rules(doc.path):
                r = act.rule
                if not r.applies_to(a.language):
                    continue
                if r.scope is Scope.CORPUS:
                    timed(f"{r.code} {r.name}", lambda a=a, act=act: act.rule.check(a, act.options))
                else:
                    found = timed(
                        f"{r.code} {r.name}",
                        lambda a=a, act=act: list(act.rule.check(a, act.options)),
                    )
                    hits.extend((act, h) for h in found)
            findings = timed(
                "findings",
                lambda d=doc, h=hits: engine.make_findings(
                    d, engine.drop_superseded(h), settings, used=set()
                ),
            )
            timed("metrics", lambda a=a, f=findings: document_metrics(a, f, settings))
            timed("entities", lambda a=a: document_entities(a, {}))
    total = sum(cost.values())
    print(f"{n} documents, {total:.2f} CPU s in language id, segmentation, rules, findings,")
    print("metrics and entities (the per-document work of engine.process)")
    for key, t in sorted(cost.items(), key=lambda kv: -kv[1]):
        print(f"| {key:40} | {t:6.2f} s | {100 * t / total:5.1f} % |")


def _warm_data_cache(path: str, tmp: str, documents: int = 200) -> None:
    """Fill the user's data cache from the first documents of the input (not timed)."""
    if os.path.isfile(path):
        head = os.path.join(tmp, "head.jsonl" if path.endswith(".jsonl") else "head.txt")
        with open(path, encoding="utf-8") as src, open(head, "w", encoding="utf-8") as dst:
            for _, line in zip(range(documents), src, strict=False):
                dst.write(line)
    else:
        files = sorted(os.path.join(d, f) for d, _, fs in os.walk(path) for f in fs)
        head = os.path.join(tmp, "head")
        os.makedirs(head, exist_ok=True)
        for i, f in enumerate(files[:documents]):
            name = f"{i}{os.path.splitext(f)[1]}"
            with open(f, "rb") as src, open(os.path.join(head, name), "wb") as dst:
                dst.write(src.read())
    _run(RULES, [head, "{}"])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="mtcheck throughput against bare tokenisation")
    ap.add_argument("path", help="a JSONL file or a directory of text files")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--only", help="comma-separated name prefixes of configurations to run")
    ap.add_argument(
        "--per-rule", type=int, metavar="N", help="instead: CPU share of each rule over N documents"
    )
    args = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    if args.per_rule:
        per_rule(args.path, args.per_rule)
        return 0
    mb = _size(args.path) / 1e6
    docs = _documents(args.path)
    print(f"input: {args.path} ({mb:.1f} MB, {docs:,} documents), cores: {os.cpu_count()}")
    header = (
        f"| {'configuration':34} | wall s | CPU s | main CPU s | MB/s/core | words/s/core "
        "| docs/s/core | x bare | peak RSS MB | worker RSS MB |"
    )
    print(header)
    print("|" + "|".join("-" * (len(c)) for c in header.split("|")[1:-1]) + "|")
    bare_cpu = None
    warm = False
    with tempfile.TemporaryDirectory() as tmp:
        for name, (code, cargs) in configurations(args.path, args.jobs, tmp).items():
            if args.only and not any(name.startswith(p) for p in args.only.split(",")):
                continue
            cold = name.endswith("cold data cache")
            if not warm and not cold and code is not BARE and code is not SEGMENT:
                _warm_data_cache(args.path, tmp)
                warm = True
            env = {k: v.format(tmp=tmp) for k, v in COLD.items()} if cold else None
            r = _run(code, cargs, env)
            if name == "bare tokenisation":
                bare_cpu = r["cpu"]
            ratio = f"{r['cpu'] / bare_cpu:6.1f}" if bare_cpu else "     -"
            words = f"{r['words'] / r['cpu']:12,.0f}" if r["words"] else f"{'-':>12}"
            print(
                f"| {name:34} | {r['wall']:6.1f} | {r['cpu']:5.1f} | {r['self_cpu']:10.1f} "
                f"| {mb / r['cpu']:9.2f} "
                f"| {words} | {docs / r['cpu']:11,.0f} | {ratio} | {r['self_rss'] / 1024:11.0f} "
                f"| {r['child_rss'] / 1024:13.0f} |",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
