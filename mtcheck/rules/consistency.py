"""Rules of family MT5xx consistency."""

from __future__ import annotations

from mtcheck.rules.base import Rule

RULES: list[Rule] = []
