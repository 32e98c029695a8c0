"""The fluency model: sentencepiece pieces and word classes, each with a Kneser-Ney n-gram model.

A model is trained on clean text (``mtcheck fit``) and scores each sentence by its mean log2
probability per piece (trigrams over sentencepiece pieces) plus ``class_weight`` times its mean
per word-class token (4-grams over function words and word shapes). Raw log-probabilities depend
on the domain and the training data, so the model also stores the distribution of that score on
held-out clean sentences; a sentence's fluency score is its percentile in that distribution
(0.5: a typical clean sentence; near 0: far below anything clean text produced).

The ``.mtfluency`` file is a zip archive holding ``meta.json`` (format version, settings,
discounts, calibration), ``sentencepiece.model`` (the serialised proto) and the n-gram tables as
``.npy`` arrays of the top-order keys and counts (loaded with ``allow_pickle=False``; the lower
orders are derived on load): portable, and no code is ever unpickled.

N-gram keys are ids packed into one int64 (enough bits per id for the vocabulary); every table
is a sorted key array with a parallel value array, so scoring a whole document is a handful of
vectorised ``searchsorted`` calls.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt

from mtcheck.errors import ConfigError
from mtcheck.metrics.words import FUNCTION_WORDS

FORMAT = "mtcheck/fluency"
FORMAT_VERSION = 1
BITS = 20
BOS, EOS = 1, 2
#: bits per id in the word-class stream (at most 4,096 classes; a 5-gram fits in 60 bits)
CLASS_BITS = 12
#: pieces per chunk when counting n-grams (bounds memory while training)
CHUNK = 2_000_000
#: the calibration keeps these percentiles of held-out sentence scores
PERCENTILES = np.linspace(0.0, 100.0, 201)
#: calibrated score of the lowest (and 1 - of the highest) held-out clean sentence
TAIL = 0.0025
#: held-out sentences shorter than this many word tokens are left out of the calibration:
#: their scores swing widely and MT901 does not judge them
CALIBRATION_MIN_WORDS = 6

T = TypeVar("T")
Int = npt.NDArray[np.int64]
Float = npt.NDArray[np.float64]


class ModelError(ConfigError):
    """A model file that cannot be read (wrong format, newer version, damaged)."""


@dataclass(frozen=True)
class Table:
    """Sorted int64 keys with parallel value columns."""

    keys: Int
    values: tuple[Int, ...]

    def lookup(self, query: Int) -> tuple[Int, ...]:
        """Values for each query key, 0 where the key is absent."""
        if len(self.keys) == 0:
            return tuple(np.zeros(len(query), np.int64) for _ in self.values)
        idx = np.searchsorted(self.keys, query)
        np.minimum(idx, len(self.keys) - 1, out=idx)
        found = self.keys[idx] == query
        return tuple(np.where(found, v[idx], 0) for v in self.values)


@dataclass(frozen=True)
class NgramTables:
    """Interpolated Kneser-Ney statistics of order ``order`` over ids packed ``bits`` per id.

    ``levels[k - 1]`` holds, for order k, the n-gram table (counts at the highest order,
    continuation counts N1+(. w) below) and its context table (summed values and number of
    distinct continuations per (k-1)-gram prefix); level 1 has no context table.
    """

    order: int
    bits: int
    levels: tuple[tuple[Table, Table | None], ...]
    discounts: tuple[float, ...]
    bigram_types: int
    vocab: int

    def log2prob(self, history: Sequence[Int], c: Int) -> Float:
        """log2 P(c | history) for every position; ``history[j]`` is the id j+1 places back."""
        bits = self.bits
        (n_c,) = self.levels[0][0].lookup(c)
        p = (n_c + 1.0) / (self.bigram_types + self.vocab)
        key = c
        prefix = np.zeros_like(c)
        for k in range(2, self.order + 1):
            h = history[k - 2]
            # prefix: the k-1 ids before c; key: prefix followed by c
            prefix = (h << ((k - 2) * bits)) | prefix
            key = (h << ((k - 1) * bits)) | key
            table, ctx = self.levels[k - 1]
            assert ctx is not None
            (n,) = table.lookup(key)
            tot, types = ctx.lookup(prefix)
            has = tot > 0
            safe = np.where(has, tot, 1)
            d = self.discounts[k - 1]
            p = np.where(has, np.maximum(n - d, 0.0) / safe + d * types / safe * p, p)
        return np.log2(p)


def _discount(counts: Int) -> float:
    n1 = int(np.count_nonzero(counts == 1))
    n2 = int(np.count_nonzero(counts == 2))
    if n1 == 0:
        return 0.5
    return float(min(0.95, max(0.1, n1 / (n1 + 2.0 * n2))))


def _group(keys: Int, weights: Int | None = None) -> tuple[Int, Int, Int]:
    """For sorted ``keys``: the unique keys, how often each occurs, and the summed weights."""
    if len(keys) == 0:
        z = np.zeros(0, np.int64)
        return z, z, z
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    uniq = keys[starts]
    n = np.diff(np.r_[starts, len(keys)]).astype(np.int64)
    sums = np.add.reduceat(weights, starts).astype(np.int64) if weights is not None else n
    return uniq, n, sums


def build_tables(
    keys: Int, counts: Int, vocab: int, order: int = 3, bits: int = BITS
) -> NgramTables:
    """Derive every Kneser-Ney table from the sorted unique top-order keys and their counts."""
    levels: list[tuple[Table, Table | None]] = []
    discounts: list[float] = []
    top_keys, top_vals = keys, counts
    for k in range(order, 0, -1):
        ctx: Table | None = None
        if k > 1:
            c_keys, c_types, c_tot = _group(top_keys >> bits, top_vals)
            ctx = Table(c_keys, (c_tot, c_types))
        levels.append((Table(top_keys, (top_vals,)), ctx))
        discounts.append(_discount(top_vals))
        if k > 1:
            # continuation counts of the (k-1)-gram suffixes: distinct ids preceding them
            suffixes = np.sort(top_keys & ((1 << ((k - 1) * bits)) - 1))
            top_keys, top_vals, _ = _group(suffixes)
    levels.reverse()
    discounts.reverse()
    return NgramTables(
        order=order,
        bits=bits,
        levels=tuple(levels),
        discounts=tuple(discounts),
        bigram_types=len(levels[1][0].keys) if order > 1 else 0,
        vocab=vocab,
    )


def positions(encoded: Sequence[Sequence[int]], order: int = 3) -> tuple[list[Int], Int, Int]:
    """Positions of sentences padded with BOS ... EOS: the ids 1..order-1 places back (BOS
    before the start), the predicted ids, and the number of positions per sentence."""
    lens = np.fromiter((len(e) + 1 for e in encoded), np.int64, len(encoded))
    total = int(lens.sum())
    flat = np.fromiter((p for e in encoded for p in (*e, EOS)), np.int64, total)
    starts = np.r_[0, np.cumsum(lens)[:-1]].astype(np.int64)
    idx = np.arange(total) - np.repeat(starts, lens)
    history = []
    for j in range(1, order):
        back = np.empty(total, np.int64)
        back[:j] = BOS
        back[j:] = flat[: total - j] if total > j else back[j:]
        history.append(np.where(idx >= j, back, BOS))
    return history, flat, lens


def pack(history: Sequence[Int], c: Int, order: int, bits: int) -> Int:
    key = c.copy()
    for j in range(order - 1):
        key |= history[j] << ((j + 1) * bits)
    return key


def count_ngrams(
    encoded_chunks: Iterable[Sequence[Sequence[int]]], order: int = 3, bits: int = BITS
) -> tuple[Int, Int]:
    """Unique packed n-gram keys (sorted) and counts, merged chunk by chunk."""
    keys = np.zeros(0, np.int64)
    counts = np.zeros(0, np.int64)
    for chunk in encoded_chunks:
        if not chunk:
            continue
        history, c, _ = positions(chunk, order)
        k = pack(history, c, order, bits)
        uk, inv = np.unique(k, return_inverse=True)
        uc = np.bincount(inv, minlength=len(uk)).astype(np.int64)
        merged = np.concatenate([keys, uk])
        mc = np.concatenate([counts, uc])
        keys, inv2 = np.unique(merged, return_inverse=True)
        counts = np.bincount(inv2, weights=mc, minlength=len(keys)).astype(np.int64)
    return keys, counts


_TOKEN_RE = re.compile(r"\w+(?:[-'’]\w+)*|[^\w\s]")
_SUFFIXES = (
    "ing",
    "ed",
    "ly",
    "tion",
    "sion",
    "ment",
    "ness",
    "ity",
    "ies",
    "es",
    "s",
    "er",
    "est",
    "al",
    "ive",
    "ous",
    "able",
    "ible",
    "ful",
    "less",
    "ic",
    "ist",
    "ism",
    "ise",
    "ize",
    "ant",
    "ent",
    "ance",
    "ence",
    "ry",
    "y",
    "en",
    "ate",
)
#: words kept as themselves in the word-class stream: the grammatical skeleton of English
CLASS_WORDS = (FUNCTION_WORDS - {"hers", "ours", "theirs", "yours"}) | frozenset(
    # frequent content words that carry sentence structure; with the function words they
    # make the word-class stream's vocabulary, part of the model format (do not change
    # without a new format version)
    [
        "down",
        "even",
        "first",
        "last",
        "many",
        "more",
        "most",
        "much",
        "never",
        "new",
        "off",
        "one",
        "other",
        "out",
        "said",
        "say",
        "says",
        "still",
        "two",
        "up",
        "well",
    ]
)


def word_class(token: str, keep: frozenset[str], first: bool = False) -> str:
    """The class of a token: frequent words and punctuation as themselves, other words by
    shape (capitalised, number) and suffix, a rough stand-in for part of speech."""
    low = token.lower()
    if low in keep:
        # a capital is expected at the start of a sentence and tells nothing there
        return low if first or token[0].islower() else f"^{low}"
    if not token[0].isalnum() and token[0] != "_":
        return token
    if token[0].isdigit():
        return "<num>"
    if token.isupper() and len(token) > 1:
        return "<CAPS>"
    cap = token[0].isupper() and not first
    for suf in _SUFFIXES:
        if low.endswith(suf) and len(low) > len(suf) + 2:
            return f"<{'C' if cap else 'w'}-{suf}>"
    return "<C>" if cap else "<w>"


def class_tokens(sentence: str, keep: frozenset[str]) -> list[str]:
    tokens = _TOKEN_RE.findall(sentence)
    return [word_class(t, keep, i == 0) for i, t in enumerate(tokens)]


def frequent_words(language: str, n: int) -> list[str]:
    """The ``n`` most frequent alphabetic words of wordfreq's list, plus the skeleton words."""
    import wordfreq

    words = [w for w in wordfreq.top_n_list(language, n * 2) if w.isalpha()][:n]
    return sorted(set(words) | CLASS_WORDS)


