"""Rules of family MT9xx fluency metrics."""

from __future__ import annotations

from mtcheck.rules.base import Rule

RULES: list[Rule] = []
