"""Scanning at scale: inputs streamed, documents processed in chunks on a pool, cached per file
(per block for JSON Lines files).

:func:`stream` yields every input's :class:`~mtcheck.engine.Processed` result in input order,
whatever runs the chunks: this process (``jobs=1``), worker processes (``--jobs N``) or a Dask
cluster (:mod:`mtcheck.distributed`). A bounded window of chunks is in flight at any time, so
memory stays flat however large the input; JSON Lines files are read block by block and parsed
on the workers. :func:`finish` then reduces the corpus-scope summaries and merges their findings
into the documents they concern, re-reading only those documents, so the result is the one
:func:`mtcheck.engine.run` gives.
"""

from __future__ import annotations

import errno
import gc
import hashlib
import multiprocessing
import os
import pickle
import signal
import stat
import struct
import sys
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from types import MappingProxyType
from typing import Any, Protocol

from mtcheck import engine
from mtcheck.baseline import Baseline
from mtcheck.cache import Cache, EntryWriter
from mtcheck.config import Settings
from mtcheck.errors import InputError, InputSkipped
from mtcheck.load import (
    input_files,
    iter_documents,
    jsonl,
    load_bytes,
    load_path,
    loader_for,
    read_input,
)
from mtcheck.model import Document, DocumentResult, Finding, RunResult, Scope, Severity
from mtcheck.score import Tally

#: characters of text per chunk sent to a worker: large enough to amortise the hand-over,
#: small enough to keep every core busy to the end and memory flat
CHUNK_CHARS = 512 * 1024
#: files larger than this are not cached (an entry holds a file's results in memory)
CACHE_MAX_BYTES = 64 * 1024 * 1024

Report = Callable[[Document], bool]
# A unit of work: ("doc", Document, context_only), ("done", Processed, _) or
# ("jsonl", (path, block, first_line), context_only), plus whether to pack its results.
Unit = tuple[str, Any, bool, bool]


@dataclass(frozen=True)
class Packed:
    """A document's result as the streamed JSON report needs it, made where it was processed.

    The worker renders the document's JSON itself, so the main process only copies text and
    keeps the compact result: pickling whole findings across processes and rendering them in
    one process was what limited ``--jobs``.
    """

    compact: DocumentResult
    summaries: Mapping[str, Any]
    context_only: bool
    skipped: InputSkipped | None
    #: the document's entry in the JSON report (None for context documents and skipped inputs)
    json: str | None
    #: the whole result, pickled, for the few documents corpus rules add findings to
    full: bytes | None


def pack(p: engine.Processed, settings: Settings) -> Packed:
    from mtcheck.report import json as json_report

    text = full = None
    if not p.context_only and p.skipped is None:
        text = json_report.document_json(_final(p, settings), indent=4)
        full = pickle.dumps(p, protocol=pickle.HIGHEST_PROTOCOL)
    return Packed(_compact(p.result), p.summaries, p.context_only, p.skipped, text, full)


def _final(p: engine.Processed, settings: Settings) -> DocumentResult:
    if settings.report_unused_suppressions:
        return engine.with_unused_suppressions(p)
    return p.result


def cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


Results = list[list[engine.Processed | Packed]]


@engine.rare_full_collections()
def work(units: Sequence[Unit], settings: Settings, keep_text: bool) -> Results:
    """Process one chunk (runs in a worker): pure, so it runs anywhere the settings unpickle.

    Returns one list of results per unit (a JSONL block has one per record), packed for the
    JSON report where the unit asks for it.
    """
    needs_corpus = _needs_corpus(settings)
    out: Results = []
    for kind, payload, context_only, packed in units:
        records: list[engine.Processed] = []
        if kind == "done":
            records.append(payload)
        elif kind == "doc":
            records.append(engine.process(payload, settings, keep_text, context_only))
        else:
            path, block, first_line = payload
            for item in jsonl.load(path, block, settings, first_line):
                if isinstance(item, InputError):
                    records.append(engine.input_failure(item, settings))
                elif not context_only or needs_corpus:
                    records.append(engine.process(item, settings, keep_text, context_only))
        out.append([pack(r, settings) for r in records] if packed else list(records))
    return out


