"""Subword fragmentation without training data: a sentencepiece model built from wordfreq.

The model (``mtcheck/data/wordpieces.model``, about 0.4 MB) is built once from wordfreq's 40,000
most frequent alphabetic English words, each weighted by its frequency, and shipped as package
data; rebuild it with ``python -m mtcheck.metrics.wordpieces`` (deterministic: fixed seed, one
thread). Ordinary English words are mostly one piece each; fused words, transliterations and
debris split into many, so pieces per word rises with garble. Each distinct word form is
encoded once per process (see :mod:`mtcheck.metrics.words`), so the signal costs almost
nothing per scanned word.
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

MODEL_FILE = "wordpieces.model"
WORDS = 40_000
VOCAB = 8000
SEED = 13


def build(path: str | Path) -> None:
    import sentencepiece as spm
    import wordfreq

    words = [w for w in wordfreq.top_n_list("en", WORDS * 2) if w.isalpha()][:WORDS]
    proto = io.BytesIO()
    with tempfile.TemporaryDirectory() as d:
        tsv = os.path.join(d, "words.tsv")
        with open(tsv, "w", encoding="utf-8") as fh:
            for w in words:
                # the trainer's tsv input takes "word<TAB>count"
                fh.write(f"{w}\t{max(1, int(wordfreq.word_frequency(w, 'en') * 1e7))}\n")
        spm.set_random_generator_seed(SEED)
        spm.SentencePieceTrainer.train(
            input=tsv,
            input_format="tsv",
            model_writer=proto,
            vocab_size=VOCAB,
            model_type="unigram",
            character_coverage=1.0,
            num_threads=1,
            minloglevel=2,
        )
    Path(path).write_bytes(proto.getvalue())


@cache
def _processor() -> Any:
    import sentencepiece as spm

    proto = files("mtcheck.data").joinpath(MODEL_FILE).read_bytes()
    return spm.SentencePieceProcessor(model_proto=proto)


def word_pieces(word: str) -> int:
    """Subword pieces of one (lowercased) word."""
    return len(_processor().EncodeAsIds(word))


if __name__ == "__main__":
    target = Path(__file__).resolve().parent.parent / "data" / MODEL_FILE
    build(sys.argv[1] if len(sys.argv) > 1 else target)
    print(f"wrote {target}")
