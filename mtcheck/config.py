"""Settings: found once, validated strictly, frozen, and passed explicitly.

Sources, later ones winning: built-in defaults; ``[tool.mtcheck]`` in ``pyproject.toml`` or the
top level of ``mtcheck.toml`` (the nearest one walking up from the working directory, or the file
named by ``--config``); command-line flags. An unknown key is an error that names the nearest
valid key.
"""

from __future__ import annotations

import codecs
import copyreg
import difflib
import fnmatch
import math
import re
import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar

from mtcheck.errors import ConfigError, UnknownRuleError
from mtcheck.model import Severity
from mtcheck.rules import registry
from mtcheck.rules.base import Rule

CONFIG_FILES = ("mtcheck.toml", "pyproject.toml")

T = TypeVar("T")


@dataclass(frozen=True)
class PathOverride:
    """Rule selection and severities that apply to files matching ``paths`` globs."""

    paths: tuple[str, ...]
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)

    def matches(self, path: str | None) -> bool:
        return path_matches(path, self.paths)


def path_matches(path: str | None, globs: Sequence[str]) -> bool:
    """Whether ``path`` matches one of ``globs`` as written or below any folder, so that
    ``docs/*.txt`` matches ``docs/a.txt`` given as it is or under an absolute path alike."""
    if path is None:
        return False
    p = path.replace("\\", "/")
    return any(fnmatch.fnmatch(p, g) or fnmatch.fnmatch(p, f"*/{g}") for g in globs)


@dataclass(frozen=True)
class PhraseSuppression:
    """Suppress rules (all when ``rules`` is empty) wherever the finding's evidence contains
    ``phrase``, in files matching ``paths`` (all when empty). ``rules`` holds rule codes: the
    codes, prefixes and names the config gave, expanded."""

    phrase: str
    rules: tuple[str, ...] = ()
    paths: tuple[str, ...] = ()

    def applies(self, code: str, path: str | None) -> bool:
        """Whether the suppression covers rule ``code``'s findings in the file ``path``."""
        if self.rules and code not in self.rules:
            return False
        return not self.paths or path_matches(path, self.paths)


@dataclass(frozen=True)
class ActiveRule:
    rule: Rule
    severity: Severity
    options: Mapping[str, Any]


def _rule_by_code(code: str) -> Rule:
    return registry.get(code)


def _read_only(d: dict[Any, Any]) -> Mapping[Any, Any]:
    return MappingProxyType(d)


def _proxy(m: MappingProxyType[Any, Any]) -> tuple[Any, tuple[dict[Any, Any]]]:
    return _read_only, (dict(m),)


# Settings travel to worker processes and cluster nodes (--jobs, --dask): rules pickle as a
# registry lookup by code (their check functions are not importable by name) and read-only
# mappings as their contents.
copyreg.pickle(MappingProxyType, _proxy)
copyreg.pickle(Rule, lambda r: (_rule_by_code, (r.code,)))