class FluencyModel:
    """A trained model: encode sentences, score them, map scores to calibrated 0..1.

    Two trigram streams score each sentence: subword pieces (spelling, fused words, word choice)
    and word classes (function words and word shapes: word order, dropped verbs and subjects,
    wrong function words, which a small corpus cannot teach at the level of pieces). The raw
    score is the mean log2 probability per piece plus ``class_weight`` times the mean per token.
    """

    def __init__(
        self,
        sp_proto: bytes,
        tables: NgramTables,
        meta: dict[str, Any],
        class_tables: NgramTables | None = None,
    ) -> None:
        import sentencepiece as spm

        self.sp_proto = sp_proto
        self.sp = spm.SentencePieceProcessor(model_proto=sp_proto)
        self.tables = tables
        self.class_tables = class_tables
        self.meta = meta
        self.classes: dict[str, int] = dict(meta.get("classes") or {})
        self.class_words = frozenset(meta.get("class_words") or CLASS_WORDS)
        self._class_cache: dict[tuple[str, bool], int] = {}
        self.class_weight = float(meta.get("class_weight", 1.0))
        cal = meta.get("calibration") or []
        self.calibration = np.asarray(cal, np.float64)

    @property
    def name(self) -> str:
        return str(self.meta.get("name", "model"))

    @property
    def digest(self) -> str:
        return str(self.meta.get("digest", ""))

    def encode(self, sentences: Sequence[str]) -> list[list[int]]:
        # one call per string: encoding a list goes through a thread pool whose start-up
        # costs more than the encoding of a document's sentences
        enc = self.sp.EncodeAsIds
        return [enc(s) for s in sentences]

    def encode_classes(self, sentences: Sequence[str]) -> list[list[int]]:
        get = self.classes.get
        # ids 0..2 are reserved (unknown, BOS, EOS) as in the piece stream
        keep = self.class_words
        cache = self._class_cache
        if len(cache) > 200_000:
            cache.clear()
        out = []
        for s in sentences:
            ids = []
            for i, t in enumerate(_TOKEN_RE.findall(s)):
                key = (t, i == 0)
                cid = cache.get(key)
                if cid is None:
                    cid = cache[key] = get(word_class(t, keep, i == 0), 0)
                ids.append(cid)
            out.append(ids)
        return out

    def logprob_per_piece(self, sentences: Sequence[str]) -> tuple[Float, Int]:
        """Raw score of each sentence (higher: more fluent) and its number of pieces (+ EOS)."""
        if not sentences:
            return np.zeros(0), np.zeros(0, np.int64)
        raw, lens = _mean_log2prob(self.tables, self.encode(sentences))
        if self.class_tables is not None:
            craw, _ = _mean_log2prob(self.class_tables, self.encode_classes(sentences))
            raw = raw + self.class_weight * craw
        return raw, lens

    def calibrate(self, per_piece: Float) -> Float:
        """Percentile of each raw score among held-out clean sentences, in 0..1.

        The calibrated range maps onto [TAIL, 1 - TAIL]; beyond it the score keeps moving
        (halving for every raw unit below the lowest clean sentence), so that ranking by score
        still ranks by raw log-probability and "far below" has a scale.
        """
        cal = self.calibration
        if len(cal) < 2:
            return np.full(len(per_piece), np.nan)
        q = TAIL + (1.0 - 2.0 * TAIL) * PERCENTILES / 100.0
        s = np.interp(per_piece, cal, q)
        s = np.where(per_piece < cal[0], TAIL * np.exp2(per_piece - cal[0]), s)
        s = np.where(per_piece > cal[-1], 1.0 - TAIL * np.exp2(cal[-1] - per_piece), s)
        return np.clip(s, 0.0, 1.0)

    def score(self, sentences: Sequence[str]) -> tuple[Float, Int]:
        """Calibrated 0..1 fluency of each sentence and its number of pieces (+ EOS)."""
        raw, lens = self.logprob_per_piece(sentences)
        return self.calibrate(raw), lens

    def save(self, path: str | Path) -> None:
        top = self.tables.levels[-1][0]
        arrays = {"piece_keys": top.keys, "piece_counts": top.values[0]}
        if self.class_tables is not None:
            ctop = self.class_tables.levels[-1][0]
            arrays["class_keys"] = ctop.keys
            arrays["class_counts"] = ctop.values[0]
        meta = {**self.meta, "format": FORMAT, "format_version": FORMAT_VERSION}
        tmp = Path(f"{path}.tmp")
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as z:
            z.writestr("meta.json", json.dumps(meta, indent=1, sort_keys=True))
            z.writestr("sentencepiece.model", self.sp_proto)
            for name, arr in arrays.items():
                buf = io.BytesIO()
                np.save(buf, np.ascontiguousarray(arr, np.int64), allow_pickle=False)
                z.writestr(f"{name}.npy", buf.getvalue())
        tmp.replace(path)

    @classmethod
    def read(cls, path: str | Path) -> FluencyModel:
        try:
            with zipfile.ZipFile(path) as z:
                try:
                    meta = json.loads(z.read("meta.json"))
                except KeyError:
                    raise ModelError(f"{path}: not an mtcheck fluency model") from None
                if not isinstance(meta, dict) or meta.get("format") != FORMAT:
                    raise ModelError(f"{path}: not an mtcheck fluency model")
                if int(meta.get("format_version", 0)) > FORMAT_VERSION:
                    raise ModelError(
                        f"{path}: model format {meta['format_version']} is newer than this "
                        f"mtcheck supports ({FORMAT_VERSION}); upgrade mtcheck"
                    )
                proto = z.read("sentencepiece.model")
                arrays = {
                    n[:-4]: np.load(io.BytesIO(z.read(n)), allow_pickle=False)
                    for n in z.namelist()
                    if n.endswith(".npy")
                }
        except FileNotFoundError:
            raise ModelError(f"{path}: fluency model not found") from None
        except (OSError, KeyError, ValueError, zipfile.BadZipFile) as e:
            raise ModelError(f"{path}: cannot read fluency model: {e}") from None
        tables = build_tables(
            arrays["piece_keys"].astype(np.int64),
            arrays["piece_counts"].astype(np.int64),
            int(meta["vocab"]),
            int(meta.get("order", 3)),
            int(meta.get("bits", BITS)),
        )
        class_tables = None
        if "class_keys" in arrays:
            class_tables = build_tables(
                arrays["class_keys"].astype(np.int64),
                arrays["class_counts"].astype(np.int64),
                len(meta.get("classes") or {}) + 3,
                int(meta.get("class_order", 3)),
                int(meta.get("class_bits", BITS)),
            )
        return cls(proto, tables, meta, class_tables)


