"""Shared helpers of the evaluation scripts: reading the development data, running mtcheck.

The data folder is passed on the command line; nothing here is used by the tests.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mtcheck import engine
from mtcheck.config import Settings, resolve
from mtcheck.model import Document, RunResult


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def clean_documents(data: Path) -> list[Document]:
    """Clean professional English, one document per (file, doc), paragraphs in seg order."""
    docs: list[Document] = []
    for f in sorted((data / "clean").glob("*.jsonl")):
        groups: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for row in read_jsonl(f):
            groups[str(row["doc"])].append((int(row.get("seg", 0)), row["text"]))
        for doc, rows in groups.items():
            text = "\n\n".join(t for _, t in sorted(rows))
            docs.append(Document(id=f"{f.stem}/{doc}", text=text, path=f"{f.stem}/{doc}.txt"))
    return docs


def settings_from(argv_select: Sequence[str] | None, **extra: Any) -> Settings:
    cli: dict[str, Any] = {"lang": "en", **extra}
    if argv_select:
        cli["select"] = tuple(argv_select)
    return resolve(cli, discover=False)


def run(docs: Sequence[Document], settings: Settings) -> RunResult:
    return engine.run(docs, settings, keep_text=False)
