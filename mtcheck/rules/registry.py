"""The explicit list of rule families; a rule exists when its family module lists it."""

from __future__ import annotations

from functools import cache

from mtcheck.errors import UnknownRuleError
from mtcheck.rules import (
    brackets,
    capitals,
    consistency,
    fluency,
    language,
    repetition,
    residue,
    spacing,
    structure,
)
from mtcheck.rules.base import Rule

FAMILIES: dict[str, str] = {
    "MT1": "spacing and joins",
    "MT2": "capitals",
    "MT3": "brackets and quotes",
    "MT4": "repetition",
    "MT5": "consistency",
    "MT6": "sentence structure",
    "MT7": "residue and boilerplate",
    "MT8": "language and script",
    "MT9": "fluency metrics",
}

_MODULES = (
    spacing,
    capitals,
    brackets,
    repetition,
    consistency,
    structure,
    residue,
    language,
    fluency,
)


@cache
def all_rules() -> tuple[Rule, ...]:
    rules = [r for m in _MODULES for r in m.RULES]
    seen: dict[str, str] = {}
    for r in rules:
        for key in (r.code, r.name):
            if key in seen:
                raise RuntimeError(f"duplicate rule {key}")
            seen[key] = r.code
    return tuple(sorted(rules, key=lambda r: r.code))


def get(code_or_name: str) -> Rule:
    key = code_or_name.strip()
    for r in all_rules():
        if key.upper() == r.code or key.lower() == r.name:
            return r
    raise UnknownRuleError(f"unknown rule {code_or_name!r}")


def matching(selector: str) -> list[Rule]:
    """Rules whose code starts with ``selector`` (``MT1``, ``MT101``) or whose name equals it."""
    key = selector.strip()
    found = [r for r in all_rules() if r.code.startswith(key.upper()) or r.name == key.lower()]
    if not found and key.upper() != "ALL":
        raise UnknownRuleError(f"no rule matches {selector!r}")
    return found if found else list(all_rules())