def _mean_log2prob(tables: NgramTables, encoded: Sequence[Sequence[int]]) -> tuple[Float, Int]:
    history, c, lens = positions(encoded, tables.order)
    lp = tables.log2prob(history, c)
    starts = np.r_[0, np.cumsum(lens)[:-1]]
    sums = np.add.reduceat(lp, starts) if len(lp) else np.zeros(len(lens))
    return sums / lens, lens


#: a small model trained in memory from a sample of English the project wrote itself
#: (``mtcheck/data/demo_corpus.txt``): enough to demonstrate MT901, far too small for real use
DEMO_MODEL = "builtin:demo"


@cache
def load_model(path: str) -> FluencyModel:
    """Each model file is read once per process."""
    if path == DEMO_MODEL:
        return _demo_model()
    return FluencyModel.read(path)


def _demo_model() -> FluencyModel:
    from importlib.resources import files

    text = files("mtcheck.data").joinpath("demo_corpus.txt").read_text(encoding="utf-8")
    sentences = [line for line in text.splitlines() if line.strip()]
    return train(sentences, TrainOptions(vocab_size=400, holdout_every=4, name="demo"))


@dataclass(frozen=True)
class TrainOptions:
    vocab_size: int = 8000
    #: every n-th sentence is held out to calibrate the score
    holdout_every: int = 10
    seed: int = 13
    name: str = "house"
    #: weight of the word-class stream in the raw score
    class_weight: float = 5.0
    #: n-gram order of the piece stream
    order: int = 3
    #: n-gram order of the word-class stream
    class_order: int = 4
    #: how many of wordfreq's most frequent English words keep their identity as classes
    class_words: int = 0


