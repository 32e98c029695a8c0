"""Rules of family MT8xx language and script."""

from __future__ import annotations

from mtcheck.rules.base import Rule

RULES: list[Rule] = []
