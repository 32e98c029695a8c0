from __future__ import annotations

from pathlib import Path

import pytest

from mtcheck.config import find_config, read_config, resolve
from mtcheck.errors import ConfigError
from mtcheck.model import Severity


def codes(settings, path: str | None = None) -> set[str]:  # type: ignore[no-untyped-def]
    return {a.rule.code for a in settings.active_rules(path)}


def test_defaults_select_all_default_rules() -> None:
    s = resolve({}, discover=False)
    assert {"MT101", "MT301", "MT401"} <= codes(s)
    assert s.fail_on is Severity.MAJOR


def test_pyproject_discovered_upwards(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname="x"\n[tool.mtcheck]\nignore = ["MT4"]\nfail-on = "critical"\n',
        encoding="utf-8",
    )
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    assert find_config(sub) == tmp_path / "pyproject.toml"
    s = resolve({}, cwd=sub)
    assert "MT401" not in codes(s)
    assert s.fail_on is Severity.CRITICAL


def test_pyproject_without_table_is_skipped_for_mtcheck_toml_above(tmp_path: Path) -> None:
    (tmp_path / "mtcheck.toml").write_text('select = ["MT1"]\n', encoding="utf-8")
    sub = tmp_path / "proj"
    sub.mkdir()
    (sub / "pyproject.toml").write_text('[project]\nname="x"\n', encoding="utf-8")
    assert find_config(sub) == tmp_path / "mtcheck.toml"
    assert codes(resolve({}, cwd=sub)) == {
        r for r in codes(resolve({}, discover=False)) if r.startswith("MT1")
    }


def test_cli_values_override_file(tmp_path: Path) -> None:
    cfg = tmp_path / "mtcheck.toml"
    cfg.write_text('fail-on = "minor"\nselect = ["MT1"]\n', encoding="utf-8")
    s = resolve({"fail_on": Severity.CRITICAL, "select": ("MT4",)}, config_file=cfg)
    assert s.fail_on is Severity.CRITICAL
    assert codes(s) == {"MT401"} | {c for c in codes(s) if c.startswith("MT4")}


def test_unknown_key_names_nearest_valid_key(tmp_path: Path) -> None:
    cfg = tmp_path / "mtcheck.toml"
    cfg.write_text('ignroe = ["MT1"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"unknown key 'ignroe'.*did you mean 'ignore'"):
        resolve({}, config_file=cfg)


def test_unknown_rule_option_names_nearest(tmp_path: Path) -> None:
    cfg = tmp_path / "mtcheck.toml"
    cfg.write_text('[rules.MT401]\nallwo = ["ha"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"did you mean 'allow'"):
        resolve({}, config_file=cfg)


def test_bad_values_are_errors(tmp_path: Path) -> None:
    cfg = tmp_path / "mtcheck.toml"
    for body in (
        'fail-on = "sometimes"',
        'select = ["MT999"]',
        'max-findings = "x"',
        '[severity]\nMT101 = "huge"',
        "not toml [",
    ):
        cfg.write_text(body + "\n", encoding="utf-8")
        with pytest.raises(ConfigError):
            resolve({}, config_file=cfg)


def test_severity_override_longest_prefix_wins(tmp_path: Path) -> None:
    cfg = tmp_path / "mtcheck.toml"
    cfg.write_text('[severity]\nMT1 = "minor"\nMT101 = "critical"\n', encoding="utf-8")
    s = resolve({}, config_file=cfg)
    sev = {a.rule.code: a.severity for a in s.active_rules()}
    assert sev["MT101"] is Severity.CRITICAL


def test_per_path_overrides(tmp_path: Path) -> None:
    cfg = tmp_path / "mtcheck.toml"
    cfg.write_text(
        '[[overrides]]\npaths = ["legacy/*.txt"]\nignore = ["MT401"]\n'
        '[overrides.severity]\nMT101 = "minor"\n',
        encoding="utf-8",
    )
    s = resolve({}, config_file=cfg)
    assert "MT401" in codes(s, "news/a.txt")
    assert "MT401" not in codes(s, "legacy/a.txt")
    sev = {a.rule.code: a.severity for a in s.active_rules("legacy/a.txt")}
    assert sev["MT101"] is Severity.MINOR


def test_rule_options_reach_the_rule(tmp_path: Path) -> None:
    from mtcheck.api import check_text

    cfg = tmp_path / "mtcheck.toml"
    cfg.write_text('[rules.MT401]\nallow = ["sharply"]\n', encoding="utf-8")
    s = resolve({}, config_file=cfg)
    assert not check_text("Prices rose sharply sharply in May.", config=s).findings
    assert check_text("Prices rose sharply sharply in May.").findings


def test_run_wide_settings_feed_rule_options(tmp_path: Path) -> None:
    cfg = tmp_path / "mtcheck.toml"
    cfg.write_text(
        'boilerplate = ["Follow our live blog"]\n[house-spellings]\nKiev = "Kyiv"\n',
        encoding="utf-8",
    )
    s = resolve({}, config_file=cfg)
    opts = {a.rule.code: a.options for a in s.active_rules()}
    assert opts["MT701"]["extra"] == ["Follow our live blog"]
    assert opts["MT504"]["house"] == {"Kiev": "Kyiv"}
    from mtcheck.api import check_text

    r = check_text("Officials met.\nFollow our live blog\nThe talks ended in Kiev.", config=s)
    assert {f.rule for f in r.findings} >= {"MT701", "MT504"}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("lang = 'english'\n", "not a language code"),
        ("max-penalty = nan\n", "expected a finite number"),
        ("[weights]\nmajor = inf\n", "expected a non-negative number"),
        ("decode-errors = 'surrogateescape'\n", "expected one of strict, replace"),
        ("encoding = 'rot13'\n", "not a text encoding"),
        ("encoding = 'no-such-codec'\n", "unknown encoding"),
        ("[house-spellings]\n'' = 'x'\n", "an empty spelling"),
        ("[rules.MT401]\nallow = [1, 2]\n", "expected a list of strings"),
    ],
)
def test_bad_values_are_config_errors(tmp_path: Path, content: str, message: str) -> None:
    # each reached the engine and ended in an internal error, or switched every rule off
    p = tmp_path / "mtcheck.toml"
    p.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        resolve(config_file=p)


@pytest.mark.parametrize("content", ["tool = 5\n", "tool = 'mtcheck'\n"])
def test_a_pyproject_whose_tool_is_not_a_table(tmp_path: Path, content: str) -> None:
    (tmp_path / "pyproject.toml").write_text(content, encoding="utf-8")
    assert find_config(tmp_path) is None  # discovery passes it by
    with pytest.raises(ConfigError, match="'tool' is not a table"):
        read_config(tmp_path / "pyproject.toml")


def test_language_codes_are_normalised_and_checked() -> None:
    assert resolve({"lang": "EN"}, discover=False).lang == "en"
    assert resolve({"lang": "en-US"}, discover=False).lang == "en"
    assert resolve({"lang": "auto"}, discover=False).lang == "auto"
    with pytest.raises(ConfigError, match="--lang: 'english' is not a language code"):
        resolve({"lang": "english"}, discover=False)
    with pytest.raises(ConfigError, match="--max-penalty: expected a finite number"):
        resolve({"max_penalty": float("nan")}, discover=False)
