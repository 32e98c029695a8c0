"""Rules of family MT2xx capitals."""

from __future__ import annotations

from mtcheck.rules.base import Rule

RULES: list[Rule] = []