def _needs_corpus(settings: Settings) -> bool:
    return any(a.rule.scope is Scope.CORPUS for a in settings.active_rules(None))


class Backend(Protocol):
    """Runs chunks; ``submit`` returns a function that waits for the chunk's results."""

    workers: int

    def submit(self, units: list[Unit]) -> Callable[[], Results]: ...

    def close(self, abort: bool) -> None: ...


class LocalBackend:
    """Chunks run in this process as they are submitted."""

    workers = 1

    def __init__(self, settings: Settings, keep_text: bool) -> None:
        self._settings = settings
        self._keep_text = keep_text

    def submit(self, units: list[Unit]) -> Callable[[], Results]:
        results = work(units, self._settings, self._keep_text)
        return lambda: results

    def close(self, abort: bool) -> None:
        pass


_WORKER: dict[str, Any] = {}


def _init_worker(settings: Settings, keep_text: bool) -> None:
    # Ctrl-C goes to the whole process group: the parent alone decides to stop and terminates
    # the pool, so workers must not die half-way through a chunk on their own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # the parent's SIGTERM handler (the CLI's) is inherited by fork; a worker ends at once
    # when the parent terminates the pool
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    # the worker only processes documents: full collections stay rare between its chunks too
    gc.set_threshold(*gc.get_threshold()[:2], engine.FULL_COLLECTION_WAIT)
    _WORKER["settings"] = settings
    _WORKER["keep_text"] = keep_text


def _pool_work(units: list[Unit]) -> Results:
    return work(units, _WORKER["settings"], _WORKER["keep_text"])


class PoolBackend:
    """Chunks run in ``jobs`` worker processes; the settings are sent to each worker once.

    The pool starts with the second chunk: a scan that fits in one chunk runs in this process
    and does not pay for starting workers.
    """

    def __init__(self, settings: Settings, keep_text: bool, jobs: int) -> None:
        self.workers = jobs
        self._settings = settings
        self._keep_text = keep_text
        self._pool: Any = None
        self._held: tuple[list[Unit], dict[str, Any]] | None = None

    def _start(self) -> None:
        method = "fork" if sys.platform == "linux" else None
        ctx = multiprocessing.get_context(method)
        self._pool = ctx.Pool(
            self.workers, initializer=_init_worker, initargs=(self._settings, self._keep_text)
        )

    def submit(self, units: list[Unit]) -> Callable[[], Results]:
        if self._pool is None and self._held is None:
            box: dict[str, Any] = {}
            self._held = (units, box)

            def first() -> Results:
                if "async" in box:
                    return _wait(box["async"])
                self._held = None
                return work(units, self._settings, self._keep_text)

            return first
        if self._pool is None:
            self._start()
        if self._held is not None:
            held, held_box = self._held
            held_box["async"] = self._pool.apply_async(_pool_work, (held,))
            self._held = None
        res = self._pool.apply_async(_pool_work, (units,))
        # waiting in short slices keeps the main thread responsive to Ctrl-C
        return lambda: _wait(res)

    def close(self, abort: bool) -> None:
        if self._pool is None:
            return
        if abort:
            self._pool.terminate()
        else:
            self._pool.close()
        self._pool.join()


def _wait(res: Any) -> Results:
    while True:
        try:
            return list(res.get(timeout=0.2))
        except multiprocessing.TimeoutError:
            continue


#: worker processes per core at most: the work is CPU-bound, so more only cost memory (each
#: worker loads the lexicons, a few hundred MB) and a huge number would exhaust the machine
MAX_JOBS_PER_CORE = 2


def usable_jobs(jobs: int) -> int:
    """``jobs`` within 1 and :data:`MAX_JOBS_PER_CORE` per core."""
    return max(1, min(jobs, MAX_JOBS_PER_CORE * cpu_count()))


def backend_for(settings: Settings, keep_text: bool, jobs: int) -> Backend:
    if jobs <= 1:
        return LocalBackend(settings, keep_text)
    return PoolBackend(settings, keep_text, jobs)


@dataclass
class _Slot:
    fetch: Callable[[], Results]
    #: per unit: the cache entry its results belong to (None: not cached)
    owners: list[EntryWriter | None]
    #: cache entries complete once this slot's results are in
    closes: list[EntryWriter] = field(default_factory=list)


