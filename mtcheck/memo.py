"""How many entries the per-process caches keep.

Caches keyed by a word form or a sentence make repeated work cheap: most tokens of any text
are a few thousand frequent words. Text of open vocabulary (a large crawl, names, typos, other
languages) would grow them without end, so every such cache is bounded by one of these
numbers; the frequent words, which make up most tokens, stay cached. The bounds were chosen
on a corpus of open vocabulary (``bench/open_vocabulary.py``, sentences drawn from 290,000
English words), the worst case for these caches: twice these bounds gave a peak of 746 MB
there, these 640 MB, with no measurable loss of speed on real MT output (bench/README.md).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from collections.abc import Set as AbstractSet

#: least-recently-used caches keyed by one word form (a few hundred bytes an entry)
WORDS = 16_384
#: caches keyed by a sentence or clause (longer keys)
SENTENCES = 16_384
#: tables that fill until full and are then cleared or left as they are (about 100 bytes an
#: entry): forms known safe, per-word figures
WORD_TABLES = 50_000


class TypeParts:
    """The parts of word types that a rule looks at (letter runs, pieces), worked out once per
    type in a process.

    Most types of a document have none. Those are remembered in a set, so the next document's
    types lose them in one set difference and only the few new or interesting types reach
    Python. Both tables are bounded (cleared when full), so text of any vocabulary keeps
    memory flat.
    """

    def __init__(
        self,
        parts: Callable[[str], tuple[str, ...]],
        plain_limit: int = WORD_TABLES,
        parts_limit: int = WORD_TABLES,
    ) -> None:
        self._parts = parts
        self._plain_limit = plain_limit
        self._parts_limit = parts_limit
        self._plain: set[str] = set()
        self._found: dict[str, tuple[str, ...]] = {}

    def clear(self) -> None:
        """Forget every type (benchmarks time a first sight of each type this way)."""
        self._plain.clear()
        self._found.clear()

    def of(self, types: AbstractSet[str]) -> Iterator[tuple[str, tuple[str, ...]]]:
        """(type, parts) for each of ``types`` that has parts."""
        for t in types - self._plain:
            parts = self._found.get(t)
            if parts is None:
                parts = self._parts(t)
                if not parts:
                    if len(self._plain) >= self._plain_limit:
                        self._plain.clear()
                    self._plain.add(t)
                    continue
                if len(self._found) >= self._parts_limit:
                    self._found.clear()
                self._found[t] = parts
            yield t, parts
