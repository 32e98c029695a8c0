"""``mtcheck fit``: train a house fluency model on clean texts, with a progress bar."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn

from mtcheck.config import Settings
from mtcheck.errors import ConfigError, InputError
from mtcheck.model import Document
from mtcheck.segment import segment

STAGES = ("read", "subwords", "encode", "classes", "calibrate", "n-grams")


def document_sentences(doc: Document) -> list[str]:
    """Sentences of a document as mtcheck's segmenter sees them at scan time."""
    seg = segment(doc.text, doc.lines_mode)
    return [doc.text[s.start : s.end] for s in seg.sentences]


def collect_sentences(
    items: Iterable[Document | InputError], console: Console | None = None
) -> tuple[list[str], int, list[str]]:
    """Sentences of every readable document, the document count and the input errors."""
    sentences: list[str] = []
    errors: list[str] = []
    docs = 0
    for item in items:
        if isinstance(item, InputError):
            errors.append(str(item))
            if console is not None:
                console.print(f"mtcheck: error: {escape(str(item))}", highlight=False)
            continue
        docs += 1
        sentences.extend(document_sentences(item))
    return sentences, docs, errors


def fit_model(
    paths: Sequence[str],
    output: str,
    settings: Settings,
    name: str,
    vocab_size: int,
    console: Console,
) -> dict[str, Any]:
    """Read ``paths`` as a scan would, train, and write the model to ``output``."""
    from mtcheck.load import iter_documents
    from mtcheck.metrics.fluency import TrainOptions, train

    columns = (
        TextColumn("{task.description:<10}"),
        BarColumn(),
        TaskProgressColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, transient=False) as progress:
        reading = progress.add_task("read", total=None)
        sentences: list[str] = []
        errors: list[str] = []
        docs = 0
        for item in iter_documents(list(paths), settings):
            got, n, errs = collect_sentences([item], console)
            sentences.extend(got)
            docs += n
            errors.extend(errs)
            progress.update(reading, advance=1)
        progress.update(reading, total=docs + len(errors), completed=docs + len(errors))
        if len(sentences) < 20:
            raise ConfigError(
                f"found {len(sentences)} sentences in the inputs; a model needs at least 20 "
                "(and thousands to be useful)"
            )
        task = progress.add_task("train", total=len(STAGES) - 1)

        def step(stage: str, _n: int) -> None:
            if stage in STAGES:
                progress.update(task, description=stage, completed=STAGES.index(stage))

        model = train(sentences, TrainOptions(vocab_size=vocab_size, name=name), step)
        progress.update(task, description="done", completed=len(STAGES) - 1)
    model.save(output)
    return {
        "documents": docs,
        "sentences": len(sentences),
        "vocab": model.meta["vocab"],
        "name": model.name,
        "digest": model.digest,
        "errors": errors,
    }