class _Chunker:
    """Groups units into chunks, submits them, and hands back results in input order."""

    def __init__(self, backend: Backend, window: int, packed: bool = False) -> None:
        self.backend = backend
        self.window = window
        #: pack results for the streamed JSON report
        self.packed = packed
        self.pending: deque[_Slot] = deque()
        self.units: list[Unit] = []
        self.owners: list[EntryWriter | None] = []
        self.closes: list[EntryWriter] = []
        self.chars = 0

    def add(
        self, unit: tuple[str, Any, bool], owner: EntryWriter | None, size: int
    ) -> Iterator[engine.Processed | Packed]:
        self.units.append((*unit, self.packed))
        self.owners.append(owner)
        self.chars += size
        if self.chars >= CHUNK_CHARS:
            yield from self.flush()

    def ready(
        self, results: list[engine.Processed | Packed]
    ) -> Iterator[engine.Processed | Packed]:
        """Results that need no worker (a cache entry's), handed back in input order."""
        yield from self.flush()
        self.pending.append(_Slot(lambda: [results], [None]))

    def close_entry(self, writer: EntryWriter) -> None:
        self.closes.append(writer)

    def flush(self) -> Iterator[engine.Processed | Packed]:
        if self.units or self.closes:
            units, owners, closes = self.units, self.owners, self.closes
            fetch = self.backend.submit(units) if units else list
            self.pending.append(_Slot(fetch, owners, closes))
            self.units, self.owners, self.closes, self.chars = [], [], [], 0
        while len(self.pending) > self.window:
            yield from self._take()

    def drain(self) -> Iterator[engine.Processed | Packed]:
        yield from self.flush()
        while self.pending:
            yield from self._take()

    def _take(self) -> Iterator[engine.Processed | Packed]:
        slot = self.pending.popleft()
        results = slot.fetch()
        for owner, group in zip(slot.owners, results, strict=True):
            for r in group:
                if owner is not None:
                    owner.add(r)
                yield r
        for w in slot.closes:
            w.commit()


def stream(
    paths: Sequence[str],
    settings: Settings,
    backend: Backend,
    cache: Cache | None = None,
    keep_text: bool = True,
    report: Report | None = None,
) -> Iterator[engine.Processed]:
    """Every input's result in input order (context-only documents included, flagged)."""
    with engine.rare_full_collections():
        for r in _stream(paths, settings, backend, cache, keep_text, report, packed=False):
            assert isinstance(r, engine.Processed)
            yield r


def _stream(
    paths: Sequence[str],
    settings: Settings,
    backend: Backend,
    cache: Cache | None,
    keep_text: bool,
    report: Report | None,
    packed: bool,
) -> Iterator[engine.Processed | Packed]:
    needs_corpus = _needs_corpus(settings)
    chunker = _Chunker(backend, window=2 * backend.workers + 1, packed=packed)
    # a cache entry holds results in the form this run hands them back (packed for the
    # streamed JSON report), so a hit goes straight to the output without a worker
    variant = f"keep_text={keep_text}|packed={packed}"
    aborted = True
    seen: set[tuple[int, int]] = set()  # files already named by an earlier path
    ids = _RunIds() if settings.id_field else None
    try:
        for p in paths:
            if p == "-":
                for item in iter_documents(["-"], settings):
                    yield from _add_item(chunker, item, None, report, needs_corpus, settings)
                continue
            for f in input_files(p, settings, seen):
                if isinstance(f, InputError):
                    yield from chunker.add(
                        ("done", engine.input_failure(f, settings), False), None, 0
                    )
                    continue
                ctx = report is not None and not report(Document(id=f, text="", path=f))
                # only JSON Lines records take their ids from a field
                file_ids = ids if ids is not None and loader_for(f) is jsonl.load else None
                if ctx and not needs_corpus:
                    if file_ids is not None:
                        for _ in load_path(f, settings, file_ids):
                            pass  # not reported, but later files number their ids after its
                    continue
                kind = f"{variant}|context={ctx}"
                if file_ids is not None:
                    kind += f"|ids after {file_ids.state()}"
                if jsonl.streamable(f, settings):
                    yield from _jsonl_file(chunker, f, settings, cache, kind, report, ctx, file_ids)
                    continue
                data = read_input(f, settings)
                if isinstance(data, InputError):
                    yield from chunker.add(
                        ("done", engine.input_failure(data, settings), False), None, 0
                    )
                    continue
                writer = None
                if cache is not None and len(data) <= CACHE_MAX_BYTES:
                    key = cache.key(f, data, kind)
                    cached = cache.get(key)
                    if cached is not None:
                        if file_ids is not None:
                            for _ in load_bytes(f, data, settings, file_ids):
                                pass  # later files number their ids after this one's
                        yield from chunker.ready(cached)
                        continue
                    writer = cache.writer(key)
                for item in load_bytes(f, data, settings, file_ids):
                    yield from _add_item(chunker, item, writer, report, needs_corpus, settings, ctx)
                if writer is not None:
                    chunker.close_entry(writer)
        yield from chunker.drain()
        aborted = False
    finally:
        backend.close(abort=aborted)


