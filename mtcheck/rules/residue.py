"""Rules of family MT7xx residue and boilerplate."""

from __future__ import annotations

from mtcheck.rules.base import Rule

RULES: list[Rule] = []
