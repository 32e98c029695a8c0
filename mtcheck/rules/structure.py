"""Rules of family MT6xx sentence structure."""

from __future__ import annotations

from mtcheck.rules.base import Rule

RULES: list[Rule] = []