class _RunIds(dict[str, int]):
    """The record ids (``--id-field``) met so far in a run, with their counts (the loaders
    number a repeated id ``a#2``), and a digest of everything recorded: a file's ids depend on
    the files before it, so the digest is part of its cache keys."""

    def __init__(self) -> None:
        super().__init__()
        self._digest = hashlib.blake2b(digest_size=16)

    def __setitem__(self, key: str, value: int) -> None:
        self._digest.update(f"{key}\0{value}\0".encode("utf-8", "surrogatepass"))
        super().__setitem__(key, value)

    def state(self) -> str:
        return self._digest.hexdigest()


def _jsonl_file(
    chunker: _Chunker,
    path: str,
    settings: Settings,
    cache: Cache | None,
    variant: str,
    report: Report | None,
    ctx: bool,
    ids: _RunIds | None,
) -> Iterator[engine.Processed | Packed]:
    """A JSON Lines file, block by block, each block its own cache entry.

    A block's results depend on the bytes before it only through its line numbers and, with
    ``--id-field``, the numbering of repeated ids (``ids``, run-wide); so its entry is keyed by
    every byte read up to its end (and ``variant`` names the files before it). An unchanged
    file hits on every block, and one with records appended misses only from the first block
    that changed, without holding the file's results in memory.
    """
    needs_corpus = _needs_corpus(settings)
    # record ids repeat across blocks and files only with --id-field: then the ids are numbered
    # here, in order, and the workers get parsed documents
    seen = ids
    read = hashlib.blake2b(digest_size=32)
    cached_file = cache is not None and _size(path) <= CACHE_MAX_BYTES
    for blk in jsonl.blocks(path, settings):
        if isinstance(blk, InputError):
            # a skipped record moves the ones after it: it is part of their keys
            read.update(f"\0{blk}\0".encode("utf-8", "surrogatepass"))
            yield from chunker.add(("done", engine.input_failure(blk, settings), False), None, 0)
            continue
        block, first, data = blk
        writer = None
        if cached_file:
            assert cache is not None
            read.update(data)
            key = cache.key(path, read.digest(), f"{variant}|block from line {first}")
            cached = cache.get(key)
            if cached is not None:
                if seen is not None:
                    for _ in jsonl.load(path, block, settings, first, seen):
                        pass  # later blocks number their ids after this one's
                yield from chunker.ready(cached)
                continue
            writer = cache.writer(key)
        if seen is not None:
            for item in jsonl.load(path, block, settings, first, seen):
                yield from _add_item(chunker, item, writer, report, needs_corpus, settings, ctx)
        else:
            yield from chunker.add(("jsonl", (path, block, first), ctx), writer, len(block))
        if writer is not None:
            chunker.close_entry(writer)


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def _add_item(
    chunker: _Chunker,
    item: Document | InputError,
    writer: EntryWriter | None,
    report: Report | None,
    needs_corpus: bool,
    settings: Settings,
    ctx: bool | None = None,
) -> Iterator[engine.Processed | Packed]:
    if isinstance(item, InputError):
        yield from chunker.add(("done", engine.input_failure(item, settings), False), writer, 0)
        return
    context_only = ctx if ctx is not None else (report is not None and not report(item))
    if context_only and not needs_corpus:
        return
    yield from chunker.add(("doc", item, context_only), writer, len(item.text))