@dataclass(frozen=True)
class Settings:
    select: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    rules: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    overrides: tuple[PathOverride, ...] = ()
    suppress: tuple[PhraseSuppression, ...] = ()
    fail_on: Severity | None = Severity.MAJOR
    max_findings: int | None = None
    max_penalty: float | None = None
    #: whether --max-penalty applies to the whole run or to each document
    penalty_scope: str = "run"
    exit_zero: bool = False
    report_unused_suppressions: bool = False
    lang: str = "auto"
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    text_field: str = "text"
    id_field: str | None = None
    reference_field: str | None = None
    lines: bool = False
    #: worker processes; None: the caller's default (the command line: one per core; the
    #: library's ``parallel.scan``: this process only)
    jobs: int | None = None
    max_file_size: int = 50 * 1024 * 1024
    encoding: str = "utf-8"
    #: how undecodable bytes are handled: "strict" (an input error) or "replace"
    decode_errors: str = "strict"
    #: skipped inputs (binary files, FIFOs, devices, sockets) are input errors, not notices
    strict: bool = False
    #: names that are legitimately similar and must never be merged, as groups
    distinct_names: tuple[tuple[str, ...], ...] = ()
    #: preferred spellings: variant -> house spelling
    house_spellings: Mapping[str, str] = field(default_factory=dict)
    #: extra scraper-boilerplate lines to flag (exact, case-insensitive)
    boilerplate: tuple[str, ...] = ()
    #: weights for the MQM-style penalty per severity
    weights: Mapping[str, float] = field(
        default_factory=lambda: MappingProxyType({"minor": 1.0, "major": 5.0, "critical": 25.0})
    )
    fluency_model: str | None = None
    #: reference translations, one per line, aligned with the lines of a --lines input
    reference: str | None = None
    #: without a fluency model, fit one on the run itself when it holds enough text
    run_fluency: bool = False
    config_path: str | None = None
    #: values derived from the settings, computed once per settings object: the resolved rule
    #: sets, keyed by the combination of matching path overrides (a tuple), and others keyed
    #: by name (see :meth:`derived`). Not an init field, so that ``dataclasses.replace``
    #: gives the copy a cache of its own.
    _derived: dict[object, Any] = field(default_factory=dict, init=False, compare=False, repr=False)

    def active_rules(self, path: str | None = None) -> tuple[ActiveRule, ...]:
        """The rules to run on a document at ``path``, with severities and options resolved."""
        key = tuple(i for i, o in enumerate(self.overrides) if o.matches(path))
        return _resolve_rules(self, key)

    def with_(self, **changes: Any) -> Settings:
        return replace(self, **changes)

    def derived(self, name: str, make: Callable[[Settings], T]) -> T:
        """``make(self)``, computed once per settings object: a value that depends on the
        settings alone, such as the report signature, asked for once per run (and a run may be
        one short text checked through the Python API)."""
        try:
            return self._derived[name]
        except KeyError:
            value = self._derived[name] = make(self)
            return value


def _expand(selectors: Sequence[str]) -> set[str]:
    codes: set[str] = set()
    for s in selectors:
        try:
            codes.update(r.code for r in registry.matching(s))
        except UnknownRuleError as e:
            raise ConfigError(str(e)) from None
    return codes


def _severity_for(code: str, table: Mapping[str, Severity]) -> Severity | None:
    # the longest matching prefix wins, so MT1 = "minor" with MT101 = "major" works
    best: tuple[int, Severity] | None = None
    for sel, sev in table.items():
        r = registry.get(code)
        if code.startswith(sel.upper()) or sel.lower() == r.name:
            n = len(sel) if sel.upper().startswith("MT") else 99
            if best is None or n > best[0]:
                best = (n, sev)
    return best[1] if best else None


#: rule option -> Settings field that supplies its default (distinct names, house spellings)
#: run-wide settings that feed the rule option of the same meaning, unless the rule's own
#: [rules.CODE] table sets it: option name -> (settings attribute, conversion)
_SETTING_OPTIONS: dict[str, tuple[str, Any]] = {
    "distinct": ("distinct_names", lambda v: [list(g) for g in v]),
    "house": ("house_spellings", dict),
    "extra": ("boilerplate", list),
    "model": ("fluency_model", str),
}


def _resolve_rules(settings: Settings, override_key: tuple[int, ...]) -> tuple[ActiveRule, ...]:
    cached: tuple[ActiveRule, ...] | None = settings._derived.get(override_key)
    if cached is not None:
        return cached
    if settings.select:
        chosen = _expand(settings.select)
    else:
        chosen = {r.code for r in registry.all_rules() if r.default_enabled}
    chosen |= _expand(settings.extend_select)
    chosen -= _expand(settings.ignore)
    severity = dict(settings.severity)
    for i in override_key:
        o = settings.overrides[i]
        chosen |= _expand(o.select)
        chosen -= _expand(o.ignore)
        severity.update(o.severity)
    out = []
    for r in registry.all_rules():
        if r.code not in chosen:
            continue
        opts = r.default_options()
        for opt, (attr, convert) in _SETTING_OPTIONS.items():
            value = getattr(settings, attr)
            if opt in opts and value:
                opts[opt] = convert(value)
        opts.update(settings.rules.get(r.code, {}))
        sev = _severity_for(r.code, severity) or r.severity
        out.append(ActiveRule(r, sev, MappingProxyType(opts)))
    result = tuple(out)
    settings._derived[override_key] = result
    return result