def _chunks(encoded: Iterable[list[int]], size: int = CHUNK) -> Iterator[list[list[int]]]:
    buf: list[list[int]] = []
    n = 0
    for e in encoded:
        buf.append(e)
        n += len(e) + 1
        if n >= size:
            yield buf
            buf, n = [], 0
    if buf:
        yield buf


def _fit(
    encoded: Sequence[list[int]], vocab: int, order: int = 3, bits: int = BITS
) -> tuple[NgramTables, Int, Int]:
    keys, counts = count_ngrams(_chunks(encoded), order, bits)
    return build_tables(keys, counts, vocab, order, bits), keys, counts


def train(
    sentences: Sequence[str],
    options: TrainOptions | None = None,
    progress: Callable[[str, int], None] | None = None,
) -> FluencyModel:
    """Fit a model on clean sentences: subword model, calibration on held-out text, n-grams.

    Deterministic: sentencepiece runs single-threaded with a fixed seed and the held-out split
    is by position. ``progress(stage, n)`` is called as work advances (for a progress bar).
    """
    import sentencepiece as spm

    opts = options or TrainOptions()
    sents = [s for s in sentences if s.strip()]
    if len(sents) < 20:
        raise ValueError(
            f"need at least 20 sentences of clean text to fit a model, got {len(sents)}"
        )
    step = progress or (lambda stage, n: None)
    spm.set_random_generator_seed(opts.seed)
    proto = io.BytesIO()
    chars = sum(len(s) for s in sents)
    alphabet = len({c for s in sents[:100_000] for c in s})
    # small corpora cannot support a large vocabulary; byte fallback (unknown characters as
    # bytes) needs 256 pieces plus the alphabet
    vocab = max(alphabet + 300, min(opts.vocab_size, chars // 40))
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(sents),
        model_writer=proto,
        vocab_size=vocab,
        hard_vocab_limit=False,
        model_type="unigram",
        character_coverage=0.9995,
        num_threads=1,
        input_sentence_size=2_000_000,
        shuffle_input_sentence=True,
        byte_fallback=True,
        minloglevel=2,
    )
    step("subwords", len(sents))
    sp_proto = proto.getvalue()
    sp = spm.SentencePieceProcessor(model_proto=sp_proto)
    size = sp.get_piece_size()
    bits = max(8, size.bit_length())
    if bits * opts.order > 62:
        raise ValueError("vocabulary too large for the n-gram key packing; lower --vocab-size")
    encoded: list[list[int]] = []
    for i in range(0, len(sents), 10_000):
        encoded.extend(sp.EncodeAsIds(x) for x in sents[i : i + 10_000])
        step("encode", min(len(sents), i + 10_000))
    class_counts: dict[str, int] = {}
    class_words = (
        frequent_words("en", opts.class_words) if opts.class_words else sorted(CLASS_WORDS)
    )
    keep = frozenset(class_words)
    tokens = [class_tokens(s, keep) for s in sents]
    for toks in tokens:
        for t in toks:
            class_counts[t] = class_counts.get(t, 0) + 1
    # classes seen once stay unknown, so the model learns what an unknown class looks like
    ordered = sorted(
        (c for c, n in class_counts.items() if n > 1), key=lambda c: (-class_counts[c], c)
    )
    # the rarest classes share the unknown id beyond what the key packing can hold
    classes = {c: i + 3 for i, c in enumerate(ordered[: (1 << CLASS_BITS) - 3])}
    class_encoded = [[classes.get(t, 0) for t in toks] for toks in tokens]
    step("classes", len(sents))
    k = opts.holdout_every
    meta: dict[str, Any] = {
        "name": opts.name,
        "vocab": size,
        "classes": classes,
        "class_words": class_words,
        "class_weight": opts.class_weight,
        "sentences": len(sents),
        "pieces": int(sum(len(e) for e in encoded)),
        "seed": opts.seed,
        "holdout_every": k,
        "order": opts.order,
        "bits": bits,
        "class_order": opts.class_order,
        "class_bits": CLASS_BITS,
        "smoothing": "interpolated-kneser-ney",
    }
    n_cls = len(classes) + 3

    def split(rows: Sequence[list[T]]) -> tuple[list[list[T]], list[list[T]]]:
        return (
            [e for i, e in enumerate(rows) if i % k != k - 1],
            [e for i, e in enumerate(rows) if i % k == k - 1],
        )

    train_p, held_p = split(encoded)
    train_c, held_c = split(class_encoded)
    long_enough = [
        i
        for i, toks in enumerate(split(tokens)[1])
        if sum(1 for t in toks if t[0].isalnum() or t[0] in "<^") >= CALIBRATION_MIN_WORDS
    ]
    if len(long_enough) >= 10:
        held_p = [held_p[i] for i in long_enough]
        held_c = [held_c[i] for i in long_enough]
    raw = np.zeros(0)
    if held_p:
        raw, _ = _mean_log2prob(_fit(train_p, size, opts.order, bits)[0], held_p)
        craw, _ = _mean_log2prob(_fit(train_c, n_cls, opts.class_order, CLASS_BITS)[0], held_c)
        raw = raw + opts.class_weight * craw
    step("calibrate", len(held_p))
    tables, keys, counts = _fit(encoded, size, opts.order, bits)
    class_tables, ckeys, ccounts = _fit(class_encoded, n_cls, opts.class_order, CLASS_BITS)
    step("n-grams", len(encoded))
    meta["calibration"] = [round(float(x), 5) for x in np.percentile(raw, PERCENTILES)]
    h = hashlib.sha256(sp_proto)
    for arr in (keys, counts, ckeys, ccounts):
        h.update(arr.tobytes())
    h.update(json.dumps(meta, sort_keys=True).encode())
    meta["digest"] = h.hexdigest()[:12]
    return FluencyModel(sp_proto, tables, meta, class_tables)


@dataclass(frozen=True)
class SentenceFluency:
    """Per-sentence fluency of one document under one model."""

    model: str
    spans: tuple[tuple[int, int], ...]
    scores: tuple[float, ...]
    pieces: tuple[int, ...]
    raw: tuple[float, ...]

    @property
    def document_score(self) -> float | None:
        """Piece-weighted mean of the sentence scores (0.5: as fluent as typical clean text)."""
        total = sum(self.pieces)
        if not total:
            return None
        return sum(s * n for s, n in zip(self.scores, self.pieces, strict=True)) / total


def sentence_fluency(
    text: str, spans: Sequence[tuple[int, int]], model_path: str
) -> SentenceFluency:
    model = load_model(model_path)
    sentences = [text[s:e] for s, e in spans]
    raw, lens = model.logprob_per_piece(sentences)
    scores = model.calibrate(raw)
    return SentenceFluency(
        model=model.name,
        spans=tuple(spans),
        scores=tuple(float(x) for x in scores),
        # EOS is not a piece of the text
        pieces=tuple(int(n) - 1 for n in lens),
        raw=tuple(float(x) for x in raw),
    )


def analysis_fluency(analysis: Any, model_path: str) -> SentenceFluency:
    """Sentence fluency of an Analysis, computed once and shared by the rule and the scorer."""
    spans = tuple((s.start, s.end) for s in analysis.sentences)
    result: SentenceFluency = analysis.shared(
        f"fluency:{model_path}", lambda a: sentence_fluency(a.text, spans, model_path)
    )
    return result