def _positions(ids: Iterable[str], wanted: Mapping[str, object]) -> dict[str, list[int]]:
    """Where each id in ``wanted`` comes among ``ids`` (a run's documents, in order)."""
    positions: dict[str, list[int]] = {}
    for at, doc_id in enumerate(ids):
        if doc_id in wanted:
            positions.setdefault(doc_id, []).append(at)
    return positions


def _flagged_documents(
    paths: Sequence[str], settings: Settings, positions: Mapping[str, Sequence[int]]
) -> Iterator[tuple[int, Document]]:
    """Re-read the inputs and yield ``(position, document)`` for each id in ``positions``
    (from :func:`_positions`), as the documents come (the n-th document with an id goes with
    its n-th position), so that only one is held at a time."""
    if not positions:
        return
    seen: dict[str, int] = {}
    for item in iter_documents(paths, settings):
        if isinstance(item, Document) and item.id in positions:
            n = seen.get(item.id, 0)
            seen[item.id] = n + 1
            ats = positions[item.id]
            if n < len(ats):
                yield ats[n], item


@engine.rare_full_collections()
def scan(
    paths: Sequence[str],
    settings: Settings,
    jobs: int | None = None,
    cache: Cache | None = None,
    keep_text: bool = True,
    report: Report | None = None,
    baseline: Baseline | None = None,
    backend: Backend | None = None,
) -> RunResult:
    """Scan ``paths`` as :func:`mtcheck.engine.run` does, on ``jobs`` processes, with a cache."""
    if "-" in paths:
        # standard input can be read only once: the in-process engine keeps what it needs
        return engine.run(iter_documents(paths, settings), settings, keep_text, report, baseline)
    n = jobs if jobs is not None else settings.jobs or 1
    b = backend or backend_for(settings, keep_text, usable_jobs(n))
    processed = list(stream(paths, settings, b, cache, keep_text, report))
    return finish(processed, paths, settings, baseline)


def finish(
    processed: Sequence[engine.Processed],
    paths: Sequence[str],
    settings: Settings,
    baseline: Baseline | None = None,
) -> RunResult:
    """Reduce corpus-scope rules over ``processed`` and assemble the run's result."""
    with_summaries = [p for p in processed if p.summaries]
    if not with_summaries:
        return engine.assemble(processed, {}, settings, baseline)
    extra = engine.corpus_hits(
        ((p.result.id, p.result.path, p.summaries) for p in with_summaries), settings
    )
    merged = list(processed)
    positions = _positions((p.result.id for p in processed), extra)
    for at, doc in _flagged_documents(paths, settings, positions):
        if not processed[at].context_only:
            merged[at] = engine.merge_corpus_hits(processed[at], doc, extra[doc.id], settings)
    # context documents too: assemble drops them but reads their summaries (run entities)
    return engine.assemble(merged, {}, settings, baseline)


_NO_EXTRA: Mapping[str, Any] = MappingProxyType({})


def _compact(r: DocumentResult) -> DocumentResult:
    """``r`` with its findings replaced by shared stand-ins that keep only what the scorer and
    the gate read (rule, name, category, severity, confidence), without the text and with
    shared strings: a 1 GB scan's summary then fits in little memory while the full findings
    wait in the spool."""
    return DocumentResult(
        id=r.id,
        path=sys.intern(r.path) if r.path is not None else None,
        language=sys.intern(r.language) if r.language is not None else None,
        words=r.words,
        findings=tuple(_stand_in(f) for f in r.findings),
        metrics=_compact_metrics(r.metrics),
        error=r.error,
        extra=_NO_EXTRA,
    )


#: the document metrics the run's totals and the gate read (see ``score.run_metrics`` and
#: ``score.evaluate_gate``); the rest is in the spooled full result
_RUN_METRICS = ("penalty_per_1000_words", "garble_risk")


