"""A deterministic corpus of open vocabulary, for memory: every process-level cache fills.

    python bench/open_vocabulary.py --size 20000000 --jsonl /tmp/bench/wide.jsonl
    /usr/bin/time -v mtcheck scan /tmp/bench/wide.jsonl --jobs 1 --no-cache \
        --format json --output /tmp/wide.json --quiet

The generated benchmark corpus repeats the project's sample paragraphs, so its vocabulary is
small and caches keyed by word never fill. Here each sentence draws 60% of its words from the
300 most frequent English words and the rest from wordfreq's English list down to 290,000
alphabetic forms (skewed towards the frequent end), so 20 MB hold well over 100,000
distinct forms, many of them rare: the worst case for memory and for per-word work. The text
is English word salad, so every rule runs; its findings mean nothing.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate_corpus import parse_size


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=parse_size, default=parse_size("20MB"))
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--jsonl", type=Path, required=True)
    args = ap.parse_args(argv)
    import wordfreq

    rng = random.Random(args.seed)
    vocab = [w for w in wordfreq.top_n_list("en", 400_000) if w.isalpha()]
    common = vocab[:300]
    written = 0
    n = 0
    with args.jsonl.open("w", encoding="utf-8") as fh:
        while written < args.size:
            sentences = []
            for _ in range(8):
                words = [
                    rng.choice(common)
                    if rng.random() < 0.6
                    else vocab[int(len(vocab) * rng.random() ** 1.5)]
                    for _ in range(rng.randint(8, 20))
                ]
                sentences.append(" ".join(words).capitalize() + ".")
            line = json.dumps({"id": f"w{n}", "text": " ".join(sentences)}) + "\n"
            fh.write(line)
            written += len(line.encode("utf-8"))
            n += 1
    print(f"{n} documents, {written:,} bytes -> {args.jsonl}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
