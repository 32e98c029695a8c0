"""The fluency model on tiny corpora written here: training, scoring, calibration, file format."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import numpy as np
import pytest

from mtcheck.metrics import fluency
from mtcheck.metrics.fluency import (
    FluencyModel,
    ModelError,
    TrainOptions,
    build_tables,
    count_ngrams,
    load_model,
    train,
)
from tests.fluency_corpus import sentences


def corpus() -> list[str]:
    # 216 grammatical sentences from a small grammar: enough to learn word order
    return sentences()


@pytest.fixture(scope="module")
def model() -> FluencyModel:
    return train(corpus(), TrainOptions(vocab_size=300, holdout_every=5, name="tiny"))


@pytest.mark.parametrize(("order", "bits"), [(3, 20), (4, 12), (2, 8)])
def test_kneser_ney_distribution_sums_to_one(order: int, bits: int) -> None:
    encoded = [[3, 4, 5], [3, 5, 4, 6], [4, 4, 3], [5, 6, 7, 3, 4]]
    keys, counts = count_ngrams([encoded], order, bits)
    t = build_tables(keys, counts, vocab=8, order=order, bits=bits)
    for hist in [(1, 1, 1), (3, 1, 1), (4, 3, 1), (4, 4, 3), (7, 7, 7), (5, 6, 7)]:
        c = np.arange(8, dtype=np.int64)
        history = [np.full(8, h, np.int64) for h in hist[: order - 1]]
        p = np.exp2(t.log2prob(history, c))
        # every id has mass (ids 0..7), and the distribution over the vocabulary is proper
        assert np.all(p > 0)
        assert p.sum() == pytest.approx(1.0, abs=0.02)


def test_counting_in_chunks_equals_counting_at_once() -> None:
    encoded = [[3, 4, 5, 6], [3, 4, 5], [6, 5, 4, 3], [3, 4, 5, 6]]
    k1, c1 = count_ngrams([encoded])
    k2, c2 = count_ngrams([encoded[:1], encoded[1:3], encoded[3:]])
    assert np.array_equal(k1, k2)
    assert np.array_equal(c1, c2)
    assert int(c1.sum()) == sum(len(e) + 1 for e in encoded)


def test_seen_continuation_is_more_probable_than_unseen() -> None:
    encoded = [[3, 4, 5]] * 5 + [[3, 4, 6]]
    keys, counts = count_ngrams([encoded], 3, 8)
    t = build_tables(keys, counts, vocab=8, order=3, bits=8)
    history = [np.array([4, 4, 4]), np.array([3, 3, 3])]
    lp = t.log2prob(history, np.array([5, 6, 7]))
    assert lp[0] > lp[1] > lp[2]


def test_shuffled_sentence_scores_below_its_clean_form(model: FluencyModel) -> None:
    clean = "The bank confirmed that the talks would continue next week."
    shuffled = "Week the talks confirmed next bank that continue would the."
    scores, _ = model.score([clean, shuffled])
    assert scores[0] > 0.3
    assert scores[1] < 0.01
    assert scores[1] < scores[0]


def test_dropped_function_words_score_lower(model: FluencyModel) -> None:
    clean = "The team agreed that prices would rise again next year."
    dropped = "Team agreed prices would rise again next year."
    raw, _ = model.logprob_per_piece([clean, dropped])
    assert raw[1] < raw[0]


def test_calibration_is_monotone_and_bounded(model: FluencyModel) -> None:
    cal = np.asarray(model.meta["calibration"])
    assert np.all(np.diff(cal) >= 0)
    xs = np.linspace(cal[0] - 20, cal[-1] + 20, 500)
    s = model.calibrate(xs)
    assert np.all((s >= 0) & (s <= 1))
    assert np.all(np.diff(s) >= 0)
    # below the lowest clean sentence the score keeps falling
    assert s[0] < model.calibrate(np.array([cal[0]]))[0] / 1000


def test_training_is_deterministic() -> None:
    a = train(corpus(), TrainOptions(vocab_size=300, name="a"))
    b = train(corpus(), TrainOptions(vocab_size=300, name="a"))
    assert a.digest == b.digest
    assert a.sp_proto == b.sp_proto


def test_save_and_load_round_trip(model: FluencyModel, tmp_path: Path) -> None:
    path = tmp_path / "tiny.mtfluency"
    model.save(path)
    with zipfile.ZipFile(path) as z:
        names = set(z.namelist())
        meta = json.loads(z.read("meta.json"))
    assert {"meta.json", "sentencepiece.model", "piece_keys.npy", "class_keys.npy"} <= names
    assert meta["format"] == "mtcheck/fluency" and meta["format_version"] == 1
    loaded = FluencyModel.read(path)
    texts = ["The school said that the office would open on Monday.", "Monday open the said."]
    assert np.allclose(loaded.logprob_per_piece(texts)[0], model.logprob_per_piece(texts)[0])


def test_model_is_loaded_once_per_path(model: FluencyModel, tmp_path: Path) -> None:
    path = tmp_path / "once.mtfluency"
    model.save(path)
    load_model.cache_clear()
    assert load_model(str(path)) is load_model(str(path))
    assert load_model.cache_info().hits == 1


def test_bad_model_files_are_config_errors(tmp_path: Path, model: FluencyModel) -> None:
    with pytest.raises(ModelError, match="not found"):
        FluencyModel.read(tmp_path / "missing.mtfluency")
    junk = tmp_path / "junk.mtfluency"
    junk.write_bytes(b"not a zip")
    with pytest.raises(ModelError, match="cannot read"):
        FluencyModel.read(junk)
    newer = tmp_path / "newer.mtfluency"
    with zipfile.ZipFile(newer, "w") as z:
        z.writestr("meta.json", json.dumps({"format": "mtcheck/fluency", "format_version": 99}))
    with pytest.raises(ModelError, match="newer"):
        FluencyModel.read(newer)


def test_too_little_text_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 20"):
        train(["One sentence only."])


def test_demo_model_is_built_from_package_data() -> None:
    m = load_model(fluency.DEMO_MODEL)
    assert m.name == "demo"
    assert m.meta["sentences"] >= 200


def test_class_words_are_the_function_words_plus_structure_words() -> None:
    # part of the model format: a change needs a new format version
    from mtcheck.metrics.fluency import CLASS_WORDS
    from mtcheck.metrics.words import FUNCTION_WORDS

    assert len(CLASS_WORDS) == 137
    assert {"hers", "ours", "theirs", "yours"} == FUNCTION_WORDS - CLASS_WORDS
    assert {"said", "never", "two"} <= CLASS_WORDS


def test_rule_names_the_same_demo_model_without_importing_numpy() -> None:
    import subprocess
    import sys

    from mtcheck.metrics import fluency
    from mtcheck.rules import fluency as rule

    assert rule.DEMO_MODEL == fluency.DEMO_MODEL
    code = "import sys, mtcheck.cli; print('numpy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