def _compact_metrics(metrics: Mapping[str, Any]) -> Mapping[str, Any]:
    out = {k: metrics[k] for k in _RUN_METRICS if k in metrics}
    fluency = metrics.get("fluency")
    if isinstance(fluency, Mapping) and fluency.get("score") is not None:
        out["fluency"] = {"score": fluency["score"]}
    reference = metrics.get("reference")
    if isinstance(reference, Mapping) and "stats" in reference:
        out["reference"] = {"stats": reference["stats"]}
    return out


@cache
def _stand_in_for(
    rule: str, name: str, category: str, severity: Severity, confidence: float
) -> Finding:
    return Finding(rule, name, category, severity, confidence, "", 0, 0, 0, 0, 0, 0, "", None, "")


def _stand_in(f: Finding) -> Finding:
    return _stand_in_for(f.rule, f.name, f.category, f.severity, f.confidence)


_RECORD_LENGTH = struct.Struct("<I")
#: a streamed report's spool: each document's JSON length and pickled result's length, then both
_SPOOLED = struct.Struct("<QQ")


class _RecordFile:
    """Records (a corpus rule's ``(doc_id, summary)``, a streamed report's index of documents)
    in a temporary file, readable any number of times (each reading keeps its own position, so
    two readings may interleave).

    Records are length-prefixed pickles, read back in blocks: a seek and a read per record
    (every reading of every document's summary, several readings per reduce) made the reduce
    at the end of a large run mostly system calls.
    """

    #: bytes read at a time (a record longer than this is read whole)
    BLOCK = 1 << 20

    def __init__(self, directory: str) -> None:
        self._fh = tempfile.TemporaryFile(dir=directory)  # noqa: SIM115 - closed by close()
        self._size = 0
        #: whether a reading has moved the file position away from the end
        self._moved = False

    def add(self, record: Any) -> None:
        data = pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL)
        if self._moved:
            self._fh.seek(self._size)
            self._moved = False
        self._fh.write(_RECORD_LENGTH.pack(len(data)))
        self._fh.write(data)
        self._size += _RECORD_LENGTH.size + len(data)

    def _read(self, offset: int, size: int) -> bytes:
        self._moved = True
        self._fh.seek(offset)
        return self._fh.read(size)

    def __iter__(self) -> Iterator[Any]:
        self._fh.flush()
        end = self._size  # records added while this reading runs are not part of it
        head = _RECORD_LENGTH.size
        start = 0  # file offset of the block's first byte
        block = b""
        at = 0  # the next record's position in the block
        while start + at < end:
            if at + head > len(block):
                start, at = start + at, 0
                block = self._read(start, self.BLOCK)
            (n,) = _RECORD_LENGTH.unpack_from(block, at)
            if at + head + n > len(block):
                start, at = start + at, 0
                block = self._read(start, max(self.BLOCK, head + n))
            yield pickle.loads(memoryview(block)[at + head : at + head + n])
            at += head + n

    def close(self) -> None:
        self._fh.close()


class _SummarySpill:
    """Per-document corpus summaries in temporary files, one per rule.

    A large run's summaries (every name of every document) outgrow memory long before its
    compact results do; each corpus rule's reduce reads its own file back instead.
    """

    def __init__(self, directory: str) -> None:
        self._directory = directory
        self._files: dict[str, tuple[str | None, _RecordFile]] = {}

    def add(self, doc_id: str, path: str | None, summaries: Mapping[str, Any]) -> None:
        for code, summary in summaries.items():
            if code not in self._files:
                self._files[code] = (path, _RecordFile(self._directory))
            self._files[code][1].add((doc_id, summary))

    def by_code(self) -> dict[str, tuple[str | None, Iterable[tuple[str, Any]]]]:
        return dict(self._files)

    def items(self, code: str) -> Iterable[tuple[str, Any]]:
        return self._files[code][1] if code in self._files else ()

    def close(self) -> None:
        for _, f in self._files.values():
            f.close()


