"""Deterministic benchmark corpus: the project's own corpora reshuffled, with injected garble.

Paragraphs of ``corpora/*.txt`` are drawn with a seeded random generator into news-sized
documents (3-8 KB), and a share of them get the defects mtcheck looks for (fused sentences,
editorial brackets, stutters, headline casing, dangling hyphens, doubled punctuation). The same
seed and size always give byte-identical output.

With ``--segments`` every document is one sentence instead (20-400 characters before any
garble), as segment-level pipelines (subtitles, translation-memory units, product strings) send
them; such a corpus measures the fixed cost of each document. The sample documents hold about
two hundred sentences, so segments repeat, and caches keyed by sentence hit more often than
on real segments (measure those too).

Usage::

    python bench/generate_corpus.py --size 100MB --jsonl bench/out/c100.jsonl
    python bench/generate_corpus.py --size 10MB --dir bench/out/c10 [--seed 7]
    python bench/generate_corpus.py --size 2MB --segments --jsonl bench/out/s2.jsonl
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPORA = ROOT / "corpora"
_SIZE_RE = re.compile(r"(?i)^\s*(\d+(?:\.\d+)?)\s*([kmg]?)b?\s*$")
_UNITS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}
_FUSE_RE = re.compile(r"(?<=[a-z])\. (?=[A-Z])")
_WORD_RE = re.compile(r"\b[a-z]{4,}\b")
_INSERTS = ("[the official]", "[of the ministry]", "(sic)", "[the agreement]", "[he]")
# a sentence ends at ., ! or ? before a space and a capital (good enough to cut segments)
_SENTENCE_END_RE = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"])")


def parse_size(value: str) -> int:
    m = _SIZE_RE.match(value)
    if not m:
        raise argparse.ArgumentTypeError(f"bad size {value!r} (e.g. 10MB, 1GB)")
    return int(float(m.group(1)) * _UNITS[m.group(2).lower()])


def paragraphs(corpora: Path) -> list[str]:
    """Every non-empty line of the sample .txt documents, in a fixed order."""
    out: list[str] = []
    for path in sorted(corpora.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").split("\n"):
            if len(line.strip()) > 20:
                out.append(line.strip())
    if not out:
        raise SystemExit(f"no .txt paragraphs under {corpora}")
    return out


def garble(par: str, rng: random.Random) -> str:
    """One injected defect, chosen by ``rng``."""
    kind = rng.randrange(6)
    if kind == 0:  # fused sentences
        return _FUSE_RE.sub(".", par, count=1)
    if kind == 1:  # editorial insertion
        cut = par.find(" ", len(par) // 2)
        return par if cut < 0 else f"{par[:cut]} {rng.choice(_INSERTS)}{par[cut:]}"
    if kind == 2:  # stutter
        words = list(_WORD_RE.finditer(par))
        if not words:
            return par
        w = rng.choice(words)
        return f"{par[: w.end()]} {w.group()}{par[w.end() :]}"
    if kind == 3:  # headline casing mid-sentence
        words = list(_WORD_RE.finditer(par))[:6]
        for w in reversed(words[2:]):
            par = par[: w.start()] + w.group().capitalize() + par[w.end() :]
        return par
    if kind == 4:  # dangling hyphen
        return par.replace(" the ", " the- ", 1)
    return par.replace(", ", ",, ", 1) if ", " in par else par + ".."


def documents(pars: list[str], size: int, seed: int) -> Iterator[tuple[str, str]]:
    """(id, text) pairs until ``size`` bytes of UTF-8 text have been produced."""
    rng = random.Random(seed)
    produced = 0
    n = 0
    while produced < size:
        target = rng.randint(3000, 8000)
        body: list[str] = []
        length = 0
        while length < target:
            par = rng.choice(pars)
            if rng.random() < 0.15:
                par = garble(par, rng)
            body.append(par)
            length += len(par) + 1
        text = "\n".join(body) + "\n"
        n += 1
        produced += len(text.encode("utf-8"))
        yield f"doc-{n:07d}", text


def sentences(pars: list[str]) -> list[str]:
    """The paragraphs' sentences of 20 to 400 characters, in order."""
    out = []
    for par in pars:
        out.extend(x for x in _SENTENCE_END_RE.split(par) if 20 <= len(x) <= 400)
    if not out:
        raise SystemExit("no sentences of 20-400 characters in the sample documents")
    return out


def segments(sents: list[str], size: int, seed: int) -> Iterator[tuple[str, str]]:
    """(id, text) pairs of one sentence each, garbled as ``documents`` garbles paragraphs
    (the fused-sentence defect finds nothing to fuse in one sentence)."""
    rng = random.Random(seed)
    produced = 0
    n = 0
    while produced < size:
        text = rng.choice(sents)
        if rng.random() < 0.15:
            text = garble(text, rng)
        n += 1
        produced += len(text.encode("utf-8")) + 1
        yield f"seg-{n:07d}", text


def write_jsonl(path: Path, docs: Iterator[tuple[str, str]]) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        for doc_id, text in docs:
            fh.write(json.dumps({"id": doc_id, "text": text}, ensure_ascii=False))
            fh.write("\n")
            count += 1
    return count


def write_dir(path: Path, docs: Iterator[tuple[str, str]], per_dir: int = 1000) -> int:
    count = 0
    for doc_id, text in docs:
        sub = path / f"{count // per_dir:04d}"
        if count % per_dir == 0:
            sub.mkdir(parents=True, exist_ok=True)
        (sub / f"{doc_id}.txt").write_text(text, encoding="utf-8", newline="\n")
        count += 1
    return count


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=parse_size, default=parse_size("10MB"))
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    ap.add_argument("--jsonl", type=Path, help="write one JSONL file here")
    ap.add_argument("--dir", type=Path, help="write a directory of .txt files here")
    ap.add_argument("--segments", action="store_true", help="one sentence per document")
    args = ap.parse_args(argv)
    if not args.jsonl and not args.dir:
        ap.error("give --jsonl and/or --dir")
    pars = paragraphs(args.corpora)
    for target, writer in ((args.jsonl, write_jsonl), (args.dir, write_dir)):
        if target is None:
            continue
        if args.segments:
            docs = segments(sentences(pars), args.size, args.seed)
        else:
            docs = documents(pars, args.size, args.seed)
        n = writer(target, docs)
        print(f"{target}: {n} documents", file=sys.stderr)
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main())