# ---------------------------------------------------------------------------------------------
# Reading configuration files

_FIELD_NAMES = {f.name for f in fields(Settings) if not f.name.startswith("_")} - {"config_path"}
_KEYS = sorted(k.replace("_", "-") for k in _FIELD_NAMES)


def _suggest(key: str, valid: Sequence[str]) -> str:
    near = difflib.get_close_matches(key, list(valid), n=1, cutoff=0.5)
    return f" (did you mean {near[0]!r}?)" if near else ""


def _str_tuple(value: Any, key: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise ConfigError(f"{key}: expected a string or a list of strings")


def _severity_table(value: Any, key: str) -> dict[str, Severity]:
    if not isinstance(value, dict):
        raise ConfigError(f"{key}: expected a table of rule = severity")
    out = {}
    for sel, sev in value.items():
        _expand([sel])
        try:
            out[sel] = Severity.parse(str(sev))
        except ValueError as e:
            raise ConfigError(f"{key}.{sel}: {e}") from None
    return out


def _fail_on(value: Any, key: str) -> Severity | None:
    if str(value).lower() == "never":
        return None
    try:
        return Severity.parse(str(value))
    except ValueError:
        raise ConfigError(f"{key}: expected minor, major, critical or never") from None


def _rule_options(value: Any, key: str) -> dict[str, Mapping[str, Any]]:
    if not isinstance(value, dict):
        raise ConfigError(f"{key}: expected a table per rule code")
    out: dict[str, Mapping[str, Any]] = {}
    for sel, opts in value.items():
        try:
            r = registry.get(sel)
        except UnknownRuleError as e:
            raise ConfigError(f"{key}: {e}") from None
        if not isinstance(opts, dict):
            raise ConfigError(f"{key}.{sel}: expected a table of options")
        valid = [o.name for o in r.options]
        defaults = r.default_options()
        for name, v in opts.items():
            norm = name.replace("-", "_")
            if norm not in valid:
                raise ConfigError(
                    f"{key}.{sel}: unknown option {name!r}{_suggest(norm, valid)}"
                    + ("" if valid else f"; {r.code} has no options")
                )
            d = defaults[norm]
            if (
                d is not None
                and not isinstance(v, type(d))
                and not (isinstance(d, float) and isinstance(v, int))
            ):
                raise ConfigError(f"{key}.{sel}.{name}: expected {type(d).__name__}")
            if isinstance(v, list) and not all(isinstance(x, str | list) for x in v):
                # word lists (allow = [...]) hold words, distinct names hold lists of them
                raise ConfigError(f"{key}.{sel}.{name}: expected a list of strings")
            if isinstance(v, float) and not math.isfinite(v):
                raise ConfigError(f"{key}.{sel}.{name}: expected a finite number")
        out[r.code] = MappingProxyType({n.replace("-", "_"): v for n, v in opts.items()})
    return out


def _overrides(value: Any, key: str) -> tuple[PathOverride, ...]:
    if not isinstance(value, list):
        raise ConfigError(f"{key}: expected an array of tables ([[{key}]])")
    out = []
    valid = ("paths", "select", "ignore", "severity")
    for i, item in enumerate(value):
        if not isinstance(item, dict):
            raise ConfigError(f"{key}[{i}]: expected a table")
        for k in item:
            if k not in valid:
                raise ConfigError(f"{key}[{i}]: unknown key {k!r}{_suggest(k, valid)}")
        if "paths" not in item:
            raise ConfigError(f"{key}[{i}]: 'paths' is required")
        out.append(
            PathOverride(
                paths=_str_tuple(item["paths"], f"{key}[{i}].paths"),
                select=_str_tuple(item.get("select", []), f"{key}[{i}].select"),
                ignore=_str_tuple(item.get("ignore", []), f"{key}[{i}].ignore"),
                severity=MappingProxyType(
                    _severity_table(item.get("severity", {}), f"{key}[{i}].severity")
                ),
            )
        )
    for o in out:
        _expand(o.select)
        _expand(o.ignore)
    return tuple(out)


def _suppress(value: Any, key: str) -> tuple[PhraseSuppression, ...]:
    if not isinstance(value, list):
        raise ConfigError(f"{key}: expected an array of tables ([[{key}]])")
    out = []
    valid = ("phrase", "rules", "paths")
    for i, item in enumerate(value):
        if not isinstance(item, dict) or "phrase" not in item:
            raise ConfigError(f"{key}[{i}]: expected a table with a 'phrase'")
        for k in item:
            if k not in valid:
                raise ConfigError(f"{key}[{i}]: unknown key {k!r}{_suggest(k, valid)}")
        # codes, prefixes and names alike become the codes they select
        rules = tuple(sorted(_expand(_str_tuple(item.get("rules", []), f"{key}[{i}].rules"))))
        out.append(
            PhraseSuppression(
                str(item["phrase"]), rules, _str_tuple(item.get("paths", []), f"{key}[{i}].paths")
            )
        )
    return tuple(out)


def _groups(value: Any, key: str) -> tuple[tuple[str, ...], ...]:
    if not isinstance(value, list) or not all(
        isinstance(g, list) and all(isinstance(s, str) for s in g) for g in value
    ):
        raise ConfigError(f"{key}: expected a list of lists of names")
    return tuple(tuple(g) for g in value)


def _str_map(value: Any, key: str) -> Mapping[str, str]:
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise ConfigError(f"{key}: expected a table of strings")
    if any(not k.strip() or not v.strip() for k, v in value.items()):
        raise ConfigError(f"{key}: an empty spelling")
    return MappingProxyType(dict(value))


def _weights(value: Any, key: str) -> Mapping[str, float]:
    if not isinstance(value, dict):
        raise ConfigError(f"{key}: expected a table of severity = weight")
    out = {"minor": 1.0, "major": 5.0, "critical": 25.0}
    for k, v in value.items():
        if k not in out:
            raise ConfigError(f"{key}: unknown severity {k!r}{_suggest(k, list(out))}")
        if not isinstance(v, int | float) or not math.isfinite(v) or v < 0:
            raise ConfigError(f"{key}.{k}: expected a non-negative number")
        out[k] = float(v)
    return MappingProxyType(out)


def _choice(*options: str) -> Any:
    def parse(value: Any, key: str) -> str:
        if value not in options:
            raise ConfigError(f"{key}: expected one of {', '.join(options)}")
        return str(value)

    return parse


def _finite(value: Any, key: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ConfigError(f"{key}: expected a finite number")
    return float(value)


_LANGUAGE_RE = re.compile(r"[a-z]{2,3}")


def _language(value: Any, key: str) -> str:
    """A language code (en, de; en-US and EN mean en) or auto; anything else would switch
    every rule off without a word."""
    if not isinstance(value, str):
        raise ConfigError(f"{key}: expected a language code such as en, or auto")
    v = value.strip().lower()
    if v == "auto":
        return v
    primary = re.split(r"[-_]", v, maxsplit=1)[0]
    if not _LANGUAGE_RE.fullmatch(primary):
        raise ConfigError(f"{key}: {value!r} is not a language code (such as en or de) or auto")
    return primary


def _encoding(value: Any, key: str) -> str:
    if not isinstance(value, str):
        raise ConfigError(f"{key}: expected an encoding name")
    try:
        info = codecs.lookup(value)
    except LookupError:
        raise ConfigError(f"{key}: unknown encoding {value!r}") from None
    if not getattr(info, "_is_text_encoding", True):
        raise ConfigError(f"{key}: {value!r} is not a text encoding")
    return value


def _typed(kind: type) -> Any:
    def parse(value: Any, key: str) -> Any:
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            return float(value)
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise ConfigError(f"{key}: expected {kind.__name__}")
        return value

    return parse


def _jobs(value: Any, key: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ConfigError(f"{key}: expected a number of worker processes (1 or more)")
    return value


def _size(value: Any, key: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ConfigError(f"{key}: expected a number of bytes (0 or more)")
    return value


_PARSERS: dict[str, Any] = {
    "select": _str_tuple,
    "extend_select": _str_tuple,
    "ignore": _str_tuple,
    "severity": lambda v, k: MappingProxyType(_severity_table(v, k)),
    "rules": lambda v, k: MappingProxyType(_rule_options(v, k)),
    "overrides": _overrides,
    "suppress": _suppress,
    "fail_on": _fail_on,
    "max_findings": _typed(int),
    "max_penalty": _finite,
    "penalty_scope": _choice("run", "document"),
    "exit_zero": _typed(bool),
    "report_unused_suppressions": _typed(bool),
    "lang": _language,
    "include": _str_tuple,
    "exclude": _str_tuple,
    "text_field": _typed(str),
    "id_field": _typed(str),
    "reference_field": _typed(str),
    "lines": _typed(bool),
    "jobs": _jobs,
    "max_file_size": _size,
    "encoding": _encoding,
    "decode_errors": _choice("strict", "replace"),
    "strict": _typed(bool),
    "distinct_names": _groups,
    "house_spellings": _str_map,
    "boilerplate": _str_tuple,
    "weights": _weights,
    "fluency_model": _typed(str),
    "reference": _typed(str),
    "run_fluency": _typed(bool),
}
assert set(_PARSERS) == _FIELD_NAMES, sorted(set(_PARSERS) ^ _FIELD_NAMES)


def parse_table(table: Mapping[str, Any], origin: str) -> dict[str, Any]:
    """Validate a configuration table into Settings field values."""
    values: dict[str, Any] = {}
    for raw_key, value in table.items():
        key = raw_key.replace("-", "_")
        if key not in _PARSERS:
            raise ConfigError(
                f"{origin}: unknown key {raw_key!r}{_suggest(raw_key.replace('_', '-'), _KEYS)}"
            )
        values[key] = _PARSERS[key](value, f"{origin}: {raw_key}")
    return values


def find_config(start: Path) -> Path | None:
    """The nearest mtcheck.toml, or pyproject.toml with a [tool.mtcheck] table, upwards."""
    for d in (start, *start.parents):
        for name in CONFIG_FILES:
            p = d / name
            if not p.is_file():
                continue
            if name == "mtcheck.toml":
                return p
            try:
                data = tomllib.loads(p.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
                continue
            tool = data.get("tool", {})
            if isinstance(tool, dict) and "mtcheck" in tool:
                return p
    return None


def read_config(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: configuration file not found") from None
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"{path}: cannot read configuration: {e}") from None
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{path}: invalid TOML: {e}") from None
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        if not isinstance(tool, dict):
            raise ConfigError(f"{path}: 'tool' is not a table")
        table = tool.get("mtcheck", {})
        origin = f"{path} [tool.mtcheck]"
    else:
        table = data
        origin = str(path)
    if not isinstance(table, dict):
        raise ConfigError(f"{origin}: expected a table")
    return parse_table(table, origin)


#: settings whose typed command-line values are checked as a config file's are: a negative
#: size, a language that is no code, a non-finite penalty, an unknown encoding
_CHECKED_VALUES = frozenset({"max_file_size", "lang", "max_penalty", "encoding", "jobs"})


def resolve(
    cli: Mapping[str, Any] | None = None,
    config_file: Path | None = None,
    cwd: Path | None = None,
    discover: bool = True,
) -> Settings:
    """Build the one Settings object for a run: defaults, then the config file, then ``cli``.

    ``cli`` holds already-typed values keyed by Settings field name; None values are ignored.
    """
    values: dict[str, Any] = {}
    path = config_file
    if path is None and discover:
        path = find_config((cwd or Path.cwd()).resolve())
    if path is not None:
        values.update(read_config(path))
        values["config_path"] = str(path)
    for k, v in (cli or {}).items():
        if v is None:
            continue
        if k not in _FIELD_NAMES:
            raise ConfigError(f"unknown setting {k!r}")
        if k in _CHECKED_VALUES:  # typed by the caller, but not every value of the type means
            v = _PARSERS[k](v, "--" + k.replace("_", "-"))
        values[k] = v
    settings = Settings(**values)
    # validate selectors now, so a typo fails before any file is read
    settings.active_rules(None)
    for o in settings.overrides:
        _expand(o.select)
    return settings