def _spool_directory(target: str) -> str:
    """Where a streamed report keeps its spool: beside a report file (the same disk, which
    has room for the report), in the temporary folder for a device (``/dev/stdout``)."""
    real = os.path.realpath(target)
    try:
        special = not stat.S_ISREG(os.stat(real).st_mode)
    except OSError:
        special = False  # not there yet: a file will be
    if special:
        return tempfile.gettempdir()
    directory = os.path.dirname(real)
    try:
        os.makedirs(directory, exist_ok=True)
    except FileExistsError:  # a file where a folder of the path should be
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), directory) from None
    return directory


@engine.rare_full_collections()
def scan_to_json(
    paths: Sequence[str],
    settings: Settings,
    target: str,
    backend: Backend,
    cache: Cache | None = None,
    report: Report | None = None,
) -> RunResult:
    """Scan and write the JSON report to ``target``, documents streamed through a spool file.

    Returns the run without its documents, with their totals (enough for the summary line and
    the exit code); the file holds exactly what :func:`mtcheck.report.json.render` would give
    for the full run. The main process keeps nothing in memory per document but the input
    errors (each reported on a line of its own) and what the corpus rules report. Each
    document's JSON is rendered, and its whole result pickled, where
    it was processed; the main process only spools the bytes, and reads back the results of the
    few documents that corpus-scope rules add findings to.
    """
    from mtcheck.report import json as json_report

    directory = _spool_directory(target)
    summaries = _SummarySpill(directory)
    # nothing is kept per document in memory, however many: each document's JSON and pickled
    # result go to the spool, its id and place in the spool to the index, its counts to the tally
    index = _RecordFile(directory)
    tally = Tally(settings)
    with tempfile.TemporaryFile(dir=directory) as spool:
        skipped: list[InputSkipped] = []
        count = 0
        for item in _stream(paths, settings, backend, cache, False, report, packed=True):
            p = item if isinstance(item, Packed) else pack(item, settings)
            if p.skipped is not None:
                skipped.append(p.skipped)
                continue
            if not p.context_only:
                assert p.json is not None and p.full is not None
                data = p.json.encode("utf-8")
                index.add((p.compact.id, spool.tell()))
                spool.write(_SPOOLED.pack(len(data), len(p.full)))
                spool.write(data)
                spool.write(p.full)
                tally.add(p.compact, count)
                count += 1
            if p.summaries:
                summaries.add(p.compact.id, p.compact.path, p.summaries)
        extra = engine.reduce_codes(summaries.by_code(), settings)
        #: the documents corpus rules add findings to: their JSON rendered again and appended
        #: to the spool (offset, length), one document in memory at a time however many
        redone: dict[int, tuple[int, int]] = {}
        places: dict[int, int] = {}  # where in the spool the flagged documents are

        def ids() -> Iterator[str]:
            for at, (doc_id, offset) in enumerate(index):
                if doc_id in extra:
                    places[at] = offset
                yield doc_id

        positions = _positions(ids(), extra)
        for at, doc in _flagged_documents(paths, settings, positions):
            spool.seek(places[at])
            size, full = _SPOOLED.unpack(spool.read(_SPOOLED.size))
            spool.seek(size, os.SEEK_CUR)
            original: engine.Processed = pickle.loads(spool.read(full))
            merged = engine.merge_corpus_hits(original, doc, extra[doc.id], settings)
            tally.replace(original.result, merged.result, at)
            data = json_report.document_json(_final(merged, settings), indent=4).encode("utf-8")
            end = spool.seek(0, os.SEEK_END)
            spool.write(data)
            redone[at] = (end, len(data))
        entity_items = summaries.items(engine.CORPUS_ENTITY_RULE)
        run = engine.assemble_totals(tally, settings, skipped, entity_items)
        summaries.close()
        index.close()

        def documents() -> Iterator[str]:
            spool.seek(0)
            head = _SPOOLED.size
            at = 0
            while at < count:
                size, full = _SPOOLED.unpack(spool.read(head))
                if at in redone:
                    offset, length = redone[at]
                    resume = spool.tell() + size + full
                    spool.seek(offset)
                    yield spool.read(length).decode("utf-8")
                    spool.seek(resume)
                else:
                    yield spool.read(size).decode("utf-8")
                    spool.seek(full, os.SEEK_CUR)
                at += 1

        json_report.write_streaming_json(target, run, documents())
    return run
