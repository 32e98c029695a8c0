"""The benchmark corpus generator: deterministic, and sized as asked."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "generate_corpus", ROOT / "bench/generate_corpus.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _texts(path: Path) -> list[str]:
    return [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines()]


def test_same_seed_same_bytes_and_the_size_asked(tmp_path: Path) -> None:
    gen = _generator()
    for mode in ([], ["--segments"]):
        a, b, c = (tmp_path / f"{n}{len(mode)}.jsonl" for n in "abc")
        for out, seed in ((a, "7"), (b, "7"), (c, "8")):
            assert gen.main(["--size", "60KB", "--seed", seed, "--jsonl", str(out), *mode]) == 0
        assert a.read_bytes() == b.read_bytes()
        assert a.read_bytes() != c.read_bytes()
        texts = _texts(a)
        # a segment's size counts the line break that ends it, as a document's text holds one
        produced = sum(len(t.encode("utf-8")) + (1 if mode else 0) for t in texts)
        assert 60 * 1024 <= produced < 60 * 1024 + 9000  # stops at the first text past the size


def test_segments_are_single_sentences(tmp_path: Path) -> None:
    gen = _generator()
    out = tmp_path / "s.jsonl"
    gen.main(["--size", "40KB", "--segments", "--jsonl", str(out)])
    texts = _texts(out)
    assert len(texts) > 100
    for text in texts:
        assert "\n" not in text
        assert 20 <= len(text) <= 420  # a garbled sentence may have grown by an insertion
    # some carry injected garble (the generator's rate is 15 %)
    assert any(",," in t or "the- " in t or "[" in t for t in texts)
